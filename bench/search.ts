/**
 * Benchmark: the portal's search over a generated catalogue, on SQLite and on PostgreSQL.
 * Usage: npm run bench:search [-- --items N] [--dialect sqlite|postgres|both] [--queries Q]
 *        [--url postgres://postgres@127.0.0.1:5432/test] [--dir DIR] [--keep] [--reuse]
 *
 * For each dialect a fresh database (SQLite: search.db in a new temporary directory, or under --dir;
 * PostgreSQL: the schema gk_bench_search, dropped and made again) with 36 agencies (a county, 20 部门,
 * 15 乡镇) and N published items (default 1,000,000; bench/search-corpus.ts: titles of 15–40
 * characters, bodies of 200–600, a vocabulary of government words drawn with a skew). The load runs the
 * databases side by side: each batch of 5,000 items is generated and cut by jieba once (cutForSearch,
 * as the catalogue's use cases cut), then written to each database in one transaction — its catalogue
 * rows and the index through storage.search.addMany (multi-row inserts) — with progress and the time
 * left on stderr. On PostgreSQL the three GIN indexes are dropped for the load and made again after it
 * (what a rebuild would do), then VACUUM ANALYZE; on SQLite the FTS5 tables are merged ('optimize') and
 * ANALYZE run. It prints each step's time, the index's sizes, and the latency of publicSearch (the
 * count, up to 1,001, and the first page of ten with highlighted snippets) for Q queries (default 300)
 * of each kind: one word, two words, a quoted phrase of 4–8 characters taken from a generated body, and
 * one word with the agency filter; p50, p95 and max, and the slowest queries of a kind that misses 50 ms.
 * --keep keeps the databases (SQLite under --dir); --reuse measures databases already holding N items
 * again without building them (opening them runs any new migration).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Insertable, sql } from 'kysely';
import type { LocalDate } from '../src/domain/calendar/local-date.js';
import type { Validity } from '../src/domain/catalogue/catalogue-item.js';
import { publicSearch, withWords } from '../src/search/index.js';
import { runOnce, withSearchPath } from '../src/storage/dialects/postgres.js';
import { openDatabase, type SearchDocument, type Storage } from '../src/storage/index.js';
import { PG_PHRASE_TEXT } from '../src/storage/migrations/0011-search.js';
import { chunks } from '../src/storage/query-util.js';
import type { CatalogueItemsTable } from '../src/storage/schema.js';
import { machineLine } from './bench-support.js';
import { generatedItem, ONE_WORDS, random } from './search-corpus.js';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    dialect: { type: 'string', default: 'both' },
    queries: { type: 'string', default: '300' },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
});
const N = Number(args.items);
const QUERIES = Number(args.queries);
const SEED = 11;
const BATCH = 5000;
const SCHEMA = 'gk_bench_search';
const dialects = args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect];
if (args.reuse && !args.dir && dialects.includes('sqlite')) throw new Error('--reuse needs --dir for SQLite');

const seconds = (from: number) => (performance.now() - from) / 1000;
const fmt = (n: number) => n.toLocaleString('en');
const mb = (bytes: number) => `${fmt(Math.round(bytes / 2 ** 20))} MB`;
const log = (line: string) => console.log(line);
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const progress = (line: string) => process.stderr.write(`${line}\n`);

interface Built {
  readonly agencies: number[];
  /** Bodies kept to take phrases from. */
  readonly samples: string[];
}

