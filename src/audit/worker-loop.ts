/**
 * @module The message loop of an audit worker thread, whatever audits one file: audit-worker.ts runs it
 * with `auditFile`; tests run it with readers that hang or eat memory (test-support/limits-worker.ts).
 *
 * Batches are audited one after the other, each file in turn, and a batch's outcomes posted back as
 * `[seq, AuditedFile]`: the file's `--json` line is made here, so what crosses to the main thread is one
 * string per file, the few fields it counts (`FileBrief`) and the small digest, not the result's
 * objects. Before each file the worker writes its sequence number and a count of the files it has
 * begun into the shared `progress` array: the pool reads there, without a message, which file a worker
 * is on, to stop a worker whose file takes too long and to name the file a worker died on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AuditFileOptions } from './audit-file.js';
import { audited } from './file-json.js';
import type { AuditedFile, FileOutcome } from './types.js';

export interface WorkBatch {
  readonly items: readonly (readonly [seq: number, path: string])[];
}

export interface WorkDone {
  readonly done: (readonly [seq: number, file: AuditedFile])[];
}

export interface WorkerData {
  readonly options: AuditFileOptions;
  /** Int32Array over it: [RUNNING] the file being audited (-1: none), [BEGUN] how many were begun. */
  readonly progress: SharedArrayBuffer;
}

export const RUNNING = 0;
export const BEGUN = 1;
export const PROGRESS_BYTES = 2 * Int32Array.BYTES_PER_ELEMENT;

export function serveAudits(audit: (path: string, options: AuditFileOptions) => Promise<FileOutcome>): void {
  const port = parentPort;
  if (!port) throw new Error('an audit worker runs only as a worker thread');
  const { options, progress } = workerData as WorkerData;
  const state = new Int32Array(progress);
  const run = async (batch: WorkBatch) => {
    const done: WorkDone['done'] = [];
    for (const [seq, path] of batch.items) {
      Atomics.store(state, RUNNING, seq);
      Atomics.add(state, BEGUN, 1);
      const { result, digest } = await audit(path, options);
      done.push([seq, audited(result, digest)]);
    }
    Atomics.store(state, RUNNING, -1);
    port.postMessage({ done } satisfies WorkDone);
  };
  // One batch at a time, even when a reader awaits (a shape's reader is imported when first needed).
  let queue = Promise.resolve();
  port.on('message', (batch: WorkBatch) => {
    queue = queue.then(() => run(batch));
  });
}
