/**
 * Benchmark: one agency's section 三 from a ledger of 100,000 requests on SQLite.
 * Usage: npm run bench:ledger [-- --requests N] [--year Y] [--runs R] [--db FILE]
 *
 * Generates a register for one agency into a temporary SQLite file (or FILE, kept and reused when it
 * already holds the ledger): requests received 2020-01-01 … 2025-12-31, a realistic mix of applicant
 * kinds, histories the transitions accept (corrections, extensions, third-party consultations, fees,
 * withdrawals, lapses; about 3 events each) and a decision outcome mix; whatever would close after
 * 2025-12-31 is still open. Then times building the report year Y (default 2024) four ways, R runs
 * each (default 5), and prints every run and the median:
 *
 *   (a) full replay    every request row and every event of the agency → reportFromLedger
 *   (a′) year replay   reportRows(agency, Y) (the requests Y concerns) + their events → reportFromLedger
 *   (c) cached lines   reportRows(agency, Y) → register lines from the cached columns → sectionsFromLines
 *   (b) aggregate      aggregateRequestSections(db, Y, [agency]): one GROUP BY query
 *   (d) report build   buildAnnualReport(storage, agency, Y): what `gongkai report build` runs, the
 *                      aggregate plus the agency, section 四's cases and the rest of the report
 *
 * and checks that all five give the same section 三.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { officialCalendar } from '../src/calendar/official-calendar.js';
import { systemActor } from '../src/domain/access/policy.js';
import { addDays, type LocalDate, localDate } from '../src/domain/calendar/local-date.js';
import type { LedgerLine } from '../src/domain/requests/carry-over.js';
import type { RequestEvent } from '../src/domain/requests/events.js';
import type { OutcomeKind } from '../src/domain/requests/outcomes.js';
import {
  type LedgerEntry,
  reportFromLedger,
  sectionsFromLines,
} from '../src/domain/requests/report-from-ledger.js';
import {
  APPLICANT_KIND_LABELS,
  type ApplicantKind,
  type DisclosureRequest,
} from '../src/domain/requests/request.js';
import { buildAnnualReport } from '../src/ledger/report.js';
import {
  aggregateRequestSections,
  type DeriveStep,
  type NewRequest,
  openDatabase,
  type ReportRequestRow,
  type Storage,
} from '../src/storage/index.js';
import { machineLine } from './bench-support.js';
import { history, pick, random } from './ledger-history.js';
import { APPLICANT_MIX } from './ledger-mix.js';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    year: { type: 'string', default: '2024' },
    runs: { type: 'string', default: '5' },
    db: { type: 'string' },
  },
});
const REQUESTS = Number(args.requests);
const YEAR = Number(args.year);
const RUNS = Number(args.runs);
const FIRST_DAY = localDate('2020-01-01');
const TODAY = localDate('2025-12-31');
const calendar = officialCalendar();

// ── The register ──────────────────────────────────────────────────────────────────────────────

/** What storage keeps of a domain event: the event itself, with its kind as the stored `type`. */
type StoredEvent = RequestEvent & { readonly type: RequestEvent['kind'] };

/**
 * The derive step for the domain's events (derived.ts): the four closing events close the request
 * with the outcome the transitions give them; nothing reopens a closed request.
 */
const domainDerive: DeriveStep = (state, event) => {
  const e = event.payload as StoredEvent;
  const close = (outcome: OutcomeKind) => ({ closedOn: event.at, closingType: event.type, outcome });
  switch (e.kind) {
    case 'Decided':
      return close(e.outcome);
    case 'Withdrawn':
      return close('withdrawn');
    case 'CorrectionLapsed':
      return close('noCorrection');
    case 'FeeLapsed':
      return close('unpaidFee');
    default:
      return state;
  }
};

