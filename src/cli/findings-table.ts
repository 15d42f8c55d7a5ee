/**
 * @module Findings as a table a person reads in a terminal (Chinese first), as wide as the terminal
 * (`process.stdout.columns`, 100 when stdout is not a terminal). A wide terminal gets six columns, the
 * cells named in their own; a narrower one (below about 140 columns) lists the cells under the message,
 * which takes what the other columns leave and wraps; those shrink to their minimums only when the
 * terminal is narrower still. Rule ids and cell names break at their dots, dashes and spaces. Below
 * about 60 columns the minimums no longer fit and lines run past the edge.
 *
 * Drawn here rather than by cli-table3, in one pass over the findings: widths are counted per
 * character once (CJK characters take two columns), so 20,000 findings take well under a second.
 * Every cell goes through `terminalText`: a report's text cannot send escape sequences to the terminal.
 */
import stringWidth from 'string-width';
import { terminalText } from '../audit/terminal-text.js';
import type { AnnualReport } from '../domain/report/model.js';
import { cellName } from '../domain/report/validation/cell-names.js';
import { type Finding, SEVERITY_LABEL } from '../domain/report/validation/finding.js';

const MAX_CELLS_SHOWN = 4;

/** Columns when stdout is not a terminal (a pipe, a file). */
export const DEFAULT_WIDTH = 100;

interface Column {
  readonly head: string;
  /** Widest it gets, however long its text. */
  readonly cap: number;
  /** Narrow terminals shrink a column to `roomy` first, then to `min`. */
  readonly roomy: number;
  readonly min: number;
}

const SEVERITY_COLUMN: Column = { head: '级别', cap: 4, roomy: 4, min: 4 };
const RULE_COLUMN: Column = { head: '规则', cap: 24, roomy: 24, min: 10 };
const MESSAGE_COLUMN: Column = { head: '说明', cap: Number.POSITIVE_INFINITY, roomy: 16, min: 16 };
const CELLS_COLUMN: Column = { head: '单元格', cap: 48, roomy: 48, min: 48 };
const EXPECTED_COLUMN: Column = { head: '应为', cap: 14, roomy: 8, min: 6 };
const FOUND_COLUMN: Column = { head: '实为', cap: 14, roomy: 8, min: 6 };

interface Layout {
  readonly columns: readonly Column[];
  /** The columns that give up width for the message, in the order they do. */
  readonly shrinking: readonly number[];
}

/** Index of the message column in both layouts. */
const MESSAGE = 2;
const WIDE: Layout = {
  columns: [SEVERITY_COLUMN, RULE_COLUMN, MESSAGE_COLUMN, CELLS_COLUMN, EXPECTED_COLUMN, FOUND_COLUMN],
  shrinking: [],
};
const NARROW: Layout = {
  columns: [SEVERITY_COLUMN, RULE_COLUMN, MESSAGE_COLUMN, EXPECTED_COLUMN, FOUND_COLUMN],
  shrinking: [3, 4, 1],
};
/** The wide layout is taken when it leaves the message this many columns (or all it needs). */
const WIDE_MESSAGE = 40;
/** When even the roomy widths do not fit, the message keeps at least this share of the text's width. */
const MESSAGE_SHARE = 0.5;
/** "│ " before every cell and " │" after it: a border and two spaces of padding per column, plus one. */
const frame = (layout: Layout) => layout.columns.length * 3 + 1;

const widthCache = new Map<number, number>();

/** Terminal columns a character takes: 2 for East Asian wide and full-width ones, 0 for combining marks. */
function charWidth(code: number): number {
  if (code < 0x300) return 1;
  // The common case, CJK ideographs and their punctuation, without a lookup.
  if (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3000 && code <= 0x303e) ||
    (code >= 0xff01 && code <= 0xff60)
  )
    return 2;
  let width = widthCache.get(code);
  if (width === undefined) {
    width = stringWidth(String.fromCodePoint(code));
    widthCache.set(code, width);
  }
  return width;
}