/** A database under test: its storage, whether it is to be built, and its share of the load's time. */
interface Target {
  readonly name: 'SQLite' | 'PostgreSQL';
  readonly storage: Storage;
  readonly build: boolean;
  /** Seconds of catalogue rows and of index writes, this target's alone. */
  catalogueSeconds: number;
  indexSeconds: number;
  /** After the load: the index merged or made, and ANALYZE; sizes printed. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

async function addAgencies(storage: Storage): Promise<number[]> {
  const county = await storage.agencies.add({ name: '示范县人民政府', kind: '区县' });
  const ids = [county.id];
  for (let i = 1; i <= 20; i++)
    ids.push((await storage.agencies.add({ name: `示范县第${i}局`, kind: '部门', parentId: county.id })).id);
  for (let i = 1; i <= 15; i++)
    ids.push(
      (await storage.agencies.add({ name: `示范县第${i}镇`, kind: '乡镇/街道', parentId: county.id })).id,
    );
  return ids;
}

const validityOf = (r: number): Validity => (r < 0.85 ? '有效' : r < 0.95 ? '已修改' : '已废止');

/** Bodies to take phrases from: every (N / 2000)th item's, the same whether built now or reused. */
function samples(): string[] {
  const every = Math.max(1, Math.floor(N / 2000));
  const out: string[] = [];
  for (let i = 0; i < N; i += every) out.push(generatedItem(SEED, i).body);
  return out;
}

/** The item number i: its catalogue row and its document, agencies[i % 36]. */
function itemOf(i: number, agencies: readonly number[]) {
  const g = generatedItem(SEED, i);
  const agencyId = agencies[i % agencies.length]!;
  const writtenOn = `${g.year}-0${1 + (i % 9)}-1${i % 10}` as LocalDate;
  const publishedOn = `${g.year}-0${1 + (i % 9)}-2${i % 10}` as LocalDate;
  const id = `bench-${i}`;
  const indexNumber = `BENCH${agencyId}/${g.year}-${String(i).padStart(7, '0')}`;
  const validity = validityOf(random(i)());
  const row: Insertable<CatalogueItemsTable> = {
    id,
    agency_id: agencyId,
    created_at: '2026-01-01T00:00:00.000Z',
    last_seq: 2,
    status: 'published',
    kind: 'other',
    title: g.title,
    written_on: writtenOn,
    published_on: publishedOn,
    repealed_on: validity === '已废止' ? publishedOn : null,
    validity,
    index_number: indexNumber,
  };
  const doc: SearchDocument = {
    itemId: id,
    agencyId,
    indexNumber,
    title: g.title,
    publisher: '示范县人民政府',
    docNumber: g.docNumber,
    topic: g.topic,
    kind: 'other',
    validity,
    writtenOn,
    publishedOn,
    body: g.body,
    attachmentText: '',
  };
  return { row, doc };
}

/**
 * The load: each batch of BATCH items generated and cut by jieba once, then written to every target
 * being built (catalogue rows and search.addMany in one transaction per batch and target).
 */
async function load(targets: readonly Target[]): Promise<void> {
  const building = targets.filter((t) => t.build);
  if (building.length === 0) return;
  const agencies = await addAgencies(building[0]!.storage);
  for (const t of building.slice(1)) {
    const same = await addAgencies(t.storage);
    if (same.join() !== agencies.join()) throw new Error('the agencies differ between the databases');
  }
  let generateSeconds = 0;
  let segmentSeconds = 0;
  const started = performance.now();
  let reported = started;
  for (let from = 0; from < N; from += BATCH) {
    let t = performance.now();
    const items = [];
    for (let i = from; i < Math.min(N, from + BATCH); i++) items.push(itemOf(i, agencies));
    generateSeconds += seconds(t);
    t = performance.now();
    const indexed = items.map((it) => withWords(it.doc));
    segmentSeconds += seconds(t);
    const rows = items.map((it) => it.row);
    for (const target of building) {
      await target.storage.transaction(async (tx) => {
        t = performance.now();
        for (const part of chunks(rows, 500))
          await target.storage.db.insertInto('catalogue_items').values(part).execute();
        target.catalogueSeconds += seconds(t);
        t = performance.now();
        await tx.search.addMany(indexed);
        target.indexSeconds += seconds(t);
      });
    }
    const done = from + indexed.length;
    if (performance.now() - reported > 30_000 || done === N) {
      reported = performance.now();
      const elapsed = seconds(started);
      progress(
        `  ${fmt(done)} / ${fmt(N)} items, ${elapsed.toFixed(0)} s, about ${((elapsed / done) * (N - done)).toFixed(0)} s left ` +
          `(jieba ${segmentSeconds.toFixed(0)} s; ${building.map((b) => `${b.name} ${b.catalogueSeconds.toFixed(0)} + ${b.indexSeconds.toFixed(0)} s`).join(', ')}; load ${uptime().replace(/.*load average: /, '')})`,
      );
    }
  }
  log(`load of ${fmt(N)} items in ${seconds(started).toFixed(1)} s:`);
  log(
    `  generated: ${generateSeconds.toFixed(1)} s; segmentation (jieba cutForSearch, once for every database): ${segmentSeconds.toFixed(1)} s`,
  );
  for (const b of building)
    log(
      `  ${b.name}: catalogue rows (not part of the index) ${b.catalogueSeconds.toFixed(1)} s; index writes (search.addMany) ${b.indexSeconds.toFixed(1)} s`,
    );
}

async function holds(storage: Storage): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from search_items`.execute(
    storage.db,
  );
  return Number(rows[0]!.n);
}

async function sqliteTarget(): Promise<Target> {
  const dir = args.dir ?? mkdtempSync(join(tmpdir(), 'gongkai-search-bench-'));
  const file = join(dir, 'search.db');
  if (!args.reuse) rmSync(file, { force: true });
  let storage = await openDatabase(`sqlite:${file}`);
  const build = (await holds(storage)) !== N;
  if (build && args.reuse) {
    await storage.close();
    rmSync(file, { force: true });
    storage = await openDatabase(`sqlite:${file}`);
  }
  log(`\nSQLite: ${file}${build ? '' : ` (reused: it holds ${fmt(N)} items)`}`);
  return {
    name: 'SQLite',
    storage,
    build,
    catalogueSeconds: 0,
    indexSeconds: 0,
    async finish() {
      if (build) {
        const o = performance.now();
        await sql`insert into search_words (search_words) values ('optimize')`.execute(storage.db);
        await sql`insert into search_chars (search_chars) values ('optimize')`.execute(storage.db);
        await sql`analyze`.execute(storage.db);
        log(`SQLite optimize + analyze: ${seconds(o).toFixed(1)} s`);
        await sql`pragma wal_checkpoint(truncate)`.execute(storage.db);
      }
      const sizes = await sql<{ name: string; bytes: number }>`
        select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc`.execute(storage.db);
      const of = (prefix: string) =>
        sizes.rows.filter((r) => r.name.startsWith(prefix)).reduce((s, r) => s + Number(r.bytes), 0);
      log(
        `SQLite sizes: search_words (FTS5, jieba words) ${mb(of('search_words'))}; search_chars (FTS5 trigram) ${mb(of('search_chars'))}; ` +
          `search_items (rows with their texts, and its indexes) ${mb(of('search_items') + of('sqlite_autoindex_search_items'))}; ` +
          `catalogue_items ${mb(of('catalogue_items') + of('sqlite_autoindex_catalogue_items'))}; file ${mb(statSync(file).size)}`,
      );
    },
    async close() {
      await storage.close();
      if (!args.dir && !args.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const url = withSearchPath(args.url, SCHEMA);
  if (!args.reuse) await runOnce(args.url, `drop schema if exists ${SCHEMA} cascade`);
  await runOnce(args.url, `create schema if not exists ${SCHEMA}`);
  let storage = await openDatabase(url);
  const build = (await holds(storage)) !== N;
  if (build && args.reuse) {
    await storage.close();
    await runOnce(args.url, `drop schema if exists ${SCHEMA} cascade`);
    await runOnce(args.url, `create schema ${SCHEMA}`);
    storage = await openDatabase(url);
  }
  log(`\nPostgreSQL: schema ${SCHEMA}${build ? '' : ` (reused: it holds ${fmt(N)} items)`}`);
  const trgm = (
    await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
      join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(storage.db)
  ).rows[0]!.schema;
  // The GIN indexes are made after the load, as a rebuild would: far quicker than kept up row by row.
  if (build) {
    await sql`drop index search_items_words`.execute(storage.db);
    await sql`drop index search_items_phrases`.execute(storage.db);
    await sql`drop index search_items_quadgrams`.execute(storage.db);
  }
  return {
    name: 'PostgreSQL',
    storage,
    build,
    catalogueSeconds: 0,
    indexSeconds: 0,
    async finish() {
      if (build) {
        const t = performance.now();
        let s = t;
        await sql`set maintenance_work_mem = '1GB'`.execute(storage.db);
        await sql`create index search_items_words on search_items using gin (agency_id, words)`.execute(
          storage.db,
        );
        log(`PostgreSQL GIN index on (agency, words): ${seconds(s).toFixed(1)} s`);
        s = performance.now();
        await sql`create index search_items_phrases on search_items
          using gin (${PG_PHRASE_TEXT} ${sql.id(trgm, 'gin_trgm_ops')})`.execute(storage.db);
        log(`PostgreSQL GIN trigram index on the texts: ${seconds(s).toFixed(1)} s`);
        s = performance.now();
        await sql`create index search_items_quadgrams on search_items
          using gin (search_quadgrams(${PG_PHRASE_TEXT}))`.execute(storage.db);
        log(`PostgreSQL GIN index of the texts' four-character pieces: ${seconds(s).toFixed(1)} s`);
        s = performance.now();
        await sql`vacuum analyze search_items`.execute(storage.db);
        log(
          `PostgreSQL vacuum analyze: ${seconds(s).toFixed(1)} s; indexes in all: ${seconds(t).toFixed(1)} s`,
        );
      }
      const size = async (name: string) =>
        Number(
          (await sql<{ n: string }>`select pg_relation_size(${name}::regclass) as n`.execute(storage.db))
            .rows[0]!.n,
        );
      const total = Number(
        (await sql<{ n: string }>`select pg_total_relation_size('search_items') as n`.execute(storage.db))
          .rows[0]!.n,
      );
      log(
        `PostgreSQL sizes: search_items_words (GIN, jieba words) ${mb(await size('search_items_words'))}; ` +
          `search_items_phrases (GIN trigram) ${mb(await size('search_items_phrases'))}; ` +
          `search_items_quadgrams (GIN, four-character pieces) ${mb(await size('search_items_quadgrams'))}; ` +
          `search_items table with TOAST and all indexes ${mb(total)}`,
      );
    },
    async close() {
      await storage.close();
      if (!args.keep) await runOnce(args.url, `drop schema if exists ${SCHEMA} cascade`);
    },
  };
}

