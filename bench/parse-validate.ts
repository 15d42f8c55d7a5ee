/**
 * Benchmark: parse + validate plain-text reports on one core.
 * Usage: npm run bench:parse [-- SECONDS]
 * Inputs: 500 generated reports of both formats rendered to text (seed-shaped), plus the seed itself
 * when ../shared is present. Prints reports/s, MB/s, and the cost of a bare decode-and-split of the
 * same bytes for comparison.
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { readReport } from '../src/documents/read-report.js';
import { renderText } from '../src/documents/text/render-text.js';
import { validateReport } from '../src/domain/report/validation/validate.js';
import { arbitraryReport } from '../src/test-support/arbitrary-report.js';
import { SEED_REPORT } from '../src/test-support/shared-files.js';
import { machineLine, reportsPerSecond } from './bench-support.js';

const seconds = Number(process.argv[2] ?? 5);
const encoder = new TextEncoder();
const inputs: Uint8Array[] = fc
  .sample(arbitraryReport(), { numRuns: 500, seed: 20261125 })
  .map((r) => encoder.encode(renderText(r)));
if (existsSync(SEED_REPORT)) inputs.push(readFileSync(SEED_REPORT));
const bytesPerPass = inputs.reduce((n, b) => n + b.length, 0);

async function measure(
  label: string,
  work: (bytes: Uint8Array) => number | Promise<number>,
): Promise<number> {
  let sink = 0;
  // One warm-up pass so the JIT has compiled the hot paths before timing.
  const perSecond = await reportsPerSecond(
    async () => {
      for (const bytes of inputs) sink += await work(bytes);
    },
    inputs.length,
    seconds,
    0,
  );
  const mbPerSecond = (perSecond * bytesPerPass) / inputs.length / 1e6;
  console.log(
    `${label.padEnd(34)} ${perSecond.toFixed(0).padStart(8)} reports/s  ${mbPerSecond.toFixed(1).padStart(6)} MB/s  (sink ${sink % 10})`,
  );
  return perSecond;
}

console.log(machineLine());
console.log(`${inputs.length} inputs, ${(bytesPerPass / inputs.length / 1024).toFixed(1)} KB average`);
// The fastest plain way to get lines out of bytes, as the yardstick.
const bare = await measure(
  'bare decode + split lines',
  (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').split('\n').length,
);
const full = await measure('read (parse) + validate', async (bytes) => {
  const result = await readReport(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return validateReport(result.report).length + 1;
});
console.log(`parse + validate costs ${(bare / full).toFixed(1)}× a bare decode-and-split`);
