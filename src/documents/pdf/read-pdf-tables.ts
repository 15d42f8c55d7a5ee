/**
 * @module Tables of a PDF page, found from their drawn borders: each cell's text becomes one line, in
 * row-major order with a merged cell once at its top-left, and an empty value cell becomes "—" — the
 * lines a scraped portal page gives for the same table.
 *
 * Borders rather than text positions, because only borders show an empty cell, where a wrapped label
 * ends, and which cells are merged; text alone leaves a blank count indistinguishable from a caption.
 */
import { labelKey } from '../label-key.js';
import { BLANK_CELL_MARK } from '../text/render-text.js';
import { cellToken } from '../text/text-lines.js';
import type { Rule, TextRun } from './read-pdf-page.js';
import { joinWrapped, visualLines } from './read-pdf-runs.js';

/**
 * A cell of a table: its place in the grid (rows and columns of the borders drawn, a merged cell
 * over several), its left and right border in points, its text, and whether the page ends it with no
 * border drawn above or below — a row or a merged cell that a page break cut, to be continued.
 */
export interface TableCell {
  readonly top: number;
  readonly bottom: number;
  readonly x0: number;
  readonly x1: number;
  readonly text: string;
  readonly openAbove: boolean;
  readonly openBelow: boolean;
  /** The page the cell is printed on, once its table is placed in the document (see `onPage`). */
  readonly page?: number;
}

/** A table's place on its page, its cells, and those cells as lines. */
export interface PageTable {
  readonly top: number;
  readonly left: number;
  readonly right: number;
  /** Grid rows, top to bottom. */
  readonly rows: number;
  readonly cells: readonly TableCell[];
  readonly lines: readonly string[];
}

/** Borders this close (points) are one border: collapsed borders of neighbouring cells differ by a pixel. */
const SNAP = 2;
/** Columns drawn this far (points) past the last border: a row cut by the page's end, no border. */
const CUT_ROW = 6;

interface Lattice {
  /** Column borders, left to right. */
  readonly xs: readonly number[];
  /** Row borders, top to bottom (y decreasing). */
  readonly ys: readonly number[];
  readonly vertical: readonly Rule[];
  readonly horizontal: readonly Rule[];
}

/** The page's tables, and the runs that lie in none of them. */
export function pageTables(
  rules: readonly Rule[],
  runs: readonly TextRun[],
): { tables: PageTable[]; rest: TextRun[] } {
  const lattices = latticesOf(mergeCollinear(rules));
  const inside = lattices.map((): TextRun[] => []);
  const rest: TextRun[] = [];
  for (const run of runs) {
    const [cx, cy] = centre(run);
    const i = lattices.findIndex(
      (l) => within(cx, l.xs[0]!, l.xs.at(-1)!) && within(cy, l.ys.at(-1)!, l.ys[0]!),
    );
    if (i === -1) rest.push(run);
    else inside[i]!.push(run);
  }
  return {
    tables: lattices.map((l, i) => {
      const cells = tableCells(l, inside[i]!);
      return {
        top: l.ys[0]!,
        left: l.xs[0]!,
        right: l.xs.at(-1)!,
        rows: l.ys.length - 1,
        cells,
        lines: linesOf(cells),
      };
    }),
    rest,
  };
}

/** Where a run is judged to stand: the middle of its glyphs, not its baseline. */
const centre = (run: TextRun): [number, number] => [run.x + run.width / 2, run.y + run.size * 0.35];
const within = (v: number, lo: number, hi: number) => v >= lo - 1 && v <= hi + 1;

/** Pieces of one border (Chromium draws each cell's edge separately) joined into whole lines. */
function mergeCollinear(rules: readonly Rule[]): Rule[] {
  const out: Rule[] = [];
  for (const horizontal of [true, false]) {
    const sorted = rules.filter((r) => r.horizontal === horizontal).sort((a, b) => a.at - b.at);
    for (const line of snapGroups(sorted, (r) => r.at)) {
      const at = line.reduce((s, r) => s + r.at, 0) / line.length;
      line.sort((a, b) => a.from - b.from);
      let current: Rule | undefined;
      for (const r of line) {
        if (current && r.from <= current.to + SNAP) current = { ...current, to: Math.max(current.to, r.to) };
        else {
          if (current) out.push(current);
          current = { horizontal, at, from: r.from, to: r.to };
        }
      }
      if (current) out.push(current);
    }
  }
  return out;
}

