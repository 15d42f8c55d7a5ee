/**
 * @module Numbers printed without separators. Scraped pages often glue a table row's cells together
 * ("640020470" for 64, 0, 0, 2, 0, 4, 70). Every way of cutting such runs into whole numbers is
 * listed here; which one the report meant is decided by the table's own rules elsewhere.
 */

/** A number has no leading zero, and no count in a report runs past nine digits. */
const MAX_DIGITS = 9;
const DIGITS = /^\d+$/;

/**
 * Every way to cut `chunks` into exactly `count` cells, as cell texts. A chunk boundary is certain
 * (a space, a line break); a chunk of plain digits may hold several numbers, none with a leading
 * zero; any other chunk ("—", "12.5", "+3") is one cell. Stops after `limit` ways, and the caller
 * then treats the row as ambiguous.
 */
export function digitSplits(chunks: readonly string[], count: number, limit = 5000): string[][] {
  const out: string[][] = [];
  const splittable = chunks.map((c) => DIGITS.test(c));
  const capacity = (i: number) => (splittable[i] ? chunks[i]!.length : 1);
  const suffixCapacity: number[] = [];
  for (let i = chunks.length - 1, sum = 0; i >= 0; i--) suffixCapacity[i] = sum += capacity(i);
  if (count < chunks.length || count > (suffixCapacity[0] ?? 0)) return out;
  const current: string[] = [];

  const walk = (chunkIndex: number, position: number): void => {
    if (out.length >= limit) return;
    const cellsLeft = count - current.length;
    if (chunkIndex === chunks.length) {
      if (cellsLeft === 0) out.push([...current]);
      return;
    }
    const chunk = chunks[chunkIndex]!;
    // The rest of this chunk and every later chunk must still fit the cells left, and vice versa.
    const restHere = splittable[chunkIndex] ? chunk.length - position : 1;
    const capacityLeft = restHere + (suffixCapacity[chunkIndex + 1] ?? 0);
    const chunksLeft = chunks.length - chunkIndex;
    if (cellsLeft < chunksLeft || cellsLeft > capacityLeft) return;
    if (!splittable[chunkIndex]) {
      current.push(chunk);
      walk(chunkIndex + 1, 0);
      current.pop();
      return;
    }
    const maxTake = chunk[position] === '0' ? 1 : Math.min(MAX_DIGITS, restHere);
    for (let take = 1; take <= maxTake; take++) {
      current.push(chunk.slice(position, position + take));
      if (take === restHere) walk(chunkIndex + 1, 0);
      else walk(chunkIndex, position + take);
      current.pop();
    }
  };
  walk(0, 0);
  return out;
}
