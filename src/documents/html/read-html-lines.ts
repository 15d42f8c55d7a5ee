/**
 * @module An HTML page → the one-line-per-block source lines the text reader takes: every paragraph,
 * heading or table cell becomes one line, in document order, whatever markup the portal's editor
 * wrapped around it (`<p><span>…</span></p>` pieces inside a cell, `&nbsp;` runs, `<br>` breaks).
 *
 * The page is parsed once by htmlparser2 (cheerio's parser; `cheerio.load` around it costs as much
 * again, for selectors this walk does not need) and walked once, so the cost stays linear in its size.
 */
import { parseDocument } from 'htmlparser2';
import { BLANK_CELL_MARK } from '../text/render-text.js';
import type { SourceLine } from '../text/text-lines.js';

/** The parts of a domhandler node the walk reads; htmlparser2's nodes fit it as they are. */
interface HtmlNode {
  readonly type: string;
  readonly name?: string;
  readonly data?: string;
  readonly attribs?: Readonly<Record<string, string>>;
  readonly children?: readonly HtmlNode[];
  readonly startIndex: number | null;
}

/** Elements whose text is never part of the page as read: code, styles, and the window title. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'svg', 'iframe', 'object']);

/** Elements that start and end a line. Anything else (span, strong, font, a, b…) runs on in the line. */
const BLOCKS = new Set([
  ...['address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details'],
  ...['dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form'],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main'],
  ...['menu', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary', 'ul'],
]);

/** Table parts walked through on the way to rows; a row's cells are read by `tableLines`. */
const ROW_GROUPS = new Set(['thead', 'tbody', 'tfoot']);
const CELLS = new Set(['td', 'th']);

/** Runs of spaces, line breaks and `&nbsp;` as a browser collapses them; U+3000 is text, kept. */
const COLLAPSIBLE = /[ \t\n\r\f\u00a0]+/g;
const VISIBLE = /[^ \t\n\r\f\u00a0]/;

/** 1-based line numbers of character offsets, from one pass over the newlines. */
function lineIndex(html: string): (offset: number | null) => number {
  const starts = [0];
  for (let i = html.indexOf('\n'); i !== -1; i = html.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    if (offset === null) return 1;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Whether a table lies anywhere under `node`. Walks with its own stack: pages nest thousands deep. */
function hasTable(node: HtmlNode): boolean {
  const stack: HtmlNode[] = [...(node.children ?? [])];
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (child.type !== 'tag') continue;
    if (child.name === 'table') return true;
    if (child.children) stack.push(...child.children);
  }
  return false;
}

/**
 * The text under a node, skipped elements left out: `pieces` holds what earlier blocks held, each
 * trimmed, `run` the text since the last block boundary.
 */
interface CellPieces {
  readonly pieces: string[];
  run: string;
}

const collapse = (text: string) => text.replace(COLLAPSIBLE, ' ').trim();

function endPiece(into: CellPieces): void {
  const piece = collapse(into.run);
  if (piece !== '') into.pieces.push(piece);
  into.run = '';
}

/** Gathers a cell's text in document order, with its own stack (no recursion: nesting may be deep). */
function textOf(node: HtmlNode, into: CellPieces): void {
  // A string on the stack marks the end of a block element.
  const stack: (HtmlNode | 'end')[] = [...(node.children ?? [])].reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === 'end') {
      endPiece(into);
      continue;
    }
    if (item.type === 'text') into.run += item.data!;
    else if (item.type === 'tag' && !SKIPPED.has(item.name!)) {
      const block = BLOCKS.has(item.name!);
      if (block) {
        endPiece(into);
        stack.push('end');
      }
      for (let k = (item.children?.length ?? 0) - 1; k >= 0; k--) stack.push(item.children![k]!);
    }
  }
}

/**
 * A cell's text as one line. Editors wrap each line of a cell in its own `<p>` and pad it with
 * `&nbsp;` runs ("服<span>务</span>\n &nbsp; …</p><p>机构</p>"): the pieces are trimmed and joined
 * with nothing between them, as the label was meant to read ("服务机构").
 */
