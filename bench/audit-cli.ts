/**
 * Benchmark: the audit as a user runs it, `node bin/gongkai.js audit DIR --json > out.json`, against a
 * bare read of the same files, both in fresh processes (process start included), side by side.
 * Usage: npm run build && npm run bench:audit-cli -- [--files N] [--rounds R] [--baseline REV]
 *        [--profile DIR]
 *
 * The corpus text reports (../shared/corpus/reports/*.txt) are copied round-robin to N files (default
 * 5,000; 500 to a folder) in a temporary folder. After one untimed bare read (the page cache), R rounds
 * (default 7) each run, the order alternating from round to round:
 *   bare   `node bench/bare-read.mjs DIR`: read each file, decode UTF-8, split lines (the yardstick)
 *   audit  `node bin/gongkai.js audit DIR --json`, stdout to out.json, stderr (the summary) discarded
 * Printed: each round's times, then the medians as reports/s wall and the audit's time as a multiple of
 * the bare read's (the median of the rounds' ratios, so that both sides of a ratio saw the same noise).
 *
 * With `--baseline REV` the audit of that git revision (exported with `git archive`, bundled with its own
 * scripts/bundle-cli.mjs and this checkout's node_modules) is timed in every round as well.
 *
 * Checks, so a faster audit is not a different one: every round's out.json is the same bytes; the same
 * audit with `--jobs 1` writes the same bytes (the order must not depend on the threads); the baseline
 * revision's audit, when given, writes the same bytes too. The audit runs in
 * the temporary folder on the relative path `reports`, so the paths in out.json do not depend on it.
 * `--profile DIR` adds one audit under `node --cpu-prof` (a profile per thread, written to DIR).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BARE_READ as bare, GONGKAI_BIN as bin, requireBuild, ROOT as root } from './audit-bench-paths.js';
import { baselineBin } from './baseline-revision.js';
import { machineLine } from './bench-support.js';
import { CORPUS, replicate, sizeOf, sources } from './corpus-copies.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '7' },
    baseline: { type: 'string' },
    profile: { type: 'string' },
  },
});
const files = Number(values.files);
const rounds = Number(values.rounds);
if (!Number.isInteger(files) || files < 1 || !Number.isInteger(rounds) || rounds < 1)
  throw new Error('usage: bench/audit-cli.ts [--files N] [--rounds R] [--baseline REV] [--profile DIR]');
requireBuild();

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-audit-cli-'));
const reports = 'reports';

/** Runs `node ARGS` in the scratch folder, stdout to `out` (or discarded); the wall time in seconds. */
function timed(args: readonly string[], out?: string): number {
  const fd = out === undefined ? 'ignore' : openSync(join(scratch, out), 'w');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: scratch, stdio: ['ignore', fd, 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (typeof fd === 'number') closeSync(fd);
  // The audit exits 0 or 1 by its findings; 2 would mean an unreadable file, which the corpus has not.
  if (result.status !== 0 && result.status !== 1)
    throw new Error(
      `node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(-2000)}`,
    );
  return seconds;
}

const sha = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(scratch, file)))
    .digest('hex');

function sameBytes(file: string, reference: string, what: string): void {
  const a = readFileSync(join(scratch, file));
  const b = readFileSync(join(scratch, reference));
  if (a.equals(b)) return;
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  throw new Error(
    `${what}: ${file} differs from ${reference} at byte ${at}:\n  ${a.subarray(at, at + 200).toString()}\n  ${b.subarray(at, at + 200).toString()}`,
  );
}

try {
  const from = sources('text', scratch);
  replicate(from, join(scratch, reports), files, '.txt');
  const size = sizeOf(join(scratch, reports));
  console.log(machineLine());
  console.log(
    `${files} text files copied from ${from.length} ${existsSync(CORPUS) ? 'corpus' : 'generated'} reports, ${(size / 1024 / 1024).toFixed(1)} MB (${(size / files / 1024).toFixed(1)} KB average); ${rounds} rounds`,
  );
  const audit = [bin, 'audit', reports, '--json'];
  const before = values.baseline
    ? [baselineBin(root, values.baseline, join(scratch, 'baseline')), 'audit', reports, '--json']
    : undefined;
  timed([bare, reports]);

  type Side = 'bare' | 'audit' | 'before';
  const sides: Side[] = before ? ['bare', 'audit', 'before'] : ['bare', 'audit'];
  const times: Record<Side, number[]> = { bare: [], audit: [], before: [] };
  for (let round = 0; round < rounds; round++) {
    // Each round in another order, so that no side always runs first (or after the same one).
    const order = sides.map((_, i) => sides[(i + round) % sides.length]!);
    if (round % 2 === 1) order.reverse();
    for (const side of order) {
      if (side === 'bare') times.bare.push(timed([bare, reports]));
      else if (side === 'before') {
        times.before.push(timed(before!, 'before.json'));
        sameBytes('before.json', 'first.json', `round ${round + 1}, ${values.baseline}`);
      } else {
        times.audit.push(timed(audit, 'out.json'));
        if (round === 0) copyFileSync(join(scratch, 'out.json'), join(scratch, 'first.json'));
        else sameBytes('out.json', 'first.json', `round ${round + 1}`);
      }
    }
    const [b, a] = [times.bare.at(-1)!, times.audit.at(-1)!];
    const then = before
      ? `, ${values.baseline} ${times.before.at(-1)!.toFixed(3)} s (${(times.before.at(-1)! / b).toFixed(2)}×)`
      : '';
    console.log(
      `  round ${String(round + 1).padStart(2)}: bare ${b.toFixed(3)} s, audit ${a.toFixed(3)} s (${(a / b).toFixed(2)}×)${then}`,
    );
  }
  sameBytes('out.json', 'first.json', 'last round');

  const jobs1 = timed([bin, 'audit', reports, '--json', '--jobs', '1'], 'jobs1.json');
  sameBytes('jobs1.json', 'first.json', '--jobs 1');
  const ratio = (side: Side) => median(times[side].map((t, i) => t / times.bare[i]!));
  const spread = (side: Side) => {
    const r = times[side].map((t, i) => t / times.bare[i]!);
    return `${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}×`;
  };
  const line = (label: string, seconds: number, extra = '') =>
    console.log(
      `  ${label.padEnd(30)} ${(files / seconds).toFixed(0).padStart(6)} reports/s  ${seconds.toFixed(3)} s${extra}`,
    );
  line('bare read + decode + split', median(times.bare));
  line(
    'audit --json > out.json',
    median(times.audit),
    `  ${ratio('audit').toFixed(2)}× bare (${spread('audit')})`,
  );
  if (before)
    line(
      `the same, ${values.baseline}`,
      median(times.before),
      `  ${ratio('before').toFixed(2)}× bare (${spread('before')})`,
    );
  line('audit --jobs 1 (one run)', jobs1);
  console.log(
    "  (medians of the rounds; a ratio is the median of the rounds' ratios, both sides timed in the same round)",
  );
  console.log(
    `  out.json ${readFileSync(join(scratch, 'out.json')).length} bytes, sha256 ${sha('out.json')}: the same every round, with --jobs 1${before ? ` and from ${values.baseline}` : ''}`,
  );
  if (values.profile) {
    const dir = resolve(values.profile);
    timed(['--cpu-prof', `--cpu-prof-dir=${dir}`, ...audit], 'profiled.json');
    console.log(`  CPU profiles (one per thread) in ${dir}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
