/**
 * @module Numbers printed without separators. Scraped pages often glue a table row's cells together
 * ("640020470" for 64, 0, 0, 2, 0, 4, 70). Every way of cutting such runs into whole numbers is
 * listed here; which one the report meant is decided by the table's own rules elsewhere.
 */

import { packedMap } from '../../domain/report/packed-map.js';

/** Plain digits, or digits after a sign (本年增/减): the sign belongs to the first number cut. */
const SPLITTABLE = /^[+-]?\d+$/;

export interface SplitOptions {
  /** Longest number a cell may hold (default 9 digits). */
  readonly maxDigits?: number;
  /** Stop after this many cuts; the listing is then incomplete. */
  readonly limit?: number;
  /**
   * Called after each cell with the cells so far; returning false abandons every cut that starts
   * so (a block whose total does not add up need not be completed). A judgement only, with no effect:
   * it is not asked of cells no cut could be completed from.
   */
  readonly keep?: (cells: readonly string[]) => boolean;
}

export interface Splits {
  readonly cuts: string[][];
  /** False when the listing stopped at the limit: a cut not listed may be the right one. */
  readonly complete: boolean;
}

/**
 * Every way to cut `chunks` into exactly `count` cells, as cell texts. A chunk boundary is certain
 * (a space, a line break); a chunk of plain digits may hold several numbers, none with a leading
 * zero, the first carrying the chunk's sign if it has one; any other chunk ("—", "12.5") is one cell.
 */
export function digitSplits(chunks: readonly string[], count: number, options: SplitOptions = {}): Splits {
  const { maxDigits = 9, limit = 5000, keep } = options;
  // One chunk per cell, as a page with one cell per line gives: the only cut is the chunks themselves.
  if (chunks.length === count) {
    const cut = [...chunks];
    // `keep` sees each prefix in turn, as the walk below shows it: one growing array, not a copy each.
    let kept = true;
    if (keep !== undefined) {
      const prefix: string[] = [];
      for (const cell of cut) {
        prefix.push(cell);
        if (!keep(prefix)) {
          kept = false;
          break;
        }
      }
    }
    return { cuts: kept ? [cut] : [], complete: true };
  }
  const cuts: string[][] = [];
  let complete = true;
  const splittable = packedMap(chunks, (c) => SPLITTABLE.test(c));
  const signed = packedMap(chunks, (c) => c.startsWith('+') || c.startsWith('-'));
  const capacity = (i: number) => (splittable[i] ? chunks[i]!.length - (signed[i] ? 1 : 0) : 1);
  const suffixCapacity: number[] = [];
  for (let i = chunks.length - 1, sum = 0; i >= 0; i--) suffixCapacity[i] = sum += capacity(i);
  if (count < chunks.length || count > (suffixCapacity[0] ?? 0)) return { cuts, complete };
  const current: string[] = [];

  const push = (cell: string): boolean => {
    current.push(cell);
    if (keep && !keep(current)) {
      current.pop();
      return false;
    }
    return true;
  };

  const walk = (chunkIndex: number, position: number): void => {
    if (!complete) return;
    const cellsLeft = count - current.length;
    if (chunkIndex === chunks.length) {
      if (cellsLeft !== 0) return;
      if (cuts.length >= limit) complete = false;
      else cuts.push([...current]);
      return;
    }
    const chunk = chunks[chunkIndex]!;
    // A sign is carried by the number that starts the chunk.
    const sign = position === 0 && signed[chunkIndex] ? 1 : 0;
    const start = position + sign;
    // The rest of this chunk and every later chunk must still fit the cells left, and vice versa.
    const restHere = splittable[chunkIndex] ? chunk.length - start : 1;
    const capacityLeft = restHere + (suffixCapacity[chunkIndex + 1] ?? 0);
    const chunksLeft = chunks.length - chunkIndex;
    if (cellsLeft < chunksLeft || cellsLeft > capacityLeft) return;
    if (restHere > cellsLeft * maxDigits) return;
    if (!splittable[chunkIndex]) {
      if (push(chunk)) {
        walk(chunkIndex + 1, 0);
        current.pop();
      }
      return;
    }
    const maxTake = chunk[start] === '0' ? 1 : Math.min(maxDigits, restHere);
    for (let take = 1; take <= maxTake; take++) {
      // A cut that leaves part of this chunk must leave cells enough for it and the chunks after, and
      // no more than they can hold: asked here, before the cell is made and shown to `keep` (which only
      // judges, so a branch skipped unseen is one it could not have saved).
      if (take < restHere) {
        const cellsAfter = cellsLeft - 1;
        const restAfter = restHere - take;
        if (
          cellsAfter < chunksLeft ||
          cellsAfter > restAfter + (suffixCapacity[chunkIndex + 1] ?? 0) ||
          restAfter > cellsAfter * maxDigits
        )
          continue;
      }
      if (!push(chunk.slice(position, start + take))) continue;
      if (take === restHere) walk(chunkIndex + 1, 0);
      else walk(chunkIndex, start + take);
      current.pop();
    }
  };
  walk(0, 0);
  return { cuts, complete };
}
