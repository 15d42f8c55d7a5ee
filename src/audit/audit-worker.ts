/**
 * @module Worker thread of a batch audit: audits the files it is sent, batch by batch, and posts the
 * outcomes back with their sequence numbers. Started by pool.ts, from the compiled `.js` or, under tsx,
 * from this `.ts` file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type AuditFileOptions, auditFile } from './audit-file.js';
import type { WorkBatch, WorkDone } from './pool.js';

const options = workerData as AuditFileOptions;
const port = parentPort;
if (!port) throw new Error('audit-worker.ts runs only as a worker thread');

port.on('message', async (batch: WorkBatch) => {
  const outcomes: WorkDone['outcomes'] = [];
  for (const [seq, path] of batch.items) outcomes.push([seq, await auditFile(path, options)]);
  port.postMessage({ outcomes } satisfies WorkDone);
});
