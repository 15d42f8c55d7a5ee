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

/** A table's place on its page and its cells as lines. */
export interface PageTable {
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly lines: readonly string[];
}

/** Borders this close (points) are one border: collapsed borders of neighbouring cells differ by a pixel. */
const SNAP = 2;

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
    tables: lattices.map((l, i) => ({
      top: l.ys[0]!,
      left: l.xs[0]!,
      right: l.xs.at(-1)!,
      lines: cellLines(l, inside[i]!),
    })),
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
  const lattices: Lattice[] = [];
  for (const group of groups.values()) {
    const horizontal = group.filter((r) => r.horizontal);
    const vertical = group.filter((r) => !r.horizontal);
    const xs = borderPositions(vertical).sort((a, b) => a - b);
    const ys = borderPositions(horizontal).sort((a, b) => b - a);
    // One column is a frame drawn around text (a page border, a boxed note), not a table: its text
    // stays paragraphs.
    if (xs.length >= 3 && ys.length >= 2) lattices.push({ xs, ys, vertical, horizontal });
  }
  return lattices;
}

function borderPositions(rules: readonly Rule[]): number[] {
  const sorted = [...rules].sort((a, b) => a.at - b.at);
  return snapGroups(sorted, (r) => r.at).map((g) => g.reduce((s, r) => s + r.at, 0) / g.length);
}

/** Whether a border runs along `at` through the point `pos` of it. */
const bordered = (rules: readonly Rule[], at: number, pos: number) =>
  rules.some((r) => Math.abs(r.at - at) <= SNAP && pos >= r.from - SNAP && pos <= r.to + SNAP);

interface Cell {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly text: string;
}

/** The table's cells in row-major order as lines, a blank value cell as "—". */
function cellLines(lattice: Lattice, runs: readonly TextRun[]): string[] {
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
  const cells: Cell[] = [...extent].map(([id, e]) => ({ ...e, text: cellText(runsOf.get(id) ?? []) }));
  cells.sort((a, b) => a.top - b.top || a.left - b.left);
  return cells.flatMap((cell) => {
    if (cell.text !== '') return [cell.text];
    return isBlankValue(cell, cells) ? [BLANK_CELL_MARK] : [];
  });
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
function isBlankValue(cell: Cell, cells: readonly Cell[]): boolean {
  if (cell.top !== cell.bottom) return false;
  return cells.every(
    (other) =>
      other.left <= cell.right || other.top > cell.top || other.bottom < cell.top || isValue(other.text),
  );
}
