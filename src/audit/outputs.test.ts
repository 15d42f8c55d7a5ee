import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DuplicateReport } from './duplicates.js';
import { ChunkedWriter, csvField, csvRows, duplicateCsvRow } from './outputs.js';
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

  it('prefixes every text cell a spreadsheet would run (OWASP CSV injection), numbers starting with - too', () => {
    assert.equal(csvField("-1+cmd|' /C calc'!A0"), "'-1+cmd|' /C calc'!A0");
    assert.equal(csvField('-2+3'), "'-2+3");
    assert.equal(csvField('=1+1'), "'=1+1");
    assert.equal(csvField('\t=cmd'), "'\t=cmd");
    assert.equal(csvField('\r=cmd'), `"'\r=cmd"`);
    assert.equal(csvField('@cmd'), "'@cmd");
    assert.equal(csvField('+3'), "'+3");
    assert.equal(csvField('-'), "'-");
  });

  it('writes numbers as numbers: a count, a change of -3, an amount, in number or text form', () => {
    assert.equal(csvField(-3), '-3');
    assert.equal(csvField(2024), '2024');
    assert.equal(csvField('-3'), '-3');
    assert.equal(csvField('12.50'), '12.50');
    assert.equal(csvField('0'), '0');
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

describe('a duplicate agency-year as a CSV row', () => {
  const duplicate: DuplicateReport = {
    agency: '=乙镇',
    year: 2022,
    files: ['a/2022.txt', 'b/2022.json'],
    formats: ['2021', '2021'],
    numbersAgree: false,
    differingCells: 2,
    differences: [
      { cell: { section: '三', row: 'new', column: 'natural' }, first: '1', second: '0' },
      { cell: { section: '二', row: 'rules', column: 'inForce' }, first: '—', second: null },
    ],
  };

  it('is on the later file: the cells that differ, the first file’s values, this file’s, and both files named', () => {
    const fields = duplicateCsvRow(duplicate).replace(/\r\n$/, '').split(',');
    assert.deepEqual(fields.slice(0, 8), [
      'b/2022.json',
      "'=乙镇",
      '2022',
      'audit.duplicate-report',
      'warning',
      '三.new.natural;二.rules.inForce',
      '1;—',
      '0;',
    ]);
    assert.match(
      fields.slice(8).join(','),
      /^与 a\/2022\.txt 同为 =乙镇 2022 年度的报告：数字不同 \(the numbers differ\)：共 2 处/,
    );
  });

  it('says 数字一致 when the numbers agree, with no cells', () => {
    const row = duplicateCsvRow({ ...duplicate, numbersAgree: true, differingCells: 0, differences: [] });
    assert.match(
      row,
      /,audit\.duplicate-report,warning,,,,与 a\/2022\.txt .*数字一致 \(the numbers agree\)\r\n$/,
    );
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
