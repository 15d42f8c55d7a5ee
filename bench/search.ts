/**
 * Benchmark: the portal's search over a generated catalogue, on SQLite and on PostgreSQL.
 * Usage: npm run bench:search [-- --items N] [--dialect sqlite|postgres|both] [--queries Q]
 *        [--url postgres://postgres@127.0.0.1:5432/test] [--dir DIR]
 *
 * For each dialect: a fresh database (SQLite: a file in a new temporary directory, or under --dir;
 * PostgreSQL: the schema gk_bench_search, dropped and made again), 36 agencies (a county, 20 部门, 15
 * 乡镇), N published items (default 1,000,000; bench/search-corpus.ts: titles of 15–40 characters,
 * bodies of 200–600, a vocabulary of government words drawn with a skew) as catalogue rows, then the
 * search index built through the repository (storage.search.put, 2,000 items a transaction), the words
 * cut by jieba as the catalogue's use cases cut them. On PostgreSQL the two GIN indexes are dropped for
 * the load and made again after it (what a rebuild would do), then VACUUM ANALYZE; on SQLite the FTS5
 * tables are merged ('optimize') and ANALYZE run. It prints the build's steps, the index's size, and
 * the latency of publicSearch (the count, up to 1,001, and the first page of ten with highlighted
 * snippets) for Q queries (default 300) of each kind: one word, two words, a quoted phrase of 4–8
 * characters taken from a generated body, and one word with the agency filter; p50, p95 and max.
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
  },
});
const N = Number(args.items);
const QUERIES = Number(args.queries);
const SEED = 11;
const BATCH = 2000;
const SCHEMA = 'gk_bench_search';

const seconds = (from: number) => (performance.now() - from) / 1000;
const fmt = (n: number) => n.toLocaleString('en');
const mb = (bytes: number) => `${fmt(Math.round(bytes / 2 ** 20))} MB`;
const log = (line: string) => console.log(line);

interface Built {
  readonly agencies: number[];
  /** Bodies kept to take phrases from. */
  readonly samples: string[];
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

async function build(storage: Storage): Promise<Built> {
  const agencies = await addAgencies(storage);
  const samples: string[] = [];
  const every = Math.max(1, Math.floor(N / 2000));
  let catalogueSeconds = 0;
  let segmentSeconds = 0;
  let indexSeconds = 0;
  const started = performance.now();
  for (let from = 0; from < N; from += BATCH) {
    const docs: SearchDocument[] = [];
    const rows: Insertable<CatalogueItemsTable>[] = [];
    for (let i = from; i < Math.min(N, from + BATCH); i++) {
      const g = generatedItem(SEED, i);
      if (i % every === 0) samples.push(g.body);
      const agencyId = agencies[i % agencies.length]!;
      const r = random(i)();
      const writtenOn = `${g.year}-0${1 + (i % 9)}-1${i % 10}` as LocalDate;
      const publishedOn = `${g.year}-0${1 + (i % 9)}-2${i % 10}` as LocalDate;
      const id = `bench-${i}`;
      const indexNumber = `BENCH${agencyId}/${g.year}-${String(i).padStart(7, '0')}`;
      const validity = validityOf(r);
      rows.push({
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
      });
      docs.push({
        itemId: id,
        agencyId,
        indexNumber,
        title: g.title,
        publisher: '示范县人民政府',
        docNumber: g.docNumber,
        topic: g.topic,
        kind: 'other' as const,
        validity,
        writtenOn,
        publishedOn,
        body: g.body,
        attachmentText: '',
      });
    }
    let t = performance.now();
    await storage.transaction(async () => {
      for (let k = 0; k < rows.length; k += 500)
        await storage.db
          .insertInto('catalogue_items')
          .values(rows.slice(k, k + 500))
          .execute();
    });
    catalogueSeconds += seconds(t);
    t = performance.now();
    const indexed = docs.map(withWords);
    segmentSeconds += seconds(t);
    t = performance.now();
    await storage.transaction(async (tx) => {
      for (const doc of indexed) await tx.search.put(doc);
    });
    indexSeconds += seconds(t);
    if ((from / BATCH) % 50 === 0)
      process.stderr.write(`  ${fmt(from + indexed.length)} items, ${seconds(started).toFixed(0)} s\n`);
  }
  log(`catalogue rows (not part of the index): ${catalogueSeconds.toFixed(1)} s`);
  log(`segmentation (jieba cutForSearch): ${segmentSeconds.toFixed(1)} s`);
  log(`index writes (storage.search.put): ${indexSeconds.toFixed(1)} s`);
  return { agencies, samples };
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
  for (const [kind, list] of Object.entries(kinds)) {
    const times: number[] = [];
    const totals: number[] = [];
    for (const q of list) {
      const t = performance.now();
      const found = await publicSearch(
        storage,
        q.q,
        q.agencyId === undefined ? {} : { agencyId: q.agencyId },
      );
      times.push(performance.now() - t);
      if (!found.ok) throw new Error(`${q.q}: ${found.error.message}`);
      totals.push(found.value.total + (found.value.more ? 1 : 0));
    }
    times.sort((a, b) => a - b);
    totals.sort((a, b) => a - b);
    log(
      `| ${kind} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 95).toFixed(1)} ms | ${times.at(-1)!.toFixed(1)} ms | ${fmt(percentile(totals, 50))} |`,
    );
  }
  const plan = (q: { words: string[]; phrases: string[] }) =>
    storage.search.explain({ ...q, filters: {} }, { offset: 0, limit: 10 });
  log(`plan, one word:\n${await plan({ words: ['调休'], phrases: [] })}`);
  log(`plan, phrase:\n${await plan({ words: [], phrases: ['宅基地管理'] })}`);
}

