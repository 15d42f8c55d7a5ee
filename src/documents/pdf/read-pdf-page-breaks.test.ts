/**
 * @module Reading PDFs shaped like a 政府 report printed from Word (issue 10, part 5): section 三's
 * table broken across pages, rows allowed to split over the break, the header repeated or not, long
 * row labels wrapped over several lines in narrow label columns, a running head over every page and
 * page numbers in the forms offices print ("-2-", "— 2 —", "第 2 页", "第2页 共5页"). The PDFs are
 * printed here by the system Chromium from `renderHtml`'s page with print rules added, so the report
 * each must read back to is known cell for cell; one browser serves the whole file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { exampleReport } from '../../domain/report/example.js';
import type { AnnualReport, CountCell } from '../../domain/report/model.js';
import { renderHtml } from '../html/render-html.js';
import type { ReadResult } from '../read-result.js';
import { readPdfReport } from './read-pdf.js';
import { readPdfPages } from './read-pdf-document.js';
import type { PageContent } from './read-pdf-page.js';
import { launchPdfBrowser } from './render-pdf.js';

/**
 * Word's habits, in print CSS: narrower margins than GB/T 9704, rows that may break across pages
 * (Word's 允许跨页断行), tall rows, and narrow label columns that wrap 1.申请人无正当理由逾期不补正…
 * over five or six lines.
 */
const WORD_PRINT_CSS = `
@media print { @page { size: A4; margin: 25mm 26mm 25mm 28mm; } }
.gk-report tr, .gk-report tr:has(> [rowspan]) { break-inside: auto !important; page-break-inside: auto !important; }
.gk-table-三 th, .gk-table-三 td { height: 34pt; }
.gk-table-三 col:nth-child(1) { width: 4% !important; }
.gk-table-三 col:nth-child(2) { width: 7% !important; }
.gk-table-三 col:nth-child(3) { width: 15% !important; }
`;
/** Word repeats no header row unless asked to (标题行重复). */
const NO_REPEATED_HEADER = '.gk-report thead { display: table-row-group !important; }';

const FONT = "font-size:10.5pt;font-family:'WenQuanYi Zen Hei',sans-serif;";
const RUNNING_HEAD = `<div style="width:100%;text-align:center;${FONT}">示例市示例区人民政府2025年政府信息公开工作年度报告</div>`;
const foot = (inner: string) => `<div style="width:100%;text-align:center;${FONT}">${inner}</div>`;
const PAGE = '<span class="pageNumber"></span>';

interface Variant {
  readonly name: string;
  /** Paragraphs of section 一: how far down section 三's table starts, so where the break lands. */
  readonly paragraphs: number;
  readonly repeatHeader: boolean;
  readonly footer: string;
  /** A label the break cuts: no page holds it whole. */
  readonly cut?: string;
  /**
   * The runs (joined with "|") that must end one page and begin the next, for a label whose lines
   * the page draws apart from one another; by default the label's first and last five characters.
   */
  readonly pieces?: readonly [string, string];
  /** Section 三's column left blank throughout. */
  readonly blankColumn?: number;
}

const VARIANTS: readonly Variant[] = [
  {
    name: '1.申请人无正当理由… split over the break, header repeated, "-2-" footers',
    paragraphs: 6,
    repeatHeader: true,
    footer: `-${PAGE}-`,
    cut: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  },
  {
    name: '2.申请人逾期未按收费通知… split, no header on the next page, "第 2 页" footers',
    paragraphs: 6,
    repeatHeader: false,
    footer: `第 ${PAGE} 页`,
    cut: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  },
  {
    name: '2.申请人逾期未按收费通知… split, header repeated, "— 2 —" footers',
    paragraphs: 5,
    repeatHeader: true,
    footer: `— ${PAGE} —`,
    cut: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  },
  {
    name: '三、本年度办理结果 cut by the break, "第2页 共5页" footers',
    paragraphs: 8,
    repeatHeader: true,
    footer: `第${PAGE}页 共<span class="totalPages"></span>页`,
    cut: '三、本年度办理结果',
    pieces: ['三、|本年', '度办|理结|果'],
  },
  {
    name: 'a break between two whole rows, no header on the next page',
    paragraphs: 9,
    repeatHeader: false,
    footer: `— ${PAGE} —`,
  },
  {
    name: 'a split row in a report whose 其他 column is blank throughout',
    paragraphs: 6,
    repeatHeader: true,
    footer: `— ${PAGE} —`,
    cut: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    blankColumn: 5,
  },
];

const paragraph = (i: number) =>
  `第${i + 1}项，本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，持续深化政务公开标准化规范化建设，不断提升政府信息公开工作质量和实效。`;

