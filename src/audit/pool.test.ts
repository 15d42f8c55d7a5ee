import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { renderText } from '../documents/text/render-text.js';
import { exampleReport } from '../domain/report/example.js';
import { auditInline, auditInWorkers, poolStats, withoutTsxFlags, workerEntry } from './pool.js';
import type { FileOutcome } from './types.js';
import type { WalkItem } from './walk.js';

async function* itemsOf(items: readonly WalkItem[]): AsyncGenerator<WalkItem> {
  yield* items;
}

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

  it('hands outcomes on in the order of the items, unreadable folders included, as inline does', async () => {
    const dir = mkdtempSync(join(root, 'order-'));
    const items: WalkItem[] = [];
    for (let i = 0; i < 40; i++) {
      const path = join(dir, `${i}.txt`);
      writeFileSync(path, i % 9 === 0 ? '' : renderText(exampleReport(2019 + (i % 7), `机关${i}`)));
      items.push({ path });
      if (i === 17)
        items.push({ path: join(dir, '锁住的文件夹'), error: { code: 'input.io', message: '无法读取' } });
    }
    const inline: FileOutcome[] = [];
    await auditInline(itemsOf(items), { compare: true }, (o) => inline.push(o));
    const started = poolStats.workersStarted;
    const threaded: FileOutcome[] = [];
    await auditInWorkers(itemsOf(items), 3, { compare: true }, (o) => threaded.push(o));
    assert.equal(poolStats.workersStarted - started, 3);
    assert.deepEqual(
      threaded.map((o) => o.result.file),
      items.map((i) => i.path),
    );
    assert.deepEqual(threaded, inline);
    assert.equal(threaded[18]!.result.error?.code, 'input.io');
  });

  it('fails, without hanging, when the consumer throws', async () => {
    const dir = mkdtempSync(join(root, 'fail-'));
    const items = Array.from({ length: 20 }, (_, i) => {
      const path = join(dir, `${i}.txt`);
      writeFileSync(path, renderText(exampleReport(2022)));
      return { path };
    });
    await assert.rejects(
      auditInWorkers(itemsOf(items), 2, { compare: false }, () => {
        throw new Error('磁盘已满');
      }),
      /磁盘已满/,
    );
  });
});
