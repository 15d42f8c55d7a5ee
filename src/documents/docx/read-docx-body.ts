/**
 * @module The body of `word/document.xml` as source lines, in one pass over the XML (read-docx-xml, no
 * DOM): a line per paragraph outside tables, a line per table cell in row-major order (read-docx-rows).
 *
 * `line` numbers the body's paragraphs (outside tables) and table rows, 1-based, in document order;
 * every cell line carries its row's number. Word has no line numbers of its own, and paragraphs and
 * rows are what a reader can count in the document to find the place.
 */
import type { SourceLine } from '../text/text-lines.js';
import { type DocxCell, rowLines } from './read-docx-rows.js';
import { attribute, scanXml } from './read-docx-xml.js';

/**
 * Elements whose whole content is not printed text: tracked deletions and moves away, field codes
 * (`instrText` holds e.g. "PAGE \* MERGEFORMAT"; the field's result is kept), ruby annotations, the
 * VML copy of a drawing that `mc:Choice` already holds, and property blocks (a `w:tab` in `w:pPr` is a
 * tab stop, and the `*PrChange` blocks hold the formatting before a tracked change, old merges too).
 */
const SKIPPED = new Set([
  'w:del',
  'w:delText',
  'w:delInstrText',
  'w:moveFrom',
  'w:instrText',
  'w:rt',
  'mc:Fallback',
  'w:pPr',
  'w:tblPr',
  'w:tblGrid',
  'w:trPr',
  'w:sectPr',
  'w:sdtEndPr',
  'w:rPrChange',
  'w:pPrChange',
  'w:tcPrChange',
  'w:trPrChange',
  'w:tblPrChange',
  'w:sectPrChange',
  'w:tblGridChange',
]);

const OFF = new Set(['0', 'false', 'off']);
const isOn = (attributes: string) => !OFF.has(attribute(attributes, 'w:val') ?? 'true');

/** The WordprocessingML namespace, transitional and strict. */
const WORD_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);

/**
 * Word writes the namespace as "w:", but some tools bind another prefix or the default namespace; names
 * are then renamed to the "w:" form this reader compares against. Declared on the root, as tools do.
 */