/** Terminal columns of `text` from index `from` to `to` (UTF-16 indices). */
function widthOf(text: string, from = 0, to = text.length): number {
  let width = 0;
  for (let i = from; i < to; ) {
    const code = text.codePointAt(i)!;
    width += charWidth(code);
    i += code > 0xffff ? 2 : 1;
  }
  return width;
}

export const displayWidth = (text: string): number => widthOf(text);

interface Line {
  readonly text: string;
  readonly width: number;
}

/** Where an identifier or an English phrase may break: after these, before more of it. */
const isSoftBreak = (code: number) =>
  code === 0x20 || code === 0x2e || code === 0x2d || code === 0x2f || code === 0x5f || code === 0x2c;

/**
 * Lines of at most `width` columns. Chinese text breaks anywhere; a run of letters and digits breaks
 * after a space, dot or dash when there is one on the line (`cross-year.` / `carry-over`), and any
 * text after a space in the second half of the line (a cell name at its " · "). Lines are cut out of
 * `text` by index, never built a character at a time.
 */
export function wrapToWidth(text: string, width: number): Line[] {
  const out: Line[] = [];
  for (let from = 0; from <= text.length; ) {
    const newline = text.indexOf('\n', from);
    const to = newline < 0 ? text.length : newline;
    wrapParagraph(text, from, to, width, out);
    from = to + 1;
  }
  return out;
}

function wrapParagraph(text: string, from: number, to: number, width: number, out: Line[]): void {
  let lineStart = from;
  let used = 0;
  let breakAt = -1;
  let usedAtBreak = 0;
  for (let i = from; i < to; ) {
    const code = text.codePointAt(i)!;
    const w = charWidth(code);
    if (used + w > width && i > lineStart) {
      const soft =
        (code > 0x20 && code < 0x7f) || (text.charCodeAt(breakAt - 1) === 0x20 && usedAtBreak * 2 >= width);
      if (breakAt > lineStart && breakAt < i && soft) {
        const head = text.slice(lineStart, breakAt).trimEnd();
        out.push({ text: head, width: widthOf(head) });
        used -= usedAtBreak;
        lineStart = breakAt;
      } else {
        out.push({ text: text.slice(lineStart, i), width: used });
        lineStart = i;
        used = 0;
      }
      breakAt = -1;
    }
    used += w;
    i += code > 0xffff ? 2 : 1;
    if (isSoftBreak(code)) {
      breakAt = i;
      usedAtBreak = used;
    }
  }
  out.push({ text: text.slice(lineStart, to), width: used });
}

function widestLine(text: string): number {
  let widest = 0;
  for (let from = 0; from <= text.length; ) {
    const newline = text.indexOf('\n', from);
    const to = newline < 0 ? text.length : newline;
    widest = Math.max(widest, widthOf(text, from, to));
    from = to + 1;
  }
  return widest;
}

/** How wide each column's text is, capped: its widest line, and at least its heading. */
function naturalWidths(layout: Layout, rows: readonly (readonly string[])[]): number[] {
  const widths = layout.columns.map((c) => displayWidth(c.head));
  for (const row of rows) {
    row.forEach((text, i) => {
      widths[i] = Math.max(widths[i]!, widestLine(text));
    });
  }
  return widths.map((w, i) => Math.min(w, layout.columns[i]!.cap));
}

