import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { labelKey } from './label-key.js';

describe('labelKey: one label however it is printed', () => {
  it('treats full- and half-width punctuation and stray spaces alike', () => {
    assert.equal(
      labelKey('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
      labelKey('(二)部分公开(区分处理的,只计这一情形,不计其他情形)'),
    );
    assert.equal(labelKey('社会公益 组织'), labelKey('社会公益组织'));
    assert.equal(labelKey('第二十条第（一）项'), '第二十条第(一)项');
    assert.equal(labelKey('１．属于国家秘密'), '1.属于国家秘密');
  });

  it('gives the same key as full NFKC without whitespace, for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        assert.equal(labelKey(text), text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, ''));
      }),
      { numRuns: 2000 },
    );
  });
});
