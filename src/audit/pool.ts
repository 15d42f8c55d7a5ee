/**
 * @module Running `auditFile` over a lazy stream of files in worker threads, each file bounded in time
 * and memory.
 *
 * Workers get batches of 32 files, at most two at a time each; the stream is pulled only when a
 * worker has room, so the walk never runs ahead of the work. Outcomes come back in any order and are
 * handed on in the order of the walk (sequence numbers, a small reorder buffer), so every output is the
 * same whatever `--jobs` says. The buffer is bounded: no new batch goes out while 2,000 outcomes wait
 * for a slow file.
 *
 * Limits (`FileLimits`): each worker's JavaScript heap is capped (`resourceLimits`), and a watchdog on
 * this thread reads, from memory shared with each worker (worker-loop.ts), which file it is on and since
 * when. A worker whose file runs past the time limit is terminated; one that runs out of heap is ended
 * by V8. Either way that file is reported as not audited (`input.time-limit`, `input.memory-limit`;
 * `internal` when a worker dies of anything else while on a file), the other files it held are sent
 * again, and a new worker takes its place. Every file is read in a worker, also with `--jobs 1`, so a
 * limit gives the same answer for any number of threads.
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
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { AuditFileOptions } from './audit-file.js';
import { sniffFile } from './file-bytes.js';
import { audited } from './file-json.js';
import { DEFAULT_LIMITS, type FileLimits, stoppedError, unreadableResult } from './file-status.js';
import type { AuditedFile } from './types.js';
import type { WalkItem } from './walk.js';
import {
  BEGUN,
  PROGRESS_BYTES,
  RUNNING,
  type WorkBatch,
  type WorkDone,
  type WorkerData,
} from './worker-loop.js';

/** How many worker threads this process has started (tests check that workers really ran). */
export const poolStats = { workersStarted: 0 };

/** Files per message: a message cost a worker about half a millisecond here (docs/performance.md). */
const BATCH = 32;
const BATCHES_PER_WORKER = 2;
const MAX_WAITING = 2000;

/** A worker module: compiled JavaScript, or TypeScript run through tsx. */
export interface WorkerEntry {
  readonly url: URL;
  readonly typescript: boolean;
}

