/**
 * @module Running `auditFile` over a lazy stream of files, inline or in worker threads.
 *
 * Workers get small batches (8 files), at most two at a time each; the stream is pulled only when a
 * worker has room, so the walk never runs ahead of the work. Outcomes come back in any order and are
 * handed on in the order of the walk (sequence numbers, a small reorder buffer), so every output is the
 * same whatever `--jobs` says. The buffer is bounded: no new batch goes out while 2,000 outcomes wait
 * for a slow file.
 *
 * The worker is `audit-worker.js` beside this file when it exists (the compiled dist), else
 * `audit-worker.ts` (running under tsx). On Node 20 the tsx flags of `process.execArgv`
 * (`--import tsx`, or `--require …/preflight.cjs --import …/loader.mjs`) do not reach a worker's module
 * loader even when passed in `execArgv` (nodejs/node#47747), so a TypeScript worker is started from a
 * one-line bootstrap that registers tsx through its API and then imports the worker file; the tsx flags
 * are taken out of the worker's `execArgv` so that later Node versions do not register tsx twice.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type AuditFileOptions, auditFile, unreadableResult } from './audit-file.js';
import type { FileOutcome } from './types.js';
import type { WalkItem } from './walk.js';

export interface WorkBatch {
  readonly items: readonly (readonly [seq: number, path: string])[];
}

export interface WorkDone {
  readonly outcomes: [seq: number, outcome: FileOutcome][];
}

/** How many worker threads this process has started (tests check that workers really ran). */
export const poolStats = { workersStarted: 0 };

const BATCH = 8;
const BATCHES_PER_WORKER = 2;
const MAX_WAITING = 2000;

function outcomeOfError(item: WalkItem): FileOutcome | undefined {
  return 'error' in item ? { result: unreadableResult(item.path, item.error) } : undefined;
}

/** `--jobs 1`: one file after the other on this thread. */
export async function auditInline(
  items: AsyncIterable<WalkItem>,
  options: AuditFileOptions,
  emit: (outcome: FileOutcome) => void,
): Promise<void> {
  for await (const item of items) emit(outcomeOfError(item) ?? (await auditFile(item.path, options)));
}

/** Node flags that load tsx: `--import tsx`, `--import=file:…/tsx/dist/loader.mjs`, `--require …`. */
export function withoutTsxFlags(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const loads = ['--import', '--require', '-r', '--loader', '--experimental-loader'].includes(flag);
    if (loads && inline !== undefined) {
      if (!/tsx/.test(inline)) out.push(arg);
    } else if (loads && i + 1 < execArgv.length) {
      const value = execArgv[++i]!;
      if (!/tsx/.test(value)) out.push(arg, value);
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Where the worker lives: the compiled `.js` beside this module, else the `.ts` source (tsx). */
export function workerEntry(): { readonly url: URL; readonly typescript: boolean } {
  const js = new URL('./audit-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js, typescript: false };
  return { url: new URL('./audit-worker.ts', import.meta.url), typescript: true };
}

function startWorker(options: AuditFileOptions): Worker {
  poolStats.workersStarted++;
  const entry = workerEntry();
  if (!entry.typescript) return new Worker(entry.url, { workerData: options });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.url.href)}); });`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: options,
    execArgv: withoutTsxFlags(process.execArgv),
  });
}

/** Audits every item in `jobs` worker threads; `emit` sees the outcomes in the order of `items`. */
export async function auditInWorkers(
  items: AsyncIterator<WalkItem>,
  jobs: number,
  options: AuditFileOptions,
  emit: (outcome: FileOutcome) => void,
): Promise<void> {
  const slots = Array.from({ length: jobs }, () => ({ worker: startWorker(options), inFlight: 0 }));
  const waiting = new Map<number, FileOutcome>();
  let nextSeq = 0;
  let nextEmit = 0;
  let exhausted = false;
  let settled = false;
  let pumping = false;
  let pumpAgain = false;

  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const flush = () => {
        for (let outcome = waiting.get(nextEmit); outcome; outcome = waiting.get(nextEmit)) {
          waiting.delete(nextEmit);
          nextEmit++;
          emit(outcome);
        }
      };
      const finishIfDone = () => {
        if (settled || !exhausted || slots.some((s) => s.inFlight > 0)) return;
        flush();
        settled = true;
        resolve();
      };
      const fill = async () => {
        while (!exhausted && !settled && nextSeq - nextEmit < MAX_WAITING) {
          const slot = slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
          if (slot.inFlight >= BATCHES_PER_WORKER) return;
          const batch: [number, string][] = [];
          while (batch.length < BATCH) {
            const next = await items.next();
            if (next.done) {
              exhausted = true;
              break;
            }
            const seq = nextSeq++;
            const failed = outcomeOfError(next.value);
            if (failed) waiting.set(seq, failed);
            else batch.push([seq, next.value.path]);
          }
          if (batch.length > 0) {
            slot.inFlight++;
            slot.worker.postMessage({ items: batch } satisfies WorkBatch);
          }
          flush();
        }
      };
      const pump = async () => {
        if (pumping) {
          pumpAgain = true;
          return;
        }
        pumping = true;
        try {
          do {
            pumpAgain = false;
            await fill();
          } while (pumpAgain && !settled);
          finishIfDone();
        } catch (error) {
          fail(error);
        } finally {
          pumping = false;
        }
      };
      for (const slot of slots) {
        slot.worker.on('message', (done: WorkDone) => {
          for (const [seq, outcome] of done.outcomes) waiting.set(seq, outcome);
          slot.inFlight--;
          try {
            flush();
          } catch (error) {
            fail(error);
            return;
          }
          void pump();
        });
        slot.worker.on('error', fail);
        slot.worker.on('exit', (code) => {
          if (!settled) fail(new Error(`审核工作线程意外退出 (audit worker exited with code ${code})`));
        });
      }
      void pump();
    });
  } finally {
    settled = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