/** The 2021-format example with a blank column, the 总计 column still the sum of the others. */
function withBlankColumn(report: AnnualReport, column: number): AnnualReport {
  const requests: Record<string, CountCell[]> = {};
  for (const [key, cells] of Object.entries(report.requests)) {
    const row = cells.map((v, c) => (c === column ? null : v));
    row[6] = row.slice(0, 6).reduce<number>((a, v) => a + (v ?? 0), 0);
    requests[key] = row;
  }
  return { ...report, requests: requests as AnnualReport['requests'] };
}

function variantReport(variant: Variant): AnnualReport {
  const base = exampleReport(2025);
  const report: AnnualReport = {
    ...base,
    text: {
      ...base.text,
      overview: Array.from({ length: variant.paragraphs }, (_, i) => paragraph(i)).join('\n'),
    },
  };
  return variant.blankColumn === undefined ? report : withBlankColumn(report, variant.blankColumn);
}

async function printVariant(browser: Browser, variant: Variant, report: AnnualReport): Promise<Uint8Array> {
  const css = WORD_PRINT_CSS + (variant.repeatHeader ? '' : NO_REPEATED_HEADER);
  const html = renderHtml(report, { fonts: 'pdf' }).replace('</style>', `${css}</style>`);
  const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: RUNNING_HEAD,
      footerTemplate: foot(variant.footer),
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await context.close();
  }
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

function readOk(result: ReadResult): Extract<ReadResult, { ok: true }> {
  assert.ok(result.ok, JSON.stringify(result).slice(0, 2000));
  return result;
}

describe('PDFs of a report printed from Word, section 三 broken across pages (issue 10, part 5)', () => {
  let browser: Browser;
  const reports = VARIANTS.map(variantReport);
  const pdfs: Uint8Array[] = [];
  const pages: PageContent[][] = [];
  const results: ReadResult[] = [];

  before(async () => {
    browser = await launchPdfBrowser();
    for (const [i, variant] of VARIANTS.entries())
      pdfs.push(await printVariant(browser, variant, reports[i]!));
    for (const pdf of pdfs) {
      pages.push(await readPdfPages(pdf));
      results.push(await readPdfReport(pdf));
    }
  });
  after(async () => {
    await browser?.close();
  });

  VARIANTS.forEach((variant, i) => {
    describe(variant.name, () => {
      it('has the shape: section 三 over two pages or more, the label cut by the break', () => {
        const texts = pages[i]!.map((p) => squeeze(p.runs.map((r) => r.text).join('')));
        const first = texts.findIndex((t) => t.includes('一、本年新收政府信息公开申请数量'));
        const last = texts.findIndex((t) => t.includes('四、结转下年度继续办理'));
        assert.ok(
          first !== -1 && last > first,
          `section 三 starts on page ${first + 1}, ends on ${last + 1}`,
        );
        if (variant.cut) {
          const cut = squeeze(variant.cut);
          assert.ok(!texts.some((t) => t.includes(cut)), `${variant.cut} printed whole on one page`);
          const [start, end] = variant.pieces ?? [cut.slice(0, 5), cut.slice(-5)];
          const runs = pages[i]!.map((p) => p.runs.map((r) => squeeze(r.text)).join('|'));
          const within = (page: string | undefined, piece: string) =>
            variant.pieces ? page?.includes(piece) : squeeze(page?.replaceAll('|', '') ?? '').includes(piece);
          const at = runs.findIndex((t) => within(t, start));
          assert.ok(at !== -1, `no page prints the start of ${variant.cut}`);
          assert.ok(within(runs[at + 1], end), `the page after ${at + 1} prints no end of ${variant.cut}`);
        }
        // The running head is on every page, the page number on each.
        for (const text of texts)
          assert.ok(text.includes('示例市示例区人民政府2025年政府信息公开工作年度报告'));
      });

      it('reads every cell of sections 二, 三 and 四 exactly, with no note at all', () => {
        const { report, notes } = readOk(results[i]!);
        const expected = reports[i]!;
        assert.deepEqual(report.proactive, expected.proactive);
        assert.deepEqual(report.requests, expected.requests);
        assert.deepEqual(report.reviewLitigation, expected.reviewLitigation);
        assert.deepEqual(
          notes.map((n) => n.message),
          [],
          'no read.stray-number, no read.unmapped-label',
        );
        for (const key of ['other.noCorrection', 'other.unpaidFee', 'other.other'] as const)
          assert.deepEqual(report.requests[key], expected.requests[key], key);
      });

      it('reads the heading, agency, date and text, the running head and page numbers left out', () => {
        const { report } = readOk(results[i]!);
        const expected = reports[i]!;
        for (const key of ['year', 'format', 'agency', 'publishedOn'] as const)
          assert.equal(report[key], expected[key], key);
        assert.deepEqual(report.text, expected.text);
      });
    });
  });
});
