/**
 * @module How many documents the web app prints with Chromium at once: each print is a browser with a
 * page (a few hundred MB), so a burst of PDF downloads — receipts, annual reports — queues for one of
 * PRINTS_AT_ONCE slots instead of starting a browser each. One queue for the whole process.
 */

/** Documents printed at once by the process. */
export const PRINTS_AT_ONCE = 2;

let printing = 0;
const waiting: (() => void)[] = [];

/** Waits for a free slot; call the function returned when the print is done (in a `finally`). */
export async function printSlot(): Promise<() => void> {
  if (printing >= PRINTS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  printing += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    printing -= 1;
    waiting.shift()?.();
  };
}

/** Runs `print` in a slot. */
export async function inPrintSlot<T>(print: () => Promise<T>): Promise<T> {
  const release = await printSlot();
  try {
    return await print();
  } finally {
    release();
  }
}
