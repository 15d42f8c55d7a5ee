/**
 * @module Reading the tables of sections 二, 三 and 四: the section's lines become tokens (labels,
 * value chunks, other text); each official row label takes the value chunks after it; chunks are cut
 * into the row's cells, glued digits by the table's own arithmetic (resolve-cells.ts). Text that maps
 * to nothing, rows that cannot be read and digits that cannot be cut one way are reported as findings,
 * and those cells stay unread: nothing is guessed.
 */
import type { ReportFormat } from '../../domain/report/format.js';
import {
  OUTCOME_GROUP_LABELS,
  type ProactiveBlockSpec,
  proactiveBlocks,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
  REVIEW_CELLS,
  type RequestRowKey,
  type RequestRowSpec,
  requestRows,
} from '../../domain/report/labels.js';
import type { CountCell, ProactiveCell, ReviewLitigationTable } from '../../domain/report/model.js';
import { packedMap } from '../../domain/report/packed-map.js';
import type { Finding } from '../../domain/report/validation/finding.js';
import { finding } from '../../domain/report/validation/make-finding.js';
import { canonicalDecimal, isDecimalString, yuanToWanyuan } from '../../domain/shared/decimal.js';
import { labelKey } from '../label-key.js';
import { digitSplits } from './digit-splits.js';
import { traditionalForms, variantIndex } from './label-variants.js';
import { GROUPED_REQUEST_ROWS, TABLE_HEADERS, TABLE_ROW_LABELS } from './reader-phrases.js';
import { BLANK_CELL_MARK } from './render-text.js';
import {
  type Cells,
  type RowCandidates,
  resolveRequestRows,
  resolveReviewCells,
  toCells,
} from './resolve-cells.js';
import { type AnchorSet, anchorSet, type TableToken } from './table-tokens.js';

type Section = '二' | '三' | '四';

/** Keys of labels as printed, in traditional characters too, so header fragments are recognised. */
const keys = (labels: readonly string[]) => labels.flatMap((l) => [l, ...traditionalForms(l)]).map(labelKey);

// ── Labels each section's tables print ──────────────────────────────────────

const PROACTIVE_HEADERS = keys(TABLE_HEADERS.二);
const REQUEST_HEADERS = keys(TABLE_HEADERS.三);
const REVIEW_HEADERS = keys(TABLE_HEADERS.四);

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

/** Row labels with and without their group label in front ("（三）不予公开1.属于国家秘密"). */
function requestRowsByKey(format: ReportFormat): ReadonlyMap<string, RequestRowSpec> {
  const rows = new Map<string, RequestRowSpec>();
  for (const spec of requestRows(format)) {
    rows.set(labelKey(spec.label), spec);
    if (spec.group) rows.set(labelKey(OUTCOME_GROUP_LABELS[spec.group] + spec.label), spec);
  }
  return rows;
}

const PROACTIVE_ROWS = { '2019': proactiveRowsByKey('2019'), '2021': proactiveRowsByKey('2021') } as const;
const REQUEST_ROWS_BY_KEY = { '2019': requestRowsByKey('2019'), '2021': requestRowsByKey('2021') } as const;

/** Every label of a section in either format, as printed: where glued lines are cut. */
export const SECTION_ANCHORS: Readonly<Record<Section, AnchorSet>> = {
  二: anchorSet(variantIndex([...new Set([...TABLE_HEADERS.二, ...TABLE_ROW_LABELS.二])])),
  三: anchorSet(
    variantIndex([...new Set([...TABLE_HEADERS.三, ...TABLE_ROW_LABELS.三, ...GROUPED_REQUEST_ROWS])]),
  ),
  四: anchorSet(variantIndex(TABLE_HEADERS.四)),
};

// ── Format detection ────────────────────────────────────────────────────────

const labelsOf = (f: ReportFormat) =>
  keys([
    ...proactiveBlocks(f).flatMap((b) => [...b.columns.map((c) => c.label), ...b.rows.map((r) => r.label)]),
    ...requestRows(f).map((r) => r.label),
  ]);

/** Labels that only one format prints (2019: 本年新制作数量, 政府集中采购…; 2021: 本年制发件数, （六）1–3…). */
const ONLY_IN: Readonly<Record<ReportFormat, ReadonlySet<string>>> = (() => {
  // Each format's labels are built once; the filters only look them up.
  const in2019 = new Set(labelsOf('2019'));
  const in2021 = new Set(labelsOf('2021'));
  return {
    '2019': new Set([...in2019].filter((k) => !in2021.has(k))),
    '2021': new Set([...in2021].filter((k) => !in2019.has(k))),
  };
})();