async function sqliteRun(): Promise<void> {
  const dir = args.dir ?? mkdtempSync(join(tmpdir(), 'gongkai-search-bench-'));
  const file = join(dir, 'search.db');
  rmSync(file, { force: true });
  const storage = await openDatabase(`sqlite:${file}`);
  try {
    log(`\n## SQLite, ${fmt(N)} items (${file})`);
    const t = performance.now();
    const built = await build(storage);
    const o = performance.now();
    await sql`insert into search_words (search_words) values ('optimize')`.execute(storage.db);
    await sql`insert into search_chars (search_chars) values ('optimize')`.execute(storage.db);
    await sql`analyze`.execute(storage.db);
    log(`optimize + analyze: ${seconds(o).toFixed(1)} s; index build in all: ${seconds(t).toFixed(1)} s`);
    await sql`pragma wal_checkpoint(truncate)`.execute(storage.db);
    const sizes = await sql<{ name: string; bytes: number }>`
      select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc`.execute(storage.db);
    const of = (prefix: string) =>
      sizes.rows.filter((r) => r.name.startsWith(prefix)).reduce((s, r) => s + Number(r.bytes), 0);
    log(
      `sizes: search_words (FTS5, jieba words) ${mb(of('search_words'))}; search_chars (FTS5 trigram) ${mb(of('search_chars'))}; ` +
        `search_items (rows with their texts, and its indexes) ${mb(of('search_items') + of('sqlite_autoindex_search_items'))}; ` +
        `catalogue_items ${mb(of('catalogue_items') + of('sqlite_autoindex_catalogue_items'))}; file ${mb(statSync(file).size)}`,
    );
    await measure(storage, built);
  } finally {
    await storage.close();
    if (!args.dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresRun(): Promise<void> {
  await runOnce(args.url, `drop schema if exists ${SCHEMA} cascade`);
  await runOnce(args.url, `create schema ${SCHEMA}`);
  const storage = await openDatabase(withSearchPath(args.url, SCHEMA));
  try {
    log(`\n## PostgreSQL, ${fmt(N)} items (schema ${SCHEMA})`);
    const trgm = (
      await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
        join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(storage.db)
    ).rows[0]!.schema;
    await sql`drop index search_items_words`.execute(storage.db);
    await sql`drop index search_items_phrases`.execute(storage.db);
    const t = performance.now();
    const built = await build(storage);
    let s = performance.now();
    await sql`set maintenance_work_mem = '1GB'`.execute(storage.db);
    await sql`create index search_items_words on search_items using gin (words)`.execute(storage.db);
    log(`GIN index on words: ${seconds(s).toFixed(1)} s`);
    s = performance.now();
    await sql`create index search_items_phrases on search_items
      using gin (${PG_PHRASE_TEXT} ${sql.id(trgm, 'gin_trgm_ops')})`.execute(storage.db);
    log(`GIN trigram index on the texts: ${seconds(s).toFixed(1)} s`);
    s = performance.now();
    await sql`vacuum analyze search_items`.execute(storage.db);
    log(`vacuum analyze: ${seconds(s).toFixed(1)} s; index build in all: ${seconds(t).toFixed(1)} s`);
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
      `sizes: search_items_words (GIN, jieba words) ${mb(await size('search_items_words'))}; ` +
        `search_items_phrases (GIN trigram) ${mb(await size('search_items_phrases'))}; ` +
        `search_items table with TOAST and all indexes ${mb(total)}`,
    );
    await measure(storage, built);
  } finally {
    await storage.close();
    await runOnce(args.url, `drop schema if exists ${SCHEMA} cascade`);
  }
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
log(machineLine());
log(`uptime: ${uptime()}`);
if (args.dialect === 'sqlite' || args.dialect === 'both') await sqliteRun();
if (args.dialect === 'postgres' || args.dialect === 'both') await postgresRun();
log(machineLine());
log(`uptime: ${uptime()}`);
