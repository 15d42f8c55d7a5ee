/**
 * Benchmark: the back office over HTTP on a 100,000-request SQLite ledger.
 * Usage: npm run bench:web [-- --requests N] [--seconds S] [--connections C,C…] [--db FILE] [--prof DIR]
 *        [--routes inbox,request,healthz] [--no-yardstick]
 *
 * Builds a ledger into a temporary SQLite file (or FILE, kept and reused when it already holds one)
 * through `requests.importMany`: N requests (default 100,000) over four agencies, the measured county
 * taking 55 %, received from 2021-01-01 to today (Beijing time) with the applicant, history and outcome
 * mix of bench/ledger-mix.ts, each Received event carrying the intake form as the ledger writes it;
 * whatever would happen after today has not yet, so the requests of the last weeks (and the few that
 * stall) are open: about two thousand at the measured county. Then it adds a handler there, refreshes
 * the inbox's schedule cache once (the first inbox after an import does that; timed apart), and starts
 * a server process (this file with --serve-child): the platform's app on `startServer` (what `gongkai
 * serve` runs, log off) and, beside it in the same process on the same @hono/node-server stack, a bare
 * Hono app that answers a stored copy of a page — same bytes, same c.html() — with no middleware, no
 * session, no database and no rendering: the yardstick of what the socket, HTTP and framework cost.
 *
 * It logs in through the real login form (GET /login for its CSRF cookie and field, POST /login) and,
 * with autocannon in this process (the server has the other core), measures for S seconds each (default
 * 10, after 2 s of warm-up), at each concurrency C (default 1 and 10 connections):
 *
 *   GET /office/inbox            the handler's inbox, page 1 of the open requests
 *   GET /office/requests/:id     an open request with the longest history (its action forms shown)
 *   the same bytes from the yardstick app, beside each
 *   GET /healthz                 the app's middleware and one indexed query
 *
 * and prints requests/s, p50 and p99 (exact, from every response's time; autocannon's own histogram
 * keeps whole milliseconds), against the goals inbox p99 < 50 ms and request page p99 < 20 ms.
 * With --prof DIR the server runs under --cpu-prof and writes its profile to DIR when it stops.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { actorOf, createUser } from '../src/accounts/index.js';
import { systemActor } from '../src/domain/access/policy.js';
import { addDays, type LocalDate, localDate } from '../src/domain/calendar/local-date.js';
import { type Channel, intakeOf } from '../src/domain/requests/request.js';
import { inbox, openLedger, todayInChina } from '../src/ledger/index.js';
import { toStoredEvent } from '../src/ledger/stored.js';
import type { NewRequest, Storage } from '../src/storage/index.js';
import {
  copyToYardstick,
  machineLine,
  measure,
  ms,
  rate,
  serveBesideYardstick,
  startServerChild,
} from './bench-support.js';
import { history, pick, random } from './ledger-history.js';
import { APPLICANT_MIX, type Mix } from './ledger-mix.js';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '1,10' },
    routes: { type: 'string', default: 'inbox,request,healthz' },
    'no-yardstick': { type: 'boolean', default: false },
    db: { type: 'string' },
    prof: { type: 'string' },
    'serve-child': { type: 'string' },
  },
});

const HANDLER = 'bench-handler';
const PASSWORD = 'Bench-pass-2026';
const AGENCY_CODE = 'BENCH-WEB-1';

// ── The ledger ─────────────────────────────────────────────────────────────────────────────────

const CHANNEL_MIX: Mix<Channel> = [
  ['online', 70],
  ['postOrdinary', 15],
  ['inPerson', 15],
];

/** N requests over the agencies (the first takes 55 %), from 2021-01-01 to today; the events written. */
async function generate(storage: Storage, agencies: readonly number[], count: number, today: LocalDate) {
  const rnd = random(20261203);
  const first = localDate('2021-01-01');
  const span = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 864e5);
  let events = 0;
  const BATCH = 10_000;
  for (let done = 0; done < count; done += BATCH) {
    const items: { request: NewRequest; events: ReturnType<typeof toStoredEvent>[] }[] = [];
    for (let i = done; i < Math.min(count, done + BATCH); i++) {
      const receivedOn = addDays(first, Math.floor(rnd() * (span + 1)));
      const agencyId = rnd() < 0.55 ? agencies[0]! : agencies[1 + Math.floor(rnd() * (agencies.length - 1))]!;
      const kind = pick(rnd, APPLICANT_MIX);
      const channel = pick(rnd, CHANNEL_MIX);
      const intake = intakeOf(channel, receivedOn);
      if (!intake.ok) throw new Error(intake.error.message);
      const name = `申请人${i}`;
      const content = `申请公开本机关${receivedOn.slice(0, 4)}年度第${i}号事项（征地补偿、财政预算执行）的相关文件`;
      const log = history(rnd, receivedOn, today).map((e, n) =>
        n === 0
          ? toStoredEvent(e, {
              applicant: { kind, name, contact: { phone: '0591-00000000' } },
              content: { description: content },
              requestedForm: { medium: 'electronic', delivery: 'online' },
              intake: intake.value,
            })
          : toStoredEvent(e),
      );
      events += log.length;
      items.push({
        request: {
          agencyId,
          applicantKind: kind,
          applicantName: name,
          content,
          channel,
          receivedOn,
          externalRef: `bench-web-${i}`,
        },
        events: log,
      });
    }
    await storage.requests.importMany(items);
  }
  return events;
}