/** Which format the tables are in, judged from labels only one format prints. */
export function detectFormat(tokens: readonly TableToken[]): ReportFormat | undefined {
  let score = 0;
  for (const token of tokens) {
    if (token.kind !== 'label') continue;
    if (ONLY_IN['2021'].has(token.key)) score++;
    else if (ONLY_IN['2019'].has(token.key)) score--;
  }
  return score === 0 ? undefined : score > 0 ? '2021' : '2019';
}

// ── Rows ────────────────────────────────────────────────────────────────────

interface RowChunks {
  readonly key: string;
  readonly label: string;
  readonly line: number;
  readonly chunks: string[];
  /** Another label or text came after the row: it ended, rather than the page ending inside it. */
  closed: boolean;
}

/**
 * Rows a table leaves one place for when their label is missing: section 二's rows before `key` in
 * its block (规章 before 行政规范性文件), each `width` cells wide.
 */
type RowsBefore = (key: string) => {
  readonly rows: readonly { key: string; label: string }[];
  readonly width: number;
};

/** True when `key` is a known header, or a piece of one broken over lines ("本年新" / "制作数量"). */
function isHeaderText(key: string, headers: readonly string[]): boolean {
  return headers.some((h) => h.includes(key));
}

function misprintedLabel(
  section: Section,
  printed: string,
  { key, label }: { key: string; label: string },
  line: number,
): Finding {
  return finding(
    'read.inferred',
    `第 ${line} 行：第${section}部分表格中的“${printed}”与官方行名“${label}”只差一个字，按该行读取`,
    `Line ${line}: "${printed}" in section ${section} differs from the row "${label}" by one character and was read as that row`,
    [{ section, row: key, column: '*' }],
    { found: printed, expected: label },
  );
}

function unmapped(section: Section, text: string, line: number): Finding {
  return finding(
    'read.unmapped-label',
    `第 ${line} 行：第${section}部分表格中的“${text}”无法对应到官方格式的行或表头`,
    `Line ${line}: "${text}" in section ${section} maps to no row or header of the national format`,
    [{ section, row: '?', column: '?' }],
    { found: text },
  );
}

function strayNumber(section: Section, token: Extract<TableToken, { kind: 'value' }>): Finding {
  return finding(
    'read.stray-number',
    `第 ${token.line} 行：第${section}部分的数字“${token.chunk}”不属于任何一行`,
    `Line ${token.line}: number "${token.chunk}" in section ${section} belongs to no row`,
    [{ section, row: '?', column: '?' }],
    { found: token.chunk },
  );
}

function rowByPosition(section: Section, row: RowChunks, before: string): Finding {
  return finding(
    'read.row-by-position',
    `第 ${row.line} 行：数字“${row.chunks.join(' ')}”前没有行名，在“${before}”之前，按表格位置读作“${row.label}”`,
    `Line ${row.line}: "${row.chunks.join(' ')}" has no row label; before "${before}" the table leaves only "${row.label}"`,
    [{ section, row: row.key, column: '*' }],
    { found: row.chunks.join(' ') },
  );
}

/**
 * Each official row label with the value chunks that follow it, up to the next label or text.
 * Numbers under no row are reported, except where `rowsBefore` says the table leaves exactly their
 * place: then they are those rows, said in a finding.
 */
