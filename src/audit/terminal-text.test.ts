import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terminalText } from './terminal-text.js';

describe('terminalText: a report’s text made safe for a terminal', () => {
  it('shows ESC and the sequences it starts as visible escapes: CSI, OSC', () => {
    assert.equal(terminalText('甲\x1b[2J乙'), '甲\\x1b[2J乙');
    assert.equal(terminalText('\x1b]0;新标题\x07'), '\\x1b]0;新标题\\x07');
  });

  it('escapes every other C0 control, DEL and the C1 controls', () => {
    assert.equal(terminalText('a\x00b\x08c\rd\te\x7f'), 'a\\x00b\\x08c\\x0dd\\x09e\\x7f');
    assert.equal(terminalText('\u0085\u009b31m'), '\\x85\\x9b31m');
  });

  it('escapes bidi embeddings, overrides, isolates and marks, and the Unicode line separators', () => {
    assert.equal(terminalText('\u202a\u202b\u202c\u202d\u202e'), '\\u202a\\u202b\\u202c\\u202d\\u202e');
    assert.equal(terminalText('\u2066\u2067\u2068\u2069'), '\\u2066\\u2067\\u2068\\u2069');
    assert.equal(terminalText('\u200e\u200f\u061c\u2028\u2029'), '\\u200e\\u200f\\u061c\\u2028\\u2029');
  });

  it('keeps one line one line, unless the text may wrap over lines', () => {
    assert.equal(terminalText('一\n二'), '一\\x0a二');
    assert.equal(terminalText('一\n二', { lines: true }), '一\n二');
    assert.equal(terminalText('一\r\n二', { lines: true }), '一\\x0d\n二');
  });

  it('leaves ordinary text alone: Chinese, full-width punctuation, emoji, U+FFFD', () => {
    const text = '（一）予以公开：12.50 万元 — “好” 👍 \uFFFD';
    assert.equal(terminalText(text), text);
    assert.equal(terminalText(text, { lines: true }), text);
  });

  it('gives the same answer called again (no state left in its patterns)', () => {
    for (let i = 0; i < 3; i++) assert.equal(terminalText('x\x1by'), 'x\\x1by');
  });
});