/** Consecutive items of a sorted list whose values lie within SNAP of the previous one. */
function snapGroups<T>(sorted: readonly T[], value: (t: T) => number): T[][] {
  const groups: T[][] = [];
  for (const item of sorted) {
    const last = groups.at(-1);
    if (last && value(item) - value(last.at(-1)!) <= SNAP) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

/** Sets over 0…n−1 that can be joined: which borders form one table, which grid squares one cell. */
function disjointSets(n: number): { find: (i: number) => number; join: (a: number, b: number) => void } {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    parent[i] = root;
    return root;
  };
  const join = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  return { find, join };
}

const crosses = (h: Rule, v: Rule) =>
  within(v.at, h.from - SNAP, h.to + SNAP) && within(h.at, v.from - SNAP, v.to + SNAP);

/** Groups of borders that touch one another, each a table of at least two columns. */
function latticesOf(rules: readonly Rule[]): Lattice[] {
  const sets = disjointSets(rules.length);
  rules.forEach((a, i) => {
    if (!a.horizontal) return;
    rules.forEach((b, j) => {
      if (!b.horizontal && crosses(a, b)) sets.join(i, j);
    });
  });
  const groups = new Map<number, Rule[]>();
  rules.forEach((r, i) => {
    groups.set(sets.find(i), [...(groups.get(sets.find(i)) ?? []), r]);
  });
  joinOpenColumns(groups);
  const lattices: Lattice[] = [];
  for (const group of groups.values()) {
    const horizontal = group.filter((r) => r.horizontal);
    const vertical = group.filter((r) => !r.horizontal);
    const xs = borderPositions(vertical).sort((a, b) => a - b);
    const ys = borderPositions(horizontal).sort((a, b) => b - a);
    // A page break leaves a table's columns drawn past its last (or first) border, with no border
    // along the break: that cut row is a row of the grid too, closed by where the columns end.
    if (ys.length > 0 && vertical.length > 0) {
      const lowest = Math.min(...vertical.map((r) => r.from));
      const highest = Math.max(...vertical.map((r) => r.to));
      if (lowest < ys.at(-1)! - CUT_ROW) ys.push(lowest);
      if (highest > ys[0]! + CUT_ROW) ys.unshift(highest);
    }
    // One column is a frame drawn around text (a page border, a boxed note), not a table: its text
    // stays paragraphs.
    if (xs.length >= 3 && ys.length >= 2) lattices.push({ xs, ys, vertical, horizontal });
  }
  return lattices;
}

/**
 * A column border that crosses no row border: a merged cell of a table broken over pages at both
 * ends (三、本年度办理结果 over a whole page), whose borders along the breaks are not drawn. It belongs
 * to the table whose columns start and end where it does.
 */
function joinOpenColumns(groups: Map<number, Rule[]>): void {
  const extent = (group: readonly Rule[]) => {
    const vertical = group.filter((r) => !r.horizontal);
    return { from: Math.min(...vertical.map((r) => r.from)), to: Math.max(...vertical.map((r) => r.to)) };
  };
  const tables = [...groups.values()].filter((g) => g.some((r) => r.horizontal));
  for (const [id, group] of groups) {
    if (group.some((r) => r.horizontal)) continue;
    const { from, to } = extent(group);
    const table = tables.find((t) => {
      const e = extent(t);
      return Math.abs(e.from - from) <= SNAP && Math.abs(e.to - to) <= SNAP;
    });
    if (!table) continue;
    table.push(...group);
    groups.delete(id);
  }
}

function borderPositions(rules: readonly Rule[]): number[] {
  const sorted = [...rules].sort((a, b) => a.at - b.at);
  return snapGroups(sorted, (r) => r.at).map((g) => g.reduce((s, r) => s + r.at, 0) / g.length);
}

/** Whether a border runs along `at` through the point `pos` of it. */
const bordered = (rules: readonly Rule[], at: number, pos: number) =>
  rules.some((r) => Math.abs(r.at - at) <= SNAP && pos >= r.from - SNAP && pos <= r.to + SNAP);

/** The table's cells, each once, with its text. */
function tableCells(lattice: Lattice, runs: readonly TextRun[]): TableCell[] {
  const { xs, ys } = lattice;
  const columns = xs.length - 1;
  const rows = ys.length - 1;
  // Grid squares between neighbouring borders; squares with no border between them are one cell.
  const { find, join } = disjointSets(rows * columns);
  for (let r = 0; r < rows; r++) {
    const midY = (ys[r]! + ys[r + 1]!) / 2;
    for (let c = 0; c < columns; c++) {
      const midX = (xs[c]! + xs[c + 1]!) / 2;
      if (c + 1 < columns && !bordered(lattice.vertical, xs[c + 1]!, midY))
        join(r * columns + c + 1, r * columns + c);
      if (r + 1 < rows && !bordered(lattice.horizontal, ys[r + 1]!, midX))
        join((r + 1) * columns + c, r * columns + c);
    }
  }
  const runsOf = new Map<number, TextRun[]>();
  for (const run of runs) {
    const [cx, cy] = centre(run);
    const c = clamp(
      xs.findLastIndex((x) => x <= cx),
      columns,
    );
    const r = clamp(
      ys.findLastIndex((y) => y >= cy),
      rows,
    );
    const id = find(r * columns + c);
    runsOf.set(id, [...(runsOf.get(id) ?? []), run]);
  }
  const extent = new Map<number, { top: number; left: number; bottom: number; right: number }>();
  for (let i = 0; i < rows * columns; i++) {
    const r = Math.floor(i / columns);
    const c = i % columns;
    const e = extent.get(find(i));
    if (!e) extent.set(find(i), { top: r, left: c, bottom: r, right: c });
    else Object.assign(e, { bottom: Math.max(e.bottom, r), right: Math.max(e.right, c) });
  }
  return [...extent].map(([id, e]): TableCell => {
    const midX = (xs[e.left]! + xs[e.right + 1]!) / 2;
    return {
      top: e.top,
      bottom: e.bottom,
      x0: xs[e.left]!,
      x1: xs[e.right + 1]!,
      text: cellText(runsOf.get(id) ?? []),
      openAbove: e.top === 0 && !bordered(lattice.horizontal, ys[0]!, midX),
      openBelow: e.bottom === rows - 1 && !bordered(lattice.horizontal, ys[rows]!, midX),
    };
  });
}

/** The cells in row-major order as lines, a blank value cell as "—", each with its cell. */
export function cellLines(cells: readonly TableCell[]): { text: string; cell: TableCell }[] {
  const sorted = [...cells].sort((a, b) => a.top - b.top || a.x0 - b.x0);
  return sorted.flatMap((cell) => {
    if (cell.text !== '') return [{ text: cell.text, cell }];
    return isBlankValue(cell, sorted) ? [{ text: BLANK_CELL_MARK, cell }] : [];
  });
}

const linesOf = (cells: readonly TableCell[]) => cellLines(cells).map((l) => l.text);

/** The table with each cell marked with the page it is printed on. */
export const onPage = (table: PageTable, page: number): PageTable => ({
  ...table,
  cells: table.cells.map((c) => ({ ...c, page })),
});

const sameColumns = (a: TableCell, b: TableCell) =>
  Math.abs(a.x0 - b.x0) <= SNAP && Math.abs(a.x1 - b.x1) <= SNAP;

/** The texts of a row's cells that start in it, left to right: how a repeated header is recognised. */
const rowTexts = (cells: readonly TableCell[], row: number) =>
  cells
    .filter((c) => c.top === row)
    .sort((a, b) => a.x0 - b.x0)
    .map((c) => c.text)
    .join('\u0000');

/**
 * A table that runs on from the foot of one page (`above`) to the head of the next (`below`) as one
 * table. The header rows `below` repeats are dropped.
 *
 * A row split over the break — its wrapped label on both pages, its numbers on one of them — is one
 * row: its last row has no border drawn along the break, and the first row under the next page's
 * header holds values only where the other half has none (two whole rows would both have theirs).
 * Without a repeated header the next page draws no border above the split half either, which is
 * required too when there is no header to tell by (Chromium draws the border between two rows on
 * the page after a break, so a row that did fit also has none under it).
 *
 * A merged cell the break cut (三、本年度办理结果, （六）其他处理) is joined with its other piece,
 * the one in its columns at the top of the next page, when either piece is empty: the label is read
 * once, where it starts, and the empty piece gives no line.
 */
export function joinTables(above: PageTable, below: PageTable): PageTable {
  let header = 0;
  while (
    header < below.rows &&
    header < above.rows &&
    rowTexts(below.cells, header) !== '' &&
    rowTexts(below.cells, header) === rowTexts(above.cells, header)
  )
    header++;
  const pairs: [TableCell, TableCell][] = [];
  for (const cell of above.cells) {
    if (!cell.openBelow) continue;
    const next = below.cells.find((c) => c.top === header && sameColumns(c, cell));
    if (next && !pairs.some(([, n]) => n === next)) pairs.push([cell, next]);
  }
  const lastRow = above.cells.filter((c) => c.bottom === above.rows - 1);
  const filled = (text: string) => text !== '' && isValue(text);
  const rowCut =
    lastRow.length > 0 &&
    lastRow.every((c) => pairs.some(([a]) => a === c)) &&
    pairs.every(([a, b]) => !(filled(a.text) && filled(b.text))) &&
    (header > 0 || pairs.every(([, b]) => b.openAbove));
  const multiRow = (c: TableCell) => c.bottom > c.top;
  const joins = pairs.filter(
    ([a, b]) => rowCut || (multiRow(a) && multiRow(b) && (a.text === '' || b.text === '')),
  );
  // The split row shares its grid row with the piece above.
  const shift = above.rows - header - (rowCut ? 1 : 0);
  const moved = (row: number) => row + shift;
  const joined = new Map<TableCell, TableCell>();
  const taken = new Set<TableCell>();
  for (const [cell, next] of joins) {
    taken.add(next);
    joined.set(cell, {
      ...cell,
      bottom: moved(next.bottom),
      text: cell.text === '' ? next.text : next.text === '' ? cell.text : joinWrapped(cell.text, next.text),
      openBelow: next.openBelow,
    });
  }
  const cells = [
    ...above.cells.map((c) => joined.get(c) ?? { ...c, openBelow: false }),
    ...below.cells
      .filter((c) => c.top >= header && !taken.has(c))
      .map((c) => ({ ...c, top: moved(c.top), bottom: moved(c.bottom), openAbove: false })),
  ];
  return {
    top: above.top,
    left: Math.min(above.left, below.left),
    right: Math.max(above.right, below.right),
    rows: Math.max(above.rows, moved(below.rows - 1) + 1),
    cells,
    lines: linesOf(cells),
  };
}

/** A grid index kept inside the grid: text a little outside the outer border belongs to the edge cell. */
const clamp = (index: number, count: number) => Math.min(count - 1, Math.max(0, index));

/** A cell's lines joined: a label wrapped in a narrow column is one label. */
function cellText(runs: readonly TextRun[]): string {
  return visualLines(runs)
    .map((l) => l.text)
    .reduce((text, line) => (text === '' ? line : joinWrapped(text, line)), '');
}

const isValue = (text: string) => text === '' || cellToken(labelKey(text)) !== undefined;

/**
 * An empty cell is a blank value when it is one row high and only values follow it in its row. The
 * other empty cells are what a page break leaves of a merged label cell (its text printed on the
 * other page), or an empty corner: they are no value and give no line.
 */
function isBlankValue(cell: TableCell, cells: readonly TableCell[]): boolean {
  if (cell.top !== cell.bottom) return false;
  return cells.every(
    (other) =>
      other.x0 < cell.x1 - SNAP || other.top > cell.top || other.bottom < cell.top || isValue(other.text),
  );
}