function assembleRows(
  tokens: readonly TableToken[],
  rowFor: (key: string) => { key: string; label: string } | undefined,
  headers: readonly string[],
  section: Section,
  notes: Finding[],
  rowsBefore?: RowsBefore,
): RowChunks[] {
  const rows: RowChunks[] = [];
  let current: RowChunks | undefined;
  // Numbers under no row since the last label or text, until it is clear whose they are.
  let orphans: Extract<TableToken, { kind: 'value' }>[] = [];
  const strays = () => {
    for (const t of orphans) notes.push(strayNumber(section, t));
    orphans = [];
  };
  for (const token of tokens) {
    if (token.kind === 'value') {
      if (current) current.chunks.push(token.chunk);
      // An empty cell under no row (padding beside a caption or header) holds nothing to report.
      else if (token.chunk !== BLANK_CELL_MARK) orphans.push(token);
      continue;
    }
    if (current) current.closed = true;
    const row = rowFor(token.key);
    if (row && token.kind === 'label' && token.misprint !== undefined)
      notes.push(misprintedLabel(section, token.misprint, row, token.line));
    if (row) {
      const place = orphans.length > 0 ? rowsBefore?.(row.key) : undefined;
      if (
        place &&
        place.rows.length > 0 &&
        orphans.length === place.rows.length * place.width &&
        place.rows.every((r) => !rows.some((seen) => seen.key === r.key))
      ) {
        place.rows.forEach((r, i) => {
          const cells = orphans.slice(i * place.width, (i + 1) * place.width);
          const positioned = {
            key: r.key,
            label: r.label,
            line: cells[0]!.line,
            chunks: cells.map((c) => c.chunk),
            closed: true,
          };
          rows.push(positioned);
          notes.push(rowByPosition(section, positioned, row.label));
        });
        orphans = [];
      }
      strays();
      current = { key: row.key, label: row.label, line: token.line, chunks: [], closed: false };
      rows.push(current);
      continue;
    }
    strays();
    current = undefined;
    if (token.kind === 'text' && !isHeaderText(token.key, headers))
      notes.push(unmapped(section, token.text, token.line));
  }
  strays();
  return rows;
}

/**
 * A row's chunks without the empty cells a table pads it with: blank marks beyond the row's width,
 * from its end first ("规章 | 0 | 0 | 0 | |"), then from its start. Within the width a blank is a cell.
 */
function withoutPadding(chunks: readonly string[], width: number): string[] {
  const out = [...chunks];
  while (out.length > width && out.at(-1) === BLANK_CELL_MARK) out.pop();
  while (out.length > width && out[0] === BLANK_CELL_MARK) out.shift();
  return out;
}

function rowUnreadable(section: Section, row: RowChunks, width: number): Finding {
  return finding(
    'read.row-unreadable',
    `第 ${row.line} 行：“${row.label}”应有 ${width} 个数字，读到“${row.chunks.join(' ')}”，无法对应`,
    `Line ${row.line}: "${row.label}" needs ${width} cells, found "${row.chunks.join(' ')}"`,
    [{ section, row: row.key, column: '*' }],
    { expected: `${width} 个数字`, found: row.chunks.join(' ') || '（无）' },
  );
}

/**
 * A reading as the findings show it ("64,0,—,2"). A loop in one small function, not `map` inlined into
 * each reader: readings hold numbers only, or blanks too, or amounts (arrays of three shapes), and a
 * reader optimised on one shape would be deoptimised by the next.
 */
function shownReading(cells: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    out += `${i > 0 ? ',' : ''}${v === null ? '—' : String(v)}`;
  }
  return out;
}

function ambiguousDigits(
  section: Section,
  row: RowChunks,
  readings: readonly (readonly unknown[])[],
): Finding {
  const shown = packedMap(readings.slice(0, 3), shownReading);
  const more = readings.length > 3 ? ` 等 ${readings.length} 种` : '';
  return finding(
    'read.ambiguous-digits',
    `第 ${row.line} 行：“${row.label}”的数字“${row.chunks.join(' ')}”连写，可读作 ${shown.join(' 或 ')}${more}，无法确定，未读取`,
    `Line ${row.line}: "${row.label}" digits "${row.chunks.join(' ')}" can be read as ${shown.join(' or ')}; left unread`,
    [{ section, row: row.key, column: '*' }],
    { found: row.chunks.join(' ') },
  );
}

function gluedByRule(section: Section, row: RowChunks, cells: readonly unknown[]): Finding {
  const reading = shownReading(cells);
  return finding(
    'read.glued-digits',
    `第 ${row.line} 行：“${row.label}”的数字“${row.chunks.join(' ')}”连写，按勾稽关系读作 ${reading}`,
    `Line ${row.line}: "${row.label}" digits "${row.chunks.join(' ')}" read as ${reading} by the table rules`,
    [{ section, row: row.key, column: '*' }],
    { found: row.chunks.join(' ') },
  );
}

// ── Section 二 ──────────────────────────────────────────────────────────────

