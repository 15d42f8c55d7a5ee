/**
 * @module Text laid out by `pdftotext -layout` (issue 10, part 2), turned into the reader's lines: one
 * heading, paragraph or table cell each.
 *
 * The shape: pages end in a form feed and a page-number line ("—1—", "- 2 -", "第 3 页", "第3页 共5页");
 * the table's columns stand apart by runs of spaces; a long row label wraps over lines above and below
 * its numbers, the merged group cells (“（三）不予公开”, the vertical “三、本年度办理结果” one or two
 * characters a line) are printed in pieces to the left of the labels, and a table that goes on over the
 * page repeats its header under the page's running head.
 *
 * What is done, and nothing more: page numbers, form feeds, running heads and repeated headers are
 * dropped; a title broken over lines is joined; in a table, each line of numbers is a row, whose label
 * is put together from the pieces above it, on it and below it — only where they make an official label
 * (labels.ts, either format, in every printed variant); its numbers become cells, a cell the page left
 * empty found by its column (a blank). Group pieces left over are joined into their group's label.
 * Anything that cannot be placed is left as it was printed, for the reader to report.
 */
import {
  APPLICANT_HEADER,
  CONTENT_HEADER,
  LITIGATION_HEADER,
  ORGANISATION_HEADER,
  OUTCOME_GROUP_LABELS,
  OUTCOMES_LABEL,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
} from '../../domain/report/labels.js';
import { labelKey } from '../label-key.js';
import { traditionalForms, variantIndex } from './label-variants.js';
import { GROUPED_REQUEST_ROWS, HEADING_PHRASE, TABLE_ROW_LABELS, TITLE_PATTERNS } from './reader-phrases.js';
import { BLANK_CELL_MARK } from './render-text.js';
import { cellToken, type SourceLine } from './text-lines.js';

// ── The shape ───────────────────────────────────────────────────────────────

/** A page number on a line of its own, as offices print it in the footer (or header). */
const PAGE_NUMBER =
  /^(?:[—–\-−－·]+\s*\d{1,4}(?:\s*\/\s*\d{1,4})?\s*[—–\-−－·]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[，,/]?\s*第\s*\d{1,4}\s*页|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/iu;
/** The same, printed at the end of a page's first or last line after a run of spaces. */
const GLUED_PAGE_NUMBER = new RegExp(`\\s{2,}(?:${PAGE_NUMBER.source.slice(1, -1)})\\s*$`, 'iu');
/** A bare page number ("3"), believed only as a page's last line, indented and after a blank line. */
const BARE_PAGE_NUMBER = /^\s{8,}\d{1,4}\s*$/;

/** Table rows a page must lay out this way before its lines are read as a layout. */
const MIN_LAYOUT_ROWS = 3;

interface Token {
  readonly text: string;
  /** Where it starts in the line (characters). */
  readonly col: number;
}

interface Layout {
  /** Text pieces: labels, their fragments, headers, group pieces. */
  readonly pieces: readonly Token[];
  /** The numbers (and blank marks) the line ends in, when it is a table row. */
  readonly numbers: readonly Token[];
}

const isValue = (t: Token) => cellToken(labelKey(t.text)) !== undefined;

function tokensOf(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/\S+/gu)) out.push({ text: m[0], col: m.index });
  return out;
}

/**
 * A line's pieces and the numbers it ends in: numbers count as the row's cells when they stand apart
 * from the text by two spaces or more, or fill the line alone.
 */
function layoutOf(text: string): Layout {
  const tokens = tokensOf(text);
  let first = tokens.length;
  while (first > 0 && isValue(tokens[first - 1]!)) first--;
  if (first === tokens.length) return { pieces: tokens, numbers: [] };
  if (first > 0) {
    const before = tokens[first - 1]!;
    if (tokens[first]!.col - (before.col + before.text.length) < 2) return { pieces: tokens, numbers: [] };
  }
  return { pieces: tokens.slice(0, first), numbers: tokens.slice(first) };
}

