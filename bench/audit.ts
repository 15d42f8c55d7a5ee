/**
 * Benchmark: the batch audit (`gongkai audit`) over N report files, plain text and HTML separately.
 * Usage: node --import tsx bench/audit.ts [N] [text|html]   (N files per shape, default 10,000; both shapes)
 *
 * The reports of ../shared/corpus/reports are copied round-robin to N files of each shape (500 to a
 * folder) in a temporary directory; without ../shared, 200 generated reports are rendered and copied
 * the same way. For each shape, three runs, each in its own process so that its peak RSS is its own:
 *   bare     walk the same files, read each, decode UTF-8, split lines (the yardstick)
 *   jobs 1   the audit core (`runAudit`: read, validate, digest, cross-year) with one worker thread
 *   jobs K   the same with K worker threads (K = available cores)
 * Printed: reports/s, MB/s, peak RSS (`process.resourceUsage().maxRSS`, whole process, workers
 * included) and the V8 heap in use after 10 %, 50 % and 100 % of the files (flat = no per-file growth
 * beyond the per-agency-year digests), then the audit's cost as a multiple of the yardstick.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAudit } from '../src/audit/run-audit.js';
import { walkReportFiles } from '../src/audit/walk.js';
import { machineLine } from './bench-support.js';
import { CORPUS, replicate, sizeOf, sources } from './corpus-copies.js';

type Phase = 'bare' | 'jobs1' | 'jobsAll';

interface PhaseResult {
  readonly files: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly maxRssMb: number;
  readonly heapMb: readonly number[];
  readonly jobs: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Heap in use at 10 %, 50 % and 100 % of the files. */
function heapSampler(total: number): { sample: (done: number) => void; samples: number[] } {
  const marks = [Math.ceil(total * 0.1), Math.ceil(total * 0.5), total];
  const samples: number[] = [];
  return {
    samples,
    sample: (done) => {
      if (marks.includes(done)) samples.push(mb(process.memoryUsage().heapUsed));
    },
  };
}

async function runPhase(phase: Phase, dir: string, total: number): Promise<PhaseResult> {
  const jobs = phase === 'jobsAll' ? os.availableParallelism() : 1;
  const heap = heapSampler(total);
  let files = 0;
  let bytes = 0;
  const start = process.hrtime.bigint();
  if (phase === 'bare') {
    let lines = 0;
    for await (const item of walkReportFiles([dir])) {
      const data = await readFile(item.path);
      lines += data.toString('utf8').split('\n').length;
      bytes += data.length;
      heap.sample(++files);
    }
    if (lines === 0) throw new Error('no lines read');
  } else {
    const run = await runAudit({
      paths: [dir],
      jobs,
      workers: 'always',
      compare: false,
      keepResults: false,
      onFile: (_result, done) => {
        files = done;
        heap.sample(done);
      },
    });
    if (run.summary.files !== total) throw new Error(`audited ${run.summary.files} of ${total} files`);
    run.close();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (phase !== 'bare') bytes = sizeOf(dir);
  return {
    files,
    bytes,
    seconds,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    heapMb: heap.samples,
    jobs,
  };
}

function child(phase: Phase, dir: string, n: number): PhaseResult {
  const out = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--phase', phase, dir, String(n)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (out.status !== 0) throw new Error(`phase ${phase} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as PhaseResult;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--phase') {
    const [, , , phase, dir, n] = process.argv;
    console.log(JSON.stringify(await runPhase(phase as Phase, dir!, Number(n))));
    return;
  }
  const n = Number(process.argv[2] ?? 10_000);
  const only = process.argv[3];
  if (!Number.isInteger(n) || n < 1 || (only !== undefined && only !== 'text' && only !== 'html')) {
    throw new Error('usage: node --import tsx bench/audit.ts [N] [text|html]');
  }
  const shapes: readonly ('text' | 'html')[] = only === 'text' || only === 'html' ? [only] : ['text', 'html'];
  const scratch = mkdtempSync(join(os.tmpdir(), 'gongkai-bench-audit-'));
  try {
    console.log(machineLine());
    for (const shape of shapes) {
      const from = sources(shape, scratch);
      const dir = join(scratch, shape);
      replicate(from, dir, n, shape === 'text' ? '.txt' : '.html');
      const size = sizeOf(dir);
      console.log(
        `\n${shape}: ${n} files copied from ${from.length} ${existsSync(CORPUS) ? 'corpus' : 'generated'} reports, ${mb(size)} MB (${(size / n / 1024).toFixed(1)} KB average)`,
      );
      const rows: [string, PhaseResult][] = [
        ['bare read + decode + split', child('bare', dir, n)],
        ['audit --jobs 1 (one worker)', child('jobs1', dir, n)],
      ];
      const all = child('jobsAll', dir, n);
      rows.push([`audit --jobs ${all.jobs} (workers)`, all]);
      for (const [label, r] of rows) {
        const rate = r.files / r.seconds;
        console.log(
          `  ${label.padEnd(28)} ${rate.toFixed(0).padStart(7)} reports/s ${(mb(r.bytes) / r.seconds).toFixed(1).padStart(7)} MB/s  ${r.seconds.toFixed(1).padStart(6)} s  peak RSS ${String(r.maxRssMb).padStart(4)} MB  heap ${r.heapMb.join(' / ')} MB`,
        );
      }
      const [bare, one] = [rows[0]![1], rows[1]![1]];
      const rate = (r: PhaseResult) => r.files / r.seconds;
      console.log(
        `  audit costs ${(rate(bare) / rate(one)).toFixed(1)}× a bare read on one core, ${(rate(bare) / rate(all)).toFixed(1)}× with ${all.jobs} workers; workers ${(rate(all) / rate(one)).toFixed(2)}× one core`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
