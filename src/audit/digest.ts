/**
 * @module A report's digest: the few numbers the cross-year rules and the year-over-year tables read,
 * kept for every agency-year of a batch instead of the report itself (a report object is tens of KB in
 * memory, a digest about 0.5 KB), and turned back into a skeleton report for the cross-year rules.
 *
 * Layout of `numbers` (Float64Array):
 *   [0, 7)   三 · 二、上年结转, the seven columns
 *   [7, 14)  三 · 四、结转下年度继续办理
 *   [14, …)  every cell of section 二 in the format's printed order (rows × columns of `proactiveBlocks`)
 *   then, with `compare`, the COMPARE_FIGURES of the year-over-year tables.
 * A cell that could not be read is NaN, a blank cell −Infinity (counts are finite), so the skeleton gives
 * the rules exactly what the report gave them.
 */

import type { ReportFormat } from '../domain/report/format.js';
import {
  type ProactiveColumnSpec,
  proactiveBlocks,
  REQUEST_COLUMNS,
  requestRows,
  TOTAL_COLUMN_INDEX,
} from '../domain/report/labels.js';
import type { AnnualReport, CountCell, ProactiveCell, RequestTable } from '../domain/report/model.js';
import { tableNumbers } from '../domain/report/validation/identical-rule.js';
import type { ReportDigest } from './types.js';

const COLUMNS = REQUEST_COLUMNS.length;
const BLANK = Number.NEGATIVE_INFINITY;
const CARRY_ROWS = ['carriedOver', 'carriedForward'] as const;
const PROACTIVE_START = CARRY_ROWS.length * COLUMNS;

interface ProactiveSlot {
  readonly row: string;
  readonly column: ProactiveColumnSpec;
}

const PROACTIVE_SLOTS: Readonly<Record<ReportFormat, readonly ProactiveSlot[]>> = {
  '2019': slotsOf('2019'),
  '2021': slotsOf('2021'),
};

function slotsOf(format: ReportFormat): ProactiveSlot[] {
  return proactiveBlocks(format).flatMap((block) =>
    block.rows.flatMap((row) => block.columns.map((column) => ({ row: row.key, column }))),
  );
}

/** The figures of the year-over-year tables (`--compare`): total column of section 三, section 四 totals. */
export const COMPARE_FIGURES: readonly {
  readonly label: string;
  readonly of: (r: AnnualReport) => number;
}[] = [
  { label: '一、本年新收', of: (r) => requestTotal(r, ['new']) },
  { label: '二、上年结转', of: (r) => requestTotal(r, ['carriedOver']) },
  { label: '（一）予以公开', of: (r) => requestTotal(r, ['granted']) },
  { label: '（二）部分公开', of: (r) => requestTotal(r, ['partial']) },
  { label: '（三）不予公开 合计', of: (r) => requestTotal(r, GROUP_ROWS[r.format].denied) },
  { label: '（四）无法提供 合计', of: (r) => requestTotal(r, GROUP_ROWS[r.format].unable) },
  { label: '（五）不予处理 合计', of: (r) => requestTotal(r, GROUP_ROWS[r.format].notProcessed) },
  { label: '（六）其他处理 合计', of: (r) => requestTotal(r, GROUP_ROWS[r.format].other) },
  { label: '（七）总计', of: (r) => requestTotal(r, ['total']) },
  { label: '四、结转下年度继续办理', of: (r) => requestTotal(r, ['carriedForward']) },
  { label: '行政复议 总计', of: (r) => reviewTotal(r, 'review') },
  { label: '行政诉讼 未经复议直接起诉 总计', of: (r) => reviewTotal(r, 'litigationDirect') },
  { label: '行政诉讼 复议后起诉 总计', of: (r) => reviewTotal(r, 'litigationAfterReview') },
];

type OutcomeGroup = 'denied' | 'unable' | 'notProcessed' | 'other';

/**
 * Rows of each outcome group by format, found once, not per report; the 2019 format's （六）其他处理 is
 * one row keyed like its group.
 */
const GROUP_ROWS: Readonly<Record<ReportFormat, Readonly<Record<OutcomeGroup, readonly string[]>>>> = {
  '2019': groupRowsOf('2019'),
  '2021': groupRowsOf('2021'),
};

function groupRowsOf(format: ReportFormat): Record<OutcomeGroup, string[]> {
  const rows = (group: OutcomeGroup) =>
    requestRows(format)
      .filter((r) => r.group === group || r.key === group)
      .map((r) => r.key);
  return {
    denied: rows('denied'),
    unable: rows('unable'),
    notProcessed: rows('notProcessed'),
    other: rows('other'),
  };
}

