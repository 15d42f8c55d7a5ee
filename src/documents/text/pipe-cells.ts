/**
 * @module Tables written with "|" between cells, as portals' stored copies and Markdown converters
 * give them, turned into the reader's one-cell-per-line form.
 *
 * Every shape seen is one stream: each cell's text followed by a "|", with line breaks anywhere —
 * whole rows on a line ("规章 | 0 | 0 | 0 | |"), Markdown rows ("| 规章 | 0 | 0 |"), one cell per
 * line ending in " |", a cell and its "|" on alternate lines, filler runs ("||||") for merged or
 * padding cells. So a "|" ends the cell before it: text between two "|" is a cell, nothing between
 * them is an empty cell (a blank mark, which the table reader drops where no row wants it); a "|"
 * right after a line without one ends that line's cell, and a Markdown row's leading "|" opens the
 * row, rather than making an empty one.
 * Markdown's "|---|---|" rule lines and "###" heading marks are not content, nor is the header row
 * an OCR or LLM converter gives a table it could not label ("| 项目 | 数据1 | 数据2 | … |").
 */
import { BLANK_CELL_MARK } from './render-text.js';
import type { SourceLine } from './text-lines.js';

const RULE_CELL = /^:?-{3,}:?$/;
const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s+/;
const NUMBERED_HEADER = /^(?:数据|列|栏|字段|column|col|data)\s*\d{1,2}$/iu;
const GENERIC_HEADER = /^(?:项目|指标|内容|名称|序号)$/u;

/** A row of generic column names only, at least one of them numbered: no label of the report's. */
function isGenericHeader(cells: readonly string[]): boolean {
  const named = cells.filter((c) => c !== '');
  return (
    named.some((c) => NUMBERED_HEADER.test(c)) &&
    named.every((c) => NUMBERED_HEADER.test(c) || GENERIC_HEADER.test(c))
  );
}

/** The lines with every "|"-separated cell on a line of its own; lines without "|" as they were. */
export function pipeCellLines(source: readonly SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  // Whether the last cell written is still open (its "|" not seen yet).
  let open = false;
  for (const { text: raw, line } of source) {
    const text = raw.replace(MARKDOWN_HEADING, '');
    if (!text.includes('|')) {
      out.push(text === raw ? { text: raw, line } : { text, line });
      if (text.trim() !== '') open = true;
      continue;
    }
    const pieces = text.split('|');
    const last = pieces.pop()!.trim();
    if (pieces.every((p) => RULE_CELL.test(p.trim()) || p.trim() === '') && pieces.some((p) => p.trim()))
      continue;
    if (isGenericHeader([...pieces.map((p) => p.trim()), last])) continue;
    // "| 规章 | 0 |": a Markdown row's first "|" opens the row; a line of "|" alone is empty cells.
    const markdownRow = pieces[0]!.trim() === '' && (pieces.slice(1).some((p) => p.trim()) || last !== '');
    pieces.forEach((piece, i) => {
      const cell = piece.trim();
      if (cell !== '') out.push({ text: cell, line });
      // The line's first "|" closes the cell the line before left open, or opens a Markdown row.
      else if (!(i === 0 && (open || markdownRow))) out.push({ text: BLANK_CELL_MARK, line });
    });
    if (last !== '') out.push({ text: last, line });
    open = last !== '';
  }
  return out;
}
