/**
 * Crash safety of `gongkai serve` (the issue's bar): a burst of API registrations, 8 at a time, each with
 * its own `ref`; the server is SIGKILLed once 120 of them have been answered 201. After the kill every
 * registration answered 201 is in the database with its Received event and its audit entry, no `ref`
 * is registered twice nor one that was never sent, the database is whole (SQLite's integrity check), a
 * restarted server answers and knows the answered refs (a retry is a duplicate, not a second
 * registration), and `gongkai audit-log verify` exits 0. On SQLite and, with GONGKAI_TEST_POSTGRES_URL,
 * PostgreSQL, like src/storage/crash.test.ts.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createUser, issueApiToken } from '../accounts/index.js';
import { systemActor } from '../domain/access/policy.js';
import { addAgency, openLedger } from '../ledger/index.js';
import { DIALECTS } from '../storage/test-dialects.js';
import { gongkai } from '../test-support/run-cli.js';

const MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Registrations in flight at once. */
const CONCURRENCY = 8;
/** At most this many are sent; the kill comes long before. */
const TOTAL = 400;
/** Answers (201) to see before the kill: well into the burst, with the other workers' calls in flight. */
const BEFORE_KILL = 120;

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  stderr(): string;
}

/**
 * `gongkai serve --port 0 --database URL` as a child, resolved once it printed its listening line. The
 * environment is ours alone: no GONGKAI_* or DATABASE_URL of the caller's, and an empty config file
 * (so that a gongkai.config.json in the checkout does not count).
 */
async function startServe(database: string, configFile: string): Promise<Server> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('GONGKAI_') && key !== 'DATABASE_URL') env[key] = value;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'serve', '--port', '0', '--database', database],
    {
      cwd: ROOT,
      env: { ...env, GONGKAI_LOG: '1', GONGKAI_CONFIG: configFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const parsed = JSON.parse(line) as { msg?: string; url?: string };
      if (parsed.msg === 'listening' && parsed.url) resolve(parsed.url);
    });
    void exited.then(([code, signal]) =>
      reject(new Error(`gongkai serve stopped before listening (${code ?? signal}): ${stderr}`)),
    );
  });
  // Keep reading the request log, so that the pipe never fills and blocks the server.
  return { child, url, exited, stderr: () => stderr };
}

