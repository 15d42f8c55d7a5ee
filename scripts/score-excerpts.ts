/**
 * How the reader does on the corpus excerpts: `node --import tsx scripts/score-excerpts.ts [-v]`.
 * Prints one line per excerpt (✔, or the count of differences; -v lists them) and the totals. A
 * page cut off before its end is read as `report parse --partial` reads it.
 */
import { readFileSync } from 'node:fs';
import { readReport } from '../src/documents/read-report.js';
import { excerptMismatches, excerpts } from '../src/test-support/excerpt-expectations.js';

const verbose = process.argv.includes('-v');
let right = 0;
const all = excerpts();
for (const excerpt of all) {
  const read = await readReport(readFileSync(excerpt.path));
  const report = read.ok ? read.report : read.error.partial?.report;
  const problems = excerptMismatches(report, excerpt.expected);
  if (problems.length === 0) right++;
  const how = read.ok ? 'whole' : read.error.partial ? `partial (${read.error.code})` : read.error.code;
  console.log(`${problems.length === 0 ? '✔' : `✘ ${problems.length}`}\t${excerpt.name}\t${how}`);
  if (verbose) for (const p of problems) console.log(`\t\t${p}`);
}
console.log(`${right}/${all.length} excerpts read exactly`);