/** A table row as the layout prints it: a label and numbers apart, or at least two numbers apart. */
function isLayoutRow(text: string): boolean {
  if (!/\S {2,}\S/.test(text)) return false;
  const { pieces, numbers } = layoutOf(text.replace(GLUED_PAGE_NUMBER, ''));
  return numbers.length > 0 && (pieces.length > 0 || numbers.length > 1);
}

/**
 * The characters PAGE_NUMBER's forms begin with, after any spaces: every line of a page is asked, and a
 * line that cannot be one (nearly all) is passed over without squeezing a copy of it first.
 */
const PAGE_NUMBER_START = /^\s*[—–\-−－·第共0-9p]/iu;
const isPageNumber = (text: string) =>
  PAGE_NUMBER_START.test(text) && PAGE_NUMBER.test(text.trim().replace(/\s+/g, ' '));

/**
 * Whether the lines are a `pdftotext -layout` page: form feeds or page-number lines, and table rows
 * laid out in columns. Scraped pages, "|" tables and one cell per line have neither.
 */
export function isLayoutText(source: readonly SourceLine[]): boolean {
  let paged = false;
  let rows = 0;
  for (const { text } of source) {
    if (!paged && (text.includes('\f') || isPageNumber(text))) paged = true;
    if (rows < MIN_LAYOUT_ROWS && isLayoutRow(text)) rows++;
    if (paged && rows >= MIN_LAYOUT_ROWS) return true;
  }
  return false;
}

// ── Pages ───────────────────────────────────────────────────────────────────

type Page = SourceLine[];

/** The lines cut into pages at each form feed. */
function pagesOf(source: readonly SourceLine[]): Page[] {
  const pages: Page[] = [[]];
  for (const { text, line } of source) {
    const parts = text.split('\f');
    parts.forEach((part, i) => {
      if (i > 0) pages.push([]);
      if (part !== '' || parts.length === 1) pages.at(-1)!.push({ text: part, line });
    });
  }
  return pages;
}

const blank = (l: SourceLine) => l.text.trim() === '';

/** The page without its page number (on a line of its own, or after a first or last line) and blank edges. */
function withoutPageNumber(page: Page): Page {
  let lines = page.filter((l) => !isPageNumber(l.text));
  const last = lines.findLastIndex((l) => !blank(l));
  if (last > 0 && BARE_PAGE_NUMBER.test(lines[last]!.text) && blank(lines[last - 1]!))
    lines = lines.filter((_, i) => i !== last);
  const edges = [lines.findIndex((l) => !blank(l)), lines.findLastIndex((l) => !blank(l))];
  lines = lines.map((l, i) =>
    edges.includes(i) && GLUED_PAGE_NUMBER.test(l.text)
      ? { text: l.text.replace(GLUED_PAGE_NUMBER, ''), line: l.line }
      : l,
  );
  const from = lines.findIndex((l) => !blank(l));
  return from === -1 ? [] : lines.slice(from, lines.findLastIndex((l) => !blank(l)) + 1);
}

const squeezed = (text: string) => text.trim().replace(/\s+/g, ' ');

/**
 * Running heads and feet: the same words first (or last) on two pages or more, not a table row.
 * Heads are kept on the first page (there they may be the title), feet dropped everywhere.
 */
function withoutRunningLines(pages: readonly Page[]): Page[] {
  const repeated = (pick: (p: Page) => SourceLine | undefined, minLength: number) => {
    const counts = new Map<string, number>();
    for (const page of pages) {
      const l = pick(page);
      if (l && layoutOf(l.text).numbers.length === 0) {
        const t = squeezed(l.text);
        if (t.length >= minLength) counts.set(t, (counts.get(t) ?? 0) + 1);
      }
    }
    return new Set([...counts].filter(([, n]) => n >= 2).map(([t]) => t));
  };
  const heads = repeated((p) => p[0], 2);
  const feet = repeated((p) => p.at(-1), 4);
  return pages.map((page, i) => {
    let lines = page;
    if (i > 0 && lines[0] && heads.has(squeezed(lines[0].text))) lines = lines.slice(1);
    const end = lines.at(-1);
    if (end && feet.has(squeezed(end.text))) lines = lines.slice(0, -1);
    const from = lines.findIndex((l) => !blank(l));
    return from === -1 ? [] : lines.slice(from);
  });
}

