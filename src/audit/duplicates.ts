/**
 * @module One agency's report for one year found twice in a batch (the same report as HTML and as
 * text, say, or two drafts): the audit names both files and says whether their numbers agree. Numbers
 * agree when every cell of sections 二、三、四 holds the same number, as `cross-year.identical` compares
 * them (a blank cell is 0, an amount its value), so equal digests' fingerprints settle it without
 * reading anything again; otherwise both files are read again to name the first cells that differ.
 */

import type { ReportFormat } from '../domain/report/format.js';
import {
  proactiveBlocks,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
  requestRows,
} from '../domain/report/labels.js';
import type { AnnualReport } from '../domain/report/model.js';
import { cellName } from '../domain/report/validation/cell-names.js';
import type { CellRef } from '../domain/report/validation/finding.js';

/** How many differing cells a duplicate names (the count says how many there are in all). */
export const DIFFERENCES_SHOWN = 5;

/** The pseudo-rule of the CSV rows that flag a duplicate (like `read.unreadable`, not in the catalogue). */
export const DUPLICATE_RULE = 'audit.duplicate-report';

export interface CellDifference {
  readonly cell: CellRef;
  /** As the file printed it: the number, "—" for a blank cell, null when the cell was not read. */
  readonly first: string | null;
  readonly second: string | null;
}

export interface DuplicateReport {
  /** The agency's name as the first of its reports in the walk gives it. */
  readonly agency: string;
  readonly year: number;
  /** The report whose path sorts first, then the other one. */
  readonly files: readonly [string, string];
  readonly formats: readonly [ReportFormat, ReportFormat];
  /** Null when a file could not be read again to compare (it changed or vanished since). */
  readonly numbersAgree: boolean | null;
  /** Cells of 二、三、四 that differ, 0 when the numbers agree; null when not compared. */
  readonly differingCells: number | null;
  /** The first `DIFFERENCES_SHOWN` of them, in the format's printed order. */
  readonly differences: readonly CellDifference[];
}

type Value = number | string | null | undefined;

/** The cell as the signature of `tableNumbers` compares it: blank is 0, an amount its numeric value. */
function comparable(value: Value): string {
  if (value === undefined) return '-';
  if (value === null) return '0';
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isNaN(n) ? `"${value}"` : String(n);
}

const printed = (value: Value): string | null =>
  value === undefined ? null : value === null ? '—' : String(value);

/** Every cell of sections 二、三、四 of a format, with how to take its value from a report. */
function tableCells(format: ReportFormat): { cell: CellRef; of: (r: AnnualReport) => Value }[] {
  const cells: { cell: CellRef; of: (r: AnnualReport) => Value }[] = [];
  for (const block of proactiveBlocks(format)) {
    for (const row of block.rows) {
      for (const column of block.columns) {
        cells.push({
          cell: { section: '二', row: row.key, column: column.key },
          of: (r) => r.proactive[row.key]?.[column.key],
        });
      }
    }
  }
  for (const row of requestRows(format)) {
    REQUEST_COLUMNS.forEach((column, c) => {
      cells.push({
        cell: { section: '三', row: row.key, column: column.key },
        of: (r) => r.requests[row.key]?.[c],
      });
    });
  }
  for (const block of REVIEW_BLOCKS) {
    for (const column of REVIEW_COLUMNS) {
      cells.push({
        cell: { section: '四', row: block.key, column: column.key },
        of: (r) => r.reviewLitigation[block.key]?.[column.key],
      });
    }
  }
  return cells;
}

const CELLS: Readonly<Record<ReportFormat, ReturnType<typeof tableCells>>> = {
  '2019': tableCells('2019'),
  '2021': tableCells('2021'),
};

/**
 * The cells of 二、三、四 where two reports differ, in the first report's format order; reports of two
 * formats differ wherever one has a row the other lacks.
 */
export function differingCells(first: AnnualReport, second: AnnualReport): CellDifference[] {
  const seen = new Set<string>();
  const out: CellDifference[] = [];
  for (const format of new Set([first.format, second.format])) {
    for (const { cell, of } of CELLS[format]) {
      const key = `${cell.section}.${cell.row}.${cell.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const a = of(first);
      const b = of(second);
      if (comparable(a) !== comparable(b)) out.push({ cell, first: printed(a), second: printed(b) });
    }
  }
  return out;
}

const shown = (value: string | null) => value ?? '未读取';

/**
 * Whether the numbers agree, in words (terminal, CSV, HTML page): 数字一致, or 数字不同 with the first
 * cells that differ named in Chinese, "first ≠ second".
 */
export function duplicateVerdict(d: DuplicateReport): string {
  if (d.numbersAgree === null) return '无法再次读取文件，未比较数字 (could not be read again to compare)';
  if (d.numbersAgree) return '数字一致 (the numbers agree)';
  const formats =
    d.formats[0] === d.formats[1] ? '' : `格式不同（${d.formats[0]} 年格式 / ${d.formats[1]} 年格式）；`;
  const cells = d.differences
    .map((x) => `${cellName(x.cell, d.formats[0])}：${shown(x.first)} ≠ ${shown(x.second)}`)
    .join('；');
  const more = (d.differingCells ?? 0) > d.differences.length ? '……' : '';
  return `数字不同 (the numbers differ)：${formats}共 ${d.differingCells} 处，${cells}${more}`;
}
