/**
 * The spill file of a running audit: records come back as written, and no temporary folder is left
 * behind even when the process is killed mid-batch.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Spill } from './spill.js';
import type { FileResult } from './types.js';

const spillFolders = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('.gongkai-audit-')));

function result(file: string, agency: string | null): FileResult {
  return { file, agency, year: 2024, format: '2021', shape: 'text', status: 'clean', findings: [] };
}

describe('the spill file', () => {
  it('gives back every record as appended, one at a time and all in order, in memory or moved to the file part way', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string(), fc.option(fc.string())), { maxLength: 300 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
        (rows, memoryUnits) => {
          const spill = new Spill(memoryUnits);
          try {
            const refs = rows.map(([file, agency]) => spill.append(result(file, agency)));
            assert.deepEqual(
              [...spill.all()],
              rows.map(([file, agency]) => result(file, agency)),
            );
            // Read back by position, last first, as the HTML page's per-agency tables do.
            for (let i = refs.length - 1; i >= 0; i--) {
              assert.deepEqual(spill.read(refs[i]!), result(rows[i]![0], rows[i]![1]));
            }
          } finally {
            spill.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives back records longer than a read (64 KB), Chinese cut across the pieces, as appended', () => {
    const spill = new Spill(0);
    try {
      const records = [30_000, 1, 70_000, 21_845, 200_000, 3].map((n, i) =>
        result(`${i}.txt`, '政府信息公开'.repeat(n).slice(0, n)),
      );
      for (const r of records) spill.append(r);
      assert.deepEqual([...spill.all()], records);
      assert.deepEqual(
        [...spill.lines()],
        records.map((r) => JSON.stringify(r)),
      );
    } finally {
      spill.close();
    }
  });

  it('leaves no folder in the temporary directory while open, nor after a kill', async () => {
    const before = spillFolders();
    const spill = new Spill(0);
    spill.append(result('a.txt', '某镇'));
    assert.deepEqual(
      [...spillFolders()].filter((f) => !before.has(f)),
      [],
    );
    spill.close();

    // A child process opens a spill, writes, and is killed before it can close it.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { Spill } = await import(${JSON.stringify(new URL('./spill.ts', import.meta.url).href)});
         const spill = new Spill(0);
         spill.append({ file: 'x', agency: null, year: null, format: null, shape: null, status: 'clean', findings: [] });
         spill.flush();
         console.log('open');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.deepEqual(
      [...spillFolders()].filter((f) => !before.has(f)),
      [],
    );
  });
});

describe('a batch small enough for memory', () => {
  it('stays in memory up to the limit, then moves to the file and gives back the same records', () => {
    const before = spillFolders();
    const spill = new Spill(200);
    try {
      spill.append(result('a.txt', '某镇'));
      assert.equal(spill.onDisk, false);
      assert.equal(spill.readJson({ index: 0 }), JSON.stringify(result('a.txt', '某镇')));
      spill.append(result('b.txt', '某镇'.repeat(40)));
      assert.equal(spill.onDisk, true);
      // The file's folder is removed at once, as for any spill.
      assert.deepEqual(
        [...spillFolders()].filter((f) => !before.has(f)),
        [],
      );
      assert.deepEqual(
        [...spill.all()].map((r) => r.file),
        ['a.txt', 'b.txt'],
      );
      assert.equal(spill.read({ index: 1 }).agency, '某镇'.repeat(40));
      assert.equal(spill.read({ index: 0 }).file, 'a.txt');
    } finally {
      spill.close();
    }
  });
});
