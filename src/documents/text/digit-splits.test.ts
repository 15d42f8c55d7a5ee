import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { digitSplits } from './digit-splits.js';

describe('cutting glued digits into numbers', () => {
  it('finds the reading of a glued section 三 row among its cuts', () => {
    const { cuts } = digitSplits(['640020470'], 7);
    assert.ok(cuts.some((c) => c.join() === '64,0,0,2,0,4,70'));
    assert.ok(cuts.every((c) => c.length === 7));
  });

  it('never cuts a number with a leading zero out of glued digits', () => {
    assert.deepEqual(digitSplits(['0000000'], 7).cuts, [['0', '0', '0', '0', '0', '0', '0']]);
    assert.deepEqual(digitSplits(['105'], 2).cuts, [['10', '5']]);
    // A chunk that stands alone as one cell is taken as printed.
    assert.deepEqual(digitSplits(['05'], 1).cuts, [['05']]);
  });

  it('respects a space between chunks as a certain boundary', () => {
    assert.deepEqual(digitSplits(['500000', '5'], 7).cuts, [['5', '0', '0', '0', '0', '0', '5']]);
  });

  it('keeps a blank mark, a decimal or a signed number as one cell', () => {
    assert.deepEqual(digitSplits(['—', '12', '2.5'], 4).cuts, [['—', '1', '2', '2.5']]);
    assert.deepEqual(digitSplits(['+3', '—'], 2).cuts, [['+3', '—']]);
  });

  it('gives a sign to the first number of its chunk (本年增/减 glued: "-100" may be -10 and 0)', () => {
    assert.deepEqual(digitSplits(['93', '-100'], 3).cuts, [
      ['9', '3', '-100'],
      ['93', '-10', '0'],
    ]);
  });

  it('abandons cuts the caller rejects early, and says when the listing is incomplete', () => {
    const sums = (cells: readonly string[]) =>
      cells.length < 3 || Number(cells[0]) + Number(cells[1]) === Number(cells[2]);
    assert.deepEqual(digitSplits(['1234'], 3, { keep: sums }).cuts, []);
    assert.deepEqual(digitSplits(['11213'], 3, { keep: sums }).cuts, [
      ['1', '12', '13'],
      ['11', '2', '13'],
    ]);
    assert.equal(digitSplits(['123456789'], 3, { limit: 2 }).complete, false);
  });

  it('contains the original numbers for any row glued together (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5000), { minLength: 1, maxLength: 8 }), (numbers) => {
        const { cuts, complete } = digitSplits([numbers.join('')], numbers.length, { limit: 100_000 });
        // Past the limit the listing stops early and says so; the reader then calls the row ambiguous.
        if (complete) assert.ok(cuts.some((c) => c.join() === numbers.join()));
        else assert.equal(cuts.length, 100_000);
        for (const c of cuts) assert.equal(c.join(''), numbers.join(''));
        for (const c of cuts) assert.ok(c.every((n) => n === '0' || !n.startsWith('0')));
      }),
    );
  });
});
