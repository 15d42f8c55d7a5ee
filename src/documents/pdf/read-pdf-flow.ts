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
import type { PageContent, TextRun } from './read-pdf-page.js';
import { joinWrapped, type VisualLine, visualLines } from './read-pdf-runs.js';
import { cellLines, joinTables, onPage, type PageTable, pageTables } from './read-pdf-tables.js';

/**
 * Page numbers as a footer prints them: "— 3 —", "-3-", "第 3 页", "第3页 共5页", "共5页 第3页",
 * "3/5", "- 3 / 5 -", "Page 3", "·3·".
 */
const PAGE_NUMBER =
  /^(?:[—–\-−·]+\s*\d+(?:\s*\/\s*\d+)?\s*[—–\-−·]+|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[，,/]?\s*第\s*\d+\s*页|\d+\s*\/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?|\d+)$/i;
/** Share of the page height at top and bottom where headers and footers stand. */
const MARGIN_SHARE = 0.1;
/** Runs on one baseline further apart than this many font sizes are cells of a borderless table. */
const CELL_GAP = 2;

type Entry =
  | { readonly kind: 'line'; readonly page: number; readonly top: number; readonly line: VisualLine }
  | {
      readonly kind: 'table';
      readonly page: number;
      /** The page it ends on: a table broken by pages is joined into one. */
      readonly lastPage: number;
      readonly top: number;
      readonly table: PageTable;
    };

/**
 * The document's lines. `line` is the 1-based page the text stands on (where a paragraph runs over a
 * page break, the page it starts on): what a reader's message can point the user to.
 */
export function pdfSourceLines(pages: readonly PageContent[]): SourceLine[] {
  const split = pages.map((content): SplitPage => ({ content, ...pageTables(content.rules, content.runs) }));
  const heads = runningHeads(split);
  const entries = joinBrokenTables(split.flatMap((page) => pageEntries(page, heads)));
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
      for (const { text, cell } of cellLines(entry.table.cells))
        out.push({ text, line: cell.page ?? entry.page });
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

/**
 * A table that ends one page and begins the next, its columns where they were, is one table broken
 * by the page: joined (see `joinTables`), so a row split over the break is one row.
 */
function joinBrokenTables(entries: readonly Entry[]): Entry[] {
  const out: Entry[] = [];
  entries.forEach((entry, i) => {
    const last = out.at(-1);
    if (
      entry.kind === 'table' &&
      last?.kind === 'table' &&
      entry.page === last.lastPage + 1 &&
      entries[i - 1] !== undefined &&
      entries[i - 1]!.page !== entry.page &&
      Math.abs(entry.table.left - last.table.left) <= COLUMN_SNAP &&
      Math.abs(entry.table.right - last.table.right) <= COLUMN_SNAP
    ) {
      out[out.length - 1] = { ...last, lastPage: entry.page, table: joinTables(last.table, entry.table) };
    } else out.push(entry);
  });
  return out;
}

/** Tables whose outer borders are this close (points) on two pages are the same table's columns. */
const COLUMN_SNAP = 3;

/** A page with its tables found, and the runs outside them. */
interface SplitPage {
  readonly content: PageContent;
  readonly tables: readonly PageTable[];
  readonly rest: readonly TextRun[];
}

/** The lines outside tables a page prints in its top and bottom margins, runs on one baseline together. */
function marginLines({ content, rest }: SplitPage): { readonly runs: TextRun[]; readonly key: string }[] {
  const margin = (content.top - content.bottom) * MARGIN_SHARE;
  const inMargin = (y: number) => y < content.bottom + margin || y > content.top - margin;
  const runs = rest.filter((r) => inMargin(r.y)).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of runs) {
    const group = groups.at(-1);
    if (group && Math.abs(group[0]!.y - run.y) <= 0.35 * Math.max(group[0]!.size, run.size)) group.push(run);
    else groups.push([run]);
  }
  return groups.map((g) => ({
    runs: g,
    // Where it stands and what it says (page numbers are told apart by PAGE_NUMBER).
    key: `${Math.round(g[0]!.y / 4)}|${g
      .map((r) => r.text)
      .join('')
      .replace(/\s+/g, '')}`,
  }));
}

/**
 * Running heads and feet: a margin line printed at the same height with the same words on more than
 * one page (the report's title over every page, a footer naming the office). Its runs, and page
 * numbers in the margins, are no text of the report.
 */
function runningHeads(pages: readonly SplitPage[]): ReadonlySet<TextRun> {
  const pagesOf = new Map<string, number>();
  const lines = pages.map(marginLines);
  for (const page of lines)
    for (const key of new Set(page.map((l) => l.key))) pagesOf.set(key, (pagesOf.get(key) ?? 0) + 1);
  const dropped = new Set<TextRun>();
  for (const page of lines)
    for (const line of page) {
      const text = line.runs
        .map((r) => r.text)
        .join('')
        .trim();
      const repeated = (pagesOf.get(line.key) ?? 0) >= 2 && WORDS.test(text);
      if (repeated || PAGE_NUMBER.test(text.replace(/\s+/g, ' ')))
        for (const run of line.runs) dropped.add(run);
    }
  return dropped;
}

/** A running head has words: a row of numbers repeated at the top of two pages is no running head. */
const WORDS = /[\p{L}]/u;

function pageEntries({ content, tables, rest }: SplitPage, heads: ReadonlySet<TextRun>): Entry[] {
  const body = rest.filter((run) => !heads.has(run));
  const lines = visualLines(body, CELL_GAP);
  const entries: Entry[] = [
    ...lines.map((line): Entry => ({ kind: 'line', page: content.page, top: line.y + line.size, line })),
    ...tables.map(
      (table): Entry => ({
        kind: 'table',
        page: content.page,
        lastPage: content.page,
        top: table.top,
        table: onPage(table, content.page),
      }),
    ),
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