// ── Measuring ──────────────────────────────────────────────────────────────────────────────────

function cookieOf(response: Response, name: string): string {
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));
  if (!cookie) throw new Error(`no ${name} cookie (${response.status})`);
  return cookie;
}

async function logIn(app: string): Promise<string> {
  const form = await fetch(`${app}/login`);
  const csrfCookie = cookieOf(form, 'gk_login_csrf');
  const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('no CSRF field on the login page');
  const answer = await fetch(`${app}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, name: HANDLER, password: PASSWORD }),
  });
  if (answer.status !== 303) throw new Error(`login: ${answer.status}`);
  return cookieOf(answer, 'gk_session');
}

async function main(): Promise<void> {
  const REQUESTS = Number(args.requests);
  const SECONDS = Number(args.seconds);
  const CONNECTIONS = args.connections.split(',').map(Number);
  const dir = args.db ? undefined : mkdtempSync(join(os.tmpdir(), 'gongkai-bench-web-'));
  const file = args.db ?? join(dir!, 'ledger.db');
  console.log(machineLine());
  try {
    const today = todayInChina();
    const storage = await openLedger(`sqlite:${file}`);
    let agency = (await storage.agencies.byCode(AGENCY_CODE))?.id;
    let requestId: string;
    try {
      if (agency === undefined) {
        const started = performance.now();
        const ids: number[] = [];
        for (const [name, code] of [
          ['基准县人民政府', AGENCY_CODE],
          ['邻县甲人民政府', 'BENCH-WEB-2'],
          ['邻县乙人民政府', 'BENCH-WEB-3'],
          ['邻县丙人民政府', 'BENCH-WEB-4'],
        ] as const)
          ids.push((await storage.agencies.add({ name, kind: '区县', code })).id);
        agency = ids[0]!;
        const events = await generate(storage, ids, REQUESTS, today);
        const made = await createUser(storage, systemActor('bench'), {
          name: HANDLER,
          agencyId: agency,
          roles: ['handler'],
          password: PASSWORD,
        });
        if (!made.ok) throw new Error(made.error.message);
        await sql`analyze`.execute(storage.db);
        console.log(
          `generated ${REQUESTS.toLocaleString('en')} requests, ${events.toLocaleString('en')} events in ` +
            `${((performance.now() - started) / 1000).toFixed(1)} s → ${file}`,
        );
      } else console.log(`reusing the ledger in ${file}`);
      const counts = await storage.db
        .selectFrom('disclosure_requests')
        .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.count<number>('closed_on').as('closed')])
        .where('agency_id', '=', agency)
        .executeTakeFirstOrThrow();
      const user = await storage.users.byName(HANDLER);
      if (!user) throw new Error(`no user ${HANDLER}`);
      const actor = await actorOf(storage, user);
      const first = performance.now();
      const found = await inbox(storage, actor, {}, { asOf: today });
      if (!found.ok) throw new Error(found.error.message);
      console.log(
        `measured agency: ${Number(counts.all).toLocaleString('en')} requests, ` +
          `${(Number(counts.all) - Number(counts.closed)).toLocaleString('en')} open (${found.value.total.toLocaleString('en')} in the inbox, ` +
          `${found.value.excluded.length} excluded); first inbox (schedule cache refresh) ` +
          `${ms(performance.now() - first)}`,
      );
      const longest = await storage.db
        .selectFrom('disclosure_requests')
        .select(['id', 'last_seq'])
        .where('agency_id', '=', agency)
        .where('closed_on', 'is', null)
        .orderBy('last_seq', 'desc')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      requestId = longest.id;
      console.log(`request page: ${requestId} (${longest.last_seq} events, open)`);
    } finally {
      await storage.close();
    }

    const server = await startServerChild(import.meta.url, file, args.prof);
    try {
      const { app, yardstick } = server.urls;
      const cookie = await logIn(app);
      const chosen = new Set(args.routes.split(','));
      const rows = (
        [
          { name: 'inbox', label: 'GET /office/inbox', path: '/office/inbox', copy: 'inbox' },
          {
            name: 'request',
            label: 'GET /office/requests/:id',
            path: `/office/requests/${requestId}`,
            copy: 'request',
          },
          { name: 'healthz', label: 'GET /healthz', path: '/healthz' },
        ] as { name: string; label: string; path: string; copy?: string }[]
      ).filter((r) => chosen.has(r.name));
      const sizes = new Map<string, number>();
      for (const row of rows) {
        const page = await fetch(`${app}${row.path}`, { headers: { cookie } });
        const text = await page.text();
        if (page.status !== 200) throw new Error(`${row.path}: ${page.status} ${text.slice(0, 200)}`);
        sizes.set(row.path, Buffer.byteLength(text));
        if (row.copy) await copyToYardstick(yardstick, row.copy, text);
      }
      console.log(
        `autocannon, ${SECONDS} s per line after 2 s of warm-up; p50/p99 exact over every response`,
      );
      console.log(
        '| connections | route | bytes | app req/s | p50 | p99 | same bytes, bare app: req/s | p50 | p99 | req/s ratio |',
      );
      console.log('|---|---|---|---|---|---|---|---|---|---|');
      const missed: string[] = [];
      for (const connections of CONNECTIONS)
        for (const row of rows) {
          const a = await measure(`${app}${row.path}`, connections, SECONDS, cookie);
          const b =
            row.copy && !args['no-yardstick']
              ? await measure(`${yardstick}/copy/${row.copy}`, connections, SECONDS)
              : undefined;
          console.log(
            `| ${connections} | ${row.label} | ${sizes.get(row.path)!.toLocaleString('en')} | ${rate(a.rps)} | ${ms(a.p50)} | ${ms(a.p99)} | ` +
              (b
                ? `${rate(b.rps)} | ${ms(b.p50)} | ${ms(b.p99)} | ${(b.rps / a.rps).toFixed(1)}× |`
                : '— | — | — | — |'),
          );
          const goal = row.copy === 'inbox' ? 50 : row.copy === 'request' ? 20 : undefined;
          if (goal !== undefined && a.p99 >= goal)
            missed.push(`${row.label} at ${connections}: p99 ${ms(a.p99)} ≥ ${goal} ms`);
        }
      console.log(
        missed.length === 0
          ? 'goals met: inbox p99 < 50 ms, request page p99 < 20 ms'
          : `goals missed: ${missed.join('; ')}`,
      );
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

if (args['serve-child']) await serveBesideYardstick(args['serve-child']);
else await main();