/** Headers that a table repeated at the top of a page begins with. */
const FULL_HEADERS = new Set(
  [
    APPLICANT_HEADER,
    ORGANISATION_HEADER,
    CONTENT_HEADER,
    LITIGATION_HEADER,
    ...REVIEW_BLOCKS.map((b) => b.label),
  ]
    .flatMap((h) => [h, ...traditionalForms(h)])
    .map(labelKey),
);

/** The longest header a table repeats, in lines, and how many earlier printings of it are compared. */
const MAX_HEADER_LINES = 12;
const FIRST_PRINTINGS = 3;

/**
 * A table's header printed again at the top of a page that goes on with it: the page's first lines say,
 * word for word, what lines before a table's first row said earlier; they begin with a header
 * (申请人情况, 信息内容, 行政复议…) or run two lines or more.
 */
function withoutRepeatedHeaders(pages: readonly Page[]): Page[] {
  const earlier: string[] = [];
  // Where each line's words were first printed (a few times at most): where a header may begin.
  const printed = new Map<string, number[]>();
  const notARow = (l: SourceLine) => layoutOf(l.text).numbers.length === 0;
  return pages.map((page, p) => {
    const keys = page.slice(0, MAX_HEADER_LINES).map((l) => labelKey(l.text));
    let drop = 0;
    for (const j of p > 0 && keys.length > 0 ? (printed.get(keys[0]!) ?? []) : []) {
      let m = 0;
      while (m < keys.length && keys[m] !== '' && keys[m] === earlier[j + m] && notARow(page[m]!)) m++;
      if (m >= 2 || (m === 1 && FULL_HEADERS.has(keys[0]!))) {
        drop = m;
        break;
      }
    }
    for (const l of page) {
      const key = labelKey(l.text);
      const at = printed.get(key) ?? [];
      if (at.length < FIRST_PRINTINGS) printed.set(key, [...at, earlier.length]);
      earlier.push(key);
    }
    return page.slice(drop);
  });
}

// ── The title ───────────────────────────────────────────────────────────────

const HEADING_KEYS = [HEADING_PHRASE, ...traditionalForms(HEADING_PHRASE)].map(labelKey);
const hasHeading = (key: string) => HEADING_KEYS.some((h) => key.includes(h));
const TITLE_SEARCH_LINES = 6;
const TITLE_LINE = 40;

/** The report's title broken over two or three lines inside its fixed words ("…工作年" / "度报告"), joined. */
function withTitleJoined<L extends SourceLine>(lines: readonly L[]): L[] {
  const content = lines.flatMap((l, i) => (blank(l) ? [] : [i])).slice(0, TITLE_SEARCH_LINES);
  const text = (a: number) => lines[content[a]!]!.text.trim();
  // A title already on one line is left alone.
  if (content.some((_, a) => hasHeading(labelKey(text(a))))) return [...lines];
  // Two lines before three: a running head above the title is not joined to it.
  for (let n = 2; n <= 3; n++)
    for (let a = 0; a + n <= content.length; a++) {
      const parts = Array.from({ length: n }, (_, k) => text(a + k));
      if (parts.slice(1).some((p) => p.length > TITLE_LINE)) continue;
      const joined = parts.join('');
      if (!hasHeading(labelKey(joined))) continue;
      const taken = new Set(content.slice(a + 1, a + n));
      const first = content[a]!;
      return lines.flatMap((l, i) => (i === first ? [{ ...l, text: joined }] : taken.has(i) ? [] : [l]));
    }
  return [...lines];
}

// ── Tables ──────────────────────────────────────────────────────────────────

/** Every row label of both formats in every printed variant → the official label's key. */
const ROW_LABELS = variantIndex([
  ...new Set([...TABLE_ROW_LABELS.二, ...TABLE_ROW_LABELS.三, ...GROUPED_REQUEST_ROWS]),
]);

