/**
 * @module One Word table row as source lines, in the order `renderText` writes cells: each cell once,
 * a blank value cell as "—", and no line for the empty cells that only pad a header or a label column.
 */
import { labelKey } from '../label-key.js';
import { GROUPED_REQUEST_ROWS, TABLE_ROW_LABELS } from '../text/reader-phrases.js';
import { BLANK_CELL_MARK } from '../text/render-text.js';
import { cellToken, type SourceLine } from '../text/text-lines.js';

/** A cell's text (its paragraphs joined), or the lines of the tables nested in it. */
export type DocxCell = { readonly text: string } | { readonly lines: readonly SourceLine[] };

/**
 * Row labels of both formats. A row whose values are all blank has no number to tell it from a header
 * row, but it ends in one of these labels; a header never does.
 */
const ROW_LABELS: ReadonlySet<string> = new Set(
  [...TABLE_ROW_LABELS.二, ...TABLE_ROW_LABELS.三, ...GROUPED_REQUEST_ROWS].map(labelKey),
);

type Kind = 'empty' | 'value' | 'label';

function kindOf(cell: DocxCell): Kind {
  if ('lines' in cell) return 'label';
  const key = labelKey(cell.text);
  if (key === '') return 'empty';
  return cellToken(key) ? 'value' : 'label';
}

/**
 * The lines of one row. An empty cell is a blank value ("—") when it stands right of the row's last
 * label and the row holds a value or ends in a known row label; other empty cells (a header's corner,
 * a label column left blank instead of merged) print nothing, as they would in a scraped page.
 */
export function rowLines(cells: readonly DocxCell[], line: number): SourceLine[] {
  const kinds = cells.map(kindOf);
  const lastLabel = kinds.lastIndexOf('label');
  const labelCell = cells[lastLabel];
  const blanksAreValues =
    kinds.includes('value') ||
    (labelCell !== undefined && 'text' in labelCell && ROW_LABELS.has(labelKey(labelCell.text)));
  const out: SourceLine[] = [];
  cells.forEach((cell, i) => {
    if ('lines' in cell) out.push(...cell.lines);
    else if (kinds[i] !== 'empty') out.push({ text: cell.text, line });
    else if (blanksAreValues && i > lastLabel) out.push({ text: BLANK_CELL_MARK, line });
  });
  return out;
}
