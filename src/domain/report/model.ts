/**
 * @module The annual report (政府信息公开工作年度报告) as data: one shape for both national formats, the
 * same shape the report JSON carries (docs/report-json.md).
 *
 * A cell is a number, `null` when the published report left it blank, or absent when it could not be
 * read; validation treats blank as 0 and names absent cells in a finding.
 */
import type { DecimalString } from '../shared/decimal.js';
import type { ReportFormat } from './format.js';
import {
  proactiveBlocks,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
  type RequestRowKey,
  type ReviewBlockKey,
  type ReviewColumnKey,
  requestRows,
} from './labels.js';

/** A count cell: a whole number, or null where the report left the cell blank. */
export type CountCell = number | null;

/** A section 二 cell: counts as numbers, amounts (万元, 元) as exact decimal strings. */
export type ProactiveCell = number | DecimalString | null;

/** Section 三: row key → the seven numbers in column order (自然人 … 其他, 总计). */
export type RequestTable = Partial<Record<RequestRowKey, readonly CountCell[]>>;

/** Section 四: three blocks of five numbers. */
export type ReviewLitigationTable = Readonly<
  Record<ReviewBlockKey, Partial<Readonly<Record<ReviewColumnKey, CountCell>>>>
>;

/** Section 二: row key (规章, 行政许可 …) → column key → value. A row the report leaves out is absent. */
export type ProactiveTable = Readonly<Record<string, Partial<Readonly<Record<string, ProactiveCell>>>>>;

/** The text sections, as paragraphs separated by "\n". */
export interface ReportText {
  /** 一、总体情况 */
  readonly overview: string;
  /** 五、（政府信息公开工作）存在的主要问题及改进情况 */
  readonly problems: string;
  /** 六、其他需要报告的事项 */
  readonly otherMatters: string;
}

/** 政府信息公开工作年度报告 */
export interface AnnualReport {
  /** The year reported on (not the year of publication). */
  readonly year: number;
  readonly format: ReportFormat;
  /** The agency as the report names itself, e.g. 新庙镇. */
  readonly agency: string;
  /** ISO date the report was published (发布时间 / the date under the signature), if known. */
  readonly publishedOn: string | null;
  readonly text: ReportText;
  /** 二、主动公开政府信息情况 */
  readonly proactive: ProactiveTable;
  /** 三、收到和处理政府信息公开申请情况 */
  readonly requests: RequestTable;
  /** 四、政府信息公开行政复议、行政诉讼情况 */
  readonly reviewLitigation: ReviewLitigationTable;
}

/** A report of the given year and format with every cell 0 and empty text: the start of the wizard. */
export function zeroReport(params: {
  year: number;
  format: ReportFormat;
  agency: string;
  publishedOn?: string | null;
}): AnnualReport {
  const proactive: Record<string, Record<string, ProactiveCell>> = {};
  for (const block of proactiveBlocks(params.format)) {
    for (const row of block.rows) {
      proactive[row.key] = Object.fromEntries(
        block.columns.map((c) => [c.key, c.kind === 'amount' ? '0' : 0] as const),
      );
    }
  }
  const requests: Record<string, CountCell[]> = {};
  for (const row of requestRows(params.format)) requests[row.key] = REQUEST_COLUMNS.map(() => 0);
  const reviewLitigation = Object.fromEntries(
    REVIEW_BLOCKS.map((b) => [b.key, Object.fromEntries(REVIEW_COLUMNS.map((c) => [c.key, 0]))]),
  ) as ReviewLitigationTable;
  return {
    year: params.year,
    format: params.format,
    agency: params.agency,
    publishedOn: params.publishedOn ?? null,
    text: { overview: '', problems: '', otherMatters: '' },
    proactive,
    requests,
    reviewLitigation,
  };
}

/** A blank cell counts as 0 in every sum (annual-report-formats.md §4, "Handling blanks"). */
export function countOf(cell: CountCell | undefined): number {
  return cell ?? 0;
}
