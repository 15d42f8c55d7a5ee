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
  type RequestRowSpec,
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

interface RowReader {
  readonly label: string;
  /** How many cells follow the label. */
  readonly width: number;
  readonly store: (cells: readonly CellToken[]) => void;
}

/**
 * Walks one section: a row label is followed by its cells, header text (whole or broken over lines) is
 * skipped, anything else is reported as unmapped. A number outside any row is an error.
 */
function readLabelledRows(
  lines: readonly TextLine[],
  rowFor: (key: string) => RowReader | undefined,
  headerKeys: readonly string[],
  section: UnmappedLabel['section'],
  unmapped: UnmappedLabel[],
): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const row = rowFor(line.key);
    if (row) {
      const cells = readCells(lines, i, row.width, row.label);
      row.store(cells);
      i += cells.length;
    } else if (cellToken(line.key)) {
      throw new TableReadError(
        `第 ${line.line} 行：数字“${line.text}”不属于任何一行 (number outside any row)`,
        line.line,
        false,
      );
    } else if (!isHeaderText(line.key, headerKeys)) {
      unmapped.push({ text: line.text, line: line.line, section });
    }
  }
}

const PROACTIVE_HEADER_KEYS = [
  CONTENT_HEADER,
  ...proactiveBlocks('2019').flatMap((b) => [b.caption, ...b.columns.map((c) => c.label)]),
  ...proactiveBlocks('2021').flatMap((b) => [b.caption, ...b.columns.map((c) => c.label)]),
].map(labelKey);

type ProactiveRow = { readonly block: ProactiveBlockSpec; readonly key: string; readonly label: string };

function proactiveRowsByKey(format: ReportFormat): ReadonlyMap<string, ProactiveRow> {
  const rows = new Map<string, ProactiveRow>();
  for (const block of proactiveBlocks(format)) {
    for (const row of block.rows) rows.set(labelKey(row.label), { block, key: row.key, label: row.label });
  }
  // Both formats' wording of the normative-documents row is accepted.
  const normative = rows.get(labelKey('规范性文件')) ?? rows.get(labelKey('行政规范性文件'));
  if (normative) for (const l of ['规范性文件', '行政规范性文件']) rows.set(labelKey(l), normative);
  return rows;
}

const PROACTIVE_ROWS: Readonly<Record<ReportFormat, ReadonlyMap<string, ProactiveRow>>> = {
  '2019': proactiveRowsByKey('2019'),
  '2021': proactiveRowsByKey('2021'),
};

/** Section 二: rows are found by label in any block; the block says how many cells follow. */
export function readProactive(
  lines: readonly TextLine[],
  format: ReportFormat,
  unmapped: UnmappedLabel[],
): Record<string, Record<string, ProactiveCell>> {
  const table: Record<string, Record<string, ProactiveCell>> = {};
  const rowFor = (key: string): RowReader | undefined => {
    const row = PROACTIVE_ROWS[format].get(key);
    if (!row) return undefined;
    const columns = row.block.columns;
    return {
      label: row.label,
      width: columns.length,
      store: (cells) => {
        table[row.key] = Object.fromEntries(columns.map((c, j) => [c.key, cellValue(cells[j]!, c.kind)]));
      },
    };
  };
  readLabelledRows(lines, rowFor, PROACTIVE_HEADER_KEYS, '二', unmapped);
  return table;
}

const REQUEST_HEADER_KEYS = [
  BALANCE_NOTE,
  APPLICANT_HEADER,
  ORGANISATION_HEADER,
  OUTCOMES_LABEL,
  ...REQUEST_COLUMNS.map((c) => c.label),
  ...Object.values(OUTCOME_GROUP_LABELS),
].map(labelKey);

/** Row labels with and without their group label in front ("（三）不予公开1.属于国家秘密"). */
function requestRowsByKey(format: ReportFormat): ReadonlyMap<string, RequestRowSpec> {
  const rows = new Map<string, RequestRowSpec>();
  for (const spec of requestRows(format)) {
    rows.set(labelKey(spec.label), spec);
    if (spec.group) rows.set(labelKey(OUTCOME_GROUP_LABELS[spec.group] + spec.label), spec);
  }
  return rows;
}

const REQUEST_ROWS_BY_KEY: Readonly<Record<ReportFormat, ReadonlyMap<string, RequestRowSpec>>> = {
  '2019': requestRowsByKey('2019'),
  '2021': requestRowsByKey('2021'),
};

/** Section 三: each row label is followed by its seven numbers. */
export function readRequests(
  lines: readonly TextLine[],
  format: ReportFormat,
  unmapped: UnmappedLabel[],
): Partial<Record<RequestRowKey, CountCell[]>> {
  const table: Partial<Record<RequestRowKey, CountCell[]>> = {};
  const rowFor = (key: string): RowReader | undefined => {
    const spec = REQUEST_ROWS_BY_KEY[format].get(key);
    if (!spec) return undefined;
    return {
      label: spec.label,
      width: REQUEST_COLUMNS.length,
      store: (cells) => {
        table[spec.key] = cells.map((c) => cellValue(c, 'count') as CountCell);
      },
    };
  };
  readLabelledRows(lines, rowFor, REQUEST_HEADER_KEYS, '三', unmapped);
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