export interface PoolOptions {
  /** Worker threads. */
  readonly jobs: number;
  readonly file: AuditFileOptions;
  readonly limits?: FileLimits;
  /** The worker module, `workerEntry()` unless a test gives one (a reader that hangs, say). */
  readonly worker?: WorkerEntry;
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
export function workerEntry(): WorkerEntry {
  const js = new URL('./audit-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js, typescript: false };
  return { url: new URL('./audit-worker.ts', import.meta.url), typescript: true };
}

/**
 * TurboFan's budget for inlining into one function, lowered from V8's 920 bytes of bytecode for the
 * threads this process starts. Each worker is a fresh isolate that compiles the reader again on the
 * cores the workers read on, and the reader's large functions (the narrative rule, the row resolver)
 * took tens of milliseconds each to compile with everything they call inlined: at 300, a worker's
 * compiling costs about a quarter less CPU and its files no more (docs/performance.md). A V8 flag is the
 * process's, not a thread's; it is set once, before the first worker, and changes no result.
 */
const INLINE_BUDGET = '--max-inlined-bytecode-size-cumulative=300';
let compilerTuned = false;

function startWorker(entry: WorkerEntry, workerData: WorkerData, limits: FileLimits): Worker {
  if (!compilerTuned) {
    setFlagsFromString(INLINE_BUDGET);
    compilerTuned = true;
  }
  poolStats.workersStarted++;
  const resourceLimits = { maxOldGenerationSizeMb: limits.memoryMb };
  if (!entry.typescript) return new Worker(entry.url, { workerData, resourceLimits });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.url.href)}); });`;
  return new Worker(bootstrap, {
    eval: true,
    workerData,
    resourceLimits,
    execArgv: withoutTsxFlags(process.execArgv),
  });
}

interface Slot {
  readonly worker: Worker;
  readonly progress: Int32Array;
  /** Batches sent and not yet answered. */
  inFlight: number;
  /** The files of those batches: seq → path. */
  readonly pending: Map<number, string>;
  /** The watchdog's last look: how many files the worker had begun, and when it first saw that count. */
  watch?: { readonly begun: number; readonly since: number };
  /** Set when the watchdog stops the worker: the file that took too long. */
  stopped?: number;
  /** Set when the worker has exited (and a new one taken its place). */
  ended?: true;
  error?: unknown;
}

const outOfMemory = (error: unknown) =>
  (error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';

/** Audits every item in `jobs` worker threads; `emit` sees the outcomes in the order of `items`. */
export async function auditInWorkers(
  items: AsyncIterator<WalkItem>,
  options: PoolOptions,
  emit: (outcome: AuditedFile) => void,
): Promise<void> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const entry = options.worker ?? workerEntry();
  const waiting = new Map<number, AuditedFile>();
  /** Files of a worker that died, to send again (sequence order). */
  const again: [number, string][] = [];
  let nextSeq = 0;
  let nextEmit = 0;
  let exhausted = false;
  let settled = false;
  let pumping = false;
  let pumpAgain = false;
  let slots: Slot[] = [];
  let watchdog: ReturnType<typeof setInterval> | undefined;

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
        if (settled || !exhausted || again.length > 0 || slots.some((s) => s.inFlight > 0)) return;
        flush();
        settled = true;
        resolve();
      };
      const fill = async () => {
        while (!settled && (again.length > 0 || (!exhausted && nextSeq - nextEmit < MAX_WAITING))) {
          const live = slots.filter((s) => s.stopped === undefined);
          if (live.length === 0) return;
          const slot = live.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
          if (slot.inFlight >= BATCHES_PER_WORKER) return;
          const batch: [number, string][] = again.splice(0, BATCH);
          while (batch.length < BATCH && !exhausted) {
            const next = await items.next();
            if (next.done) {
              exhausted = true;
              break;
            }
            const seq = nextSeq++;
            if ('error' in next.value)
              waiting.set(seq, audited(unreadableResult(next.value.path, next.value.error)));
            else batch.push([seq, next.value.path]);
          }
          if (batch.length > 0 && (slot.ended || slot.stopped !== undefined)) {
            // The worker ended while the walk was read: the batch waits for its successor.
            again.push(...batch);
            again.sort((a, b) => a[0] - b[0]);
          } else if (batch.length > 0) {
            slot.inFlight++;
            for (const [seq, path] of batch) slot.pending.set(seq, path);
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

      /** A worker ended: its file is reported, the others it held go out again, a new worker starts. */
      const replace = (slot: Slot, code: number) => {
        slot.ended = true;
        const running = slot.stopped ?? Atomics.load(slot.progress, RUNNING);
        if (slot.pending.has(running)) {
          const reason = slot.stopped !== undefined ? 'time' : outOfMemory(slot.error) ? 'memory' : 'crash';
          const path = slot.pending.get(running)!;
          const detail = slot.error instanceof Error ? slot.error.message : `exit code ${code}`;
          waiting.set(
            running,
            audited(unreadableResult(path, stoppedError(reason, limits, detail), sniffFile(path))),
          );
          slot.pending.delete(running);
        } else if (slot.stopped === undefined) {
          // Not on a file (starting up, or between batches): a broken worker, not a file's fault.
          const why = slot.error instanceof Error ? `: ${slot.error.message}` : '';
          fail(new Error(`审核工作线程意外退出 (audit worker exited with code ${code})${why}`));
          return;
        }
        again.push(...slot.pending);
        again.sort((a, b) => a[0] - b[0]);
        slots = slots.map((s) => (s === slot ? startSlot() : s));
        try {
          flush();
        } catch (error) {
          fail(error);
          return;
        }
        void pump();
      };

      const startSlot = (): Slot => {
        const progress = new SharedArrayBuffer(PROGRESS_BYTES);
        const state = new Int32Array(progress);
        state[RUNNING] = -1;
        const worker = startWorker(entry, { options: options.file, progress }, limits);
        const slot: Slot = { worker, progress: state, inFlight: 0, pending: new Map() };
        worker.on('message', (done: WorkDone) => {
          for (const [seq, file] of done.done) {
            slot.pending.delete(seq);
            waiting.set(seq, file);
          }
          slot.inFlight--;
          try {
            flush();
          } catch (error) {
            fail(error);
            return;
          }
          void pump();
        });
        worker.on('error', (error) => {
          slot.error = error;
        });
        worker.on('exit', (code) => {
          if (!settled) replace(slot, code);
        });
        return slot;
      };

      /** Stops a worker whose file has run past the time limit (checked a few times per limit). */
      const watch = () => {
        const now = performance.now();
        for (const slot of slots) {
          if (slot.stopped !== undefined) continue;
          const running = Atomics.load(slot.progress, RUNNING);
          const begun = Atomics.load(slot.progress, BEGUN);
          if (running < 0) slot.watch = undefined;
          else if (slot.watch?.begun !== begun) slot.watch = { begun, since: now };
          else if (now - slot.watch.since >= limits.timeMs) {
            slot.stopped = running;
            void slot.worker.terminate();
          }
        }
      };

      slots = Array.from({ length: options.jobs }, startSlot);
      watchdog = setInterval(watch, Math.min(1000, Math.max(5, limits.timeMs / 10)));
      watchdog.unref();
      void pump();
    });
  } finally {
    settled = true;
    clearInterval(watchdog);
    // Not awaited: a worker takes 15–25 ms to wind down, and the outputs need nothing more from it; an
    // unref'd worker does not keep the process alive, and its exit no longer matters once settled.
    for (const slot of slots) {
      slot.worker.unref();
      void slot.worker.terminate();
    }
  }
}