function cellText(cell: HtmlNode): string {
  const into: CellPieces = { pieces: [], run: '' };
  textOf(cell, into);
  endPiece(into);
  const text = into.pieces.join('');
  // Ideographic spaces (U+3000) are text in a paragraph, but a cell holding nothing else is empty.
  return /^[\s\u3000]*$/.test(text) ? '' : text;
}

/**
 * A cell our own renderer marks as a value (data-path, class gk-value) is a value even when blank and
 * its whole row is blank, which the number test below cannot see.
 */
const markedValue = (cell: HtmlNode) =>
  cell.attribs?.['data-path'] !== undefined || /\bgk-value\b/.test(cell.attribs?.class ?? '');

/**
 * A number as agencies print one (full-width digits, thousands separators, a decimal amount) or a
 * mark they print for "none"; either makes its row a row of values.
 */
const VALUE = /^(?:[+\-−]?[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?|[—–\-−/／]{1,2}|无)$/;

class LineWriter {
  readonly lines: SourceLine[] = [];
  private parts: string[] = [];
  /** Where the line being gathered started: the block that opened it, else its first visible text. */
  private start: number | null = null;
  private blockStart: number | null = null;

  constructor(private readonly lineAt: (offset: number | null) => number) {}

  push(text: string, offset: number | null): void {
    this.lines.push({ text, line: this.lineAt(offset) });
  }

  text(data: string, offset: number | null): void {
    if (this.start === null) {
      if (!VISIBLE.test(data)) return;
      this.start = this.blockStart ?? offset;
    }
    this.parts.push(data);
  }

  /** Ends the line being gathered; `next` is where the block about to open starts, if one does. */
  flush(next: number | null = null): void {
    if (this.start !== null) {
      const text = collapse(this.parts.join(''));
      if (text !== '') this.push(text, this.start);
    }
    this.parts = [];
    this.start = null;
    this.blockStart = next;
  }
}

/** The walk's work, done last-in first-out: no recursion, since pages nest elements thousands deep. */
type Work =
  | { readonly kind: 'flow'; readonly node: HtmlNode }
  | { readonly kind: 'table'; readonly node: HtmlNode }
  | { readonly kind: 'flush'; readonly next?: number | null }
  | { readonly kind: 'push'; readonly text: string; readonly offset: number | null }
  | { readonly kind: 'text'; readonly data: string; readonly offset: number | null };

/** Flowing content: text runs on until a block element, a table's cells come out one per line. */
function pushReversed<T>(stack: T[], items: readonly T[]): void {
  for (let k = items.length - 1; k >= 0; k--) stack.push(items[k]!);
}

function flowLines(root: HtmlNode, out: LineWriter): void {
  const stack: Work[] = [{ kind: 'flow', node: root }];
  while (stack.length > 0) {
    const work = stack.pop()!;
    switch (work.kind) {
      case 'flush':
        out.flush(work.next ?? null);
        break;
      case 'push':
        out.push(work.text, work.offset);
        break;
      case 'text':
        out.text(work.data, work.offset);
        break;
      case 'table':
        // Pushed in reverse, so the table's lines come out in order (one by one: a table of
        // 150,000 cells would overflow the argument list of a spread).
        pushReversed(stack, tableWork(work.node));
        break;
      case 'flow': {
        const children = work.node.children ?? [];
        for (let k = children.length - 1; k >= 0; k--) pushReversed(stack, childWork(children[k]!));
        break;
      }
    }
  }
}

/** What one child of flowing content asks for, in order. */
function childWork(child: HtmlNode): Work[] {
  if (child.type === 'text') return [{ kind: 'text', data: child.data!, offset: child.startIndex }];
  if (child.type !== 'tag' || SKIPPED.has(child.name!)) return [];
  if (child.name === 'table') return [{ kind: 'flush' }, { kind: 'table', node: child }, { kind: 'flush' }];
  if (BLOCKS.has(child.name!)) {
    return [{ kind: 'flush', next: child.startIndex }, { kind: 'flow', node: child }, { kind: 'flush' }];
  }
  return [{ kind: 'flow', node: child }];
}

/** The rows of a table, through thead/tbody/tfoot; cells found outside any `<tr>` form a row each run. */
function rowsOf(table: HtmlNode, rows: HtmlNode[][], loose: HtmlNode[] = []): HtmlNode[] {
  for (const child of table.children ?? []) {
    if (child.type !== 'tag') continue;
    if (child.name === 'tr') {
      if (loose.length > 0) rows.push(loose.splice(0));
      rows.push((child.children ?? []).filter((c) => c.type === 'tag' && CELLS.has(c.name!)));
    } else if (CELLS.has(child.name!)) {
      loose.push(child);
    } else if (ROW_GROUPS.has(child.name!)) {
      rowsOf(child, rows, loose);
    }
  }
  return loose;
}

/**
 * Each cell once, in row-major order (merged cells stand at their top-left, as the reader expects).
 * A blank cell is a blank value when its row holds numbers, and padding of a header row otherwise.
 * A cell holding a table (a nested table, or a layout table around the whole article) is read as
 * flowing content, so the inner table's cells and any paragraphs beside it keep their order. A
 * caption comes first, as a browser draws it.
 */
function tableWork(table: HtmlNode): Work[] {
  const work: Work[] = [];
  const flowOf = (node: HtmlNode) => {
    work.push({ kind: 'flush', next: node.startIndex }, { kind: 'flow', node }, { kind: 'flush' });
  };
  for (const child of table.children ?? []) {
    if (child.type === 'tag' && child.name === 'caption') flowOf(child);
  }
  const rows: HtmlNode[][] = [];
  const loose = rowsOf(table, rows);
  if (loose.length > 0) rows.push(loose);
  const rowTexts = rows.map((row) => row.map((cell) => (hasTable(cell) ? undefined : cellText(cell))));
  const lastFilled = rowTexts.findLastIndex((row) => row.some((t) => t !== ''));
  rows.forEach((row, r) => {
    const texts = rowTexts[r]!;
    const hasValues = texts.some((t) => t !== undefined && VALUE.test(t));
    const labelOnly = r === lastFilled && isLabelRow(row, texts);
    row.forEach((cell, i) => {
      const text = texts[i];
      if (text === undefined) flowOf(cell);
      else if (text !== '') work.push({ kind: 'push', text, offset: cell.startIndex });
      else if (hasValues || markedValue(cell) || (labelOnly && i > texts.findIndex((t) => t !== '')))
        work.push({ kind: 'push', text: BLANK_CELL_MARK, offset: cell.startIndex });
    });
  });
  return work;
}

/**
 * A row of one label and nothing but empty cells after it, none of them merged down: in the last row
 * of a table, a row left blank throughout (Word and the CMS editors mark no cell as a value), whose
 * empty cells are blank values. Elsewhere the label after it shows the text reader that the row ended
 * with no numbers; after the last row nothing does (the next section's title is outside the table).
 */
function isLabelRow(row: readonly HtmlNode[], texts: readonly (string | undefined)[]): boolean {
  const filled = texts.filter((t) => t !== '');
  if (filled.length !== 1 || filled[0] === undefined) return false;
  const at = texts.findIndex((t) => t !== '');
  return row.slice(at + 1).every((cell) => Number(cell.attribs?.rowspan ?? 1) <= 1);
}

/** The lines of an HTML page as the text reader takes them, each with its line in the HTML source. */
export function htmlSourceLines(html: string): SourceLine[] {
  const root: HtmlNode = parseDocument(html, { withStartIndices: true });
  const out = new LineWriter(lineIndex(html));
  flowLines(root, out);
  out.flush();
  return out.lines;
}
