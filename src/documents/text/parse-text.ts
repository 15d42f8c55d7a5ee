/**
 * @module Reading a report from lines laid out like a scraped portal page (../shared/seed): the portal's
 * header and footer around it, one heading, paragraph or table cell per line. Plain text is read
 * directly; HTML, PDF and DOCX readers turn their documents into such lines first.
 */

import { formatForYear } from '../../domain/report/format.js';
import { SECTION_NUMBERS, type SectionNumber, sectionTitle } from '../../domain/report/labels.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { packedMap } from '../../domain/report/packed-map.js';
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
  type Heading,
  inferHeading,
  PAGE_TAIL,
  STATED_PERIOD,
  splitAtSectionTitles,
  withImpliedTitles,
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
  let heading = findHeading(lines);
  // A page that prints no section titles at all: its tables say where the sections begin.
  const implied = withImpliedTitles(lines, heading?.index ?? -1);
  if (implied) lines = implied.lines;
  heading ??= inferHeading(lines);
  if (!heading) {
    // Perhaps a page scraped onto few lines, its section titles inside them.
    const split = splitAtSectionTitles(lines);
    heading = inferHeading(split);
    if (heading) lines = split;
  }
  if (!heading) {
    return readError(
      'read.not-a-report',
      '既未找到“××××年政府信息公开工作年度报告”标题，也未找到“一、总体情况”和年报的表格，这不是一份政府信息公开工作年度报告 (neither an annual report heading nor its sections and tables found)',
      lines[0]?.line,
    );
  }
  let titles = findSectionTitles(lines, heading.index + 1);
  if (SECTION_NUMBERS.some((s) => titles[s] === undefined)) {
    // A page scraped onto few lines: cut the titles out of the lines that hold them.
    lines = splitAtSectionTitles(lines);
    // Lines before the heading may have been cut too: every index from here on is of the new lines.
    heading = (findHeading(lines) ?? inferHeading(lines))!;
    titles = findSectionTitles(lines, Math.max(0, heading.index));
  }
  const found = SECTION_NUMBERS.filter((s) => titles[s] !== undefined);
  if (found.length === 0) {
    return readError(
      'read.not-a-report',
      `第 ${lines[heading.index]!.line} 行有年度报告标题，但全文没有“一、总体情况”等六个部分 (no sections found)`,
      lines[heading.index]!.line,
    );
  }
  const missing = SECTION_NUMBERS.filter((s) => titles[s] === undefined);
  const inPageOrder = [...found].sort((a, b) => titles[a]! - titles[b]!);
  const lastNumbered = found.at(-1)!;
  // The text stops before section 五 with every later section absent: a page cut off, not a report
  // that left a section out. What precedes the cut is still read, for the auditor to show.
  const cutOff =
    missing.length > 0 &&
    missing.every((m) => SECTION_NUMBERS.indexOf(m) > SECTION_NUMBERS.indexOf(lastNumbered)) &&
    SECTION_NUMBERS.indexOf(lastNumbered) < SECTION_NUMBERS.indexOf('五');
  // Pushed onto an array literal, not spread into one: spread, a page without notes gives an array of
  // another shape (small integers) than one with them, and the readers that push onto it below would be
  // deoptimised and compiled again when the first note of a kind arrives.
  const notes: Finding[] = [];
  notes.push(...inferredAgency(heading, lines));
  if (implied) notes.push(impliedTitles(implied.implied));
  for (const section of missing) notes.push(missingSection(section));
  notes.push(...sectionOrder(inPageOrder));

  /** A section's lines: from its title to the next title on the page. */
  const region = (s: SectionNumber): TextLine[] => {
    const at = titles[s];
    if (at === undefined) return [];
    const next = packedMap(inPageOrder, (t) => titles[t]!).find((p) => p > at) ?? lines.length;
    return lines.slice(at + 1, next);
  };

  const tokens = {
    二: tableTokens(region('二'), SECTION_ANCHORS.二),
    三: tableTokens(region('三'), SECTION_ANCHORS.三),
    四: tableTokens(region('四'), SECTION_ANCHORS.四),
  };
  const format = detectFormat([...tokens.二, ...tokens.三]) ?? formatForYear(heading.year);
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
    publishedOn: findPublishedLabel(lines, titles[inPageOrder[0]!]!) ?? signatureDate ?? null,
    text: {
      overview: packedMap(region('一'), (l) => l.text).join('\n'),
      problems: packedMap(region('五'), (l) => l.text).join('\n'),
      otherMatters,
    },
    ...tables,
  };
  const preamble = lines.slice(Math.max(0, heading.index), titles[inPageOrder[0]!]!);
  notes.push(...statedPeriod([...preamble, ...region('一')], report.year));
  if (cutOff) {
    const last = lines[lines.length - 1]!;
    const message = `第 ${last.line} 行后内容中断：缺少“${sectionName(missing[0]!)}”及以后部分 (report is cut off)`;
    const cut = finding(
      'read.truncated',
      message,
      `The text ends at line ${last.line}, before section ${missing[0]}`,
      [{ section: lastNumbered, row: '*', column: '*' }],
    );
    return {
      ok: false,
      error: {
        code: 'read.truncated',
        message,
        line: last.line,
        partial: { report, notes: [cut, ...notes] },
      },
    };
  }
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

