import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Big from 'big.js';
import fc from 'fast-check';
import { addDecimals, canonicalDecimal, compareDecimals, isDecimalString, yuanToWanyuan } from './decimal.js';

describe('exact decimal amounts (万元 / 元 cells keep their decimals)', () => {
  it('adds 0.1 + 0.2 to exactly 0.3', () => {
    assert.equal(addDecimals(['0.1', '0.2']), '0.3');
    assert.equal(compareDecimals(addDecimals(['0.1', '0.2']), '0.3'), 0);
  });

  it('keeps the trailing zeros a report printed', () => {
    assert.equal(canonicalDecimal('1.50'), '1.50');
    assert.equal(canonicalDecimal('+007.25'), '7.25');
    assert.equal(canonicalDecimal('-0.00'), '0.00');
    assert.equal(canonicalDecimal('.5'), '0.5');
  });

  it('refuses what is not a plain decimal', () => {
    for (const bad of ['1e3', '1,000', '', '--1', '1.2.3', '１２'])
      assert.equal(isDecimalString(bad), false, bad);
  });

  it('sums cents exactly whatever the order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 50 }), (cents) => {
        const amounts = cents.map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);
        const total = cents.reduce((a, b) => a + b, 0);
        const expected = `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
        assert.equal(compareDecimals(addDecimals(amounts), expected), 0);
        assert.equal(compareDecimals(addDecimals([...amounts].reverse()), expected), 0);
      }),
    );
  });

  it('turns 元 into 万元 by moving the point four places, nothing rounded', () => {
    assert.equal(yuanToWanyuan('152790'), '15.279');
    assert.equal(yuanToWanyuan('12629.28'), '1.262928');
    assert.equal(yuanToWanyuan('0'), '0');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.nat({ max: 4 }), (units, places) => {
        const yuan = places === 0 ? String(units) : new Big(String(units)).div(10 ** places).toFixed();
        assert.equal(new Big(yuanToWanyuan(yuan)).times(10_000).eq(yuan), true);
      }),
    );
  });
});
