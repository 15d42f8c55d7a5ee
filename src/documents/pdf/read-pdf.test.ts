/**
 * @module Tests of reading a PDF report: reports printed by our own renderer (Chromium) read back to
 * the same report, and files that hold no report, no text or no valid PDF give a read error instead
 * of throwing. Needs /usr/bin/chromium (or GONGKAI_CHROMIUM) to print the samples.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { exampleReport } from '../../domain/report/example.js';
import { reportHeading } from '../../domain/report/labels.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import type { ReadResult } from '../read-result.js';
import { readPdfReport } from './read-pdf.js';
import { readPdfPages } from './read-pdf-document.js';
import { pdfSourceLines } from './read-pdf-flow.js';
import { launchPdfBrowser, renderPdf } from './render-pdf.js';

const squeeze = (s: string) => s.replace(/\s+/g, '');

function readOk(result: ReadResult): Extract<ReadResult, { ok: true }> {
  assert.ok(result.ok, JSON.stringify(result));
  return result;
}

function errorCode(result: ReadResult): string {
  assert.equal(result.ok, false, 'expected a read error');
  return result.ok ? '' : result.error.code;
}

const hasBlank = (report: AnnualReport) => JSON.stringify(report).includes('null');

describe('readPdfReport on reports printed by renderPdf', () => {
  let browser: Browser;
  const reports: AnnualReport[] = [
    exampleReport(2020),
    exampleReport(2025),
    ...fc.sample(arbitraryReport(), { numRuns: 12, seed: 20250118 }),
  ];
  const pdfs: Uint8Array[] = [];
  const results: ReadResult[] = [];

  // No skip when Chromium is missing: this throws PdfRendererUnavailable with its install hint and
  // every test below fails, which is what CI (which installs chromium) should report.
  before(async () => {
    browser = await launchPdfBrowser();
    for (const report of reports) pdfs.push(await renderPdf(report, { browser }));
    for (const pdf of pdfs) results.push(await readPdfReport(pdf));
  });
  after(async () => {
    await browser?.close();
  });

  it('samples both formats, blank cells and multi-page tables', () => {
    assert.deepEqual(new Set(reports.map((r) => r.format)), new Set(['2019', '2021']));
    assert.ok(reports.filter(hasBlank).length >= 6, 'blank (null) cells must round-trip as blanks');
  });

  it('reads back year, format, agency, date and every table cell (blank stays blank, not 0)', () => {
    reports.forEach((report, i) => {
      const { report: read, shape, notes } = readOk(results[i]!);
      assert.equal(shape, 'pdf');
      for (const key of ['year', 'format', 'agency', 'publishedOn'] as const)
        assert.equal(read[key], report[key], `report ${i}: ${key}`);
      assert.deepEqual(read.proactive, report.proactive, `report ${i}: 二`);
      assert.deepEqual(read.requests, report.requests, `report ${i}: 三`);
      assert.deepEqual(read.reviewLitigation, report.reviewLitigation, `report ${i}: 四`);
      assert.deepEqual(notes, [], `report ${i}: every label maps`);
    });
  });

  it('reads back the text sections, character for character once whitespace is ignored', () => {
    reports.forEach((report, i) => {
      const { text } = readOk(results[i]!).report;
      for (const key of ['overview', 'problems', 'otherMatters'] as const)
        assert.equal(squeeze(text[key]), squeeze(report.text[key]), `report ${i}: ${key}`);
    });
  });

  it('keeps the paragraph breaks too: a wrapped line joins its paragraph, an indent starts one', () => {
    reports.forEach((report, i) => {
      assert.deepEqual(readOk(results[i]!).report.text, report.text, `report ${i}`);
    });
  });

  it('gives the heading, a wrapped label and each number a line of their own, drops page numbers', async () => {
    const report = exampleReport(2020);
    const lines = pdfSourceLines(await readPdfPages(pdfs[0]!));
    const texts = lines.map((l) => l.text);
    assert.equal(texts[0], reportHeading(report.agency, report.year));
    assert.ok(texts.includes('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'));
    const partial = texts.indexOf('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    assert.deepEqual(texts.slice(partial + 1, partial + 8), report.requests.partial!.map(String));
    assert.ok(!texts.some((t) => /^—\s*\d+\s*—$/.test(t)), 'page-number footers are dropped');
    // `line` is the page: from 1, never decreasing, up to the last page.
    const pages = lines.map((l) => l.line);
    assert.equal(pages[0], 1);
    assert.ok(pages.every((p, i) => i === 0 || p >= pages[i - 1]!));
    assert.ok(pages.at(-1)! >= 3);
  });

  it('reads the same lines whether or not pdf.js parses the embedded fonts', async () => {
    for (const pdf of pdfs.slice(0, 4)) {
      const fast = pdfSourceLines(await readPdfPages(pdf));
      const slow = pdfSourceLines(await readPdfPages(pdf, { keepFontPrograms: true }));
      assert.deepEqual(fast, slow);
    }
  });

  it('reads a Node Buffer (what fs.readFile gives) and leaves the caller’s bytes untouched', async () => {
    const buffer = Buffer.from(pdfs[0]!);
    assert.deepEqual(readOk(await readPdfReport(buffer)).report, readOk(results[0]!).report);
    assert.ok(buffer.equals(pdfs[0]!));
    assert.ok(Buffer.from(pdfs[0]!).includes('/FontFile2'), 'the fonts the reader hides are still there');
  });

  it('refuses a PDF printed from a page that is not a report', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent(
        '<h1>通知公告</h1><p>关于开展防汛工作的通知。本页不是政府信息公开工作年度报告。</p>',
      );
      assert.equal(errorCode(await readPdfReport(await page.pdf())), 'read.not-a-report');
    } finally {
      await page.close();
    }
  });

  it('calls a PDF without a text layer (a scan, an image) unreadable, saying why', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent(
        '<div style="width:400px;height:300px;background:linear-gradient(#333,#ccc)"></div>',
      );
      const result = await readPdfReport(await page.pdf({ printBackground: true }));
      assert.equal(errorCode(result), 'input.unreadable');
      assert.match(result.ok ? '' : result.error.message, /没有文字层.*no text layer/);
    } finally {
      await page.close();
    }
  });
});

/** A PDF whose trailer asks for a password that nothing opens. */
function lockedPdf(): Uint8Array {
  const hex = (bytes: number) => `<${'ab'.repeat(bytes)}>`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [] /Count 0 >>',
    `<< /Filter /Standard /V 1 /R 2 /O ${hex(32)} /U ${hex(32)} /P -4 >>`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 3 0 R /ID [${hex(16)} ${hex(16)}] >>\n`;
  pdf += `startxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

describe('readPdfReport on files that are no readable PDF', () => {
  it('calls random bytes after "%PDF-" damaged, without throwing', async () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]));
    const result = await readPdfReport(bytes);
    assert.equal(errorCode(result), 'input.unreadable');
    assert.match(result.ok ? '' : result.error.message, /损坏.*damaged or invalid/);
  });

  it('calls a truncated header unreadable', async () => {
    assert.equal(errorCode(await readPdfReport(new TextEncoder().encode('%PDF-'))), 'input.unreadable');
  });

  it('says a password-protected PDF needs its password', async () => {
    const result = await readPdfReport(lockedPdf());
    assert.equal(errorCode(result), 'input.unreadable');
    assert.match(result.ok ? '' : result.error.message, /加密.*password-protected/);
  });
});
