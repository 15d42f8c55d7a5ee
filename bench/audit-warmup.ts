/**
 * Benchmark: what reading the corpus costs a fresh thread, file after file, and what two threads could
 * do at best — the two costs bench:audit-cli leaves once the pool, the messages and the outputs are
 * lean (docs/performance.md, "The audit through the command line").
 * Usage: node --import tsx bench/audit-warmup.ts [N]   (default 5,000 copies of the corpus text reports)
 *
 *   warm-up  one process runs `auditFile` (read, decode, parse, validate, digest) over the N files in walk
 *            order and prints the mean time per file for each block of 250: a fresh V8 isolate, as each
 *            audit worker is, compiles the reader as it goes.
 *   halves   two processes at once, each running `auditFile` over every other file (N/2 each), nothing
 *            else: no pool, no messages, no outputs. The slower one's time is a floor for two workers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditFile } from '../src/audit/audit-file.js';
import { machineLine } from './bench-support.js';
import { replicate, sources } from './corpus-copies.js';

const BLOCK = 250;

function filesOf(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((folder) => readdirSync(join(dir, folder)).map((name) => join(dir, folder, name)));
}

/** In a child: audits the files (every other one from `half`, or all) and prints the times as JSON. */
async function child(dir: string, half: string): Promise<void> {
  const files = filesOf(dir).filter((_, i) => half === 'all' || i % 2 === Number(half));
  const times: number[] = [];
  for (const file of files) {
    const started = performance.now();
    await auditFile(file, { compare: false });
    times.push(performance.now() - started);
  }
  process.stdout.write(`${JSON.stringify(times)}\n`);
}

function run(dir: string, half: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--child', dir, half],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`exit ${code}`)),
    );
  });
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else {
  const n = Number(process.argv[2] ?? 5000);
  const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-warmup-'));
  try {
    const dir = join(scratch, 'reports');
    replicate(sources('text', scratch), dir, n, '.txt');
    console.log(machineLine());
    const one = await run(dir, 'all');
    const blocks: string[] = [];
    for (let i = 0; i < one.length; i += BLOCK)
      blocks.push((sum(one.slice(i, i + BLOCK)) / BLOCK).toFixed(2));
    const steady = sum(one.slice(-BLOCK)) / BLOCK;
    console.log(
      `one fresh thread, ${n} files: ${sum(one).toFixed(0)} ms in all; ms per file by blocks of ${BLOCK}:`,
    );
    console.log(`  ${blocks.join(' ')}`);
    console.log(
      `  at the last block's pace the same files would take ${(steady * n).toFixed(0)} ms: warming up cost ${(sum(one) - steady * n).toFixed(0)} ms`,
    );
    const halves = await Promise.all([run(dir, '0'), run(dir, '1')]);
    const [a, b] = halves.map(sum) as [number, number];
    console.log(
      `two processes at once, ${n / 2} files each: ${a.toFixed(0)} and ${b.toFixed(0)} ms (${((n / Math.max(a, b)) * 1000).toFixed(0)} reports/s at best)`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
