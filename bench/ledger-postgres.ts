/**
 * Benchmark: a province-sized request ledger on PostgreSQL, section 三 aggregated for every agency.
 * Usage: npm run bench:ledger:pg [-- --agencies N] [--requests M] [--year Y] [--runs R] [--keep]
 *        [--url postgres://postgres@127.0.0.1:5432/test]
 *
 * Builds, in the schema gk_bench (dropped and made again by the migrations, unless --keep finds a
 * ledger there already):
 * - about N agencies (default 6,000) as one province: 省政府 and its 部门, 市 with their 部门 and 区县,
 *   区县 with their 部门 and 乡镇/街道;
 * - M requests (default 10,000,000) spread over them by level (a province office gets far more than a
 *   township), received 2020-01-01 … 2025-12-31, with the same mix of applicant kinds, histories and
 *   outcomes as bench/ledger-sqlite.ts, and their events (about 2.8 each); all generated on the server
 *   by INSERT … SELECT over generate_series, a million requests per statement pair. The derived columns
 *   (closed_on, closing_type, outcome) are written directly, as the domain's derive step would leave
 *   them: the closing event's date, type and outcome (Withdrawn → withdrawn, CorrectionLapsed →
 *   noCorrection, FeeLapsed → unpaidFee); whatever would happen after 2025-12-31 has not yet.
 *   Secondary indexes and foreign keys are dropped for the load and made again after it.
 *
 * Then it times aggregateRequestSections(db, Y) (default 2024) for every agency at once, R runs
 * (default 3), checks every agency's table (新收 + 上年结转 = 办结 + 结转下年度, and the province's 新收
 * against a plain count), and prints generation time, table sizes, the median and rows/s.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { OUTCOMES } from '../src/domain/requests/outcomes.js';
import { withSearchPath } from '../src/storage/dialects/postgres.js';
import {
  aggregateRequestSections,
  openDatabase,
  requestCountQuery,
  type Storage,
} from '../src/storage/index.js';
import { APPLICANT_MIX, DECISION_MIX, type Mix, PATH_MIX } from './ledger-mix.js';

const SCHEMA = 'gk_bench';
const { values: args } = parseArgs({
  options: {
    agencies: { type: 'string', default: '6000' },
    requests: { type: 'string', default: '10000000' },
    year: { type: 'string', default: '2024' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const TARGET_AGENCIES = Number(args.agencies);
const REQUESTS = Number(args.requests);
const YEAR = Number(args.year);
const RUNS = Number(args.runs);
const CHUNK = 1_000_000;

const seconds = (from: number) => (performance.now() - from) / 1000;
const fmt = (n: number) => n.toLocaleString('en');

// ── The province ────────────────────────────────────────────────────────────────────────────────

interface Shape {
  provinceDepts: number;
  cities: number;
  cityDepts: number;
  counties: number;
  countyDepts: number;
  towns: number;
}
const agencyCount = (s: Shape) =>
  1 + s.provinceDepts + s.cities * (1 + s.cityDepts + s.counties * (1 + s.countyDepts + s.towns));

/** A province of about `target` agencies: the usual fan-outs, cities scaled, shrunk for small targets. */
function shapeFor(target: number): Shape {
  const s: Shape = { provinceDepts: 40, cities: 1, cityDepts: 30, counties: 10, countyDepts: 25, towns: 12 };
  const perCity = agencyCount({ ...s, provinceDepts: 0, cities: 1 }) - 1;
  s.cities = Math.max(1, Math.round((target - 1 - s.provinceDepts) / perCity));
  const shrinkable = ['provinceDepts', 'cityDepts', 'countyDepts', 'towns', 'counties'] as const;
  while (agencyCount(s) > target) {
    const key = shrinkable.filter((k) => s[k] > (k === 'counties' ? 1 : 0)).sort((a, b) => s[b] - s[a])[0];
    if (!key) break;
    s[key] -= 1;
  }
  return s;
}

/** Requests per year an agency of each level receives, relative to a township's. */
const WEIGHT = { 省: 300, 省直部门: 40, 市: 120, 市直部门: 12, 区县: 30, 区县部门: 4, 乡镇: 2 } as const;
type Level = keyof typeof WEIGHT;

