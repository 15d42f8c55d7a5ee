import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleReport } from '../domain/report/example.js';
import { zeroReport } from '../domain/report/model.js';
import { decodeReportBytes, INVALID_BYTES_RULE } from './decode.js';
import { renderHtml } from './html/render-html.js';
import { renderJson } from './json/report-json.js';
import { readReport } from './read-report.js';
import { renderText } from './text/render-text.js';
import { renderXlsx } from './xlsx/render-xlsx.js';

/** GB18030 bytes of a string: Node's TextEncoder writes only UTF-8, so iconv-lite encodes them. */
async function gb18030(text: string): Promise<Uint8Array> {
  const { default: iconv } = await import('iconv-lite');
  return iconv.encode(text, 'gb18030');
}

describe('reading report bytes of any shape', () => {
  const report = zeroReport({ year: 2020, format: '2019', agency: '新庙镇', publishedOn: '2021-01-18' });
  const withText = {
    ...report,
    text: { overview: '本镇全面推进政务公开。', problems: '公开渠道较单一。', otherMatters: '无。' },
  };

  it('decodes a GBK / GB18030 page instead of refusing it', async () => {
    const result = await readReport(await gb18030(renderText(withText)));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.encoding, 'gb18030');
    assert.equal(result.report.agency, '新庙镇');
    assert.deepEqual(result.report, withText);
  });

  it('drops a UTF-8 byte-order mark once, in the decoder, for every shape', async () => {
    const bom = (text: string) => new TextEncoder().encode(`\uFEFF${text}`);
    const decoded = decodeReportBytes(bom('第一行\n'));
    assert.ok(decoded.ok);
    assert.equal(decoded.text, '第一行\n');
    for (const bytes of [bom(renderText(withText)), bom(renderHtml(withText)), bom(renderJson(withText))]) {
      const result = await readReport(bytes);
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.report, withText);
    }
  });

  it('says which encoding a JSON report was read in, as for the other shapes', async () => {
    const result = await readReport(await gb18030(renderJson(withText)));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.shape, 'json');
    assert.equal(result.encoding, 'gb18030');
    assert.deepEqual(result.report, withText);
  });

  it('judges JSON from the content, not the file name', async () => {
    const result = await readReport(new TextEncoder().encode(`\uFEFF  ${renderJson(withText)}`));
    assert.ok(result.ok);
    assert.equal(result.shape, 'json');
    assert.deepEqual(result.report, withText);
  });

  it('refuses an empty file and a binary file with their reasons', async () => {
    const empty = await readReport(new Uint8Array());
    assert.equal(empty.ok ? '' : empty.error.code, 'input.empty');
    const blank = await readReport(new TextEncoder().encode(' \n\n\t'));
    assert.equal(blank.ok ? '' : blank.error.code, 'input.empty');
    const png = await readReport(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    assert.equal(png.ok ? '' : png.error.code, 'input.binary');
  });
});

describe('reading UTF-16 (Notepad’s “Unicode”)', () => {
  const report = zeroReport({
    year: 2021,
    format: '2021',
    agency: '某县人民政府',
    publishedOn: '2022-01-30',
  });
  const text = renderText({
    ...report,
    text: { overview: '全年主动公开信息。', problems: '无。', otherMatters: '无。' },
  });

  for (const [encoding, bom] of [
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ] as const) {
    it(`decodes ${encoding} with and without a byte-order mark`, async () => {
      const body = Buffer.from(text, 'utf16le');
      if (encoding === 'utf-16be') body.swap16();
      for (const bytes of [Buffer.concat([Buffer.from(bom), body]), body]) {
        const result = await readReport(bytes);
        assert.ok(result.ok, JSON.stringify(result));
        assert.equal(result.encoding, encoding);
        assert.equal(result.report.agency, '某县人民政府');
      }
    });
  }
});

describe('reading UTF-8 that is cut off or damaged', () => {
  const report = exampleReport(2023);
  const text = renderText(report);
  const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
  /** The bytes up to the middle of the first character of `marker` (its first byte only). */
  const cutInside = (marker: string) => {
    assert.ok(text.includes(marker), marker);
    return bytes.subarray(0, Buffer.byteLength(text.slice(0, text.indexOf(marker))) + 1);
  };

  it('reads a report cut inside a character of section 六 in full, with a read.truncated note', async () => {
    const result = await readReport(cutInside(report.text.otherMatters.slice(-2)));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.encoding, 'utf-8');
    assert.deepEqual(result.report.requests, report.requests);
    assert.equal(result.notes[0]?.rule, 'read.truncated');
    assert.equal(result.notes[0]?.severity, 'error');
  });

  it('refuses a report cut inside a character of section 三 as cut off, not as “not a report”', async () => {
    const result = await readReport(cutInside('（四）无法提供'));
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'read.truncated');
    assert.match(result.error.message, /内容中断/);
    assert.equal(result.error.partial?.report.agency, report.agency);
    assert.equal(
      result.error.partial?.notes.filter((n) => n.rule === 'read.truncated').length,
      1,
      'one cut-off note, the reader’s',
    );
  });

  it('says a JSON report that does not parse was cut off, when it was', async () => {
    const json = renderJson(report);
    const cut = new Uint8Array(Buffer.from(json, 'utf8')).subarray(
      0,
      Buffer.byteLength(json.slice(0, json.indexOf(report.agency))) + 1,
    );
    const result = await readReport(cut);
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'json.syntax');
    assert.match(result.error.message, /文件在第 \d+ 行中断/);
  });

  it('reads a report with a stray bad byte as UTF-8, with a warning naming where', async () => {
    const at = Buffer.byteLength(text.slice(0, text.indexOf(report.text.overview.split('\n')[0]!)));
    const damaged = new Uint8Array([...bytes.subarray(0, at), 0xff, ...bytes.subarray(at)]);
    const result = await readReport(damaged);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.encoding, 'utf-8');
    assert.deepEqual(result.report, {
      ...report,
      text: { ...report.text, overview: `\uFFFD${report.text.overview}` },
    });
    assert.deepEqual(
      result.notes.map((n) => [n.rule, n.severity]),
      [[INVALID_BYTES_RULE, 'warning']],
    );
    assert.match(result.notes[0]!.message, new RegExp(`字节偏移 ${at}`));
  });
  it('says the same of an HTML page: a stray bad byte is a warning, the page is read', async () => {
    const html = renderHtml(exampleReport(2022));
    const page = new TextEncoder().encode(html);
    // In the first section's prose, where a replaced byte changes no label or number.
    const overview = exampleReport(2022).text.overview.slice(0, 6);
    const at = Buffer.byteLength(html.slice(0, html.indexOf(overview)));
    const damaged = new Uint8Array([...page.subarray(0, at), 0xff, ...page.subarray(at)]);
    const result = await readReport(damaged);
    assert.ok(result.ok, JSON.stringify(result).slice(0, 300));
    assert.equal(result.shape, 'html');
    assert.ok(result.notes.some((n) => n.rule === INVALID_BYTES_RULE));
    assert.deepEqual(result.report.requests, exampleReport(2022).requests);
  });
});

describe('reading an Excel workbook', () => {
  it('judges a workbook from the zip’s parts and reads its tables', async () => {
    const report = exampleReport(2022);
    const result = await readReport(await renderXlsx(report));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.shape, 'xlsx');
    assert.deepEqual(result.report.requests, report.requests);
  });
});
