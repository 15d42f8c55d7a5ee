/** Plain text for names and contents: control, escape and bidi characters are told apart from text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hasControlCharacters } from './plain-text.js';

describe('hasControlCharacters', () => {
  it('finds NUL, ESC, DEL, C1 controls, bidi overrides and line separators in a name', () => {
    for (const bad of [
      '张\u0000三',
      '\u001b[2J张三',
      '张三\u007f',
      '张\u0085三',
      '\u202e三张',
      '张\u2028三',
      '张\n三',
    ])
      assert.ok(hasControlCharacters(bad), JSON.stringify(bad));
  });

  it('lets a content span lines and keeps tabs, but nothing else', () => {
    assert.equal(hasControlCharacters('第一行\r\n第二行\t附件', { lines: true }), false);
    assert.equal(hasControlCharacters('第一行\u001b[31m', { lines: true }), true);
  });

  it('never flags text made of letters, CJK, punctuation and spaces', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z0-9 ，。、（）()-]*$/), (text) => {
        assert.equal(hasControlCharacters(text), false);
      }),
    );
  });
});