/** The merged cells to the left of section 三's labels, printed in pieces. */
const GROUP_LABELS = [OUTCOMES_LABEL, ...Object.values(OUTCOME_GROUP_LABELS)]
  .flatMap((g) => [g, ...traditionalForms(g)])
  .map((g) => ({ key: labelKey(g) }));

/** Lines above and below a row that its label may take. */
const MAX_LABEL_REACH = 4;

interface BlockLine extends Layout {
  readonly line: number;
  readonly page: number;
}

interface Choice {
  /** Lines taken above and below the row, and whether its own piece is part of the label. */
  readonly top: number;
  readonly own: boolean;
  readonly bottom: number;
}

/** The official label key that the row's pieces make with this choice, if any. */
function labelWith(lines: readonly BlockLine[], row: number, c: Choice): string | undefined {
  let key = '';
  for (let i = row - c.top; i < row; i++) key += labelKey(lines[i]!.pieces.at(-1)!.text);
  if (c.own) key += labelKey(lines[row]!.pieces.at(-1)!.text);
  for (let i = row + 1; i <= row + c.bottom; i++) key += labelKey(lines[i]!.pieces.at(-1)!.text);
  return key === '' ? undefined : ROW_LABELS.get(key);
}

/**
 * For each row (a line with numbers), the lines its label takes: the most rows labelled, and of equal
 * ways the one taking fewest pieces. Lines between two rows go to the one above (its label's end) or the
 * one below (its label's start), never both.
 */
function chooseLabels(lines: readonly BlockLine[], rows: readonly number[]): (Choice | undefined)[] {
  const textLine = (i: number) => lines[i]!.numbers.length === 0 && lines[i]!.pieces.length > 0;
  // Text lines directly above a row (up to the row before) and directly below.
  const above = rows.map((r, k) => {
    let n = 0;
    const stop = k > 0 ? rows[k - 1]! : -1;
    while (n < MAX_LABEL_REACH && r - n - 1 > stop && textLine(r - n - 1)) n++;
    return n;
  });
  const gapAfter = rows.map((r, k) => (k + 1 < rows.length ? rows[k + 1]! : lines.length) - r - 1);
  // The choices so far as a chain back to the first row, so a state is not copied per row.
  type Chain = { readonly choice: Choice | undefined; readonly before: Chain | undefined };
  type State = { score: number; taken: number; chain: Chain | undefined };
  // best[b]: rows so far, the last taking b lines below it.
  let best = new Map<number, State>([[0, { score: 0, taken: 0, chain: undefined }]]);
  rows.forEach((r, k) => {
    const next = new Map<number, State>();
    const offer = (b: number, s: State) => {
      const old = next.get(b);
      if (!old || s.score > old.score || (s.score === old.score && s.taken < old.taken)) next.set(b, s);
    };
    const own = lines[r]!.pieces.length > 0;
    let below = 0;
    while (below < Math.min(MAX_LABEL_REACH, gapAfter[k]!) && textLine(r + below + 1)) below++;
    // The ways this row's pieces make a label, whatever the rows before took.
    const ways: Choice[] = [];
    for (let t = 0; t <= above[k]!; t++)
      for (const o of own ? [true, false] : [false])
        for (let b = 0; b <= below; b++) {
          const choice = { top: t, own: o, bottom: b };
          if (labelWith(lines, r, choice) !== undefined) ways.push(choice);
        }
    const gapBefore = k > 0 ? rows[k]! - rows[k - 1]! - 1 : r;
    for (const [usedBelowPrevious, state] of best) {
      offer(0, { ...state, chain: { choice: undefined, before: state.chain } });
      for (const choice of ways) {
        if (choice.top > gapBefore - usedBelowPrevious) continue;
        offer(choice.bottom, {
          score: state.score + 1,
          taken: state.taken + choice.top + choice.bottom + (choice.own ? 1 : 0),
          chain: { choice, before: state.chain },
        });
      }
    }
    best = next;
  });
  let chosen: State | undefined;
  for (const s of best.values())
    if (!chosen || s.score > chosen.score || (s.score === chosen.score && s.taken < chosen.taken)) chosen = s;
  const choices: (Choice | undefined)[] = [];
  for (let c = chosen?.chain; c; c = c.before) choices.push(c.choice);
  return choices.reverse();
}

