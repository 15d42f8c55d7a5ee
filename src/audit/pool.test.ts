import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { renderText } from '../documents/text/render-text.js';
import { exampleReport } from '../domain/report/example.js';
import { auditFile } from './audit-file.js';
import { audited, briefOf } from './file-json.js';
import { type FileLimits, unreadableResult } from './file-status.js';
import { auditInWorkers, poolStats, withoutTsxFlags, workerEntry } from './pool.js';
import type { AuditedFile, FileResult } from './types.js';
import type { WalkItem } from './walk.js';

async function* itemsOf(items: readonly WalkItem[]): AsyncGenerator<WalkItem> {
  yield* items;
}

/** What the pool must hand on for each item: `auditFile`'s outcome, as its line, its brief and its digest. */
async function expected(items: readonly WalkItem[], compare: boolean): Promise<AuditedFile[]> {
  const out: AuditedFile[] = [];
  for (const item of items) {
    if ('error' in item) out.push(audited(unreadableResult(item.path, item.error)));
    else {
      const { result, digest } = await auditFile(item.path, { compare });
      out.push(audited(result, digest));
    }
  }
  return out;
}

const limitsWorker = { url: new URL('../test-support/limits-worker.ts', import.meta.url), typescript: true };

describe('the worker pool', () => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-pool-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  it('takes the tsx loader flags out of execArgv and keeps the others', () => {
    assert.deepEqual(withoutTsxFlags(['--import', 'tsx']), []);
    assert.deepEqual(
      withoutTsxFlags([
        '--require',
        '/p/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///p/node_modules/tsx/dist/loader.mjs',
        '--enable-source-maps',
      ]),
      ['--enable-source-maps'],
    );
    assert.deepEqual(withoutTsxFlags(['--import=tsx', '--import=./other.mjs', '--no-warnings']), [
      '--import=./other.mjs',
      '--no-warnings',
    ]);
  });

  it('runs the TypeScript worker under tsx (no compiled .js beside the source)', () => {
    const entry = workerEntry();
    assert.equal(entry.typescript, true);
    assert.ok(entry.url.pathname.endsWith('/src/audit/audit-worker.ts'));
  });

  it('hands outcomes on in the order of the items, unreadable folders included, as auditFile gives them', async () => {
    const dir = mkdtempSync(join(root, 'order-'));
    const items: WalkItem[] = [];
    for (let i = 0; i < 40; i++) {
      const path = join(dir, `${i}.txt`);
      writeFileSync(path, i % 9 === 0 ? '' : renderText(exampleReport(2019 + (i % 7), `机关${i}`)));
      items.push({ path });
      if (i === 17)
        items.push({ path: join(dir, '锁住的文件夹'), error: { code: 'input.io', message: '无法读取' } });
    }
    const started = poolStats.workersStarted;
    const threaded: AuditedFile[] = [];
    await auditInWorkers(itemsOf(items), { jobs: 3, file: { compare: true } }, (o) => threaded.push(o));
    assert.equal(poolStats.workersStarted - started, 3);
    assert.deepEqual(
      threaded.map((o) => o.brief.file),
      items.map((i) => i.path),
    );
    assert.deepEqual(threaded, await expected(items, true));
    // The brief the main thread counts is what the line says: the line is never parsed back there.
    for (const o of threaded) assert.deepEqual(o.brief, briefOf(JSON.parse(o.json) as FileResult));
    assert.equal(threaded[18]!.brief.error?.code, 'input.io');
  });

  it('fails, without hanging, when the consumer throws', async () => {
    const dir = mkdtempSync(join(root, 'fail-'));
    const items = Array.from({ length: 20 }, (_, i) => {
      const path = join(dir, `${i}.txt`);
      writeFileSync(path, renderText(exampleReport(2022)));
      return { path };
    });
    await assert.rejects(
      auditInWorkers(itemsOf(items), { jobs: 2, file: { compare: false } }, () => {
        throw new Error('磁盘已满');
      }),
      /磁盘已满/,
    );
  });

  describe('bounds one file in time and memory', () => {
    // Time enough for any of these reports on a loaded machine; the hanging one is stopped after it.
    const limits: FileLimits = { timeMs: 1500, memoryMb: 64 };
    /** 30 reports with, at 5, 11 and 23, files whose reader hangs, eats memory or dies. */
    const batch = (name: string) => {
      const dir = mkdtempSync(join(root, `${name}-`));
      const odd: Record<number, string> = { 5: 'hang-', 11: 'hog-', 23: 'crash-' };
      return Array.from({ length: 30 }, (_, i) => {
        const path = join(dir, `${odd[i] ?? ''}${i}.txt`);
        writeFileSync(path, renderText(exampleReport(2019 + (i % 7), `机关${i}`)));
        return { path };
      });
    };
    const run = async (items: readonly WalkItem[], jobs: number) => {
      const out: AuditedFile[] = [];
      const started = poolStats.workersStarted;
      await auditInWorkers(
        itemsOf(items),
        { jobs, file: { compare: false }, limits, worker: limitsWorker },
        (o) => out.push(o),
      );
      return { out, workers: poolStats.workersStarted - started };
    };

    for (const jobs of [1, 2]) {
      it(`reports a file that hangs, one that runs out of memory and one that kills its worker, and audits the rest (--jobs ${jobs})`, async () => {
        const items = batch(`limits-${jobs}`);
        const started = performance.now();
        const { out, workers } = await run(items, jobs);
        assert.ok(performance.now() - started < 20_000, 'the hanging file did not stall the batch');
        assert.equal(workers, jobs + 3, 'each stopped worker was replaced');
        const want = await expected(items, false);
        assert.equal(out.length, items.length);
        for (const [i, o] of out.entries()) {
          if (i === 5 || i === 11 || i === 23) continue;
          assert.deepEqual(o, want[i], `file ${i} audited as usual`);
        }
        const errors = [out[5]!, out[11]!, out[23]!].map((o) => o.brief.error);
        assert.deepEqual(
          errors.map((e) => e?.code),
          ['input.time-limit', 'input.memory-limit', 'internal'],
        );
        assert.match(errors[0]!.message, /^读取超时：1\.5 秒内未读完/);
        assert.match(errors[1]!.message, /^读取所需内存超过 64 MB 上限/);
        assert.match(errors[2]!.message, /^读取时审核线程意外退出.*读取器崩溃/);
        for (const i of [5, 11, 23]) {
          const { brief, json } = out[i]!;
          const result = JSON.parse(json) as FileResult;
          assert.deepEqual(brief, briefOf(result));
          assert.deepEqual(
            { ...result, error: undefined },
            { ...unreadableResult(items[i]!.path, errors[0]!, 'text'), error: undefined },
          );
        }
      });
    }

    it('sends on the files it was gathering when the worker they were meant for died', async () => {
      const dir = mkdtempSync(join(root, 'slow-walk-'));
      const paths = Array.from({ length: 50 }, (_, i) => {
        const path = join(dir, `${i === 0 ? 'crash-' : ''}${i}.txt`);
        writeFileSync(path, renderText(exampleReport(2019 + (i % 7), `机关${i}`)));
        return path;
      });
      // The first batch (the crashing file first) goes out at once; the walk then stalls long enough
      // for its worker to die while the second batch is being gathered for it.
      async function* slowWalk(): AsyncGenerator<WalkItem> {
        for (const [i, path] of paths.entries()) {
          if (i === 40) await new Promise((resolve) => setTimeout(resolve, 1500));
          yield { path };
        }
      }
      const out: AuditedFile[] = [];
      await auditInWorkers(
        slowWalk(),
        { jobs: 1, file: { compare: false }, limits, worker: limitsWorker },
        (o) => out.push(o),
      );
      assert.deepEqual(
        out.map((o) => o.brief.file),
        paths,
      );
      assert.equal(out[0]!.brief.error?.code, 'internal');
      assert.ok(out.slice(1).every((o) => o.brief.status !== 'unreadable'));
    });

    it('gives the same answer with one worker and with two', async () => {
      const items = batch('same');
      const one = (await run(items, 1)).out.map((o) => o.json);
      const two = (await run(items, 2)).out.map((o) => o.json);
      assert.deepEqual(two, one);
    });
  });
});
