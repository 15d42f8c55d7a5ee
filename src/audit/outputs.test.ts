import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkedWriter, csvField, csvRows } from './outputs.js';
import type { FileResult } from './types.js';

describe('CSV fields (RFC 4180)', () => {
  it('quotes a field with a comma, a quote or a line break and doubles the quotes', () => {
    assert.equal(csvField('平潭'), '平潭');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('说"明"'), '"说""明"""');
    assert.equal(csvField('两\n行'), '"两\n行"');
    assert.equal(csvField(2023), '2023');
    assert.equal(csvField(null), '');
    assert.equal(csvField(undefined), '');
  });

  it('keeps a spreadsheet from running a formula a report smuggled in, but leaves numbers alone', () => {
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('-cmd'), "'-cmd");
    assert.equal(csvField('-3'), '-3');
    assert.equal(csvField('-0.5'), '-0.5');
  });

  it('gives an unreadable file one read.unreadable row with its reason and line', () => {
    const result: FileResult = {
      file: 'a.json',
      agency: null,
      year: null,
      format: null,
      shape: 'json',
      status: 'unreadable',
      findings: [],
      error: { code: 'json.syntax', message: 'JSON 语法错误', line: 3 },
    };
    assert.equal(csvRows(result), 'a.json,,,read.unreadable,error,,,,JSON 语法错误（第 3 行）\r\n');
  });
});

describe('ChunkedWriter', () => {
  it('writes in chunks of at least the limit, and the rest on flush, in order', () => {
    const chunks: string[] = [];
    const out = new ChunkedWriter((t) => chunks.push(t), 10);
    for (const piece of ['abc', 'defg', 'hijk', 'l', 'mn']) out.write(piece);
    assert.deepEqual(chunks, ['abcdefghijk']);
    out.flush();
    out.flush();
    assert.deepEqual(chunks, ['abcdefghijk', 'lmn']);
  });
});
