/**
 * Benchmark: reading reports published as PDF (text layer) and DOCX, on one core, in one process.
 * Renders a few example reports of both formats once (PDF through Debian's chromium), then reads and
 * validates them over and over for SECONDS each, after a warm-up. Prints the plain-text figure of the
 * same reports beside them as a yardstick.
 * Usage: node --import tsx bench/read-documents.ts [SECONDS]
 */
import { renderDocx } from '../src/documents/docx/render-docx.js';
import { launchPdfBrowser, renderPdf } from '../src/documents/pdf/render-pdf.js';
import { readReport } from '../src/documents/read-report.js';
import { renderText } from '../src/documents/text/render-text.js';
import { exampleReport } from '../src/domain/report/example.js';
import { validateReport } from '../src/domain/report/validation/validate.js';
import { machineLine, reportsPerSecond } from './bench-support.js';

const seconds = Number(process.argv[2] ?? 5);
const reports = [2020, 2021, 2023, 2025].map((year) => exampleReport(year, `示例县${year}机关`));

const browser = await launchPdfBrowser();
const pdfs: Uint8Array[] = [];
try {
  for (const report of reports) pdfs.push(await renderPdf(report, { browser }));
} finally {
  await browser.close();
}
const docxs = await Promise.all(reports.map(renderDocx));
const texts = reports.map((r) => Buffer.from(renderText(r), 'utf8'));

async function measure(label: string, files: readonly Uint8Array[]): Promise<void> {
  const pass = async () => {
    for (const bytes of files) {
      const read = await readReport(bytes);
      if (!read.ok) throw new Error(`${label}: ${read.error.message}`);
      if (validateReport(read.report).some((f) => f.severity === 'error'))
        throw new Error(`${label}: findings`);
    }
  };
  const perSecond = await reportsPerSecond(pass, files.length, seconds);
  const kb = files.reduce((sum, f) => sum + f.length, 0) / files.length / 1024;
  console.log(
    `  ${label.padEnd(6)} ${kb.toFixed(1).padStart(6)} KB average  ${perSecond.toFixed(0).padStart(6)} reports/s  ${(
      1000 / perSecond
    ).toFixed(2)} ms per report`,
  );
}

console.log(machineLine());
console.log(
  `read + validate on one core, ${reports.length} example reports (2019 and 2021 formats), ${seconds} s each:`,
);
await measure('pdf', pdfs);
await measure('docx', docxs);
await measure('text', texts);
