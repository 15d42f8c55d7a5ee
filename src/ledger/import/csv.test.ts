import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeReportBytes } from '../../documents/decode.js';
import { parseCsv, sniffDelimiter } from './csv.js';

const fields = (text: string) => {
  const parsed = parseCsv(text);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.records.map((r) => r.fields);
};

describe('parseCsv (RFC 4180)', () => {
  it('splits records at CRLF, LF or CR and fields at commas; the last line break is optional', () => {
    assert.deepEqual(fields('a,b\r\nc,d\r\n'), [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    assert.deepEqual(fields('a,b\nc,d'), [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    assert.deepEqual(fields('a\rb'), [['a'], ['b']]);
    assert.deepEqual(fields('a,,\n'), [['a', '', '']]);
  });

  it('keeps commas, line breaks and doubled quotes inside quotes', () => {
    assert.deepEqual(fields('"a,b","line1\r\nline2","say ""hi"""\nx,"",y'), [
      ['a,b', 'line1\r\nline2', 'say "hi"'],
      ['x', '', 'y'],
    ]);
  });

  it('numbers records as a spreadsheet numbers rows, a quoted line break not starting a new one', () => {
    const parsed = parseCsv('h1,h2\n"a\nb",c\nd,e\n');
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.records.map((r) => r.record),
      [1, 2, 3],
    );
  });

  it('reads a file Excel saved with a byte-order mark (the decoder drops it), and is lenient where Excel is', () => {
    const decoded = decodeReportBytes(new TextEncoder().encode('\uFEFF收到日期,申请人\n'));
    assert.ok(decoded.ok);
    assert.deepEqual(fields(decoded.text), [['收到日期', '申请人']]);
    assert.deepEqual(fields('a"b,c'), [['a"b', 'c']]);
    assert.deepEqual(fields('"a"b,c'), [['ab', 'c']]);
  });

  it('refuses an opening quote never closed, naming the record it opened in', () => {
    const parsed = parseCsv('a,b\nc,"d\ne,f\n');
    assert.deepEqual(parsed, { ok: false, record: 2, message: '引号未闭合 (unclosed quote)' });
  });

  it('takes a tab-separated file (Excel “Unicode text”) by its first line', () => {
    assert.equal(sniffDelimiter('a\tb\nc,d'), '\t');
    assert.equal(sniffDelimiter('a,b\tc\n'), ',');
    assert.deepEqual(fields('a\tb\n1,2\t3\n'), [
      ['a', 'b'],
      ['1,2', '3'],
    ]);
  });

  it('reads back any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', ' ', '1') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (table) => {
          const text = table
            .map((row) => row.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))
            .join('\r\n');
          const parsed = parseCsv(text, ',');
          assert.ok(parsed.ok);
          assert.deepEqual(
            parsed.records.map((r) => r.fields),
            table,
          );
        },
      ),
    );
  });
});