for (const dialect of DIALECTS) {
  describe(`gongkai serve killed during a burst of registrations, on ${dialect.name}`, {
    skip: dialect.skip,
  }, () => {
    it('keeps every registration answered 201; the audit log verifies', { timeout: 180_000 }, async (t) => {
      const fresh = await dialect.create();
      const dir = mkdtempSync(join(tmpdir(), 'gongkai-web-crash-'));
      const configFile = join(dir, 'gongkai.config.json');
      writeFileSync(configFile, '{}\n');
      try {
        const setup = await openLedger(fresh.url);
        const root = systemActor('test');
        const agency = await addAgency(setup, root, { name: '平潭县人民政府', kind: '区县' });
        assert.ok(agency.ok);
        const user = await createUser(setup, root, {
          name: 'handler',
          agencyId: agency.value.id,
          roles: ['handler'],
          password: 'Crash-test-pass-2026',
        });
        assert.ok(user.ok, JSON.stringify(user));
        const issued = await issueApiToken(setup, root, 'handler', 'crash test');
        assert.ok(issued.ok);
        const token = issued.value.token;
        await setup.close();

        const server = await startServe(fresh.url, configFile);
        const register = (base: string, ref: string) =>
          fetch(`${base}/api/v1/requests`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              applicant: `申请人${ref}`,
              type: '自然人',
              content: `请求公开编号 ${ref} 所涉文件`,
              received: '2025-03-03',
              channel: '网上',
              ref,
            }),
          });
        /** ref → id, for every registration answered 201. */
        const answered = new Map<string, string>();
        const sent = new Set<string>();
        const otherAnswers: string[] = [];
        let next = 0;
        let killed = false;
        const worker = async () => {
          while (!killed && next < TOTAL) {
            const ref = `burst-${next++}`;
            sent.add(ref);
            let response: Response;
            try {
              response = await register(server.url, ref);
            } catch (e) {
              // Only the kill may break a call.
              if (killed) return;
              throw e;
            }
            const body = await response.text().catch(() => undefined);
            if (response.status === 201 && body !== undefined)
              answered.set(ref, (JSON.parse(body) as { id: string }).id);
            else if (!killed) otherAnswers.push(`${response.status} ${body}`);
            if (answered.size >= BEFORE_KILL && !killed) {
              killed = true;
              server.child.kill('SIGKILL');
            }
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        const [code, signal] = await server.exited;
        assert.deepEqual(otherAnswers, [], 'every call before the kill was answered 201');
        assert.equal(signal, 'SIGKILL', `the server stopped by itself (exit ${code}): ${server.stderr()}`);
        assert.ok(answered.size >= BEFORE_KILL, `only ${answered.size} answered: ${server.stderr()}`);
        assert.ok(sent.size > answered.size, 'calls were still in flight at the kill');

        const storage = await openLedger(fresh.url);
        try {
          if (storage.dialect === 'sqlite') {
            const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(storage.db);
            assert.deepEqual(check.rows, [{ integrity_check: 'ok' }]);
          }
          const rows = await storage.db
            .selectFrom('disclosure_requests')
            .select(['id', 'external_ref'])
            .execute();
          const byRef = new Map<string, string[]>();
          for (const r of rows)
            byRef.set(r.external_ref ?? '', [...(byRef.get(r.external_ref ?? '') ?? []), r.id]);
          t.diagnostic(
            `${sent.size} sent, ${answered.size} answered 201 before the kill, ${rows.length} in the database`,
          );
          const twice = [...byRef].filter(([, ids]) => ids.length > 1);
          assert.deepEqual(twice, [], 'no ref registered twice');
          const neverSent = [...byRef.keys()].filter((ref) => !sent.has(ref));
          assert.deepEqual(neverSent, [], 'no registration that was never sent');
          const lost = [...answered].filter(([ref, id]) => byRef.get(ref)?.[0] !== id);
          assert.deepEqual(lost, [], `${lost.length} of ${answered.size} registrations answered 201 lost`);
          for (const id of answered.values()) {
            const row = await storage.requests.get(id);
            assert.ok(row, id);
            const events = await storage.requests.events(id);
            assert.deepEqual(
              events.map((e) => e.type),
              ['Received'],
              `${id}: its Received event`,
            );
          }
          const audited = await storage.db
            .selectFrom('audit_log')
            .select('subject')
            .where('action', '=', 'request.intake')
            .execute();
          const auditedIds = new Set(audited.map((a) => a.subject));
          assert.equal(audited.length, rows.length, 'one audit entry per registration, no more');
          for (const r of rows) assert.ok(auditedIds.has(`request:${r.id}`), `audit entry of ${r.id}`);
        } finally {
          await storage.close();
        }

        const again = await startServe(fresh.url, configFile);
        try {
          const health = await fetch(`${again.url}/healthz`);
          assert.equal(health.status, 200);
          assert.deepEqual(await health.json(), { status: 'ok' });
          const [ref, id] = [...answered][BEFORE_KILL - 1]!;
          const retry = await register(again.url, ref).then(async (r) => ({
            status: r.status,
            body: await r.json(),
          }));
          assert.deepEqual(retry, { status: 200, body: { id, status: 'duplicate' } });
        } finally {
          again.child.kill('SIGTERM');
          const [code2] = await again.exited;
          assert.equal(code2, 0, again.stderr());
        }

        const verified = await gongkai('audit-log', 'verify', '--json', '--database', fresh.url);
        assert.equal(verified.code, 0, verified.out + verified.err);
        assert.equal((JSON.parse(verified.out) as { whole: boolean }).whole, true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await fresh.drop();
      }
    });
  });
}
