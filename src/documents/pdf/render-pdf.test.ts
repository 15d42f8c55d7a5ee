/**
 * @module Tests of the PDF report, printed by the system Chromium: its text (every label and number of
 * the layout), its title and its embedded CJK font. Needs /usr/bin/chromium (or GONGKAI_CHROMIUM).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { type LayoutBlock, reportLayout } from '../../domain/report/layout.js';
import { type AnnualReport, zeroReport } from '../../domain/report/model.js';
import { launchPdfBrowser, renderPdf } from './render-pdf.js';

/** Numbers that occur nowhere else in the samples (not in a year, a date or a page number). */
const DISTINCTIVE = ['137', '2468', '9753', '864', '1357.25', '4321'];

function sample2021(): AnnualReport {
  const base = zeroReport({
    year: 2023,
    format: '2021',
    agency: '新庙镇人民政府',
    publishedOn: '2024-01-18',
  });
  return {
    ...base,
    text: {
      overview: '本机关认真贯彻落实政府信息公开条例。\n主动公开政府信息，回应社会关切。',
      problems: '公开内容不够全面，平台建设有待加强。',
      otherMatters: '本机关未收取信息处理费。',
    },
    proactive: { ...base.proactive, normativeDocuments: { issued: 137, repealed: 0, inForce: 2468 } },
    requests: { ...base.requests, new: [9753, 0, 0, 0, 0, 0, 9753] },
    reviewLitigation: { ...base.reviewLitigation, review: { upheld: 864, total: 864 } },
  };
}

function sample2019(): AnnualReport {
  const base = zeroReport({
    year: 2020,
    format: '2019',
    agency: '某县自然资源局',
    publishedOn: '2021-01-29',
  });
  return {
    ...base,
    text: {
      overview: '二〇二〇年，本局依法做好政府信息公开工作。',
      problems: '依申请公开答复质量仍需提高。',
      otherMatters: '无。',
    },
    proactive: { ...base.proactive, procurement: { projects: 4321, amount: '1357.25' } },
    requests: { ...base.requests, carriedForward: [137, 0, 0, 0, 0, 0, 137] },
    reviewLitigation: { ...base.reviewLitigation, litigationDirect: { pending: 2468, total: 2468 } },
  };
}

/** Text extraction breaks lines inside narrow cells; with all whitespace gone a label reads whole. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

function textsOfBlock(b: LayoutBlock): string[] {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
      return [b.text];
    case 'section':
      return [b.title];
    case 'table':
      return b.table.rows.flat().flatMap((c) => (c.role !== 'value' && c.text !== '' ? [c.text] : []));
    case 'signature':
      return [b.agency];
  }
}

/** Every text the layout prints: heading, section titles, paragraphs and each non-blank label cell. */
const printedTexts = (blocks: readonly LayoutBlock[]): string[] => blocks.flatMap(textsOfBlock);

/** Embedded fonts per `pdffonts`, or null when poppler-utils is not installed. */
function pdffonts(pdf: Uint8Array): string | null {
  try {
    return execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const CJK_FONT = /WenQuanYi|Noto(Sans|Serif)CJK|FangSong|SimHei|SimSun|FZXiaoBiaoSong|STFangsong/i;

describe('renderPdf', () => {
  let browser: Browser;
  const rendered = new Map<string, Uint8Array>();
  const samples = [sample2021(), sample2019()];

  // No skip when Chromium is missing: this throws PdfRendererUnavailable with its install hint and
  // every test below fails, which is what CI (which installs chromium) should report.
  before(async () => {
    browser = await launchPdfBrowser();
    for (const report of samples) rendered.set(report.format, await renderPdf(report, { browser }));
  });
  after(async () => {
    await browser?.close();
  });

  for (const report of samples) {
    describe(`a ${report.format}-format report`, () => {
      it('is a PDF titled with the report heading', async () => {
        const pdf = rendered.get(report.format)!;
        assert.equal(new TextDecoder('latin1').decode(pdf.subarray(0, 5)), '%PDF-');
        const { info } = await (await getDocumentProxy(pdf.slice())).getMetadata();
        const heading = reportLayout(report).find((b) => b.type === 'heading');
        assert.equal((info as { Title?: string }).Title, heading?.type === 'heading' ? heading.text : null);
      });

      it('prints the heading, every section title, paragraph and table label, and every number', async () => {
        const pdf = rendered.get(report.format)!;
        const { text } = await extractText(await getDocumentProxy(pdf.slice()), { mergePages: true });
        const printed = squeeze(text);
        const expected = printedTexts(reportLayout(report));
        assert.ok(expected.length > 60, 'the layout has labels to look for');
        for (const label of expected) assert.ok(printed.includes(squeeze(label)), `missing: ${label}`);
        // Numbers are whole cells, so they must come out as whole words, not as parts of other numbers.
        const words = new Set(text.split(/\s+/));
        const numbers = DISTINCTIVE.filter((n) => JSON.stringify(report).includes(n));
        assert.ok(numbers.length >= 3, 'the sample carries distinctive numbers');
        for (const n of numbers) assert.ok(words.has(n), `missing number ${n}`);
      });

      it('embeds a CJK font', () => {
        const pdf = rendered.get(report.format)!;
        const fonts = pdffonts(pdf);
        if (fonts !== null) {
          // Columns: name, type (one or two words), encoding, emb, sub, uni, object number, generation.
          const embedded = fonts
            .split('\n')
            .slice(2)
            .map((line) => line.trim().split(/\s+/))
            .filter((cols) => cols.at(-5) === 'yes')
            .map((cols) => cols[0]!);
          assert.ok(
            embedded.some((name) => CJK_FONT.test(name)),
            `no embedded CJK font in:\n${fonts}`,
          );
        } else {
          // Skia writes font dictionaries uncompressed: the subset's name and its font program.
          const raw = new TextDecoder('latin1').decode(pdf);
          assert.match(raw, /\/BaseFont\s*\/[A-Z]{6}\+\S*(WenQuanYi|NotoS\w*CJK|FangSong|SimHei)/);
          assert.match(raw, /\/FontFile[23]?\b/);
        }
      });
    });
  }

  it('keeps a browser passed in open for the next report of a batch', async () => {
    assert.ok(browser.isConnected());
    const again = await renderPdf(samples[0]!, { browser });
    assert.ok(browser.isConnected());
    assert.ok(again.byteLength > 1000);
  });
});
