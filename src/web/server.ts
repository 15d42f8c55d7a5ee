/**
 * @module `gongkai serve`: opens (and migrates) the database, makes sure there is someone to log in —
 * on an empty database the first administrator (GONGKAI_ADMIN_PASSWORD, or a password generated and
 * printed once) or, with `--demo`, a demo county with users of every role — and serves the app. On
 * SIGTERM or SIGINT it stops accepting connections, lets the requests in flight finish, closes the
 * database and exits 0: every write that was answered has committed before its answer was sent.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { countUsers, createUser, generatePassword, purgeOldSessions } from '../accounts/index.js';
import { systemActor } from '../domain/access/policy.js';
import { checkSiteFacts } from '../domain/portal/site-facts.js';
import { addAgency, openLedger } from '../ledger/index.js';
import type { Storage } from '../storage/index.js';
import { createApp } from './app.js';
import type { ServerConfig } from './config.js';
import { jsonLogger, type Logger, silentLogger } from './log.js';
import { VisitTally } from './visit-tally.js';

export interface ServeOptions {
  /** Load the demo county on an empty database. */
  readonly demo?: boolean;
  /** Where the human-readable lines go (the log lines go to stdout). */
  readonly say?: (text: string) => void;
  /** Loads the demo data (src/demo), given so that the web layer does not import it. */
  readonly loadDemo?: (storage: Storage, today: Date) => Promise<{ readonly logins: readonly string[] }>;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting, waits for the requests in flight, closes the database. */
  close(): Promise<void>;
}

/** The first administrator of an empty database, at its first agency (made when there is none). */
async function firstAdministrator(
  storage: Storage,
  config: ServerConfig,
  say: (t: string) => void,
): Promise<void> {
  const operator = systemActor('setup');
  let agencyId = (await storage.agencies.roots())[0]?.id;
  if (agencyId === undefined) {
    const added = await addAgency(storage, operator, { name: '本机关（请在用户管理中核对名称）' });
    if (!added.ok) throw new Error(added.error.message);
    agencyId = added.value.id;
  }
  const password = config.adminPassword ?? generatePassword();
  const created = await createUser(storage, operator, {
    name: 'admin',
    displayName: '系统管理员',
    agencyId,
    roles: ['admin'],
    password,
  });
  if (!created.ok) throw new Error(created.error.message);
  say(
    config.adminPassword
      ? '已创建管理员 admin，密码为 GONGKAI_ADMIN_PASSWORD 所设 (administrator created)'
      : `已创建管理员 admin，初始密码（只显示这一次）：${password}  (first administrator; shown once)`,
  );
}

export async function startServer(config: ServerConfig, options: ServeOptions = {}): Promise<RunningServer> {
  const say = options.say ?? ((text: string) => process.stderr.write(`${text}\n`));
  const log: Logger = config.log ? jsonLogger() : silentLogger;
  const storage = await openLedger(config.database);
  try {
    if ((await countUsers(storage)) === 0) {
      if (options.demo && options.loadDemo) {
        say('正在载入演示数据… (loading the demo county)');
        const demo = await options.loadDemo(storage, new Date());
        for (const line of demo.logins) say(line);
      } else await firstAdministrator(storage, config, say);
    }
  } catch (e) {
    await storage.close();
    throw e;
  }
  const now = () => new Date();
  const visits = new VisitTally(storage, now);
  const app = createApp({ storage, config, log, now, visits });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (e) {
    // A busy port: close the database, else PostgreSQL's pool holds the process for its idle timeout.
    await storage.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log({ msg: 'listening', url, database: storage.dialect });
  // The footer's facts are the site's to configure: what is missing or unusual is said at start.
  for (const problem of checkSiteFacts(config.site))
    say(
      `网站底部信息${problem.severity === 'error' ? '缺少' : '请核对'}：${problem.message}（gongkai.config.json 的 site.${problem.field}）`,
    );
  // Old sessions' rows (address, browser) go at start and every six hours; the timer never holds the process.
  const purgeSessions = () =>
    purgeOldSessions(storage, now())
      .then((count) => count > 0 && log({ msg: 'sessions-purged', count }))
      .catch((e: unknown) =>
        log({ msg: 'error', error: `sessions-purge: ${(e as Error).message}`.slice(0, 300) }),
      );
  let purging = purgeSessions();
  const purgeTimer = setInterval(
    () => {
      purging = purgeSessions();
    },
    6 * 60 * 60 * 1000,
  );
  purgeTimer.unref();
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close: () => {
      clearInterval(purgeTimer);
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections with nothing in flight would hold close() open.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      })
        .then(() => purging)
        .then(() => visits.flush())
        .then(() => storage.close());
      return closing;
    },
  };
}

/** Runs until SIGTERM or SIGINT, then shuts down in order and exits 0. */
export async function serveUntilSignal(config: ServerConfig, options: ServeOptions = {}): Promise<void> {
  const say = options.say ?? ((text: string) => process.stderr.write(`${text}\n`));
  // Listen for the signals before starting: one that arrives while the database opens or the first
  // administrator is made still stops the server in order, once it is up, instead of killing it mid-write.
  let signalled: string | undefined;
  let onSignal: ((signal: string) => void) | undefined;
  const handle = (signal: string) => {
    signalled ??= signal;
    onSignal?.(signal);
  };
  const onTerm = () => handle('SIGTERM');
  const onInt = () => handle('SIGINT');
  process.once('SIGTERM', onTerm);
  process.once('SIGINT', onInt);
  try {
    const running = await startServer(config, options);
    say(`政府信息公开工作平台已启动 (listening)：${running.url}/login`);
    await new Promise<void>((resolve) => {
      onSignal = (signal) => {
        say(`收到 ${signal}，正在停止：完成进行中的请求，关闭数据库 (shutting down)`);
        void running.close().then(resolve);
      };
      if (signalled) onSignal(signalled);
    });
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  }
}
