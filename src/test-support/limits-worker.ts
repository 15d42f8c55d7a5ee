/**
 * An audit worker for the pool's tests (started through `PoolOptions.worker`): it audits as the real one
 * does, except files whose name begins with `hang-` (the reader never ends: a busy loop, as a
 * pathological input would keep one), `hog-` (the reader keeps allocating until the heap is full) or
 * `crash-` (the worker dies of an uncaught exception while on the file).
 */
import { basename } from 'node:path';
import { auditFile } from '../audit/audit-file.js';
import { serveAudits } from '../audit/worker-loop.js';

const forever = () => new Promise<never>(() => undefined);

serveAudits(async (path, options) => {
  const name = basename(path);
  if (name.startsWith('hang-')) {
    const until = Number.POSITIVE_INFINITY;
    while (performance.now() < until);
  }
  if (name.startsWith('hog-')) {
    const kept: number[][] = [];
    for (;;) kept.push(new Array(100_000).fill(kept.length));
  }
  if (name.startsWith('crash-')) {
    setTimeout(() => {
      throw new Error('读取器崩溃 (reader crashed)');
    });
    return forever();
  }
  return auditFile(path, options);
});
