/**
 * @module Reading a report from lines laid out like a scraped portal page (../shared/seed): the portal's
 * header and footer around it, one heading, paragraph or table cell per line. Plain text is read
 * directly; HTML, PDF and DOCX readers turn their documents into such lines first.
 */

import { formatForYear } from '../../domain/report/format.js';
import { SECTION_NUMBERS, type SectionNumber, sectionTitle } from '../../domain/report/labels.js';
import type { AnnualReport } from '../../domain/report/model.js';
import type { Finding } from '../../domain/report/validation/finding.js';
import { finding } from '../../domain/report/validation/make-finding.js';
import type { TextEncoding } from '../decode.js';
import { type ReadResult, type ReportShape, readError } from '../read-result.js';
import {
  chineseDateLine,
  FOOTER_LINE,
  findHeading,
  findPublishedLabel,
  findSectionTitles,
} from './find-sections.js';
import {
  detectFormat,
  readProactive,
  readRequests,
  readReview,
  TableReadError,
  type UnmappedLabel,
} from './read-tables.js';
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
  const lines = toTextLines(source);
  const heading = findHeading(lines);
  if (!heading) {
    return readError(
      'read.not-a-report',
      '未找到“××××年政府信息公开工作年度报告”标题，这不是一份政府信息公开工作年度报告 (no annual report heading found)',
      lines[0]?.line,
    );
  }
  const titles = findSectionTitles(lines, heading.index + 1);
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

  const tableLines = [...region('二'), ...region('三')];
  const format = detectFormat(tableLines) ?? formatForYear(heading.year);
  const unmapped: UnmappedLabel[] = [];
  let tables: Pick<AnnualReport, 'proactive' | 'requests' | 'reviewLitigation'>;
  try {
    tables = {
      proactive: readProactive(region('二'), format, unmapped),
      requests: readRequests(region('三'), format, unmapped),
      reviewLitigation: readReview(region('四'), unmapped),
    };
  } catch (e) {
    if (e instanceof TableReadError)
      return readError(e.truncated ? 'read.truncated' : 'read.bad-table', e.message, e.line);
    throw e;
  }

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
  return { ok: true, report, notes: unmapped.map(unmappedNote), ...origin };
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
    paragraphs.push(line.text);
  }
  return { paragraphs: paragraphs.join('\n') };
}

function unmappedNote(u: UnmappedLabel): Finding {
  return finding(
    'read.unmapped-label',
    `第 ${u.line} 行：第${u.section}部分表格中的“${u.text}”无法对应到官方格式的行或表头`,
    `Line ${u.line}: "${u.text}" in section ${u.section} maps to no row or header of the national format`,
    [{ section: u.section, row: '?', column: '?' }],
    { found: u.text },
  );
}