/** Where a value stands: the middle of its text. */
const centre = (t: Token) => t.col + (t.text.length - 1) / 2;

/**
 * A row's cells with the empty ones the page left out put back as blanks, by their columns: the centres
 * of the rows on the same page that print every cell. Undefined when it is not clear which column each
 * number stands in.
 */
function withBlanks(numbers: readonly Token[], columns: readonly number[]): string[] | undefined {
  const spacing = columns.length > 1 ? Math.min(...columns.slice(1).map((c, i) => c - columns[i]!)) : 0;
  const at = numbers.map((n) => {
    let nearest = 0;
    for (let j = 1; j < columns.length; j++)
      if (Math.abs(centre(n) - columns[j]!) < Math.abs(centre(n) - columns[nearest]!)) nearest = j;
    return columns.length === 1 || Math.abs(centre(n) - columns[nearest]!) < spacing * 0.35 ? nearest : -1;
  });
  if (at.some((j, i) => j === -1 || (i > 0 && j <= at[i - 1]!))) return undefined;
  const cells: string[] = columns.map(() => BLANK_CELL_MARK);
  at.forEach((j, i) => {
    cells[j] = numbers[i]!.text;
  });
  return cells;
}

/** Section 三's row labels (official keys): its rows have seven cells. */
const REQUEST_ROW_KEYS = new Set([...TABLE_ROW_LABELS.三, ...GROUPED_REQUEST_ROWS].map(labelKey));
const REQUEST_WIDTH = REQUEST_COLUMNS.length;
/** How far apart the rows that print every cell may put one column's numbers. */
const COLUMN_DRIFT = 1.5;
/** A header's middle, in the columns pdftotext gives: a hanzi takes about 0.9 of one. */
const headerCentre = (t: Token) => t.col + 0.45 * t.text.length;
const CONTENT_KEY = labelKey(CONTENT_HEADER);

/**
 * Section 二's column heads over each line: the nearest "信息内容" header line above it on the same
 * page (本年制发件数, 本年废止件数…), whose words stand centred over the numbers.
 */
function headerColumns(lines: readonly BlockLine[]): (number[] | undefined)[] {
  const over: (number[] | undefined)[] = [];
  let columns: number[] | undefined;
  lines.forEach((l, i) => {
    if (i > 0 && l.page !== lines[i - 1]!.page) columns = undefined;
    over.push(columns);
    if (l.numbers.length === 0 && l.pieces.length >= 2 && labelKey(l.pieces[0]!.text) === CONTENT_KEY)
      columns = l.pieces.slice(1).map(headerCentre);
  });
  return over;
}

/**
 * Section 三's columns on one page: the centres of its rows there that print all seven numbers, when
 * they agree. Undefined when no such row is on the page.
 */
function requestColumns(lines: readonly BlockLine[], rows: readonly number[]): number[] | undefined {
  const full = rows.filter((r) => lines[r]!.numbers.length === REQUEST_WIDTH);
  if (full.length === 0) return undefined;
  const columns = Array.from(
    { length: REQUEST_WIDTH },
    (_, j) => full.reduce((sum, r) => sum + centre(lines[r]!.numbers[j]!), 0) / full.length,
  );
  const agree = full.every((r) =>
    lines[r]!.numbers.every((n, j) => Math.abs(centre(n) - columns[j]!) <= COLUMN_DRIFT),
  );
  return agree ? columns : undefined;
}

/**
 * Each row's cells: its numbers, and blanks where it prints fewer than its table's columns and each
 * number's column is clear — section 二's by the column heads over it, section 三's by the rows on the
 * same page that print all seven. Otherwise the numbers as printed, for the reader to judge.
 * `labels` holds each row's official label key, where one was found.
 */
