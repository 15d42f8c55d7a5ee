/**
 * @module `cross-year.identical`: this year's tables repeat last year's numbers exactly, a sign that a
 * report was made by copying last year's and changing the year. A warning, since a small agency can
 * truly have the same year twice; the supervising office looks at the two reports side by side.
 */
import { proactiveBlocks, REQUEST_COLUMNS, REVIEW_BLOCKS, REVIEW_COLUMNS, requestRows } from '../labels.js';
import type { AnnualReport } from '../model.js';
import type { Finding } from './finding.js';
import { finding } from './make-finding.js';

/**
 * Stock figures carry over from year to year by nature (documents in force, items counted last year),
 * so an unchanged stock says nothing; only the year's own flows make a repeat suspicious.
 */
const STOCK_COLUMNS: ReadonlySet<string> = new Set(['inForce', 'totalPublished', 'previousItems']);

export interface TableNumbers {
  /** Every number of sections 二、三、四 in the format's printed order; blank cells read as 0. */
  readonly signature: string;
  /** How many cells the signature covers. */
  readonly cells: number;
  /** Cells outside the stock columns whose number is not 0. */
  readonly nonZeroFlows: number;
}

/** The numbers of sections 二、三、四, as one comparable string (the format is part of it). */
export function tableNumbers(report: AnnualReport): TableNumbers {
  const parts: string[] = [report.format];
  let nonZeroFlows = 0;
  // A cell as the signature writes it: absent "-", blank "0", amounts by their numeric value (written
  // here, not returned as an object per cell: the digest makes this signature for every file audited).
  const add = (value: number | string | null | undefined, stock: boolean) => {
    if (value === undefined) parts.push('-');
    else if (value === null) parts.push('0');
    else {
      const n = typeof value === 'number' ? value : Number(value);
      const nonZero = Number.isNaN(n) ? true : n !== 0;
      parts.push(Number.isNaN(n) ? `"${value}"` : String(n));
      if (nonZero && !stock) nonZeroFlows++;
    }
  };
  for (const block of proactiveBlocks(report.format)) {
    for (const row of block.rows) {
      for (const column of block.columns) {
        add(report.proactive[row.key]?.[column.key], STOCK_COLUMNS.has(column.key));
      }
    }
  }
  for (const row of requestRows(report.format)) {
    const cells = report.requests[row.key];
    REQUEST_COLUMNS.forEach((_, c) => {
      add(cells?.[c], false);
    });
  }
  for (const block of REVIEW_BLOCKS) {
    for (const column of REVIEW_COLUMNS) add(report.reviewLitigation[block.key]?.[column.key], false);
  }
  return { signature: parts.join(','), cells: parts.length - 1, nonZeroFlows };
}

/**
 * One warning when the report's sections 二、三、四 hold exactly last year's numbers and at least one
 * of them is a non-zero flow. Reports of other years or formats are not compared (`cross-year.sequence`
 * and the format change speak for those).
 */
export function checkIdenticalToPreviousYear(report: AnnualReport, previous: AnnualReport): Finding[] {
  if (previous.year !== report.year - 1 || previous.format !== report.format) return [];
  const now = tableNumbers(report);
  if (now.nonZeroFlows === 0) return [];
  if (tableNumbers(previous).signature !== now.signature) return [];
  return [
    finding(
      'cross-year.identical',
      `第二、三、四部分的 ${now.cells} 个数字与上年（${previous.year} 年度）报告完全相同，其中非零 ${now.nonZeroFlows} 个；请核实是否沿用了上年数据`,
      `All ${now.cells} numbers of sections 2–4 are the same as in the ${previous.year} report (${now.nonZeroFlows} of them non-zero); check whether last year's figures were copied`,
    ),
  ];
}
