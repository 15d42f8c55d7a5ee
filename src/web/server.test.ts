/**
 * The server's lifecycle. GET /healthz answers 200 {"status":"ok"}, and 503 when the database does not
 * answer. A spawned `gongkai serve` stopped by SIGTERM or SIGINT answers the request in flight (a POST
 * whose body is still arriving when the signal comes), refuses new connections meanwhile, commits
 * the write, exits 0 and leaves the SQLite database checkpointed (no -wal left) and whole. On an empty
 * database the first start creates the administrator `admin` and prints its password once on stderr
 * (GONGKAI_ADMIN_PASSWORD: that one, not printed), and the password logs in; a second start says
 * nothing of the kind. A bad environment value and a busy port each stop the command with one line on
 * stderr and exit 2.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createUser, issueApiToken } from '../accounts/index.js';
import { systemActor } from '../domain/access/policy.js';
import { addAgency, openLedger } from '../ledger/index.js';
import type { Storage } from '../storage/index.js';
import { csrfIn } from '../test-support/web-world.js';
import { createApp } from './app.js';
import { DEFAULT_CONFIG } from './config.js';
import type { LogLine } from './log.js';
import { startServer } from './server.js';

const MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'Lifecycle-pass-2026';

interface Serve {
  readonly child: ChildProcess;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** Resolves with the URL once the listening line is out; rejects if the process ends first. */
  readonly listening: Promise<string>;
  stderr(): string;
  /** Resolves once stderr holds `text`. */
  stderrHas(text: string): Promise<void>;
}

/**
 * `gongkai serve ARGS` as a child with the log on and an environment of our own: none of the caller's
 * GONGKAI_* or DATABASE_URL, an empty config file (a gongkai.config.json in the checkout does not
 * count), then `env`.
 */
function serve(args: readonly string[], configFile: string, env: Record<string, string> = {}): Serve {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('GONGKAI_') && key !== 'DATABASE_URL') base[key] = value;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', ...args], {
    cwd: ROOT,
    env: { ...base, GONGKAI_LOG: '1', GONGKAI_CONFIG: configFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const w of waiting.splice(0))
      if (stderr.includes(w.text)) w.resolve();
      else waiting.push(w);
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const parsed = JSON.parse(line) as { msg?: string; url?: string };
      if (parsed.msg === 'listening' && parsed.url) resolve(parsed.url);
    });
    void exited.then(([code, signal]) =>
      reject(new Error(`gongkai serve stopped before listening (${code ?? signal}): ${stderr}`)),
    );
  });
  listening.catch(() => {});
  return {
    child,
    exited,
    listening,
    stderr: () => stderr,
    stderrHas: (text) =>
      new Promise((resolve, reject) => {
        if (stderr.includes(text)) return resolve();
        waiting.push({ text, resolve });
        void exited.then(() => reject(new Error(`exited without saying ${text}: ${stderr}`)));
      }),
  };
}

/** Stops a server with SIGTERM and says how it ended. */
async function stop(server: Serve): Promise<[number | null, NodeJS.Signals | null]> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

const cookieOf = (response: Response, name: string): string | undefined =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** Logs in through the real login form: the status of the POST and the session cookie it set. */
async function logIn(url: string, name: string, password: string) {
  const form = await fetch(`${url}/login`);
  const loginCookie = cookieOf(form, 'gk_login_csrf');
  assert.ok(loginCookie, 'GET /login sets its CSRF cookie');
  const answer = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfIn(await form.text()), name, password }),
  });
  return { status: answer.status, session: cookieOf(answer, 'gk_session') };
}

