import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { foldTraditional } from '../domain/shared/traditional-fold.js';
import { labelKey } from './label-key.js';
import { TABLE_LABELS } from './text/reader-phrases.js';

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

  it('reads traditional characters as the simplified ones, however half-converted the page', () => {
    assert.equal(labelKey('行政規范性文件'), '行政规范性文件');
    assert.equal(labelKey('行政規範性文件'), '行政规范性文件');
    assert.equal(labelKey('本年制發件數'), '本年制发件数');
    assert.equal(labelKey('1.屬於國家秘密'), '1.属于国家秘密');
  });

  it('leaves every official label as it is printed, so no two labels fold together', () => {
    for (const label of TABLE_LABELS)
      assert.equal(labelKey(label), label.normalize('NFKC').replace(/\s+/g, ''), label);
  });

  it('gives the same key as full NFKC, simplified, without whitespace, for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        assert.equal(
          labelKey(text),
          foldTraditional(text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '')),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
