/**
 * Benchmark: the audit's cost as machine instructions, counted by valgrind, beside the bare read's — a
 * figure that does not move with the other jobs on a shared machine, as wall times do (by ±15 % from
 * one minute to the next on the 2-vCPU guest of docs/performance.md).
 * Usage: npm run build && npm run bench:audit-instructions -- [--files N] [--jobs J] [--baseline REV]
 *
 * The corpus text reports are copied round-robin to N files (default 5,000), as bench:audit-cli does, and
 * each command runs once under `valgrind --tool=callgrind` with `node --single-threaded` (V8 compiles and
 * collects garbage on the thread that runs the code, not on helper threads, so every instruction of the
 * process is counted the same way in every run; worker threads still run, valgrind runs them one at a time):
 *   bare    `node bench/bare-read.mjs DIR` (read, decode, split lines: the yardstick of bench:audit-cli)
 *   audit   `node bin/gongkai.js audit DIR --json --jobs J` (default 2), stdout to out.json
 *   before  the same audit of git revision REV, when `--baseline` is given (out.json must be the same bytes)
 * Printed: the instructions of each, per file, and the audit's as a multiple of the bare read's.
 *
 * What it says and what it does not: the instructions are the CPU work the audit asks of the machine,
 * start, both workers' compiling and warming up, the tail and the output included; the wall time on two
 * cores is about that work over the cores it keeps busy (bench:audit-cli measures that, noise and all).
 * Instructions are not cycles: a cache miss or a page fault counts as nothing here. Two runs of the same
 * code differ by about 0.2 % (which files each worker happens to get).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BARE_READ as bare, GONGKAI_BIN as bin, requireBuild, ROOT as root } from './audit-bench-paths.js';
import { baselineBin } from './baseline-revision.js';
import { machineLine } from './bench-support.js';
import { replicate, sources } from './corpus-copies.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '5000' },
    jobs: { type: 'string', default: '2' },
    baseline: { type: 'string' },
  },
});
const files = Number(values.files);
if (!Number.isInteger(files) || files < 1 || !/^\d+$/.test(values.jobs))
  throw new Error('usage: bench/audit-instructions.ts [--files N] [--jobs J] [--baseline REV]');
requireBuild();
if (spawnSync('valgrind', ['--version']).status !== 0)
  throw new Error('valgrind is needed (apt-get install valgrind)');

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-audit-instructions-'));
const reports = 'reports';

/** Runs `node ARGS` under callgrind in the scratch folder, stdout to `out`; the instructions it took. */
function instructions(args: readonly string[], out: string): number {
  const result = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', ...args],
    { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 },
  );
  // The audit exits 0 or 1 by its findings; 2 would mean an unreadable file, which the corpus has not.
  const stderr = result.stderr.toString();
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${stderr.slice(-2000)}`);
  const counted = /I\s+refs:\s+([\d,]+)/.exec(stderr);
  if (!counted) throw new Error(`no instruction count from valgrind: ${stderr.slice(-1000)}`);
  writeFileSync(join(scratch, out), result.stdout);
  return Number(counted[1]!.replaceAll(',', ''));
}

const giga = (n: number) => `${(n / 1e9).toFixed(3)} G`;
const perFile = (n: number) => `${(n / files / 1e6).toFixed(3)} M a file`;

try {
  const from = sources('text', scratch);
  replicate(from, join(scratch, reports), files, '.txt');
  console.log(machineLine());
  console.log(
    `${files} text files copied from ${from.length} reports; valgrind --tool=callgrind, node --single-threaded`,
  );
  const bareCount = instructions([bare, reports], 'bare.txt');
  console.log(`  bare read + decode + split   ${giga(bareCount).padStart(9)}  ${perFile(bareCount)}`);
  const auditCount = instructions([bin, 'audit', reports, '--json', '--jobs', values.jobs], 'out.json');
  console.log(
    `  audit --json --jobs ${values.jobs}        ${giga(auditCount).padStart(9)}  ${perFile(auditCount)}  ${(auditCount / bareCount).toFixed(2)}× bare`,
  );
  if (values.baseline) {
    const before = baselineBin(root, values.baseline, join(scratch, 'baseline'));
    const beforeCount = instructions(
      [before, 'audit', reports, '--json', '--jobs', values.jobs],
      'before.json',
    );
    if (!readFileSync(join(scratch, 'before.json')).equals(readFileSync(join(scratch, 'out.json'))))
      throw new Error(`${values.baseline} wrote another out.json than this checkout`);
    console.log(
      `  the same, ${values.baseline.padEnd(17)} ${giga(beforeCount).padStart(9)}  ${perFile(beforeCount)}  ${(beforeCount / bareCount).toFixed(2)}× bare; now ${((auditCount / beforeCount - 1) * 100).toFixed(1)} %`,
    );
    console.log('  out.json: the same bytes from both');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