interface AgencyPlan {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly level: Level;
  readonly parentCode: string | null;
}

function province(s: Shape): AgencyPlan[][] {
  const levels: AgencyPlan[][] = [[], [], [], []];
  const add = (depth: number, a: AgencyPlan) => levels[depth]!.push(a);
  add(0, { code: 'P', name: '某省人民政府办公厅', kind: '省', level: '省', parentCode: null });
  for (let d = 0; d < s.provinceDepts; d++)
    add(1, { code: `P.D${d}`, name: `省直部门${d + 1}`, kind: '部门', level: '省直部门', parentCode: 'P' });
  for (let c = 0; c < s.cities; c++) {
    const city = `P.C${c}`;
    add(1, { code: city, name: `第${c + 1}市人民政府`, kind: '市', level: '市', parentCode: 'P' });
    for (let d = 0; d < s.cityDepts; d++)
      add(2, {
        code: `${city}.D${d}`,
        name: `第${c + 1}市部门${d + 1}`,
        kind: '部门',
        level: '市直部门',
        parentCode: city,
      });
    for (let k = 0; k < s.counties; k++) {
      const county = `${city}.K${k}`;
      add(2, {
        code: county,
        name: `第${c + 1}市第${k + 1}区县`,
        kind: '区县',
        level: '区县',
        parentCode: city,
      });
      for (let d = 0; d < s.countyDepts; d++)
        add(3, {
          code: `${county}.D${d}`,
          name: `第${c + 1}市第${k + 1}区县部门${d + 1}`,
          kind: '部门',
          level: '区县部门',
          parentCode: county,
        });
      for (let t = 0; t < s.towns; t++)
        add(3, {
          code: `${county}.T${t}`,
          name: `第${c + 1}市第${k + 1}区县第${t + 1}乡镇`,
          kind: '乡镇/街道',
          level: '乡镇',
          parentCode: county,
        });
    }
  }
  return levels;
}