/** Sum of the 总计 column over rows; NaN when one of them could not be read. Blank counts as 0. */
function requestTotal(report: AnnualReport, rows: readonly string[]): number {
  let sum = 0;
  for (const row of rows) {
    const cell = (report.requests as Record<string, readonly CountCell[] | undefined>)[row]?.[
      TOTAL_COLUMN_INDEX
    ];
    if (cell === undefined) return Number.NaN;
    sum += cell ?? 0;
  }
  return sum;
}

function reviewTotal(report: AnnualReport, block: 'review' | 'litigationDirect' | 'litigationAfterReview') {
  const cell = report.reviewLitigation[block]?.total;
  return cell === undefined ? Number.NaN : (cell ?? 0);
}

const encodeCount = (cell: unknown): number =>
  cell === null ? BLANK : typeof cell === 'number' ? cell : Number.NaN;

function encodeProactive(cell: ProactiveCell | undefined, slot: ProactiveSlot): number {
  // An amount (万元) is a decimal string; one that is not a number is NaN, as an unread cell.
  if (slot.column.kind === 'amount' && typeof cell === 'string') return Number(cell);
  return encodeCount(cell);
}

/** cyrb53: a fast 53-bit string hash; a collision between two given reports is about 1 in 10^16. */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function digestReport(report: AnnualReport, options: { compare: boolean }): ReportDigest {
  const slots = PROACTIVE_SLOTS[report.format];
  const size = PROACTIVE_START + slots.length + (options.compare ? COMPARE_FIGURES.length : 0);
  const numbers = new Float64Array(size);
  CARRY_ROWS.forEach((row, r) => {
    const cells = report.requests[row];
    for (let c = 0; c < COLUMNS; c++) numbers[r * COLUMNS + c] = encodeCount(cells ? cells[c] : undefined);
  });
  slots.forEach((slot, i) => {
    numbers[PROACTIVE_START + i] = encodeProactive(report.proactive[slot.row]?.[slot.column.key], slot);
  });
  if (options.compare) {
    const start = PROACTIVE_START + slots.length;
    COMPARE_FIGURES.forEach((figure, i) => {
      numbers[start + i] = figure.of(report);
    });
  }
  const table = tableNumbers(report);
  return {
    agency: report.agency.trim(),
    year: report.year,
    format: report.format,
    numbers,
    fingerprint: hash53(table.signature),
    flows: table.nonZeroFlows > 0,
  };
}

/** The year-over-year figures of a digest made with `compare` (NaN where not read), else undefined. */
export function compareFigures(digest: Pick<ReportDigest, 'format' | 'numbers'>): number[] | undefined {
  const start = PROACTIVE_START + PROACTIVE_SLOTS[digest.format].length;
  if (digest.numbers.length < start + COMPARE_FIGURES.length) return undefined;
  return Array.from(digest.numbers.subarray(start, start + COMPARE_FIGURES.length));
}

const decodeCount = (n: number): CountCell | undefined =>
  Number.isNaN(n) ? undefined : n === BLANK ? null : n;

/**
 * A report holding only what the digest kept: enough for `checkAgainstPreviousYear`, on either side.
 * Rows of which no cell was read are left out; unread cells are holes, as in a report that was read.
 */
export function skeletonReport(digest: Omit<ReportDigest, 'fingerprint' | 'flows'>): AnnualReport {
  const requests: Record<string, CountCell[]> = {};
  CARRY_ROWS.forEach((row, r) => {
    const values = digest.numbers.subarray(r * COLUMNS, (r + 1) * COLUMNS);
    if (values.every((v) => Number.isNaN(v))) return;
    const cells: CountCell[] = new Array(COLUMNS);
    values.forEach((v, c) => {
      const cell = decodeCount(v);
      if (cell !== undefined) cells[c] = cell;
    });
    requests[row] = cells;
  });
  const proactive: Record<string, Record<string, ProactiveCell>> = {};
  PROACTIVE_SLOTS[digest.format].forEach((slot, i) => {
    const v = digest.numbers[PROACTIVE_START + i]!;
    if (Number.isNaN(v)) return;
    const row = proactive[slot.row] ?? {};
    proactive[slot.row] = row;
    row[slot.column.key] = v === BLANK ? null : slot.column.kind === 'amount' ? String(v) : v;
  });
  return {
    year: digest.year,
    format: digest.format,
    agency: digest.agency,
    publishedOn: null,
    text: { overview: '', problems: '', otherMatters: '' },
    proactive,
    requests: requests as RequestTable,
    reviewLitigation: { review: {}, litigationDirect: {}, litigationAfterReview: {} },
  };
}
