/**
 * How long the built command line takes to start and do one small thing, against Node starting and
 * doing nothing: `npm run build && npm run bench:startup -- [N]` (default N = 30). It builds nothing
 * itself: it runs bin/gongkai.js, which runs dist/bundle/, so build first or it measures the last build.
 *
 * Each of N rounds runs, one after the other, `node -e ''`, `gongkai --version`, `gongkai --help`,
 * `gongkai requests add …` on a temporary SQLite database (its agency made before the rounds) and
 * `gongkai report check` on the seed report; interleaving them spreads the machine's noise over all
 * alike. It prints the median wall time of each and its ratio to `node -e ''`.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addRequestArgs } from '../src/test-support/run-cli.js';
import { machineLine } from './bench-support.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'gongkai.js');
if (!existsSync(join(root, 'dist', 'bundle', 'main.js')))
  throw new Error('dist/ is missing: run npm run build first');
const seedDir = join(root, '..', 'shared', 'seed');
const seedName = existsSync(seedDir) ? readdirSync(seedDir).find((n) => n.endsWith('.txt')) : undefined;
if (!seedName) throw new Error(`no seed report (*.txt) in ${seedDir}`);
const seed = join(seedDir, seedName);

const rounds = Number(process.argv[2] ?? 30);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('usage: bench/cli-startup.ts [ROUNDS]');

const dir = mkdtempSync(join(tmpdir(), 'gongkai-startup-'));
const database = join(dir, 'ledger.db');

function run(args: readonly string[]): { ms: number; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
  return { ms, stdout: result.stdout };
}

const agency = run([bin, 'agency', 'add', '启动测速镇', '--database', database]).stdout.trim();

const cases: readonly (readonly [label: string, args: readonly string[]])[] = [
  ["node -e ''", ['-e', '']],
  ['gongkai --version', [bin, '--version']],
  ['gongkai --help', [bin, '--help']],
  ['gongkai requests add', [bin, ...addRequestArgs(agency, '2024-03-01'), '--database', database]],
  [`gongkai report check ${seedName}`, [bin, 'report', 'check', seed]],
];

console.log(machineLine());
console.log(`${rounds} rounds, interleaved; median wall time of each`);
const times = cases.map(() => [] as number[]);
for (let round = 0; round < rounds; round++)
  for (const [i, [, args]] of cases.entries()) times[i]!.push(run(args).ms);
rmSync(dir, { recursive: true, force: true });

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const medians = times.map(median);
const base = medians[0]!;
const width = Math.max(...cases.map(([label]) => label.length));
for (const [i, [label]] of cases.entries())
  console.log(
    `${label.padEnd(width)}  ${medians[i]!.toFixed(1).padStart(7)} ms  ${(medians[i]! / base).toFixed(2)}×`,
  );
