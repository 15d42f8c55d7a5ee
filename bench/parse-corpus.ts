/**
 * Benchmark: read + validate the corpus text pages (bodies scraped onto one line, table cells glued)
 * in one process, without file I/O, on one core.
 * Usage: node --import tsx bench/parse-corpus.ts [SECONDS]   (needs ../shared/corpus)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readReport } from '../src/documents/read-report.js';
import { validateReport } from '../src/domain/report/validation/validate.js';
import { SHARED_DIR } from '../src/test-support/shared-files.js';
import { machineLine, reportsPerSecond } from './bench-support.js';

const seconds = Number(process.argv[2] ?? 4);
const dir = `${SHARED_DIR}corpus/reports/`;
if (!existsSync(dir)) {
  console.error(`需要 ${dir}（语料不存在）/ corpus not found`);
  process.exit(2);
}
const pages = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(dir + f));

async function pass(): Promise<number> {
  let findings = 0;
  for (const bytes of pages) {
    const result = await readReport(bytes);
    if (!result.ok) throw new Error(result.error.message);
    findings += validateReport(result.report).length;
  }
  return findings;
}

const perSecond = await reportsPerSecond(pass, pages.length, seconds);
console.log(machineLine());
console.log(
  `${pages.length} corpus text pages: ${perSecond.toFixed(0)} reports/s read + validated on one core`,
);
