/**
 * What a file is, from its bytes alone, and the text the search takes from a PDF or Word attachment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  minimalPdf,
  sampleDoc,
  sampleDocx,
  sampleExe,
  sampleGif,
  sampleJpeg,
  samplePng,
  sampleXlsx,
} from '../../test-support/sample-files.js';
import { launchPdfBrowser, printHtml } from '../pdf/render-pdf.js';
import { attachmentText, contentTypeOf } from './attachment-content.js';

const encode = (s: string) => new TextEncoder().encode(s);

describe('an attachment’s content type', () => {
  it('tells each kind the catalogue takes by its bytes, whatever it is called', async () => {
    assert.equal(contentTypeOf(minimalPdf('x')), 'pdf');
    assert.equal(contentTypeOf(await sampleDocx()), 'docx');
    assert.equal(contentTypeOf(await sampleXlsx()), 'xlsx');
    assert.equal(contentTypeOf(samplePng()), 'png');
    assert.equal(contentTypeOf(sampleJpeg()), 'jpeg');
    assert.equal(contentTypeOf(sampleGif()), 'gif');
  });

  it('tells old Office files, other zips and anything else apart from them', async () => {
    assert.equal(contentTypeOf(sampleDoc()), 'ole');
    assert.equal(contentTypeOf(sampleExe()), 'unknown');
    assert.equal(contentTypeOf(encode('<html><body>not a pdf</body></html>')), 'unknown');
    // A PDF header further in than its first kilobyte is no PDF header.
    assert.equal(contentTypeOf(encode(`${' '.repeat(1024)}%PDF-1.7`)), 'unknown');
    assert.equal(contentTypeOf(encode(`${' '.repeat(100)}%PDF-1.7`)), 'pdf');
    // A PNG signature without its header chunk is not a PNG.
    assert.equal(contentTypeOf(samplePng().slice(0, 8)), 'unknown');
    // A zip that is not an Office package: the Word document's parts, less [Content_Types].xml.
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    assert.equal(contentTypeOf(await zip.generateAsync({ type: 'uint8array' })), 'zip');
  });
});

describe('an attachment’s text for the search', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchPdfBrowser();
  });
  after(() => browser.close());

  it('takes the words of a Word document and of a PDF printed from a page, Chinese and all', async () => {
    const docx = await attachmentText(await sampleDocx('某某镇人民政府'), 'docx');
    assert.ok(docx.ok && docx.text.includes('某某镇人民政府2024年政府信息公开工作年度报告'));
    const pdf = await printHtml(
      '<html lang="zh-CN"><body><h1>征收补偿标准</h1><p>国有土地上房屋征收与补偿公告</p></body></html>',
      { browser },
    );
    const text = await attachmentText(pdf, 'pdf');
    assert.ok(text.ok, text.ok ? '' : text.message);
    assert.match(text.text, /征收补偿标准/);
    assert.match(text.text, /房屋征收与补偿公告/);
  });

  it('gives no text, and no error, for workbooks and images', async () => {
    assert.deepEqual(await attachmentText(await sampleXlsx(), 'xlsx'), {
      ok: true,
      text: '',
      truncated: false,
    });
    assert.deepEqual(await attachmentText(samplePng(), 'png'), { ok: true, text: '', truncated: false });
  });

  it('says a PDF or Word file that will not open is damaged, in Chinese', async () => {
    const pdf = await attachmentText(encode('%PDF-1.7\n1 0 obj garbage'), 'pdf');
    assert.ok(!pdf.ok && /PDF/.test(pdf.message) && /损坏|无法/.test(pdf.message), JSON.stringify(pdf));
    const docx = await sampleDocx();
    const cut = await attachmentText(docx.slice(0, docx.length - 200), 'docx');
    assert.ok(!cut.ok && /损坏|Word/.test(cut.message), JSON.stringify(cut));
  });
});
