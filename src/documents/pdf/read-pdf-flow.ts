/**
 * @module The pages of a PDF as source lines for the report reader: headings, section titles and
 * paragraphs one line each, tables one line per cell, in reading order across pages.
 *
 * A paragraph is printed wrapped over several lines: a line continues the paragraph above it when the
 * line above runs to the right margin and this one starts at the left margin. A new paragraph starts
 * indented (or after a short line); a section title is indented too, so it stands on its own line.
 * Text larger than the body (the report's title) is joined over its lines whatever its alignment.
 */
import type { SourceLine } from '../text/text-lines.js';
import type { PageContent } from './read-pdf-page.js';
import { joinWrapped, type VisualLine, visualLines } from './read-pdf-runs.js';
import { type PageTable, pageTables } from './read-pdf-tables.js';

/** Page numbers as a footer prints them: "— 3 —", "- 3 -", "第 3 页", "第3页 共5页". */
const PAGE_NUMBER = /^(?:[—–-]+\s*\d+\s*[—–-]+|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;
/** Share of the page height at top and bottom where headers and footers stand. */
const MARGIN_SHARE = 0.1;
/** Runs on one baseline further apart than this many font sizes are cells of a borderless table. */
const CELL_GAP = 2;

type Entry =
  | { readonly kind: 'line'; readonly page: number; readonly top: number; readonly line: VisualLine }
  | { readonly kind: 'table'; readonly page: number; readonly top: number; readonly table: PageTable };

/**
 * The document's lines. `line` is the 1-based page the text stands on (where a paragraph runs over a
 * page break, the page it starts on): what a reader's message can point the user to.
 */
export function pdfSourceLines(pages: readonly PageContent[]): SourceLine[] {
  const entries = pages.flatMap(pageEntries);
  const margins = textMargins(entries);
  const out: SourceLine[] = [];
  let block: { text: string; page: number; firstX: number; last: VisualLine; lastPage: number } | undefined;
  const flush = () => {
    if (block) out.push({ text: block.text, line: block.page });
    block = undefined;
  };
  for (const entry of entries) {
    if (entry.kind === 'table') {
      flush();
      for (const text of entry.table.lines) out.push({ text, line: entry.page });
      continue;
    }
    const { line, page } = entry;
    if (block && !line.cut && continues(block, line, page, margins)) {
      block = { ...block, text: joinWrapped(block.text, line.text), last: line, lastPage: page };
      continue;
    }
    flush();
    // Pieces of a line cut at wide gaps are cells of a borderless table: never parts of a paragraph.
    if (line.cut) out.push({ text: line.text, line: page });
    else block = { text: line.text, page, firstX: line.x, last: line, lastPage: page };
  }
  flush();
  return out;
}

function pageEntries(content: PageContent): Entry[] {
  const { tables, rest } = pageTables(content.rules, content.runs);
  const margin = (content.top - content.bottom) * MARGIN_SHARE;
  const inMargin = (y: number) => y < content.bottom + margin || y > content.top - margin;
  const body = rest.filter((run) => !(PAGE_NUMBER.test(run.text.trim()) && inMargin(run.y)));
  const lines = visualLines(body, CELL_GAP);
  const entries: Entry[] = [
    ...lines.map((line): Entry => ({ kind: 'line', page: content.page, top: line.y + line.size, line })),
    ...tables.map((table): Entry => ({ kind: 'table', page: content.page, top: table.top, table })),
  ];
  return entries.sort((a, b) => b.top - a.top);
}

interface Margins {
  readonly bodySize: number;
  readonly left: number;
  readonly right: number;
}

/** The body's font size (the size most characters have) and the left and right ends of its lines. */
function textMargins(entries: readonly Entry[]): Margins {
  const chars = new Map<number, number>();
  for (const e of entries)
    if (e.kind === 'line') {
      const size = Math.round(e.line.size * 2) / 2;
      chars.set(size, (chars.get(size) ?? 0) + e.line.text.length);
    }
  const bodySize = [...chars].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const body = entries.flatMap((e) =>
    e.kind === 'line' && Math.abs(e.line.size - bodySize) <= 0.5 ? [e.line] : [],
  );
  // Tables span the text column, so their borders mark its edges even when no paragraph wraps.
  const tables = entries.flatMap((e) => (e.kind === 'table' ? [e.table] : []));
  return {
    bodySize,
    left: Math.min(...body.map((l) => l.x), ...tables.map((t) => t.left)),
    right: Math.max(...body.map((l) => l.right), ...tables.map((t) => t.right)),
  };
}

function continues(
  block: { firstX: number; last: VisualLine; lastPage: number },
  line: VisualLine,
  page: number,
  m: Margins,
): boolean {
  const { last } = block;
  const size = line.size;
  if (Math.abs(last.size - size) > 0.5) return false;
  const adjacent =
    page === block.lastPage
      ? last.y - line.y > 0 && last.y - line.y <= 2.4 * size
      : page === block.lastPage + 1;
  if (!adjacent) return false;
  if (size >= 1.15 * m.bodySize) return true;
  const lastIsFull = last.right >= m.right - 1.2 * size;
  const startsAtMargin = Math.abs(line.x - m.left) <= 0.5 * size;
  const firstIndented = block.firstX - line.x > 0.5 * size;
  const unindentedStyle = Math.abs(block.firstX - m.left) <= 0.5 * size;
  return lastIsFull && startsAtMargin && (firstIndented || unindentedStyle);
}
