/**
 * @module The annual report as an A4 PDF: the HTML page of `renderHtml` printed by headless Chromium
 * through playwright-core. Chromium already lays out Chinese text, merged table cells and header rows
 * repeated across pages exactly as the HTML shows them, so the PDF cannot drift from the web page.
 *
 * Chromium comes from the system (Debian's `chromium` package), never from a download: set
 * GONGKAI_CHROMIUM to use another binary. A batch launches one browser with `launchPdfBrowser()` and
 * passes it to every `renderPdf` call; a single call launches and closes its own.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { AnnualReport } from '../../domain/report/model.js';
import { renderHtml } from '../html/render-html.js';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags for an unattended, offline print: no sandbox (containers lack user namespaces), no updates. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium is not installed (or would not start): the PDF cannot be made on this machine. */
export class PdfRendererUnavailable extends Error {
  override readonly name = 'PdfRendererUnavailable';
  readonly executablePath: string;

  constructor(executablePath: string, options?: { cause?: unknown }) {
    super(
      `无法生成 PDF：未找到 Chromium（${executablePath}）。请安装：apt-get install chromium fonts-wqy-zenhei` +
        ` / Cannot render PDF: Chromium not found at ${executablePath}.` +
        ' Install it with: apt-get install chromium fonts-wqy-zenhei (or set GONGKAI_CHROMIUM).',
      options,
    );
    this.executablePath = executablePath;
  }
}

// scripts/ensure-system.mjs mirrors this rule to check for Chromium before the tests: keep both alike.
export function chromiumPath(): string {
  return process.env.GONGKAI_CHROMIUM || DEFAULT_CHROMIUM;
}

/** Launches the system Chromium for printing; the caller closes it. */
export async function launchPdfBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  // Checked first so the common case (package not installed) gets the plain message, not a stack of
  // playwright launch logs.
  if (!existsSync(executablePath)) throw new PdfRendererUnavailable(executablePath);
  try {
    // Loaded here, not with the module: playwright-core takes a quarter of a second to load, which
    // every command would pay.
    const { chromium } = await import('playwright-core');
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (cause) {
    throw new PdfRendererUnavailable(executablePath, { cause });
  }
}

/**
 * The page number at the foot of each page, as official documents print it (— 1 —). Header and footer
 * templates see none of the page's styles, so the font is named here again.
 */
const FOOTER_TEMPLATE =
  '<div style="width:100%;text-align:center;font-size:10.5pt;' +
  'font-family:\'WenQuanYi Zen Hei\',sans-serif;">— <span class="pageNumber"></span> —</div>';

/** The report as PDF bytes. Pass `browser` to reuse one across a batch; it is left open. */
export function renderPdf(report: AnnualReport, options: { browser?: Browser } = {}): Promise<Uint8Array> {
  return printHtml(renderHtml(report, { fonts: 'pdf' }), options);
}

/**
 * A self-contained HTML page (its styles inline, no other file) printed as an A4 PDF with the page
 * number at the foot; its <title> becomes the PDF's Title. Used for the report and the portal's receipts.
 */
export async function printHtml(html: string, options: { browser?: Browser } = {}): Promise<Uint8Array> {
  const browser = options.browser ?? (await launchPdfBrowser());
  try {
    // A fresh context per document: nothing (cookies, cache) carries over between documents of a batch.
    // The page is self-contained, so it gets no network and no scripts at all.
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        // The margins come from the stylesheet's @page rule.
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: FOOTER_TEMPLATE,
        outline: true,
        tagged: true,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}