async function generate(storage: Storage, agencyId: number, count: number): Promise<number> {
  const rnd = random(20241231);
  const span = Math.round((Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(`${FIRST_DAY}T00:00:00Z`)) / 864e5);
  let events = 0;
  const BATCH = 10_000;
  for (let done = 0; done < count; done += BATCH) {
    const items: { request: NewRequest; events: StoredEvent[] }[] = [];
    for (let i = done; i < Math.min(count, done + BATCH); i++) {
      const receivedOn = addDays(FIRST_DAY, Math.floor(rnd() * (span + 1)));
      const kind = pick(rnd, APPLICANT_MIX);
      const log = history(rnd, receivedOn, TODAY).map((e) => ({ ...e, type: e.kind }) as StoredEvent);
      events += log.length;
      items.push({
        request: {
          agencyId,
          applicantKind: kind,
          applicantName: `申请人${i}`,
          content: `申请公开本机关${receivedOn.slice(0, 4)}年度第${i}号事项的相关文件`,
          channel: pick(rnd, [
            ['online', 70],
            ['postOrdinary', 15],
            ['inPerson', 15],
          ] as const),
          receivedOn,
          externalRef: `bench-${i}`,
        },
        events: log,
      });
    }
    await storage.requests.importMany(items);
  }
  return events;
}

// ── The four ways to the report ────────────────────────────────────────────────────────────────

const KIND_OF_LABEL = new Map<string, ApplicantKind>(
  (Object.entries(APPLICANT_KIND_LABELS) as [ApplicantKind, string][]).map(([k, label]) => [label, k]),
);
const applicantKind = (stored: string): ApplicantKind =>
  KIND_OF_LABEL.get(stored) ?? (stored as ApplicantKind);

/** The domain request as far as the report reads it (id, agency, applicant kind, receipt date). */
function domainRequest(row: {
  id: string;
  agencyId: number;
  applicantKind: string;
  receivedOn: LocalDate;
}): DisclosureRequest {
  return {
    id: row.id,
    agencyId: String(row.agencyId),
    applicant: { kind: applicantKind(row.applicantKind), name: '', contact: {} },
    content: { description: '' },
    requestedForm: { medium: 'electronic', delivery: 'online' },
    intake: { channel: 'inPerson', submittedOn: row.receivedOn },
    receivedOn: row.receivedOn,
  };
}

const reportInput = (agencyId: number, entries: LedgerEntry[]) => ({
  year: YEAR,
  agencyId: String(agencyId),
  agencyName: '基准测试机关',
  entries,
  cases: [],
  calendar,
});

/** (a) Every request of the agency and every event, as a "load the ledger, then build" path would. */
async function fullReplay(storage: Storage, agencyId: number) {
  const rows = await storage.db
    .selectFrom('disclosure_requests')
    .select(['id', 'agency_id', 'applicant_kind', 'received_on'])
    .where('agency_id', '=', agencyId)
    .execute();
  const entries = new Map<string, { request: DisclosureRequest; events: RequestEvent[] }>();
  for (const r of rows)
    entries.set(r.id, {
      request: domainRequest({
        id: r.id,
        agencyId: r.agency_id,
        applicantKind: r.applicant_kind,
        receivedOn: r.received_on as LocalDate,
      }),
      events: [],
    });
  for await (const e of storage.requests.eventsForAgencies<StoredEvent>([agencyId]))
    entries.get(e.requestId)!.events.push(e.event);
  return reportFromLedger(reportInput(agencyId, [...entries.values()]));
}

/** (a′) Only the requests the year concerns (reportRows), and their events. */
async function yearReplay(storage: Storage, agencyId: number) {
  const rows = await storage.requests.reportRows([agencyId], YEAR);
  const entries = new Map<string, { request: DisclosureRequest; events: RequestEvent[] }>();
  for (const r of rows) entries.set(r.id, { request: domainRequest(r), events: [] });
  const ids = [...entries.keys()];
  for (let i = 0; i < ids.length; i += 5000) {
    const events = await storage.db
      .selectFrom('request_events')
      .select(['request_id', 'payload'])
      .where('request_id', 'in', ids.slice(i, i + 5000))
      .orderBy('request_id')
      .orderBy('seq')
      .execute();
    for (const e of events) entries.get(e.request_id)!.events.push(JSON.parse(e.payload) as RequestEvent);
  }
  return reportFromLedger(reportInput(agencyId, [...entries.values()]));
}

