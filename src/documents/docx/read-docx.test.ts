import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import JSZip from 'jszip';
import { type AnnualReport, zeroReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { readDocxReport } from './read-docx.js';
import { renderDocx } from './render-docx.js';

async function zipOf(parts: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, text] of Object.entries(parts)) zip.file(path, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function readBack(bytes: Uint8Array): Promise<AnnualReport> {
  const result = await readDocxReport(bytes);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.shape, 'docx');
  assert.deepEqual(result.notes, []);
  return result.report;
}

const sample = zeroReport({ year: 2023, format: '2021', agency: '某街道办事处', publishedOn: '2024-01-20' });
const documentXmlOf = async (bytes: Uint8Array) =>
  (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');

describe('readDocxReport: our own DOCX', () => {
  for (const format of ['2019', '2021'] as const) {
    it(`reads back every report renderDocx writes, ${format} format (property)`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryReport(format), async (report) => {
          assert.deepEqual(await readBack(await renderDocx(report)), report);
        }),
        { numRuns: 20 },
      );
    });
  }
});

describe('readDocxReport: files that are not a readable Word document', () => {
  const expectUnreadable = async (bytes: Uint8Array, pattern: RegExp) => {
    const result = await readDocxReport(bytes);
    assert.ok(!result.ok, 'refused');
    assert.equal(result.error.code, 'input.unreadable');
    assert.match(result.error.message, pattern);
  };

  it('refuses a zip without word/document.xml as not a Word document', async () => {
    const workbook = await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    await expectUnreadable(workbook, /不是 Word 文档.*not a Word document/);
  });

  it('finds a main document the package relationships name otherwise', async () => {
    const rels =
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>';
    const main = await documentXmlOf(await renderDocx(sample));
    const bytes = await zipOf({ '_rels/.rels': rels, 'word/document2.xml': main });
    assert.deepEqual(await readBack(bytes), sample);
  });

  it('refuses garbage after a zip signature with a clear message, never a throw', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    garbage.set([0x50, 0x4b, 0x03, 0x04]);
    await expectUnreadable(garbage, /文件已损坏.*corrupt zip/);
    await expectUnreadable(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), /corrupt zip/);
  });

  it('never throws on a damaged DOCX (property)', async () => {
    const good = await renderDocx(sample);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.nat(255)), { minLength: 1, maxLength: 20 }),
        async (damage) => {
          const bytes = good.slice();
          for (const [at, byte] of damage) bytes[at] = byte;
          const result = await readDocxReport(bytes);
          if (!result.ok) assert.ok(result.error.message.length > 0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('tells a Word 97–2003 or encrypted file apart', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expectUnreadable(ole, /\.doc/);
  });

  // Two megabytes of one repeated paragraph: a few kilobytes zipped, over a 1 MB cap.
  const bomb = () =>
    zipOf({
      'word/document.xml': `<w:document><w:body>${'<w:p><w:r><w:t>政府</w:t></w:r></w:p>'.repeat(60_000)}</w:body></w:document>`,
    });

  it('refuses a document.xml whose declared size is over the cap, before inflating it', async () => {
    const bytes = await bomb();
    assert.ok(bytes.length < 64 * 1024);
    const result = await readDocxReport(bytes, { maxDocumentXmlBytes: 1024 * 1024 });
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'input.unreadable');
    assert.match(result.error.message, /压缩炸弹/);
  });

  it('stops inflating at the cap when the zip directory lies about the size', async () => {
    const bytes = await bomb();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Claim 1000 bytes in the local header (offset 22) and the central directory entry (offset 24).
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) view.setUint32(i + 22, 1000, true);
      if (signature === 0x02014b50) view.setUint32(i + 24, 1000, true);
    }
    const result = await readDocxReport(bytes, { maxDocumentXmlBytes: 1024 * 1024 });
    assert.ok(!result.ok);
    assert.match(result.error.message, /压缩炸弹/);
  });
});
