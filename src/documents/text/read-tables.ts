/**
 * @module Reading the tables of sections 二, 三 and 四 from one-cell-per-line text: labels are mapped to
 * the official rows by their normalised form, the numbers after a row label are that row's cells.
 * Text that maps to nothing is reported, never guessed at.
 */

import type { ReportFormat } from '../../domain/report/format.js';
import {
  APPLICANT_HEADER,
  BALANCE_NOTE,
  type CellKind,
  CONTENT_HEADER,
  LITIGATION_HEADER,
  ORGANISATION_HEADER,
  OUTCOME_GROUP_LABELS,
  OUTCOMES_LABEL,
  type ProactiveBlockSpec,
  proactiveBlocks,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
  REVIEW_CELLS,
  REVIEW_COLUMNS,
  type RequestRowKey,
  requestRows,
} from '../../domain/report/labels.js';
import type { CountCell, ProactiveCell, ReviewLitigationTable } from '../../domain/report/model.js';
import { canonicalDecimal } from '../../domain/shared/decimal.js';
import { labelKey } from '../label-key.js';
import { type CellToken, cellToken, type TextLine } from './text-lines.js';

export class TableReadError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

export interface UnmappedLabel {
  readonly text: string;
  readonly line: number;
  readonly section: '二' | '三' | '四';
}

function cellValue(token: CellToken, kind: CellKind): ProactiveCell {
  if (token.kind === 'blank') return null;
  return kind === 'amount' ? canonicalDecimal(token.text) : Number(token.text);
}

/** True when `key` is a known header, or a piece of one broken over lines ("本年新" / "制作数量"). */
function isHeaderText(key: string, headerKeys: readonly string[]): boolean {
  return headerKeys.some((h) => h.includes(key));
}

/** Reads `count` cells after the label at `index`; throws where the row breaks off. */
function readCells(lines: readonly TextLine[], index: number, count: number, what: string): CellToken[] {
  const cells: CellToken[] = [];
  for (let i = index + 1; cells.length < count; i++) {
    const line = lines[i];
    if (line === undefined) {
      const last = lines[lines.length - 1] ?? lines[index]!;
      throw new TableReadError(
        `第 ${last.line} 行后内容中断：“${what}”应有 ${count} 个数字，只读到 ${cells.length} 个 (cut off mid-table)`,
        last.line,
        true,
      );
    }
    const token = cellToken(line.key);
    if (token === undefined) {
      throw new TableReadError(
        `第 ${line.line} 行：“${what}”应有 ${count} 个数字，只读到 ${cells.length} 个，随后是“${line.text}” (row has too few numbers)`,
        line.line,
        false,
      );
    }
    cells.push(token);
  }
  return cells;
}

const labelsOf = (f: ReportFormat) =>
  [
    ...proactiveBlocks(f).flatMap((b) => [...b.columns.map((c) => c.label), ...b.rows.map((r) => r.label)]),
    ...requestRows(f).map((r) => r.label),
  ].map(labelKey);

/** Labels that only one format prints (2019: 本年新制作数量, 政府集中采购…; 2021: 本年制发件数, （六）1–3…). */
const ONLY_IN: Readonly<Record<ReportFormat, ReadonlySet<string>>> = {
  '2019': new Set(labelsOf('2019').filter((k) => !labelsOf('2021').includes(k))),
  '2021': new Set(labelsOf('2021').filter((k) => !labelsOf('2019').includes(k))),
};

/** Which format a report's tables are in, judged from labels only one format prints. */
export function detectFormat(lines: readonly TextLine[]): ReportFormat | undefined {
  let score = 0;
  for (const line of lines) {
    if (ONLY_IN['2021'].has(line.key)) score++;
    else if (ONLY_IN['2019'].has(line.key)) score--;
  }
  return score === 0 ? undefined : score > 0 ? '2021' : '2019';
}