/** (c) Register lines straight from the cached columns: no events, no replay; explainCell still works. */
async function cachedLines(storage: Storage, agencyId: number) {
  const rows = await storage.requests.reportRows([agencyId], YEAR);
  const lines = rows.map(
    (r: ReportRequestRow): LedgerLine => ({
      requestId: r.id,
      agencyId: String(r.agencyId),
      applicantKind: applicantKind(r.applicantKind),
      receivedOn: r.receivedOn,
      ...(r.closedOn ? { closedOn: r.closedOn, outcome: r.outcome as OutcomeKind } : {}),
    }),
  );
  return sectionsFromLines({ year: YEAR, agencyName: '基准测试机关', lines, cases: [] });
}

/** (b) The aggregation query. */
async function aggregate(storage: Storage, agencyId: number) {
  return (await aggregateRequestSections(storage.db, YEAR, [agencyId])).get(agencyId)!;
}

// ── Run ────────────────────────────────────────────────────────────────────────────────────────

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

async function time<T>(label: string, work: () => Promise<T>): Promise<{ result: T; median: number }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  const m = median(times);
  console.log(`${label.padEnd(18)} median ${ms(m).padStart(9)}   runs: ${times.map(ms).join(', ')}`);
  return { result: result!, median: m };
}

const dir = args.db ? undefined : mkdtempSync(join(os.tmpdir(), 'gongkai-bench-'));
const file = args.db ?? join(dir!, 'ledger.db');
const storage = await openDatabase(`sqlite:${file}`, { derive: domainDerive });
try {
  console.log(machineLine());
  let agency = (await storage.agencies.byCode('BENCH-1'))?.id;
  if (agency === undefined) {
    agency = (await storage.agencies.add({ name: '基准测试机关', kind: '区县', code: 'BENCH-1' })).id;
    const start = performance.now();
    const events = await generate(storage, agency, REQUESTS);
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `generated ${REQUESTS.toLocaleString('en')} requests, ${events.toLocaleString('en')} events ` +
        `(${(events / REQUESTS).toFixed(2)} per request) in ${seconds.toFixed(1)} s → ${file}`,
    );
  } else console.log(`reusing the ledger in ${file}`);
  // Fresh planner statistics, as a database in use would have.
  await sql`analyze`.execute(storage.db);
  const concerned = (await storage.requests.reportRows([agency], YEAR)).length;
  console.log(
    `report year ${YEAR}: ${concerned.toLocaleString('en')} requests concern it; ${RUNS} runs each`,
  );

  const a = await time('(a) full replay', () => fullReplay(storage, agency));
  const a2 = await time('(a′) year replay', () => yearReplay(storage, agency));
  const c = await time('(c) cached lines', () => cachedLines(storage, agency));
  const b = await time('(b) aggregate', () => aggregate(storage, agency));
  const d = await time('(d) report build', async () => {
    const built = await buildAnnualReport(storage, systemActor('bench'), agency, YEAR);
    if (!built.ok) throw new Error(built.error.message);
    return built.value.report.requests;
  });

  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const reference = a.result.report.requests;
  const agree =
    same(reference, a2.result.report.requests) &&
    same(reference, c.result.report.requests) &&
    same(reference, b.result) &&
    same(reference, d.result) &&
    a.result.excluded.length === 0;
  console.log(
    agree
      ? 'all five give the same section 三 (no request excluded by the transitions)'
      : `MISMATCH (excluded by replay: ${a.result.excluded.length})`,
  );
  console.log(
    `section 三 ${YEAR}: 新收 ${reference.new?.[6]}, 上年结转 ${reference.carriedOver?.[6]}, ` +
      `办结 ${reference.total?.[6]}, 结转下年度 ${reference.carriedForward?.[6]}`,
  );
  if (!agree) process.exitCode = 1;
} finally {
  await storage.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