/** A note that the title did not name the agency, and where its name was taken from. */
const AGENCY_SOURCES: Readonly<
  Record<Exclude<Heading['agencyFrom'], 'unknown' | undefined>, readonly [string, string]>
> = {
  'previous-lines': ['标题上方的一两行', 'the lines above the title'],
  'source-line': ['页面的“来源/发布机构”', 'the page’s source line'],
  body: ['“一、总体情况”的正文', 'the text of section 一'],
};
const YEAR_SOURCES: Readonly<Record<NonNullable<Heading['yearFrom']>, readonly [string, string]>> = {
  period: ['报告所述的统计期限', 'the statistical period it states'],
  body: ['“一、总体情况”的正文', 'the text of section 一'],
  published: ['发布日期的上一年', 'the year before its publication'],
};

/** Notes that the title did not say the agency or the year (or there was none), and where each came from. */
function inferredAgency(heading: Heading, lines: readonly TextLine[]): Finding[] {
  const notes: Finding[] = [];
  const line = lines[heading.index]?.line;
  const untitled = heading.yearFrom !== undefined || line === undefined;
  const title = untitled ? '页面没有年度报告标题，' : `第 ${line} 行的标题未写明机关名称，`;
  if (heading.agencyFrom === 'unknown') {
    notes.push(
      finding(
        'read.inferred',
        `${title}页面${untitled ? '也未写明机关名称' : '其他地方也未写明'}，机关名称不详`,
        'The page names no agency anywhere: the agency is unknown',
        [],
      ),
    );
  } else if (heading.agencyFrom !== undefined) {
    const [zh, en] = AGENCY_SOURCES[heading.agencyFrom];
    notes.push(
      finding(
        'read.inferred',
        `${title}机关名称取自${zh}：${heading.agency}`,
        `The agency is not in a title; taken from ${en}: ${heading.agency}`,
        [],
      ),
    );
  }
  if (heading.yearFrom !== undefined) {
    const [zh, en] = YEAR_SOURCES[heading.yearFrom];
    notes.push(
      finding(
        'read.inferred',
        `页面没有年度报告标题，年度取自${zh}：${heading.year} 年度`,
        `The year is not in a title; taken from ${en}: ${heading.year}`,
        [],
      ),
    );
  }
  return notes;
}

/** A note that the page printed no section titles, and which were placed by its tables. */
function impliedTitles(sections: readonly SectionNumber[]): Finding {
  return finding(
    'read.inferred',
    `页面没有${sections.map((s) => `“${sectionName(s)}”`).join('')}等部分标题，按表格的位置划分各部分`,
    `The page prints no section titles; sections ${sections.join(', ')} were placed where its tables begin`,
    [],
  );
}

function missingSection(section: SectionNumber): Finding {
  return finding(
    'read.missing-section',
    `未找到“${sectionName(section)}”部分，该部分内容未读取`,
    `Section ${section} (${sectionName(section)}) is missing`,
    [{ section, row: '*', column: '*' }],
  );
}

function sectionOrder(inPageOrder: readonly SectionNumber[]): Finding[] {
  const expected = SECTION_NUMBERS.filter((s) => inPageOrder.includes(s));
  if (inPageOrder.every((s, i) => s === expected[i])) return [];
  return [
    finding(
      'read.section-order',
      `各部分顺序为 ${inPageOrder.join('、')}，应为 ${expected.join('、')}`,
      `Sections appear as ${inPageOrder.join(', ')}; the format orders them ${expected.join(', ')}`,
      [],
      { expected: expected.join(''), found: inPageOrder.join('') },
    ),
  ];
}

/** The report's own statement of the period it covers must name the report year. */
function statedPeriod(lines: readonly TextLine[], year: number): Finding[] {
  for (const line of lines) {
    const m = STATED_PERIOD.exec(line.key);
    if (!m) continue;
    const [from, to] = [Number(m[1]), Number(m[2])];
    if (from === year && to === year) return [];
    return [
      finding(
        'report.identity',
        `第 ${line.line} 行：报告称统计期限为 ${from}年1月1日至${to}年12月31日，与标题的 ${year} 年度不符`,
        `Line ${line.line}: the report states a period ${from}-01-01 to ${to}-12-31, but its heading says ${year}`,
        [],
        { expected: String(year), found: from === to ? String(from) : `${from}–${to}` },
      ),
    ];
  }
  return [];
}
