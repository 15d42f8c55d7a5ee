import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { keyedText, originalSlice } from './keyed-text.js';
import { labelKey } from './label-key.js';

describe('a text in comparison form that remembers its origin', () => {
  it('folds full-width forms and keeps one space per whitespace run', () => {
    const keyed = keyedText('  （一）予以公开　 12\n 0 ');
    assert.equal(keyed.key, '(一)予以公开 12 0');
    assert.equal(originalSlice('  （一）予以公开　 12\n 0 ', keyed, 0, 3), '（一）');
  });

  it('matches labelKey where NFKC would compose across graphemes (㉠ and ￂ, the property’s counterexample)', () => {
    for (const text of ['㉠ￂ', 'x㉠ￂy', '（一）㉠ￂ予以公开'])
      assert.equal(keyedText(text).key.replaceAll(' ', ''), labelKey(text), text);
  });

  it('matches labelKey once its spaces are dropped, for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        assert.equal(keyedText(text).key.replaceAll(' ', ''), labelKey(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts out of the original exactly what a key range covers (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(), fc.nat(), (text, a, b) => {
        const keyed = keyedText(text);
        if (keyed.key.length === 0) return;
        const [start, end] = [a % keyed.key.length, b % (keyed.key.length + 1)].sort((x, y) => x - y);
        const slice = originalSlice(text, keyed, start!, end!);
        assert.ok(text.includes(slice));
        const covered = keyed.key.slice(start, end).replaceAll(' ', '');
        assert.ok(keyedText(slice).key.replaceAll(' ', '').includes(covered), `${slice} ⊉ ${covered}`);
      }),
    );
  });
});
