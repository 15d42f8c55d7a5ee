import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zeroReport } from '../domain/report/model.js';
import { decodeReportBytes } from './decode.js';
import { renderHtml } from './html/render-html.js';
import { renderJson } from './json/report-json.js';
import { readReport } from './read-report.js';
import { renderText } from './text/render-text.js';

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
