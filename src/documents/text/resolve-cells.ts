/**
 * @module Choosing, among the ways a row's printed digits can be cut into cells, the one the report
 * meant — using only the table's own arithmetic (each row's 总计, each column's 一+二 = （七）+四 and
 * （七）= the outcome rows, each 复议/诉讼 block's 总计). When the digits allow more than one reading
 * that the arithmetic cannot tell apart, the cells are left unread and the finding lists the
 * readings: the reader never guesses.
 */

import type { ReportFormat } from '../../domain/report/format.js';
import { outcomeLeafRows, REQUEST_COLUMNS, type RequestRowKey } from '../../domain/report/labels.js';
import type { CountCell } from '../../domain/report/model.js';
import { packedMap } from '../../domain/report/packed-map.js';

export type Cells = readonly CountCell[];

const toCount = (text: string): CountCell => (text === '—' ? null : Number(text));
const n = (cell: CountCell | undefined) => cell ?? 0;

/** R2: the first six columns add up to the seventh. */
export function rowAddsUp(cells: Cells): boolean {
  return cells.slice(0, 6).reduce<number>((sum, c) => sum + n(c), 0) === n(cells[6]);
}

export interface RowCandidates {
  readonly key: RequestRowKey;
  readonly candidates: readonly Cells[];
  /** False when there were too many cuts to list: the right one may be missing, so none is chosen. */
  readonly complete: boolean;
}

export interface Resolution {
  /** The reading chosen for each row that had one. */
  readonly chosen: ReadonlyMap<RequestRowKey, Cells>;
  /** Rows cut by the arithmetic out of several possible cuts. */
  readonly byRule: readonly RequestRowKey[];
  /** Rows whose cuts the arithmetic cannot tell apart, with (some of) their readings. */
  readonly ambiguous: ReadonlyMap<RequestRowKey, readonly Cells[]>;
}

/** Search bound: past this many combinations the rows are called ambiguous. */
const MAX_COMBINATIONS = 50_000;

export function toCells(texts: readonly string[]): Cells {
  return packedMap(texts, toCount);
}

/** Number of column checks (R1 and R3, per column) a full reading of section 三 passes. */
export function columnChecksPassed(table: ReadonlyMap<RequestRowKey, Cells>, format: ReportFormat): number {
  const score = new ColumnScore(format);
  for (const [key, cells] of table) score.set(key, cells);
  return score.passed();
}

const BALANCE_ROWS = ['new', 'carriedOver', 'total', 'carriedForward'] as const;

/** The outcome rows' keys of each format, made once (a score is made for every report read). */
const LEAF_KEYS: Readonly<Record<ReportFormat, ReadonlySet<RequestRowKey>>> = {
  '2019': new Set(outcomeLeafRows('2019').map((l) => l.key)),
  '2021': new Set(outcomeLeafRows('2021').map((l) => l.key)),
};

/**
 * The column checks kept as running sums, so that trying one more combination of cuts costs a few
 * additions instead of a walk over the whole table: the search may try tens of thousands.
 */
class ColumnScore {
  private readonly leaves: ReadonlySet<RequestRowKey>;
  /** Per column: the sum of the outcome rows' cells, and how many outcome rows hold the cell. */
  private readonly leafSum = new Array<number>(REQUEST_COLUMNS.length).fill(0);
  private readonly leafCount = new Array<number>(REQUEST_COLUMNS.length).fill(0);
  private readonly balance = new Map<RequestRowKey, Cells>();

  constructor(format: ReportFormat) {
    this.leaves = LEAF_KEYS[format];
  }

  set(key: RequestRowKey, cells: Cells): void {
    if (this.leaves.has(key)) this.addLeaf(cells, 1);
    if ((BALANCE_ROWS as readonly string[]).includes(key)) this.balance.set(key, cells);
  }

  unset(key: RequestRowKey, cells: Cells): void {
    if (this.leaves.has(key)) this.addLeaf(cells, -1);
    if ((BALANCE_ROWS as readonly string[]).includes(key)) this.balance.delete(key);
  }

  private addLeaf(cells: Cells, sign: 1 | -1): void {
    for (let c = 0; c < REQUEST_COLUMNS.length; c++) {
      const cell = cells[c];
      if (cell === undefined) continue;
      this.leafSum[c]! += sign * n(cell);
      this.leafCount[c]! += sign;
    }
  }

