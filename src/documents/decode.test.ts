/** @module Decoding report bytes: UTF-8 cut off or slightly damaged stays UTF-8; GB18030 stays GB18030. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { exampleReport } from '../domain/report/example.js';
import { decodeNotes, decodeReportBytes, INVALID_BYTES_RULE } from './decode.js';
import { renderText } from './text/render-text.js';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const report = renderText(exampleReport(2024));

function decoded(bytes: Uint8Array) {
  const result = decodeReportBytes(bytes);
  assert.ok(result.ok, JSON.stringify(result));
  return result;
}

describe('a UTF-8 file cut off inside its last character', () => {
  const whole = utf8(report.trimEnd());
  // The report ends in a date line: …年…月…日 — every one of those is three bytes in UTF-8.
  for (const missing of [1, 2]) {
    it(`is UTF-8 with the unfinished character dropped, reported as cut off (${missing} of 3 bytes missing)`, () => {
      const cut = whole.subarray(0, whole.length - missing);
      const result = decoded(cut);
      assert.equal(result.encoding, 'utf-8');
      assert.equal(result.text, report.trimEnd().slice(0, -1));
      const kept = 3 - missing;
      assert.deepEqual(result.cutOff, {
        offset: cut.length - kept,
        line: report.trimEnd().split('\n').length,
        bytes: kept,
      });
      assert.equal(result.invalid, undefined);
      const notes = decodeNotes(result);
      assert.deepEqual(
        notes.map((n) => [n.rule, n.severity]),
        [['read.truncated', 'error']],
      );
      assert.match(notes[0]!.message, /中断.*最后一个字符不完整/);
    });
  }

  it('loses a four-byte character the same way (3 of 4 bytes there)', () => {
    const bytes = utf8('第一行\n𠮷');
    const result = decoded(bytes.subarray(0, bytes.length - 1));
    assert.equal(result.text, '第一行\n');
    assert.deepEqual(result.cutOff, { offset: 10, line: 2, bytes: 3 });
  });

  it('leaves a whole UTF-8 file alone, with nothing to report', () => {
    const result = decoded(utf8(report));
    assert.equal(result.text, report);
    assert.equal(result.cutOff, undefined);
    assert.equal(result.invalid, undefined);
    assert.deepEqual(decodeNotes(result), []);
  });
});

describe('a UTF-8 file with a few bad bytes in the middle', () => {
  it('is UTF-8 with U+FFFD for each bad sequence, counting them and naming the first', () => {
    const good = utf8(report);
    // Bad bytes put between characters (after a line feed), so that only they are bad.
    const at = good.indexOf(0x0a, 200) + 1;
    const second = good.indexOf(0x0a, at + 30) + 1;
    const bytes = new Uint8Array([
      ...good.subarray(0, at),
      0xff,
      ...good.subarray(at, second),
      0xe4,
      0xbd,
      ...good.subarray(second),
    ]);
    const result = decoded(bytes);
    assert.equal(result.encoding, 'utf-8');
    assert.equal(result.cutOff, undefined);
    const line = Buffer.from(good.subarray(0, at)).toString('utf8').split('\n').length;
    assert.deepEqual(result.invalid, { offset: at, line, count: 2 });
    assert.equal([...result.text].filter((c) => c === '\uFFFD').length, 2);
    assert.equal(result.text.replaceAll('\uFFFD', ''), report);
    const [note] = decodeNotes(result);
    assert.equal(note!.rule, INVALID_BYTES_RULE);
    assert.equal(note!.severity, 'warning');
    assert.match(note!.message, new RegExp(`第 ${line} 行（字节偏移 ${at}）起有 2 处字节不是有效的 UTF-8`));
  });

  it('reports both when the file also ends inside a character', () => {
    const good = utf8(`${report}年`);
    const at = good.indexOf(0x0a, 100) + 1;
    const bytes = new Uint8Array([...good.subarray(0, at), 0xc0, ...good.subarray(at, good.length - 1)]);
    const result = decoded(bytes);
    assert.equal(result.encoding, 'utf-8');
    assert.equal(result.invalid?.count, 1);
    assert.equal(result.invalid?.offset, at);
    assert.equal(result.cutOff?.bytes, 2);
    assert.deepEqual(
      decodeNotes(result).map((n) => n.rule),
      [INVALID_BYTES_RULE, 'read.truncated'],
    );
  });
});

describe('a real GB18030 file', () => {
  it('still decodes as GB18030, whole, with nothing to report', () => {
    const text = `${report}\n生僻字：𠮷㐀，欧元符号 €\n`;
    const result = decoded(new Uint8Array(iconv.encode(text, 'gb18030')));
    assert.equal(result.encoding, 'gb18030');
    assert.equal(result.text, text);
    assert.deepEqual(decodeNotes(result), []);
  });

  it('stays GB18030 when cut off inside its last character too (no UTF-8 reading of it)', () => {
    const bytes = new Uint8Array(iconv.encode(report.trimEnd(), 'gbk'));
    const result = decoded(bytes.subarray(0, bytes.length - 1));
    assert.equal(result.encoding, 'gb18030');
    assert.ok(result.text.startsWith(report.slice(0, 100)));
  });

  it('stays GB18030 for a short GBK file with a single Chinese word', () => {
    const result = decoded(new Uint8Array(iconv.encode('report: 公开\n', 'gbk')));
    assert.equal(result.encoding, 'gb18030');
    assert.equal(result.text, 'report: 公开\n');
  });
});

describe('decoding cost', () => {
  it('is linear: a 20 MB GBK file and a 20 MB damaged UTF-8 file decode in one pass each', () => {
    const big = report.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(report)));
    const gbk = new Uint8Array(iconv.encode(big, 'gbk'));
    const damaged = utf8(big);
    const first = damaged.indexOf(0x0a, 1000);
    for (let i = 1000; i < damaged.length; i += 1_000_000) damaged[damaged.indexOf(0x0a, i)] = 0xff;
    const started = performance.now();
    assert.equal(decoded(gbk).encoding, 'gb18030');
    const result = decoded(damaged);
    assert.equal(result.encoding, 'utf-8');
    assert.equal(result.invalid?.offset, first);
    // Generous: a quadratic pass over 20 MB would take minutes.
    assert.ok(performance.now() - started < 10_000);
  });
});
