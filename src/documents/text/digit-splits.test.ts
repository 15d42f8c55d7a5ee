import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { digitSplits } from './digit-splits.js';

describe('cutting glued digits into numbers', () => {
  it('finds the reading of a glued section 三 row among its cuts', () => {
    const cuts = digitSplits(['640020470'], 7);
    assert.ok(cuts.some((c) => c.join() === '64,0,0,2,0,4,70'));
    assert.ok(cuts.every((c) => c.length === 7));
  });

  it('never gives a number a leading zero', () => {
    assert.deepEqual(digitSplits(['0000000'], 7), [['0', '0', '0', '0', '0', '0', '0']]);
    assert.deepEqual(digitSplits(['05'], 1), []);
  });

  it('respects a space between chunks as a certain boundary', () => {
    assert.deepEqual(digitSplits(['500000', '5'], 7), [['5', '0', '0', '0', '0', '0', '5']]);
  });

  it('keeps a blank mark, a decimal or a signed number as one cell', () => {
    assert.deepEqual(digitSplits(['—', '12', '2.5'], 4), [['—', '1', '2', '2.5']]);
    assert.deepEqual(digitSplits(['+3', '—'], 2), [['+3', '—']]);
  });

  it('contains the original numbers for any row glued together (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5000), { minLength: 1, maxLength: 8 }), (numbers) => {
        const cuts = digitSplits([numbers.join('')], numbers.length, 100_000);
        // Past the limit the listing stops early; the reader then calls the row ambiguous.
        if (cuts.length < 100_000) assert.ok(cuts.some((c) => c.join() === numbers.join()));
        for (const c of cuts) assert.equal(c.join(''), numbers.join(''));
        for (const c of cuts) assert.ok(c.every((n) => n === '0' || !n.startsWith('0')));
      }),
    );
  });
});