function rowCells(
  lines: readonly BlockLine[],
  rows: readonly number[],
  labels: readonly (string | undefined)[],
  heads: readonly (number[] | undefined)[],
): Map<number, string[]> {
  const cells = new Map<number, string[]>();
  const requestRowsByPage = new Map<number, number[]>();
  rows.forEach((r, k) => {
    if (labels[k] === undefined || !REQUEST_ROW_KEYS.has(labels[k])) return;
    const page = lines[r]!.page;
    const onPage = requestRowsByPage.get(page);
    if (onPage) onPage.push(r);
    else requestRowsByPage.set(page, [r]);
  });
  const requestColumnsOf = new Map(
    [...requestRowsByPage].map(([page, onPage]) => [page, requestColumns(lines, onPage)] as const),
  );
  rows.forEach((r, k) => {
    const numbers = lines[r]!.numbers;
    const request = labels[k] !== undefined && REQUEST_ROW_KEYS.has(labels[k]);
    const columns = request ? requestColumnsOf.get(lines[r]!.page) : heads[r];
    const placed = columns && numbers.length < columns.length ? withBlanks(numbers, columns) : undefined;
    cells.set(r, placed ?? numbers.map((n) => n.text));
  });
  return cells;
}

type Out = { kind: 'piece' | 'label' | 'cell'; text: string; key: string; line: number };

/** Group pieces left over, in order, joined where they spell a group's label. */
function withGroupsJoined(out: Out[]): Out[] {
  const pieces = out.flatMap((o, i) => (o.kind === 'piece' ? [i] : []));
  const gone = new Set<number>();
  for (let p = 0; p < pieces.length; p++) {
    const first = out[pieces[p]!]!;
    for (const group of GROUP_LABELS) {
      if (!group.key.startsWith(first.key) || group.key === first.key) continue;
      let key = first.key;
      let text = first.text;
      let q = p + 1;
      while (q < pieces.length && key.length < group.key.length) {
        const next = out[pieces[q]!]!;
        if (!group.key.startsWith(key + next.key)) break;
        key += next.key;
        text += next.text;
        q++;
      }
      if (key !== group.key) continue;
      out[pieces[p]!] = { ...first, kind: 'label', text, key };
      for (let r = p + 1; r < q; r++) gone.add(pieces[r]!);
      p = q - 1;
      break;
    }
  }
  return out.filter((_, i) => !gone.has(i));
}