interface Query {
  readonly q: string;
  readonly agencyId?: number;
}

function queries(built: Built): Record<string, Query[]> {
  const r = random(4242);
  const word = () => ONE_WORDS[Math.floor(r() * ONE_WORDS.length)]!;
  const phrase = () => {
    for (;;) {
      const body = [...built.samples[Math.floor(r() * built.samples.length)]!];
      const length = 4 + Math.floor(r() * 5);
      const at = Math.floor(r() * (body.length - length));
      const p = body.slice(at, at + length).join('');
      if (!/["“”\s]/.test(p)) return `"${p}"`;
    }
  };
  const make = (f: () => Query) => Array.from({ length: QUERIES }, f);
  return {
    'one word': make(() => ({ q: word() })),
    'two words': make(() => ({ q: `${word()} ${word()}` })),
    'phrase (4–8 characters, quoted)': make(() => ({ q: phrase() })),
    'one word + agency filter': make(() => ({
      q: word(),
      agencyId: built.agencies[Math.floor(r() * built.agencies.length)]!,
    })),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(storage: Storage, built: Built): Promise<void> {
  const kinds = queries(built);
  // Warm-up: the first queries read the indexes from disk.
  for (const q of kinds['one word']!.slice(0, 30)) await publicSearch(storage, q.q);
  log('| query | p50 | p95 | max | matches (median, counted up to 1,001) |');
  log('|---|---|---|---|---|');
  const slow: string[] = [];
  for (const [kind, list] of Object.entries(kinds)) {
    const runs: { ms: number; total: number; q: Query }[] = [];
    for (const q of list) {
      const t = performance.now();
      const found = await publicSearch(
        storage,
        q.q,
        q.agencyId === undefined ? {} : { agencyId: q.agencyId },
      );
      const ms = performance.now() - t;
      if (!found.ok) throw new Error(`${q.q}: ${found.error.message}`);
      runs.push({ ms, total: found.value.total + (found.value.more ? 1 : 0), q });
    }
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const totals = runs.map((r) => r.total).sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    log(
      `| ${kind} | ${percentile(times, 50).toFixed(1)} ms | ${p95.toFixed(1)} ms | ${times.at(-1)!.toFixed(1)} ms | ${fmt(percentile(totals, 50))} |`,
    );
    if (p95 >= 50)
      slow.push(
        `slowest of ${kind}: ${runs
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 8)
          .map((r) => `${r.q.q} ${r.ms.toFixed(0)} ms (${fmt(r.total)})`)
          .join('; ')}`,
      );
  }
  for (const line of slow) log(line);
  const plan = (q: { words: string[]; phrases: string[] }) =>
    storage.search.explain({ ...q, filters: {} }, { offset: 0, limit: 10 });
  log(`plan, one word:\n${await plan({ words: ['调休'], phrases: [] })}`);
  log(`plan, phrase:\n${await plan({ words: [], phrases: ['宅基地管理'] })}`);
}

log(machineLine());
log(`uptime: ${uptime()}`);
const targets: Target[] = [];
if (dialects.includes('sqlite')) targets.push(await sqliteTarget());
if (dialects.includes('postgres')) targets.push(await postgresTarget());
try {
  const started = performance.now();
  await load(targets);
  for (const t of targets) await t.finish();
  if (targets.some((t) => t.build)) log(`build in all: ${seconds(started).toFixed(1)} s`);
  const agencies = (
    await targets[0]!.storage.db.selectFrom('agencies').select('id').orderBy('id').execute()
  ).map((r) => Number(r.id));
  const phrases = samples();
  for (const t of targets) {
    log(`\n## ${t.name}, ${fmt(N)} items; ${machineLine()}`);
    await measure(t.storage, { agencies, samples: phrases });
  }
} finally {
  for (const t of targets) await t.close();
}
log(machineLine());
log(`uptime: ${uptime()}`);