function proactiveCell(text: string, kind: string): ProactiveCell | undefined {
  if (text === '—') return null;
  if (kind === 'amount') return isDecimalString(text) ? canonicalDecimal(text) : undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Section 二: rows are found by label in any block; the block says how many cells follow. */
export function readProactive(
  tokens: readonly TableToken[],
  format: ReportFormat,
  notes: Finding[],
): Record<string, Record<string, ProactiveCell>> {
  const specs = PROACTIVE_ROWS[format];
  const specOf = (key: string) => [...specs.values()].find((s) => s.key === key)!;
  const rowsBefore: RowsBefore = (key) => {
    const { block } = specOf(key);
    const index = block.rows.findIndex((r) => r.key === key);
    return { rows: block.rows.slice(0, index), width: block.columns.length };
  };
  const rows = assembleRows(tokens, (k) => specs.get(k), PROACTIVE_HEADERS, '二', notes, rowsBefore);
  const table: Record<string, Record<string, ProactiveCell>> = {};
  for (const row of rows) {
    if (table[row.key]) continue;
    const { columns } = specOf(row.key).block;
    if (row.chunks.length === 0 && row.closed) {
      // A row printed with its label alone (its empty cells dropped by the page): every cell blank.
      table[row.key] = Object.fromEntries(columns.map((c) => [c.key, null]));
      continue;
    }
    const { cuts, complete } = digitSplits(withoutPadding(row.chunks, columns.length), columns.length);
    const readings = packedMap(cuts, (texts) =>
      packedMap(texts, (t, j) => proactiveCell(t, columns[j]!.kind)),
    ).filter((cells) => cells.every((c) => c !== undefined));
    if (readings.length === 1 && complete) {
      table[row.key] = Object.fromEntries(columns.map((c, j) => [c.key, readings[0]![j]!]));
    } else if (readings.length === 0) {
      notes.push(rowUnreadable('二', row, columns.length));
    } else {
      // Section 二 has no arithmetic inside a row to tell the cuts apart.
      notes.push(ambiguousDigits('二', row, readings));
    }
  }
  const yuan = format === '2021' ? feeInYuan(tokens) : undefined;
  const fee = table.fees?.amount;
  if (yuan !== undefined && typeof fee === 'string') {
    table.fees = { ...table.fees, amount: yuanToWanyuan(fee) };
    notes.push(
      finding(
        'read.inferred',
        `第 ${yuan} 行：收费金额以“元”为单位印出，已换算为万元：${fee} 元 = ${table.fees.amount} 万元`,
        `Line ${yuan}: the fee is printed in 元 and was converted to 万元: ${fee} 元 = ${table.fees.amount} 万元`,
        [{ section: '二', row: 'fees', column: 'amount' }],
        { found: `${fee} 元` },
      ),
    );
  }
  return table;
}

const FEES_ROW = labelKey('行政事业性收费');
/** "本年收费金额(单位:元)", "收费金额(元)": the fee column's unit is 元, not the format's 万元. */
const YUAN_HEADER = /(?:单位[:：]?元|[(（]元[)）])/u;

/**
 * The line where a page says its fee is in 元 — in the column header before the fees row, or after
 * the amount in its cell ("152790元") — or undefined when it is in 万元 as the format prints it.
 */
function feeInYuan(tokens: readonly TableToken[]): number | undefined {
  const fees = tokens.findIndex((t) => t.kind === 'label' && t.key === FEES_ROW);
  if (fees < 0) return undefined;
  for (let i = fees + 1; i < tokens.length && tokens[i]!.kind !== 'label'; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text' && t.key === '元') return t.line;
  }
  for (let i = fees - 1; i >= 0 && i >= fees - 8; i--) {
    const t = tokens[i]!;
    if (t.kind === 'text' && YUAN_HEADER.test(t.key) && !t.key.includes('万元')) return t.line;
  }
  return undefined;
}

// ── Section 三 ──────────────────────────────────────────────────────────────

/**
 * Requests and cases are counted in the hundreds or thousands; six digits leave room for the largest
 * ministry. Glued digits are only cut into numbers this long, which keeps the cuts few.
 */
const MAX_COUNT_DIGITS = 6;

/** A cell's text as the count the rules add (a blank counts 0): toCells without the array. */
const addend = (text: string) => (text === '—' ? 0 : Number(text));

/**
 * R2 on a finished row of seven: prunes cuts whose 总计 does not add up. Called for every cut tried,
 * so it sums the texts in place (the same sums as rowAddsUp(toCells(cells))), allocating nothing.
 */
function rowTotalHolds(cells: readonly string[]): boolean {
  if (cells.length < 7) return true;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += addend(cells[i]!);
  return sum === addend(cells[6]!);
}

/** R4 on each finished block of five in section 四 (blockAddsUp of its last five cells, in place). */
function reviewBlocksHold(cells: readonly string[]): boolean {
  const n = cells.length;
  if (n % 5 !== 0) return true;
  return (
    addend(cells[n - 5]!) + addend(cells[n - 4]!) + addend(cells[n - 3]!) + addend(cells[n - 2]!) ===
    addend(cells[n - 1]!)
  );
}

/** Section 三: each row label is followed by its seven numbers. */
export function readRequests(
  tokens: readonly TableToken[],
  format: ReportFormat,
  notes: Finding[],
): Partial<Record<RequestRowKey, CountCell[]>> {
  const specs = REQUEST_ROWS_BY_KEY[format];
  const rows = assembleRows(tokens, (k) => specs.get(k), REQUEST_HEADERS, '三', notes);
  const byKey = new Map<string, RowChunks>();
  for (const row of rows) if (!byKey.has(row.key)) byKey.set(row.key, row);
  const candidates: RowCandidates[] = [];
  for (const row of byKey.values()) {
    // Cuts whose own 总计 adds up first; only if there are none, every cut (the row is wrong as published).
    const width = REQUEST_COLUMNS.length;
    // A row printed with its label alone (its empty cells dropped by the page): every cell blank.
    const chunks =
      row.chunks.length === 0 && row.closed
        ? Array(width).fill(BLANK_CELL_MARK)
        : withoutPadding(row.chunks, width);
    const adding = digitSplits(chunks, width, { maxDigits: MAX_COUNT_DIGITS, keep: rowTotalHolds });
    const splits =
      adding.cuts.length > 0 ? adding : digitSplits(chunks, width, { maxDigits: MAX_COUNT_DIGITS });
    if (splits.cuts.length === 0) notes.push(rowUnreadable('三', row, width));
    candidates.push({
      key: row.key as RequestRowKey,
      candidates: packedMap(splits.cuts, toCells),
      complete: splits.complete,
    });
  }
  const resolution = resolveRequestRows(candidates, format);
  for (const key of resolution.byRule)
    notes.push(gluedByRule('三', byKey.get(key)!, resolution.chosen.get(key)!));
  for (const [key, readings] of resolution.ambiguous)
    notes.push(ambiguousDigits('三', byKey.get(key)!, readings));
  const table: Partial<Record<RequestRowKey, CountCell[]>> = {};
  for (const [key, cells] of resolution.chosen) table[key] = [...cells];
  return table;
}

// ── Section 四 ──────────────────────────────────────────────────────────────

/** Section 四: the fifteen numbers follow the headers, in printed order. */
export function readReview(tokens: readonly TableToken[], notes: Finding[]): ReviewLitigationTable {
  const chunks: string[] = [];
  let line = 0;
  for (const token of tokens) {
    if (token.kind === 'value') {
      chunks.push(token.chunk);
      line ||= token.line;
    } else if (token.kind === 'text' && !isHeaderText(token.key, REVIEW_HEADERS)) {
      notes.push(unmapped('四', token.text, token.line));
    }
  }
  const table: Record<string, Record<string, CountCell>> = Object.fromEntries(
    REVIEW_BLOCKS.map((b) => [b.key, {}]),
  );
  if (chunks.length === 0) return table as unknown as ReviewLitigationTable;
  const width = REVIEW_CELLS.length;
  const row: RowChunks = {
    key: 'review',
    label: '行政复议、行政诉讼',
    line,
    chunks: withoutPadding(chunks, width),
    closed: true,
  };
  const adding = digitSplits(row.chunks, width, { maxDigits: MAX_COUNT_DIGITS, keep: reviewBlocksHold });
  const splits =
    adding.cuts.length > 0 ? adding : digitSplits(row.chunks, width, { maxDigits: MAX_COUNT_DIGITS });
  const resolved = splits.complete
    ? resolveReviewCells(packedMap(splits.cuts, toCells))
    : { ambiguous: packedMap(splits.cuts, toCells) };
  let cells: Cells | undefined;
  if (resolved === undefined) notes.push(rowUnreadable('四', row, REVIEW_CELLS.length));
  else if ('ambiguous' in resolved) notes.push(ambiguousDigits('四', row, resolved.ambiguous));
  else {
    cells = resolved.cells;
    if (resolved.byRule) notes.push(gluedByRule('四', row, cells));
  }
  REVIEW_CELLS.forEach((cell, i) => {
    const value = cells?.[i];
    if (value !== undefined) table[cell.block]![cell.column] = value;
  });
  return table as unknown as ReviewLitigationTable;
}