/** Inserts the province level by level; returns each agency's id and level. */
async function insertAgencies(storage: Storage, levels: AgencyPlan[][]) {
  const ids = new Map<string, number>();
  const out: { id: number; level: Level }[] = [];
  const createdAt = new Date('2020-01-01T00:00:00Z').toISOString();
  for (const level of levels)
    for (let i = 0; i < level.length; i += 2000) {
      const part = level.slice(i, i + 2000);
      const rows = await storage.db
        .insertInto('agencies')
        .values(
          part.map((a) => ({
            name: a.name,
            code: `GKB-${a.code}`,
            kind: a.kind,
            parent_id: a.parentCode === null ? null : ids.get(a.parentCode)!,
            created_at: createdAt,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      for (const r of rows) ids.set(r.code!.slice(4), r.id);
      for (const a of part) out.push({ id: ids.get(a.code)!, level: a.level });
    }
  return out;
}

/** Splits `total` requests over the agencies by weight (largest remainder), as consecutive ranges. */
function plan(agencies: readonly { id: number; level: Level }[], total: number) {
  const weights = agencies.map((a) => WEIGHT[a.level]);
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]! += 1;
  }
  let first = 0;
  return agencies.map((a, i) => {
    const row = { agencyId: a.id, firstN: first, count: counts[i]! };
    first += counts[i]!;
    return row;
  });
}

// ── The requests and their events, generated on the server ───────────────────────────────────────

/** `CASE WHEN r < c1 THEN v1 … END` over cumulative weights, for a uniform r in [0, 1). */
function weightedCase(r: string, mix: Mix<string>): string {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const whens = mix.slice(0, -1).map(([v, w]) => {
    acc += w;
    return `when ${r} < ${(acc / total).toFixed(6)} then '${v}'`;
  });
  return `case ${whens.join(' ')} else '${mix[mix.length - 1]![0]}' end`;
}

const APPLICANT_KEY_MIX: Mix<string> = APPLICANT_MIX;
for (const [outcome] of DECISION_MIX)
  if (!OUTCOMES.some((o) => o.kind === outcome)) throw new Error(`not an outcome: ${outcome}`);

/** Uniform integer in [lo, hi] from the uniform column `r`. */
const between = (r: string, lo: number, hi: number) => `(${lo} + floor(${r} * ${hi - lo + 1})::int)`;

/**
 * Stage one chunk: per request its agency, kind, receipt date and path, the day offsets of up to three
 * events between receipt and closing (t1…t3, in order, no gaps) and of the closing event (tc).
 */
const STAGE = `
insert into bench_stage
select n, agency_id, kind, channel, recv, path,
  t1, t2, t3,
  case path
    when 'extended' then 'Extended' when 'corrected' then 'CorrectionRequested'
    when 'correctionLapsed' then 'CorrectionRequested' when 'thirdParty' then 'ThirdPartyConsultationStarted'
    when 'feePaid' then 'FeeNoticeSent' when 'feeLapsed' then 'FeeNoticeSent' end,
  case path when 'corrected' then 'CorrectionReceived' when 'thirdParty' then 'ThirdPartyConsultationEnded'
    when 'feePaid' then 'FeePaid' end,
  tc,
  case path when 'withdrawn' then 'Withdrawn' when 'correctionLapsed' then 'CorrectionLapsed'
    when 'feeLapsed' then 'FeeLapsed' when 'stuck' then null else 'Decided' end,
  case path when 'withdrawn' then 'withdrawn' when 'correctionLapsed' then 'noCorrection'
    when 'feeLapsed' then 'unpaidFee' when 'stuck' then null
    when 'corrected' then case when ro < 0.15 then 'unclearAfterCorrection' else decision end
    else decision end
from (
  select *,
    case path when 'decided' then a when 'withdrawn' then a - 1 when 'stuck' then null
      when 'extended' then t1 + b when 'corrected' then t2 + c when 'correctionLapsed' then t1 + 15 + b
      when 'thirdParty' then t2 + c when 'feePaid' then t2 + c when 'feeLapsed' then t1 + 44 + b end as tc
  from (
    select *,
      case path when 'decided' then null when 'withdrawn' then null when 'stuck' then null
        when 'extended' then 9 + (a % 11) when 'corrected' then 1 + (a % 4) when 'correctionLapsed' then 1 + (a % 4)
        when 'thirdParty' then 3 + (a % 8) else 5 + (a % 11) end as t1,
      case path when 'corrected' then 1 + (a % 4) + 2 + (b % 13) when 'thirdParty' then 3 + (a % 8) + 5 + (b % 16)
        when 'feePaid' then 5 + (a % 11) + 2 + (b % 19) end as t2,
      null::int as t3
    from (
      select n, agency_id,
        ${weightedCase('rk', APPLICANT_KEY_MIX)} as kind,
        ${weightedCase('rc', [
          ['online', 70],
          ['postOrdinary', 15],
          ['inPerson', 15],
        ])} as channel,
        date '2020-01-01' + floor(rr * (date '2025-12-31' - date '2020-01-01' + 1))::int as recv,
        ${weightedCase('rp', PATH_MIX)} as path,
        ${weightedCase('rd', DECISION_MIX)} as decision,
        ${between('ra', 1, 30)} as a, ${between('rb', 1, 25)} as b, ${between('rx', 1, 25)} as c, ro
      from (
        select p.agency_id, p.first_n + g.i as n, random() as rk, random() as rc, random() as rr,
          random() as rp, random() as rd, random() as ra, random() as rb, random() as rx, random() as ro
        from bench_plan p
        cross join lateral generate_series(greatest(0, $1::bigint - p.first_n), least(p.count, $2::bigint - p.first_n) - 1) g(i)
        where p.first_n < $2::bigint and p.first_n + p.count > $1::bigint
      ) draws
    ) picked
  ) offsets
) closing`;

/** An id shaped like the UUIDs the app makes, numbered so the load appends to the primary key. */
const ID = `'b0000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0')`;
const TODAY = `date '2025-12-31'`;
const present = (t: string) => `(${t} is not null and recv + ${t} <= ${TODAY})`;
/** A date as 'YYYY-MM-DD' (the session's DateStyle is set to ISO). */
const iso = (d: string) => `(${d})::text`;

const INSERT_REQUESTS = `
insert into disclosure_requests (id, agency_id, applicant_kind, applicant_name, content, channel, received_on,
  external_ref, created_at, last_seq, closed_on, closing_type, outcome)
select ${ID}, agency_id, kind, '申请人' || n, '申请公开本机关' || extract(year from recv) || '年度第' || n || '号事项的相关文件',
  channel, ${iso('recv')}, null, ${iso('recv')} || 'T01:00:00.000Z',
  1 + ${present('t1')}::int + ${present('t2')}::int + ${present('t3')}::int + ${present('tc')}::int,
  case when ${present('tc')} then ${iso('recv + tc')} end,
  case when ${present('tc')} then tc_type end,
  case when ${present('tc')} then outcome end
from bench_stage`;

/**
 * The event payload as the app stores a domain event (its fields, with `type` = `kind`), as JSON text
 * built by concatenation: every value is a fixed word, a number or a date, so nothing needs escaping,
 * and it is several times faster than json_build_object.
 */
const PAYLOAD = `'{"type":"' || e.type || '","kind":"' || e.type || '","at":"' || (recv + e.t)::text ||
  '","by":"staff-' || (n % 12 + 1) || '"' ||
  case e.type
    when 'Decided' then ',"outcome":"' || outcome || '"'
    when 'Extended' then ',"workingDays":20,"approver":"办公室主任"'
    when 'CorrectionRequested' then ',"items":"请明确所需信息的名称","dueBy":"' || (recv + e.t + 15)::text || '"'
    when 'ThirdPartyConsultationStarted' then ',"thirdParty":"某某有限公司"'
    when 'FeeNoticeSent' then ',"amount":"100.00","method":"perPiece"'
    else '' end || '}'`;

const INSERT_EVENTS = `
insert into request_events (request_id, seq, type, at, actor, reason, payload, recorded_at)
select ${ID}, e.seq, e.type, (recv + e.t)::text, 'staff-' || (n % 12 + 1), null, ${PAYLOAD},
  (recv + e.t)::text || 'T09:00:00.000Z'
from bench_stage
cross join lateral (values
  (1, 'Received', 0),
  (2, t1_type, t1),
  (3, t2_type, t2),
  (2 + (t1 is not null)::int + (t2 is not null)::int + (t3 is not null)::int, tc_type, tc)
) e(seq, type, t)
where e.t is not null and recv + e.t <= ${TODAY}`;

async function secondaryStructures(client: pg.Client) {
  const constraints = await client.query<{ tbl: string; name: string; def: string }>(
    `select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
     from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where n.nspname = $1 and c.contype in ('f', 'u')
       and c.conrelid::regclass::text in ('disclosure_requests', 'request_events')`,
    [SCHEMA],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = $1 and i.tablename in ('disclosure_requests', 'request_events')
       and not exists (select 1 from pg_constraint c join pg_namespace n on n.oid = c.connamespace
                       where n.nspname = $1 and c.conname = i.indexname)`,
    [SCHEMA],
  );
  return { constraints: constraints.rows, indexes: indexes.rows };
}

async function generate(storage: Storage, client: pg.Client) {
  const shape = shapeFor(TARGET_AGENCIES);
  const started = performance.now();
  const agencies = await insertAgencies(storage, province(shape));
  console.log(
    `agencies: ${fmt(agencies.length)} (1 省, ${shape.provinceDepts} 省直部门, ${shape.cities} 市 × ` +
      `${shape.cityDepts} 部门 + ${shape.counties} 区县 × (${shape.countyDepts} 部门 + ${shape.towns} 乡镇))`,
  );
  await client.query('set synchronous_commit = off');
  await client.query(`set datestyle = 'ISO, YMD'`);
  await client.query(`set maintenance_work_mem = '1GB'`);
  await client.query('select setseed(0.20241231)');
  await client.query('create temp table bench_plan (agency_id int, first_n bigint, count bigint)');
  const rows = plan(agencies, REQUESTS);
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    await client.query('insert into bench_plan select * from unnest($1::int[], $2::bigint[], $3::bigint[])', [
      part.map((r) => r.agencyId),
      part.map((r) => r.firstN),
      part.map((r) => r.count),
    ]);
  }
  await client.query(`create temp table bench_stage (n bigint, agency_id int, kind text, channel text,
    recv date, path text, t1 int, t2 int, t3 int, t1_type text, t2_type text, tc int, tc_type text, outcome text)`);

  // The load goes faster into bare tables: drop the secondary indexes, unique constraints and foreign
  // keys, and make them again afterwards from the same definitions.
  const { constraints, indexes } = await secondaryStructures(client);
  for (const c of constraints) await client.query(`alter table ${c.tbl} drop constraint ${c.name}`);
  for (const i of indexes) await client.query(`drop index ${i.name}`);

  let events = 0;
  for (let lo = 0; lo < REQUESTS; lo += CHUNK) {
    const hi = Math.min(REQUESTS, lo + CHUNK);
    await client.query('begin');
    await client.query('truncate bench_stage');
    let t = performance.now();
    await client.query(STAGE, [lo, hi]);
    const stage = seconds(t);
    t = performance.now();
    await client.query(INSERT_REQUESTS);
    const req = seconds(t);
    t = performance.now();
    events += (await client.query(INSERT_EVENTS)).rowCount ?? 0;
    const ev = seconds(t);
    await client.query('commit');
    process.stdout.write(
      `  ${fmt(hi)} requests, ${fmt(events)} events, ${seconds(started).toFixed(0)} s ` +
        `(this chunk: stage ${stage.toFixed(1)} s, requests ${req.toFixed(1)} s, events ${ev.toFixed(1)} s)\n`,
    );
  }
  const loaded = seconds(started);
  for (const i of indexes) await client.query(i.def);
  for (const c of constraints) await client.query(`alter table ${c.tbl} add constraint ${c.name} ${c.def}`);
  const indexed = seconds(started) - loaded;
  await client.query('vacuum (analyze) disclosure_requests');
  await client.query('vacuum (analyze) request_events');
  await client.query('vacuum (analyze) agencies');
  const total = seconds(started);
  console.log(
    `generated ${fmt(REQUESTS)} requests and ${fmt(events)} events (${(events / REQUESTS).toFixed(2)} per request) ` +
      `in ${total.toFixed(0)} s: load ${loaded.toFixed(0)} s, indexes and keys ${indexed.toFixed(0)} s, ` +
      `vacuum analyze ${(total - loaded - indexed).toFixed(0)} s`,
  );
}

async function sizes(client: pg.Client) {
  const { rows } = await client.query<{ tbl: string; n: string; heap: string; idx: string; total: string }>(
    `select t as tbl, (select reltuples::bigint from pg_class where oid = t::regclass)::text as n,
       pg_size_pretty(pg_table_size(t::regclass)) as heap, pg_size_pretty(pg_indexes_size(t::regclass)) as idx,
       pg_size_pretty(pg_total_relation_size(t::regclass)) as total
     from unnest(array['agencies', 'disclosure_requests', 'request_events']) t`,
  );
  for (const r of rows)
    console.log(
      `  ${r.tbl.padEnd(20)} ~${fmt(Number(r.n)).padStart(12)} rows  table ${r.heap.padStart(8)}  indexes ${r.idx.padStart(8)}  total ${r.total.padStart(8)}`,
    );
  const db = await client.query<{ s: string }>(
    `select pg_size_pretty(sum(pg_total_relation_size(c.oid))) as s from pg_class c
     join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 't', 'm')`,
    [SCHEMA],
  );
  console.log(`  schema ${SCHEMA}: ${db.rows[0]?.s}`);
}

// ── Run ────────────────────────────────────────────────────────────────────────────────────────

const admin = new pg.Client({ connectionString: args.url });
await admin.connect();
const existing = await admin.query(
  `select 1 from information_schema.tables where table_schema = $1 and table_name = 'disclosure_requests'`,
  [SCHEMA],
);
const reuse = args.keep && (existing.rowCount ?? 0) > 0;
if (!reuse) {
  await admin.query(`drop schema if exists ${SCHEMA} cascade`);
  await admin.query(`create schema ${SCHEMA}`);
}
await admin.end();

const url = withSearchPath(args.url, SCHEMA);
const storage = await openDatabase(url);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const server = await client.query<{ v: string }>(
    `select current_setting('server_version') || ', shared_buffers ' || current_setting('shared_buffers') ||
       ', work_mem ' || current_setting('work_mem') || ', max_parallel_workers_per_gather ' ||
       current_setting('max_parallel_workers_per_gather') as v`,
  );
  console.log(`PostgreSQL ${server.rows[0]?.v}`);
  if (reuse) console.log(`reusing the ledger in schema ${SCHEMA} (--keep)`);
  else await generate(storage, client);
  await sizes(client);

  const requests = Number(
    (await client.query<{ n: string }>('select count(*)::text as n from disclosure_requests')).rows[0]!.n,
  );
  const agencyCount = Number(
    (await client.query<{ n: string }>('select count(*)::text as n from agencies')).rows[0]!.n,
  );
  // The plan of the query as the module sends it (node lines only).
  const query = requestCountQuery(storage.db, YEAR).compile();
  const explained = await client.query<{ 'QUERY PLAN': string }>(`explain ${query.sql}`, [
    ...query.parameters,
  ]);
  console.log(
    `plan: ${explained.rows
      .map((r) => r['QUERY PLAN'])
      .filter((line) => line.includes('(cost='))
      .map((line) => line.replace(/^\s*(->\s*)?/, '').replace(/ {2}\(cost.*$/, ''))
      .join(' ← ')}`,
  );

  const times: number[] = [];
  let tables: Awaited<ReturnType<typeof aggregateRequestSections>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    tables = await aggregateRequestSections(storage.db, YEAR);
    times.push(seconds(start));
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  console.log(
    `aggregate ${YEAR}, every agency at once: median ${median.toFixed(2)} s ` +
      `(runs ${times.map((t) => t.toFixed(2)).join(', ')} s); ${fmt(tables!.size)} agencies with requests; ` +
      `${fmt(Math.round(requests / median))} requests/s over the whole table`,
  );

  // One agency through its index, as `report build` would ask: the agency with the most requests.
  const biggest = await client.query<{ agency_id: number; n: string; name: string }>(
    `select r.agency_id, count(*)::text as n, a.name from disclosure_requests r join agencies a on a.id = r.agency_id
     group by r.agency_id, a.name order by count(*) desc limit 1`,
  );
  const one = biggest.rows[0]!;
  const oneTimes: number[] = [];
  for (let i = 0; i < Math.max(RUNS, 5); i++) {
    const start = performance.now();
    await aggregateRequestSections(storage.db, YEAR, [one.agency_id]);
    oneTimes.push(performance.now() - start);
  }
  const oneMedian = [...oneTimes].sort((a, b) => a - b)[Math.floor(oneTimes.length / 2)]!;
  console.log(
    `aggregate ${YEAR}, one agency (${one.name}, ${fmt(Number(one.n))} requests): median ${oneMedian.toFixed(0)} ms ` +
      `(runs ${oneTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
  );

  // Checks: R1 per agency, and the province's 本年新收 against a plain count.
  let newTotal = 0;
  for (const [id, t] of tables!) {
    const sum = (row: keyof typeof t) => t[row]?.[6] ?? 0;
    if (sum('new') + sum('carriedOver') !== sum('total') + sum('carriedForward'))
      throw new Error(`agency ${id}: 新收 + 上年结转 ≠ 办结 + 结转下年度`);
    newTotal += sum('new');
  }
  const direct = await sql<{ n: string }>`select count(*) as n from disclosure_requests
    where received_on between ${`${YEAR}-01-01`} and ${`${YEAR}-12-31`}`.execute(storage.db);
  if (Number(direct.rows[0]!.n) !== newTotal) throw new Error(`新收 ${newTotal} ≠ ${direct.rows[0]!.n}`);
  console.log(
    `checked: every agency's 新收 + 上年结转 = 办结 + 结转下年度; province 新收 ${fmt(newTotal)} = a plain count ` +
      `(${fmt(agencyCount)} agencies in the ledger)`,
  );
} finally {
  await client.end();
  await storage.close();
}
