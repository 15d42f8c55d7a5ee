/**
 * Crash safety: a child process writes requests in a loop and prints each id only after intake()
 * returned; we SIGKILL it mid-stream, reopen the database and find every printed id, each with its
 * Received event (no request is ever without one, not even the one being written at the kill).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from './storage.js';
import { DIALECTS } from './test-dialects.js';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Ids to see before the kill: enough that the child is well into its loop. */
const BEFORE_KILL = 150;

for (const dialect of DIALECTS) {
  describe(`crash safety on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('keeps every write reported as done when the writer is killed', { timeout: 120_000 }, async () => {
      const fresh = await dialect.create();
      try {
        const setup = await openDatabase(fresh.url);
        const agency = await setup.agencies.add({ name: '平潭县', kind: '区县' });
        await setup.close();

        const child = spawn(process.execPath, ['--import', 'tsx', WRITER, fresh.url, String(agency.id)], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        const exited = once(child, 'exit');
        const printed: string[] = [];
        for await (const line of createInterface({ input: child.stdout })) {
          if (line) printed.push(line);
          if (printed.length === BEFORE_KILL) child.kill('SIGKILL');
        }
        const [code, signal] = await exited;
        assert.equal(signal, 'SIGKILL', `the writer stopped by itself (exit ${code}): ${stderr}`);
        assert.ok(printed.length >= BEFORE_KILL, `only ${printed.length} ids printed: ${stderr}`);

        const storage = await openDatabase(fresh.url);
        try {
          if (storage.dialect === 'sqlite') {
            const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(storage.db);
            assert.deepEqual(check.rows, [{ integrity_check: 'ok' }]);
          }
          const found = new Set<string>();
          for (let i = 0; i < printed.length; i += 500) {
            const rows = await storage.db
              .selectFrom('disclosure_requests')
              .select('id')
              .where('id', 'in', printed.slice(i, i + 500))
              .execute();
            for (const r of rows) found.add(r.id);
          }
          const missing = printed.filter((id) => !found.has(id));
          assert.deepEqual(missing, [], `${missing.length} of ${printed.length} reported writes lost`);
          const orphans = await storage.db
            .selectFrom('disclosure_requests as r')
            .select('r.id')
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('request_events as e').select('e.id').whereRef('e.request_id', '=', 'r.id'),
                ),
              ),
            )
            .execute();
          assert.deepEqual(orphans, [], 'a request without its Received event');
          assert.deepEqual((await storage.requests.verifyDerived()).mismatched, []);
        } finally {
          await storage.close();
        }
      } finally {
        await fresh.drop();
      }
    });
  });
}