  passed(): number {
    let passed = 0;
    const [fresh, over, total, forward] = packedMap(BALANCE_ROWS, (k) => this.balance.get(k));
    for (let c = 0; c < REQUEST_COLUMNS.length; c++) {
      const t = total?.[c];
      const f = fresh?.[c];
      const o = over?.[c];
      const w = forward?.[c];
      if (f !== undefined && o !== undefined && t !== undefined && w !== undefined) {
        if (n(f) + n(o) === n(t) + n(w)) passed++;
      }
      if (t !== undefined && this.leafCount[c] === this.leaves.size && this.leafSum[c] === n(t)) passed++;
    }
    return passed;
  }
}

/** Section 三: each row's candidate readings → one reading per row, or ambiguity. */
export function resolveRequestRows(rows: readonly RowCandidates[], format: ReportFormat): Resolution {
  const chosen = new Map<RequestRowKey, Cells>();
  const open: RowCandidates[] = [];
  const ambiguous = new Map<RequestRowKey, readonly Cells[]>();
  for (const row of rows) {
    if (row.candidates.length === 0) continue;
    if (!row.complete) {
      ambiguous.set(row.key, row.candidates);
      continue;
    }
    // A row's own 总计 narrows the cuts first; if none adds up, the report's row is wrong however cut.
    const adding = row.candidates.filter(rowAddsUp);
    const candidates = adding.length > 0 ? adding : row.candidates;
    if (candidates.length === 1) chosen.set(row.key, candidates[0]!);
    else open.push({ key: row.key, candidates, complete: true });
  }
  const byRule: RequestRowKey[] = packedMap(
    rows.filter((r) => r.candidates.length > 1 && chosen.has(r.key)),
    (r) => r.key,
  );
  if (open.length === 0) return { chosen, byRule, ambiguous };

  const combinations = open.reduce((p, r) => p * r.candidates.length, 1);
  if (combinations > MAX_COMBINATIONS) {
    for (const r of open) ambiguous.set(r.key, r.candidates);
    return { chosen, byRule, ambiguous };
  }
  let best = -1;
  // For each open row, the cuts it takes in the best-scoring combinations (kept as sets: ties may be many).
  let bestCuts: Set<number>[] = [];
  const picks: number[] = [];
  const table = new ColumnScore(format);
  for (const [key, cells] of chosen) table.set(key, cells);
  const walk = (i: number) => {
    if (i === open.length) {
      const score = table.passed();
      if (score > best) {
        best = score;
        bestCuts = packedMap(open, () => new Set<number>());
      }
      if (score === best) {
        for (let row = 0; row < picks.length; row++) bestCuts[row]!.add(picks[row]!);
      }
      return;
    }
    const row = open[i]!;
    row.candidates.forEach((cells, k) => {
      table.set(row.key, cells);
      picks.push(k);
      walk(i + 1);
      picks.pop();
      table.unset(row.key, cells);
    });
  };
  walk(0);
  open.forEach((row, i) => {
    const distinct = [...bestCuts[i]!];
    if (distinct.length === 1) {
      chosen.set(row.key, row.candidates[distinct[0]!]!);
      byRule.push(row.key);
    } else {
      ambiguous.set(
        row.key,
        packedMap(distinct, (k) => row.candidates[k]!),
      );
    }
  });
  return { chosen, byRule, ambiguous };
}

/** R4: in a block of five of section 四, 总计 = the other four. */
export function blockAddsUp(block: Cells): boolean {
  return n(block[0]) + n(block[1]) + n(block[2]) + n(block[3]) === n(block[4]);
}

/** Section 四: how many of its three blocks of five add up. */
export function reviewBlocksAddUp(cells: Cells): number {
  let passed = 0;
  for (let b = 0; b < 3; b++) if (blockAddsUp(cells.slice(b * 5, b * 5 + 5))) passed++;
  return passed;
}

/** Section 四's fifteen cells: the cut whose blocks add up, if exactly one is best. */
export function resolveReviewCells(
  candidates: readonly Cells[],
): { cells: Cells; byRule: boolean } | { ambiguous: readonly Cells[] } | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return { cells: candidates[0]!, byRule: false };
  const scores = packedMap(candidates, reviewBlocksAddUp);
  const best = Math.max(...scores);
  const winners = candidates.filter((_, i) => scores[i] === best);
  return winners.length === 1 ? { cells: winners[0]!, byRule: true } : { ambiguous: winners };
}