/** The content width of each column of `layout` for these rows on a terminal `total` columns wide. */
function columnWidths(layout: Layout, rows: readonly (readonly string[])[], total: number): number[] {
  const widths = naturalWidths(layout, rows);
  const room = total - frame(layout);
  const others = () => widths.reduce((sum, w, i) => (i === MESSAGE ? sum : sum + w), 0);
  const message = widths[MESSAGE]!;
  const floors = [
    ['roomy', message],
    ['min', Math.min(message, Math.max(MESSAGE_COLUMN.min, Math.floor(room * MESSAGE_SHARE)))],
  ] as const;
  for (const [floor, wanted] of floors) {
    for (const i of layout.shrinking) {
      const deficit = wanted - (room - others());
      if (deficit <= 0) break;
      // Never wider than its text needs: a floor only stops the shrinking.
      widths[i] = Math.min(widths[i]!, Math.max(layout.columns[i]![floor], widths[i]! - deficit));
    }
  }
  widths[MESSAGE] = Math.max(MESSAGE_COLUMN.min, Math.min(message, room - others()));
  return widths;
}

/** Six columns when the message keeps room beside the cells' own column; else the cells go under it. */
function chooseLayout(rows: readonly (readonly string[])[], total: number): Layout {
  const widths = naturalWidths(WIDE, rows);
  const others = widths.reduce((sum, w, i) => (i === MESSAGE ? sum : sum + w), 0);
  return total - frame(WIDE) - others >= Math.min(widths[MESSAGE]!, WIDE_MESSAGE) ? WIDE : NARROW;
}

/** A wide row folded for the narrow layout: the cells listed under the message. */
function narrowRow([severity, rule, message, cells, expected, found]: readonly string[]): string[] {
  return [severity!, rule!, cells ? `${message}\n单元格：\n${cells}` : message!, expected!, found!];
}

function rule(widths: readonly number[], [left, middle, right]: readonly [string, string, string]): string {
  return `${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}`;
}

/** The physical lines of one table row: each cell wrapped to its column, padded, side by side. */
function rowLines(cells: readonly string[], widths: readonly number[], out: string[]): void {
  const wrapped = cells.map((text, i) => wrapToWidth(text, widths[i]!));
  const height = Math.max(...wrapped.map((lines) => lines.length));
  for (let l = 0; l < height; l++) {
    let line = '│';
    for (let i = 0; i < wrapped.length; i++) {
      const cell = wrapped[i]![l];
      const pad = widths[i]! - (cell?.width ?? 0);
      line += ` ${cell?.text ?? ''}${padding(pad)} │`;
    }
    out.push(line);
  }
}

const BLANKS = ' '.repeat(256);
/** `n` spaces; slices of one string for the usual widths, so padding allocates nothing new. */
const padding = (n: number) => (n <= 0 ? '' : n <= BLANKS.length ? BLANKS.slice(0, n) : ' '.repeat(n));

/** The terminal's width for stdout, or `DEFAULT_WIDTH` when stdout is not a terminal. */
export function stdoutColumns(): number {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : DEFAULT_WIDTH;
}

export function findingsTable(
  findings: readonly Finding[],
  report: AnnualReport,
  options: { readonly width?: number } = {},
): string {
  const total = options.width ?? stdoutColumns();
  const wide = findings.map((f) => {
    const names = f.cells.slice(0, MAX_CELLS_SHOWN).map((c) => cellName(c, report.format));
    if (f.cells.length > MAX_CELLS_SHOWN) names.push(`……共 ${f.cells.length} 个单元格`);
    return [
      SEVERITY_LABEL[f.severity],
      f.rule,
      f.message,
      names.join('\n'),
      f.expected ?? '',
      f.found ?? '',
    ].map((text) => terminalText(text, { lines: true }));
  });
  const layout = chooseLayout(wide, total);
  const rows = layout === WIDE ? wide : wide.map(narrowRow);
  const widths = columnWidths(layout, rows, total);
  const out: string[] = [rule(widths, ['┌', '┬', '┐'])];
  rowLines(
    layout.columns.map((c) => c.head),
    widths,
    out,
  );
  const separator = rule(widths, ['├', '┼', '┤']);
  for (const row of rows) {
    out.push(separator);
    rowLines(row, widths, out);
  }
  out.push(rule(widths, ['└', '┴', '┘']));
  return `${out.join('\n')}\n`;
}