/** A GET on a new connection: its status, or the error code when no connection was made. */
function getOnNewConnection(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/healthz`, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** A sound, seeded ledger: an agency and a handler with an API token. */
async function seed(url: string): Promise<{ token: string }> {
  const storage = await openLedger(url);
  try {
    const root = systemActor('test');
    const agency = await addAgency(storage, root, { name: '平潭县人民政府', kind: '区县' });
    assert.ok(agency.ok);
    const user = await createUser(storage, root, {
      name: 'handler',
      agencyId: agency.value.id,
      roles: ['handler'],
      password: PASSWORD,
    });
    assert.ok(user.ok, JSON.stringify(user));
    const issued = await issueApiToken(storage, root, 'handler', 'lifecycle test');
    assert.ok(issued.ok);
    return { token: issued.value.token };
  } finally {
    await storage.close();
  }
}

describe('GET /healthz', () => {
  const logs: LogLine[] = [];
  const appOn = (storage: Storage) =>
    createApp({ storage, config: DEFAULT_CONFIG, log: (l) => logs.push(l), now: () => new Date() });

  it('answers 200 {"status":"ok"} while the database answers', async () => {
    const storage = await openLedger(':memory:');
    try {
      const answer = await appOn(storage).request('/healthz');
      assert.equal(answer.status, 200);
      assert.deepEqual(await answer.json(), { status: 'ok' });
    } finally {
      await storage.close();
    }
  });

  it('answers 503 {"status":"unavailable"} when the database is closed or its query throws', async () => {
    const storage = await openLedger(':memory:');
    const app = appOn(storage);
    assert.equal((await app.request('/healthz')).status, 200);
    await storage.close();
    const closed = await app.request('/healthz');
    assert.equal(closed.status, 503);
    assert.deepEqual(await closed.json(), { status: 'unavailable' });

    const other = await openLedger(':memory:');
    try {
      const failing: Storage = {
        ...other,
        agencies: {
          ...other.agencies,
          get: async () => {
            throw new Error('connection terminated');
          },
        },
      };
      const answer = await appOn(failing).request('/healthz');
      assert.equal(answer.status, 503);
      assert.deepEqual(await answer.json(), { status: 'unavailable' });
      assert.equal(logs.at(-1)?.status, 503, 'the request log says 503');
    } finally {
      await other.close();
    }
  });
});

describe('gongkai serve as a process', () => {
  let dir: string;
  let configFile: string;
  let n = 0;
  /** A new SQLite file in the test's folder (not created yet). */
  const database = () => join(dir, `ledger-${++n}.db`);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-serve-'));
    configFile = join(dir, 'gongkai.config.json');
    writeFileSync(configFile, '{}\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    it(`on ${signal}: answers the request in flight, refuses new connections, commits, exits 0, closes the database`, {
      timeout: 60_000,
    }, async () => {
      const file = database();
      const { token } = await seed(file);
      const server = serve(['--port', '0', '--database', file], configFile);
      const url = await server.listening;
      const body = Buffer.from(
        JSON.stringify({
          applicant: '张三',
          type: '自然人',
          content: `关于某路段拓宽工程征收补偿方案的信息（${signal}）`,
          received: '2025-03-03',
          channel: '网上',
          ref: `slow-${signal}`,
        }),
      );
      // A keep-alive connection, as a browser's: the server must still finish and let it go.
      const agent = new http.Agent({ keepAlive: true });
      const request = http.request(`${url}/api/v1/requests`, {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': String(body.length),
          // The server's 100 Continue says it has the request (headers read, handler called).
          expect: '100-continue',
        },
      });
      const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
        request.on('response', (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        });
        request.on('error', reject);
      });
      await once(request, 'continue');
      request.write(body.subarray(0, 20));

      server.child.kill(signal);
      await server.stderrHas(`收到 ${signal}`);
      const late = await getOnNewConnection(url);
      assert.ok(late === 'ECONNREFUSED' || late === 'ECONNRESET', `a new connection got ${late}`);
      assert.equal(server.child.exitCode, null, 'still running while a request is in flight');

      request.end(body.subarray(20));
      const answer = await answered;
      assert.equal(answer.status, 201, answer.text);
      const { id } = JSON.parse(answer.text) as { id: string };
      agent.destroy();
      const [code, how] = await server.exited;
      assert.deepEqual({ code, how }, { code: 0, how: null }, server.stderr());
      assert.match(server.stderr(), /正在停止/);

      const wal = `${file}-wal`;
      assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the WAL was checkpointed at close');
      const storage = await openLedger(file);
      try {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(storage.db);
        assert.deepEqual(check.rows, [{ integrity_check: 'ok' }]);
        const row = await storage.requests.get(id);
        assert.equal(row?.externalRef, `slow-${signal}`, 'the answered write committed');
      } finally {
        await storage.close();
      }
    });

  it('creates the administrator on an empty database and prints the password once; the second start does not', {
    timeout: 60_000,
  }, async () => {
    const file = database();
    const first = serve(['--port', '0', '--database', file], configFile);
    const url = await first.listening;
    const said = first.stderr();
    const printed = [...said.matchAll(/初始密码（只显示这一次）：(\S+)/g)].map((m) => m[1]!);
    assert.equal(printed.length, 1, said);
    assert.equal(said.split(printed[0]!).length - 1, 1, 'the password appears once');
    const loggedIn = await logIn(url, 'admin', printed[0]!);
    assert.equal(loggedIn.status, 303);
    assert.ok(loggedIn.session);
    assert.equal((await logIn(url, 'admin', 'Not-the-password-1')).status, 401);
    assert.deepEqual(await stop(first), [0, null]);

    const second = serve(['--port', '0', '--database', file], configFile);
    await second.listening;
    assert.deepEqual(await stop(second), [0, null]);
    assert.doesNotMatch(second.stderr(), /管理员|administrator|密码|password/i);
    assert.ok(!second.stderr().includes(printed[0]!));
    assert.match(second.stderr(), /已启动/, 'it did start');
  });

  it('with GONGKAI_ADMIN_PASSWORD creates the administrator with it and does not print it', {
    timeout: 60_000,
  }, async () => {
    const file = database();
    const password = 'Given-admin-pass-2026';
    const server = serve(['--port', '0', '--database', file], configFile, {
      GONGKAI_ADMIN_PASSWORD: password,
    });
    const url = await server.listening;
    assert.match(server.stderr(), /已创建管理员 admin，密码为 GONGKAI_ADMIN_PASSWORD 所设/);
    assert.doesNotMatch(server.stderr(), /初始密码/);
    assert.equal((await logIn(url, 'admin', password)).status, 303);
    assert.deepEqual(await stop(server), [0, null]);
    assert.ok(!server.stderr().includes(password), 'the password is not printed');
  });

  it('GONGKAI_PORT=abc: one line, Chinese first, naming the variable; exit 2', {
    timeout: 60_000,
  }, async () => {
    const server = serve(['--database', database()], configFile, { GONGKAI_PORT: 'abc' });
    const [code] = await server.exited;
    assert.equal(code, 2, server.stderr());
    const lines = server.stderr().trimEnd().split('\n');
    assert.equal(lines.length, 1, server.stderr());
    assert.match(lines[0]!, /^gongkai: \p{Script=Han}/u);
    assert.match(lines[0]!, /GONGKAI_PORT=abc/);
    assert.doesNotMatch(server.stderr(), /\n\s+at /, 'no stack trace');
  });

  it('a busy port: one line, "已被占用", exit 2; the database is left closed', {
    timeout: 60_000,
  }, async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as { port: number }).port;
    try {
      const file = database();
      await seed(file);
      const server = serve(['--port', String(port), '--database', file], configFile);
      const [code] = await server.exited;
      assert.equal(code, 2, server.stderr());
      const lines = server.stderr().trimEnd().split('\n');
      assert.equal(lines.length, 1, server.stderr());
      assert.match(lines[0]!, new RegExp(`^gongkai: 端口 ${port} 已被占用`));
      const wal = `${file}-wal`;
      assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the database was closed');

      // In-process the connection would outlive the refusal unless startServer closed it (on PostgreSQL
      // its pool kept the command alive for the pool's idle timeout).
      const inProcess = database();
      await assert.rejects(
        startServer({ ...DEFAULT_CONFIG, database: inProcess, port, log: false }, { say: () => {} }),
        { code: 'EADDRINUSE' },
      );
      assert.ok(existsSync(inProcess), 'the database was opened');
      assert.ok(
        !existsSync(`${inProcess}-wal`),
        'and closed again (SQLite removes the WAL at the last close)',
      );
    } finally {
      blocker.close();
    }
  });
});