/** Section 二: rows are found by label in any block; the block says how many cells follow. */
export function readProactive(
  lines: readonly TextLine[],
  format: ReportFormat,
  unmapped: UnmappedLabel[],
): Record<string, Record<string, ProactiveCell>> {
  const blocks = proactiveBlocks(format);
  const rows = new Map<string, { block: ProactiveBlockSpec; key: string; label: string }>();
  for (const block of blocks)
    for (const row of block.rows) rows.set(labelKey(row.label), { block, key: row.key, label: row.label });
  // Both formats' wording of the normative-documents row is accepted.
  const normative = rows.get(labelKey('规范性文件')) ?? rows.get(labelKey('行政规范性文件'));
  if (normative) for (const l of ['规范性文件', '行政规范性文件']) rows.set(labelKey(l), normative);
  const headerKeys = [
    CONTENT_HEADER,
    ...proactiveBlocks('2019').flatMap((b) => [b.caption, ...b.columns.map((c) => c.label)]),
    ...proactiveBlocks('2021').flatMap((b) => [b.caption, ...b.columns.map((c) => c.label)]),
  ].map(labelKey);

  const table: Record<string, Record<string, ProactiveCell>> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const row = rows.get(line.key);
    if (row) {
      const cells = readCells(lines, i, row.block.columns.length, row.label);
      table[row.key] = Object.fromEntries(
        row.block.columns.map((c, j) => [c.key, cellValue(cells[j]!, c.kind)]),
      );
      i += cells.length;
    } else if (cellToken(line.key)) {
      throw new TableReadError(
        `第 ${line.line} 行：数字“${line.text}”不属于任何一行 (number outside any row)`,
        line.line,
        false,
      );
    } else if (!isHeaderText(line.key, headerKeys)) {
      unmapped.push({ text: line.text, line: line.line, section: '二' });
    }
  }
  return table;
}

/** Section 三: each row label is followed by its seven numbers. */
export function readRequests(
  lines: readonly TextLine[],
  format: ReportFormat,
  unmapped: UnmappedLabel[],
): Partial<Record<RequestRowKey, CountCell[]>> {
  const rows = new Map<string, { key: RequestRowKey; label: string }>();
  for (const spec of requestRows(format)) {
    rows.set(labelKey(spec.label), spec);
    if (spec.group) rows.set(labelKey(OUTCOME_GROUP_LABELS[spec.group] + spec.label), spec);
  }
  const headerKeys = [
    BALANCE_NOTE,
    APPLICANT_HEADER,
    ORGANISATION_HEADER,
    OUTCOMES_LABEL,
    ...REQUEST_COLUMNS.map((c) => c.label),
    ...Object.values(OUTCOME_GROUP_LABELS),
  ].map(labelKey);

  const table: Partial<Record<RequestRowKey, CountCell[]>> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const row = rows.get(line.key);
    if (row) {
      const cells = readCells(lines, i, REQUEST_COLUMNS.length, row.label);
      table[row.key] = cells.map((c) => cellValue(c, 'count') as CountCell);
      i += cells.length;
    } else if (cellToken(line.key)) {
      throw new TableReadError(
        `第 ${line.line} 行：数字“${line.text}”不属于任何一行 (number outside any row)`,
        line.line,
        false,
      );
    } else if (!isHeaderText(line.key, headerKeys)) {
      unmapped.push({ text: line.text, line: line.line, section: '三' });
    }
  }
  return table;
}

/** Section 四: the fifteen numbers follow the headers, in printed order. */
export function readReview(lines: readonly TextLine[], unmapped: UnmappedLabel[]): ReviewLitigationTable {
  const headerKeys = [
    LITIGATION_HEADER,
    ...REVIEW_BLOCKS.map((b) => b.label),
    ...REVIEW_COLUMNS.map((c) => c.label),
  ].map(labelKey);
  const first = lines.findIndex((l) => cellToken(l.key) !== undefined);
  for (const line of first === -1 ? lines : lines.slice(0, first)) {
    if (!isHeaderText(line.key, headerKeys))
      unmapped.push({ text: line.text, line: line.line, section: '四' });
  }
  const cells = first === -1 ? [] : readCells(lines, first - 1, REVIEW_CELLS.length, '行政复议、行政诉讼');
  const extra = lines[first + REVIEW_CELLS.length];
  if (first !== -1 && extra) {
    throw new TableReadError(
      `第 ${extra.line} 行：第四部分应只有 15 个数字，此处多出“${extra.text}” (section 4 has 15 cells)`,
      extra.line,
      false,
    );
  }
  const table: Record<string, Record<string, CountCell>> = Object.fromEntries(
    REVIEW_BLOCKS.map((b) => [b.key, {}]),
  );
  REVIEW_CELLS.forEach((cell, i) => {
    const token = cells[i];
    if (token) table[cell.block]![cell.column] = cellValue(token, 'count') as CountCell;
  });
  return table as unknown as ReviewLitigationTable;
}
