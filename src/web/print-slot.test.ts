import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inPrintSlot, PRINTS_AT_ONCE } from './print-slot.js';

describe('the print queue', () => {
  it('prints at most PRINTS_AT_ONCE documents at once, and every one in the end, even one that fails', async () => {
    let running = 0;
    let most = 0;
    const print = (i: number) =>
      inPrintSlot(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        if (i === 3) throw new Error('chromium failed');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5, 6].map(print));
    assert.equal(most, PRINTS_AT_ONCE);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'],
    );
    // The failed print gave its slot back: the queue is free again.
    assert.equal(await inPrintSlot(async () => 'next'), 'next');
  });
});