/** Labels of rows with no numbers at all (every cell blank): text lines whose last pieces make one. */
function labelsWithoutNumbers(lines: readonly BlockLine[], free: readonly boolean[]): Map<number, number> {
  const found = new Map<number, number>();
  for (let i = 0; i < lines.length; i++) {
    if (!free[i]) continue;
    let key = '';
    for (let n = 1; n <= MAX_LABEL_REACH && i + n - 1 < lines.length && free[i + n - 1]; n++) {
      key += labelKey(lines[i + n - 1]!.pieces.at(-1)!.text);
      if (ROW_LABELS.has(key)) {
        found.set(i, n);
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

/** A run of lines holding a table: each row's label assembled, its numbers as cells, pieces apart. */
function blockCells(lines: readonly BlockLine[]): SourceLine[] {
  const rows = lines.flatMap((l, i) => (l.numbers.length > 0 ? [i] : []));
  const choices = chooseLabels(lines, rows);
  const rowAt = new Map(rows.map((r, k) => [r, k]));
  const labels = rows.map((r, k) => (choices[k] ? labelWith(lines, r, choices[k]) : undefined));
  const heads = headerColumns(lines);
  const cells = rowCells(lines, rows, labels, heads);
  // Which lines gave their last piece to a label (as its start or end).
  const given = new Set<number>();
  rows.forEach((r, k) => {
    const c = choices[k];
    if (!c) return;
    for (let i = r - c.top; i < r; i++) given.add(i);
    for (let i = r + 1; i <= r + c.bottom; i++) given.add(i);
  });
  const free = lines.map((l, i) => l.numbers.length === 0 && l.pieces.length > 0 && !given.has(i));
  const unnumbered = labelsWithoutNumbers(lines, free);
  const out: Out[] = [];
  const piece = (t: Token, line: number): Out => ({
    kind: 'piece',
    text: t.text,
    key: labelKey(t.text),
    line,
  });
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const k = rowAt.get(i) ?? -1;
    if (k === -1) {
      const n = unnumbered.get(i);
      if (n !== undefined) {
        for (const t of l.pieces.slice(0, -1)) out.push(piece(t, l.line));
        const parts = lines.slice(i, i + n);
        const text = parts.map((p) => p.pieces.at(-1)!.text).join('');
        out.push({ kind: 'label', text, key: labelKey(text), line: l.line });
        // A row of section 二 with no number under its column heads: every cell blank.
        const columns = heads[i];
        for (const _ of columns ?? [])
          out.push({ kind: 'cell', text: BLANK_CELL_MARK, key: BLANK_CELL_MARK, line: l.line });
        for (const p of parts.slice(1)) for (const t of p.pieces.slice(0, -1)) out.push(piece(t, p.line));
        i += n - 1;
        continue;
      }
      const own = given.has(i) ? l.pieces.slice(0, -1) : l.pieces;
      for (const t of own) out.push(piece(t, l.line));
      continue;
    }
    const c = choices[k];
    const labelled = c ? (c.own ? l.pieces.slice(0, -1) : l.pieces) : l.pieces;
    for (const t of labelled) out.push(piece(t, l.line));
    if (c) {
      const parts = [
        ...lines.slice(i - c.top, i).map((p) => p.pieces.at(-1)!),
        ...(c.own ? [l.pieces.at(-1)!] : []),
        ...lines.slice(i + 1, i + 1 + c.bottom).map((p) => p.pieces.at(-1)!),
      ];
      const text = parts.map((t) => t.text).join('');
      out.push({
        kind: 'label',
        text,
        key: labelKey(text),
        line: c.top > 0 ? lines[i - c.top]!.line : l.line,
      });
    }
    for (const cell of cells.get(i)!) out.push({ kind: 'cell', text: cell, key: cell, line: l.line });
  }
  return withGroupsJoined(out).map((o) => ({ text: o.text, line: o.line }));
}

// ── The whole page ──────────────────────────────────────────────────────────

/** A section's title ("三、收到和处理政府信息公开申请情况") ends the table before it. */
const SECTION_TITLE = new RegExp(
  `^(?:${Object.values(TITLE_PATTERNS)
    .flatMap((p) => [p, ...traditionalForms(p)])
    .join('|')})$`,
  'u',
);
const isSectionTitle = (l: SourceLine) => l.text.length < 60 && SECTION_TITLE.test(labelKey(l.text));

/**
 * The lines of a `pdftotext -layout` text as the reader takes them, or undefined when the text is not
 * laid out so (isLayoutText).
 */
export function layoutCellLines(source: readonly SourceLine[]): SourceLine[] | undefined {
  if (!isLayoutText(source)) return undefined;
  const pages = withoutRepeatedHeaders(withoutRunningLines(pagesOf(source).map(withoutPageNumber)));
  const flowing: (SourceLine & { page: number })[] = [];
  pages.forEach((page, p) => {
    for (const l of page) flowing.push({ ...l, page: p });
  });
  const titled = withTitleJoined(flowing);
  const out: SourceLine[] = [];
  // Runs of lines with no blank between them; a run with a row of numbers is a table.
  for (let i = 0; i < titled.length; ) {
    if (blank(titled[i]!)) {
      out.push({ text: '', line: titled[i]!.line });
      i++;
      continue;
    }
    if (isSectionTitle(titled[i]!)) {
      out.push({ text: titled[i]!.text, line: titled[i]!.line });
      i++;
      continue;
    }
    let end = i;
    while (end < titled.length && !blank(titled[end]!) && !isSectionTitle(titled[end]!)) end++;
    const run = titled.slice(i, end);
    const laid = run.map((l) => ({ ...layoutOf(l.text), line: l.line, page: l.page }));
    if (laid.some((l) => l.numbers.length > 0)) out.push(...blockCells(laid));
    else for (const l of run) out.push({ text: l.text, line: l.line });
    i = end;
  }
  return out;
}
