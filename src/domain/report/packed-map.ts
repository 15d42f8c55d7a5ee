/**
 * @module `array.map(f)` for the reader's and the rules' hot paths, with one array shape whoever calls it.
 *
 * V8's `Array.prototype.map` returns a packed array while its caller is interpreted and a holey one
 * (preallocated, then filled) once TurboFan has optimised the caller and inlined `map`. So the arrays a
 * function hands on change their hidden class in the middle of an audit, whenever the function that
 * made them happens to be optimised, and every optimised function that reads them is deoptimised
 * ("wrong map") and compiled again: on 2,500 corpus pages about 40 % of a worker's TurboFan time went
 * on such recompiles (docs/performance.md, "The audit through the command line"). Pushing onto an
 * empty array always gives a packed one.
 */
export function packedMap<T, U>(items: readonly T[], f: (item: T, index: number) => U): U[] {
  const out = emptyList<U>();
  for (let i = 0; i < items.length; i++) out.push(f(items[i]!, i));
  return out;
}

/**
 * An empty array that takes any element without changing shape. An empty literal starts as an array of
 * small integers and changes shape at its first object; a rule's list of findings that stays empty for
 * the first thousand reports and then gets one makes every optimised reader of such lists throw its code
 * away. All lists made here come from one allocation site, turned to the general shape once at load,
 * so V8 makes every later list in that shape from the start.
 */
export function emptyList<T>(): T[] {
  return [];
}
emptyList<unknown>().push({});
