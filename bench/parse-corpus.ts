/**
 * Benchmark: read + validate the corpus text pages (bodies scraped onto one line, table cells glued)
 * in one process, without file I/O, on one core.
 * Usage: node --import tsx bench/parse-corpus.ts [SECONDS]   (needs ../shared/corpus)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { readReport } from '../src/documents/read-report.js';
import { validateReport } from '../src/domain/report/validation/validate.js';
import { SHARED_DIR } from '../src/test-support/shared-files.js';

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

for (let i = 0; i < 100; i++) await pass();
const start = performance.now();
let reports = 0;
while (performance.now() - start < seconds * 1000) {
  await pass();
  reports += pages.length;
}
const elapsed = (performance.now() - start) / 1000;
console.log(
  `machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `${pages.length} corpus text pages: ${(reports / elapsed).toFixed(0)} reports/s read + validated on one core`,
);
