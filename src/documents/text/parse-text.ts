/**
 * @module Reading a report from lines laid out like a scraped portal page (../shared/seed): the portal's
 * header and footer around it, one heading, paragraph or table cell per line. Plain text is read
 * directly; HTML, PDF and DOCX readers turn their documents into such lines first.
 */

import { formatForYear } from '../../domain/report/format.js';
import { SECTION_NUMBERS, type SectionNumber, sectionTitle } from '../../domain/report/labels.js';
import type { AnnualReport } from '../../domain/report/model.js';
import type { Finding } from '../../domain/report/validation/finding.js';
import type { TextEncoding } from '../decode.js';
import { type ReadResult, type ReportShape, readError } from '../read-result.js';
import {
  chineseDateLine,
  FOOTER_LINE,
  findHeading,
  findPublishedLabel,
  findSectionTitles,
  PAGE_TAIL,
  splitAtSectionTitles,
} from './find-sections.js';
import { detectFormat, readProactive, readRequests, readReview, SECTION_ANCHORS } from './read-tables.js';
import { tableTokens } from './table-tokens.js';
import { type SourceLine, sourceLinesOf, type TextLine, toTextLines } from './text-lines.js';

const sectionName = (s: SectionNumber) => sectionTitle('2021', s);

/** A plain-text report (UTF-8 or already decoded). */
export function parseTextReport(text: string, encoding: TextEncoding = 'utf-8'): ReadResult {
  return readReportLines(sourceLinesOf(text), { shape: 'text', encoding });
}

/** Reads a report from the lines of any shape: the reader every shape ends in. */
export function readReportLines(
  source: readonly SourceLine[],
  origin: { readonly shape: ReportShape; readonly encoding?: TextEncoding },
): ReadResult {
  let lines = toTextLines(source);
  const heading = findHeading(lines);
  if (!heading) {
    return readError(
      'read.not-a-report',
      '未找到“××××年政府信息公开工作年度报告”标题，这不是一份政府信息公开工作年度报告 (no annual report heading found)',
      lines[0]?.line,
    );
  }
  let titles = findSectionTitles(lines, heading.index + 1);
  if (SECTION_NUMBERS.some((s) => titles[s] === undefined)) {
    // A page scraped onto few lines: cut the titles out of the lines that hold them.
    lines = splitAtSectionTitles(lines);
    const again = findHeading(lines)!;
    titles = findSectionTitles(lines, again.index);
  }
  const missing = SECTION_NUMBERS.filter((s) => titles[s] === undefined);
  if (missing.length === SECTION_NUMBERS.length) {
    return readError(
      'read.not-a-report',
      `第 ${lines[heading.index]!.line} 行有年度报告标题，但全文没有“一、总体情况”等六个部分 (no sections found)`,
      lines[heading.index]!.line,
    );
  }
  if (missing.length > 0) {
    const lastFound = SECTION_NUMBERS.filter((s) => titles[s] !== undefined).at(-1)!;
    const last = lines[lines.length - 1]!;
    // The text stops before the remaining sections: a page cut off, not a report with a section missing.
    if (SECTION_NUMBERS.indexOf(missing[0]!) > SECTION_NUMBERS.indexOf(lastFound)) {
      return readError(
        'read.truncated',
        `第 ${last.line} 行后内容中断：缺少“${sectionName(missing[0]!)}”及以后部分 (report is cut off)`,
        last.line,
      );
    }
    return readError(
      'read.missing-section',
      `未找到“${sectionName(missing[0]!)}”部分的标题 (section missing)`,
      lines[titles[lastFound]!]!.line,
    );
  }

  const region = (s: SectionNumber): TextLine[] => {
    const i = SECTION_NUMBERS.indexOf(s);
    const end = i + 1 < SECTION_NUMBERS.length ? titles[SECTION_NUMBERS[i + 1]!]! : lines.length;
    return lines.slice(titles[s]! + 1, end);
  };

  const tokens = {
    二: tableTokens(region('二'), SECTION_ANCHORS.二),
    三: tableTokens(region('三'), SECTION_ANCHORS.三),
    四: tableTokens(region('四'), SECTION_ANCHORS.四),
  };
  const format = detectFormat([...tokens.二, ...tokens.三]) ?? formatForYear(heading.year);
  const notes: Finding[] = [];
  const tables = {
    proactive: readProactive(tokens.二, format, notes),
    requests: readRequests(tokens.三, format, notes),
    reviewLitigation: readReview(tokens.四, notes),
  };

  const { paragraphs: otherMatters, signatureDate } = closingSection(region('六'), heading.agency);
  const report: AnnualReport = {
    year: heading.year,
    format,
    agency: heading.agency,
    publishedOn: findPublishedLabel(lines, titles.一!) ?? signatureDate ?? null,
    text: {
      overview: region('一')
        .map((l) => l.text)
        .join('\n'),
      problems: region('五')
        .map((l) => l.text)
        .join('\n'),
      otherMatters,
    },
    ...tables,
  };
  return { ok: true, report, notes, ...origin };
}

/** Section 六 runs until the signature (the agency's name, then a date) or the portal's footer. */
function closingSection(
  lines: readonly TextLine[],
  agency: string,
): { paragraphs: string; signatureDate?: string } {
  const paragraphs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text === agency || FOOTER_LINE.test(line.text)) {
      const next = lines[i + 1];
      const date = line.text === agency && next ? chineseDateLine(next) : undefined;
      return date
        ? { paragraphs: paragraphs.join('\n'), signatureDate: date }
        : { paragraphs: paragraphs.join('\n') };
    }
    const date = chineseDateLine(line);
    if (date) return { paragraphs: paragraphs.join('\n'), signatureDate: date };
    const tail = PAGE_TAIL.exec(line.text);
    if (tail) {
      const before = line.text.slice(0, tail.index).trim();
      if (before !== '') paragraphs.push(before);
      return { paragraphs: paragraphs.join('\n') };
    }
    paragraphs.push(line.text);
  }
  return { paragraphs: paragraphs.join('\n') };
}