function wordNames(rootAttributes: string): ((name: string) => string) | undefined {
  for (const m of rootAttributes.matchAll(/xmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (!WORD_NAMESPACES.has(m[2] ?? m[3] ?? '')) continue;
    const prefix = m[1];
    if (prefix === 'w') return undefined;
    if (prefix === undefined) return (name) => (name.includes(':') ? name : `w:${name}`);
    const own = `${prefix}:`;
    return (name) => (name.startsWith(own) ? `w:${name.slice(own.length)}` : name);
  }
  return undefined;
}

interface OpenCell {
  text: string;
  /** Lines of nested tables, and of the cell's own text before each of them. */
  readonly lines: SourceLine[];
  nested: boolean;
  /** The lower part of a merge, or a deleted cell: printed once already, or not at all. */
  covered: boolean;
}

interface OpenTable {
  row: { readonly line: number; readonly cells: DocxCell[]; cell: OpenCell | null } | null;
}

/** The lines of a whole `word/document.xml`. */
export function bodyLines(xml: string): SourceLine[] {
  const out: SourceLine[] = [];
  let counter = 0;
  let rename: ((name: string) => string) | undefined;
  let seenRoot = false;
  /** Depth inside a skipped element; 0 when reading. */
  let skipping = 0;
  let inText = 0;
  /** One entry per open run: whether it is hidden (`w:vanish`). Text boxes nest runs in runs. */
  const runs: boolean[] = [];
  /** Open paragraphs; a text box opens paragraphs inside a paragraph. */
  const paragraphs: { text: string; readonly line: number }[] = [];
  const tables: OpenTable[] = [];
  /**
   * One entry per open content control: whether it shows placeholder text ("单击此处输入文字"). Only
   * its text is dropped: a control around a table cell or row still holds that cell's place.
   */
  const controls: { placeholder: boolean; hiding: boolean }[] = [];
  let hiding = 0;

  const openCell = (): OpenCell | null => tables.at(-1)?.row?.cell ?? null;
  const rowLine = (): number => tables.at(-1)?.row?.line ?? counter;
  const append = (text: string) => {
    const p = paragraphs.at(-1);
    if (p && runs.length > 0 && !runs.at(-1) && hiding === 0) p.text += text;
  };

  const open = (tag: string, attributes: string) => {
    if (!seenRoot) {
      seenRoot = true;
      rename = wordNames(attributes);
    }
    const name = rename ? rename(tag) : tag;
    if (skipping > 0 || SKIPPED.has(name)) {
      skipping++;
      return;
    }
    switch (name) {
      case 'w:p':
        paragraphs.push({ text: '', line: tables.length === 0 ? ++counter : rowLine() });
        break;
      case 'w:r':
        runs.push(false);
        break;
      case 'w:vanish':
        if (runs.length > 0) runs[runs.length - 1] = isOn(attributes);
        break;
      case 'w:t':
        inText++;
        break;
      // w:br and w:cr add nothing: a manual break inside a heading or label must not split it, and
      // Chinese text needs no space where a line was broken.
      case 'w:tab':
      case 'w:ptab':
        append(' ');
        break;
      case 'w:noBreakHyphen':
        append('-');
        break;
      case 'w:tbl': {
        const cell = openCell();
        if (cell) {
          if (cell.text !== '') cell.lines.push({ text: cell.text, line: rowLine() });
          cell.text = '';
          cell.nested = true;
        }
        tables.push({ row: null });
        break;
      }
      case 'w:tr': {
        const table = tables.at(-1);
        if (table) table.row = { line: ++counter, cells: [], cell: null };
        break;
      }
      case 'w:tc': {
        const row = tables.at(-1)?.row;
        if (row) row.cell = { text: '', lines: [], nested: false, covered: false };
        break;
      }
      case 'w:vMerge':
      case 'w:hMerge': {
        const cell = openCell();
        if (cell && attribute(attributes, 'w:val') !== 'restart') cell.covered = true;
        break;
      }
      case 'w:cellDel': {
        const cell = openCell();
        if (cell) cell.covered = true;
        break;
      }
      case 'w:sdt':
        controls.push({ placeholder: false, hiding: false });
        break;
      case 'w:showingPlcHdr': {
        const control = controls.at(-1);
        if (control) control.placeholder = isOn(attributes);
        break;
      }
      case 'w:sdtContent': {
        const control = controls.at(-1);
        if (control?.placeholder && !control.hiding) {
          control.hiding = true;
          hiding++;
        }
        break;
      }
    }
  };

  const closeParagraph = () => {
    const p = paragraphs.pop();
    if (!p) return;
    const cell = openCell();
    // A cell's paragraphs are one label broken over lines: joined without a separator.
    if (cell) cell.text += p.text;
    else if (p.text !== '') out.push({ text: p.text, line: p.line });
  };

  const closeCell = () => {
    const row = tables.at(-1)?.row;
    const cell = row?.cell;
    if (!row || !cell) return;
    row.cell = null;
    if (cell.covered) return;
    if (!cell.nested) row.cells.push({ text: cell.text });
    else if (cell.text === '') row.cells.push({ lines: cell.lines });
    else row.cells.push({ lines: [...cell.lines, { text: cell.text, line: row.line }] });
  };

  const closeRow = () => {
    const table = tables.at(-1);
    const row = table?.row;
    if (!table || !row) return;
    table.row = null;
    const lines = rowLines(row.cells, row.line);
    // A nested table's lines stand in its outer cell, in place of text.
    const outer = tables.at(-2)?.row?.cell;
    if (outer) outer.lines.push(...lines);
    else out.push(...lines);
  };

  const close = (tag: string) => {
    if (skipping > 0) {
      skipping--;
      return;
    }
    switch (rename ? rename(tag) : tag) {
      case 'w:p':
        closeParagraph();
        break;
      case 'w:r':
        runs.pop();
        break;
      case 'w:t':
        inText = Math.max(0, inText - 1);
        break;
      case 'w:tc':
        closeCell();
        break;
      case 'w:tr':
        closeRow();
        break;
      case 'w:tbl':
        tables.pop();
        break;
      case 'w:sdt':
        if (controls.pop()?.hiding) hiding--;
        break;
    }
  };

  scanXml(xml, {
    open,
    close,
    text: (text) => {
      if (inText > 0 && skipping === 0) append(text);
    },
  });
  return out;
}
