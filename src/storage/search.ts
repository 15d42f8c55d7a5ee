/**
 * @module The portal's search index (migration 0011): one row per published item in search_items,
 * and its words and texts in the full-text indexes (SQLite: the FTS5 tables search_words and
 * search_chars; PostgreSQL: the tsvector column and the pg_trgm index). The words arrive already cut
 * (src/search/segment.ts), so storage needs no segmenter. A query is found through the indexes only:
 * its words in the word index, each phrase of three or more characters in the trigram index (exact,
 * Latin letters in either case), the filters on the row; newest first (doc_id), which both dialects
 * read straight off an index, so a page of a common word never sorts every match. Every value of a
 * query is a bound parameter, the words and phrases included (quoted for FTS5's query syntax, escaped
 * for LIKE).
 */
import { PostgresAdapter, type RawBuilder, type Selectable, sql } from 'kysely';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { ItemKind, Validity } from '../domain/catalogue/catalogue-item.js';
import type { SearchFilters } from '../domain/search/query.js';
import { PG_PHRASE_TEXT } from './migrations/0011-search.js';
import { atomic, type Clock, chunks } from './query-util.js';
import type { Executor, SearchItemsTable } from './schema.js';

/** A published item as the index holds it. */
export interface SearchDocument {
  readonly itemId: string;
  readonly agencyId: number;
  readonly indexNumber: string;
  readonly title: string;
  readonly publisher: string;
  readonly docNumber: string;
  readonly topic: string;
  readonly kind: ItemKind;
  readonly validity: Validity;
  readonly writtenOn: LocalDate;
  readonly publishedOn: LocalDate;
  readonly body: string;
  /** The text of the item's attachments (empty until attachments exist). */
  readonly attachmentText: string;
}

/**
 * The document with its words, cut by the segmenter: the title's (and 文号's), and the body's and
 * attachments'.
 */
export interface IndexedDocument extends SearchDocument {
  readonly titleWords: readonly string[];
  readonly textWords: readonly string[];
}

export interface SearchCriteria {
  /** Index words that must all occur (a query's words, cut). */
  readonly words: readonly string[];
  /** Texts of three or more characters that must all occur exactly. */
  readonly phrases: readonly string[];
  readonly filters: SearchFilters;
}

export type SearchHit = SearchDocument;

export interface SearchPage {
  readonly offset: number;
  readonly limit: number;
  readonly few?: boolean;
}

export interface SearchRepository {
  /** Indexes the item, or replaces what the index held of it (keeping its place in the order). */
  put(doc: IndexedDocument): Promise<void>;
  /**
   * Indexes items that are not in the index yet, many rows to a statement, in the order given (a
   * rebuild, the benchmark): what put would hold of each. One already in is refused (item_id is unique).
   */
  addMany(docs: readonly IndexedDocument[]): Promise<void>;
  /** Takes the item out of the index (withdrawn); nothing when it was not in. */
  remove(itemId: string): Promise<void>;
  /** How many items match, counting no further than `upTo`. */
  count(criteria: SearchCriteria, upTo: number): Promise<number>;
  /**
   * The matching items from `offset`, newest indexed first. `few`: the caller counted the matches and
   * there are not many, so reading them all through the full-text indexes and sorting is quicker
   * than walking the newest items until a page is found (PostgreSQL; SQLite's full-text tables give
   * their matches newest first either way).
   */
  find(criteria: SearchCriteria, page: SearchPage): Promise<SearchHit[]>;
  /** The database's plan for find (EXPLAIN QUERY PLAN / EXPLAIN), for the tests and the benchmark. */
  explain(criteria: SearchCriteria, page: SearchPage): Promise<string>;
  /** The ids of the items in the index, oldest first; only those of `agencyIds` when given. */
  itemIds(agencyIds?: readonly number[]): Promise<string[]>;
}

const MIN_PHRASE = 3;
/** PostgreSQL: the newest items a phrase of common pieces is first counted in (a few milliseconds). */
const PROBED_ITEMS = 5000;
/** …and at most this many in its second look (some 100 ms): beyond, the index is quicker. */
const MAX_PROBED_ITEMS = 25_000;
/** Rows to one multi-row insert: SQLite binds at most 32,766 parameters, search_items takes 15 a row. */
const ROWS_PER_INSERT = 500;

/** The text a phrase is looked for in: 名称, 文号, body and attachments, as PG_PHRASE_TEXT joins them. */
const phraseText = (d: SearchDocument) => [d.title, d.docNumber, d.body, d.attachmentText].join('\n');
/** PostgreSQL's tsvector needs each word once: positions are never asked of it. */
const distinctWords = (d: IndexedDocument) => [...new Set([...d.titleWords, ...d.textWords])].join(' ');

/** A term as FTS5's query syntax reads one string: in double quotes, inner quotes doubled. */
const ftsString = (s: string) => `"${s.replaceAll('"', '""')}"`;
/** A text LIKE finds anywhere, its own % _ and \ taken literally. */
const likeAnywhere = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function toHit(row: Selectable<SearchItemsTable>): SearchHit {
  return {
    itemId: row.item_id,
    agencyId: Number(row.agency_id),
    indexNumber: row.index_number,
    title: row.title,
    publisher: row.publisher,
    docNumber: row.doc_number,
    topic: row.topic,
    kind: row.kind as ItemKind,
    validity: row.validity as Validity,
    writtenOn: row.written_on as LocalDate,
    publishedOn: row.published_on as LocalDate,
    body: row.body,
    attachmentText: row.attachment_text,
  };
}

const HIT_COLUMNS = sql.raw(
  's.item_id, s.agency_id, s.index_number, s.title, s.publisher, s.doc_number, s.topic, s.kind, ' +
    's.validity, s.written_on, s.published_on, s.body, s.attachment_text',
);

function filterConditions(f: SearchFilters): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (f.agencyId !== undefined) out.push(sql`s.agency_id = ${f.agencyId}`);
  if (f.year !== undefined) out.push(sql`s.year = ${f.year}`);
  if (f.validity !== undefined) out.push(sql`s.validity = ${f.validity}`);
  if (f.topic !== undefined) out.push(sql`s.topic = ${f.topic}`);
  // 栏目: the catalogue's cached column of the item (migration 0016), the column or one below it.
  if (f.columns !== undefined)
    out.push(
      f.columns.length === 0
        ? sql`1 = 0`
        : sql`exists (select 1 from catalogue_items c where c.id = s.item_id and c.column_id in (${sql.join(f.columns)}))`,
    );
  return out;
}

const and = (conditions: readonly RawBuilder<unknown>[]) =>
  conditions.length === 0 ? sql`1 = 1` : sql.join(conditions, sql` and `);

/**
 * The query of the matches, newest first: `what` selected, `tail` after the order (limit, offset).
 * SQLite: driven by the word index when there are words (each phrase then checked on the trigram
 * index for that row), else by the trigram index; both give their rowids newest first without sorting.
 */
function sqliteQuery(
  c: SearchCriteria,
  what: RawBuilder<unknown>,
  tail: RawBuilder<unknown>,
  ordered: boolean | 'sorted',
) {
  const phrases = c.phrases.filter((p) => [...p].length >= MIN_PHRASE);
  const filters = filterConditions(c.filters);
  if (c.words.length > 0) {
    const checks = phrases.map(
      (p) =>
        sql`exists (select 1 from search_chars where search_chars.rowid = w.rowid and search_chars match ${ftsString(p)})`,
    );
    return sql`select ${what} from search_words w join search_items s on s.doc_id = w.rowid
      where search_words match ${c.words.map(ftsString).join(' ')} and ${and([...checks, ...filters])}
      ${ordered ? sql`order by w.rowid desc` : sql``} ${tail}`;
  }
  if (phrases.length === 0) throw new Error('search: a query needs a word or a phrase');
  return sql`select ${what} from search_chars w join search_items s on s.doc_id = w.rowid
    where search_chars match ${phrases.map(ftsString).join(' ')} and ${and(filters)}
    ${ordered ? sql`order by w.rowid desc` : sql``} ${tail}`;
}

/**
 * A phrase without letters that have a case (Chinese, digits, punctuation, spaces) is matched as
 * written: lower() maps nothing onto such characters, so the text holds it exactly when the
 * lower-cased text holds it lower-cased, and the check skips lower-casing every text it reads.
 */
const CASELESS = /^[\p{Script=Han}\p{N}\p{P}\p{Zs}]*$/u;

/**
 * The exact check of a phrase on an item's texts: ILIKE's meaning (PostgreSQL's ILIKE lower-cases
 * both sides in a UTF-8 database), written so that no index takes it: the trigram index is for phrases
 * of three characters, the four-character one for the rest.
 */
function holdsExactly(p: string): RawBuilder<unknown> {
  return CASELESS.test(p)
    ? sql`strpos(${PG_PHRASE_TEXT}, ${p}) > 0`
    : sql`strpos(lower(${PG_PHRASE_TEXT}), lower(${p})) > 0`;
}

/**
 * PostgreSQL: the tsvector's GIN index, the phrase indexes, or doc_id's order. A phrase of four
 * characters or more: through the index of four-character pieces (migration 0017) when counted or read
 * all and sorted — the items holding all of its pieces, then the exact check — and by the exact check
 * alone when walking the newest items (the pieces are never computed for a row). A phrase of three:
 * ILIKE through the trigram index, as it can be.
 */
function postgresQuery(
  c: SearchCriteria,
  what: RawBuilder<unknown>,
  tail: RawBuilder<unknown>,
  ordered: boolean | 'sorted',
  within?: RawBuilder<unknown>,
) {
  const phrases = c.phrases.filter((p) => [...p].length >= MIN_PHRASE);
  if (c.words.length === 0 && phrases.length === 0)
    throw new Error('search: a query needs a word or a phrase');
  const throughIndex = ordered !== true;
  const phraseConditions = phrases.flatMap((p) =>
    [...p].length < 4
      ? [sql`${PG_PHRASE_TEXT} ilike ${likeAnywhere(p)}`]
      : [
          ...(throughIndex ? [sql`search_quadgrams(${PG_PHRASE_TEXT}) @> search_quadgrams(${p}::text)`] : []),
          holdsExactly(p),
        ],
  );
  const conditions = [
    ...(c.words.length > 0 ? [sql`s.words @@ plainto_tsquery('simple', ${c.words.join(' ')})`] : []),
    ...phraseConditions,
    ...filterConditions(c.filters),
    ...(within ? [within] : []),
  ];
  // 'sorted': few matches, read through the GIN indexes and sorted (doc_id + 0 is no index's order);
  // else newest first along doc_id's index, which finds a page of a common word at once.
  const order =
    ordered === 'sorted' ? sql`order by s.doc_id + 0 desc` : ordered ? sql`order by s.doc_id desc` : sql``;
  return sql`select ${what} from search_items s where ${and(conditions)} ${order} ${tail}`;
}

export function searchRepository(db: Executor, clock: Clock): SearchRepository {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const query = postgres ? postgresQuery : sqliteQuery;

  const columnsOf = (d: IndexedDocument) => ({
    agency_id: d.agencyId,
    index_number: d.indexNumber,
    title: d.title,
    publisher: d.publisher,
    doc_number: d.docNumber,
    topic: d.topic,
    kind: d.kind,
    validity: d.validity,
    written_on: d.writtenOn,
    year: Number(d.writtenOn.slice(0, 4)),
    published_on: d.publishedOn,
    body: d.body,
    attachment_text: d.attachmentText,
    indexed_at: clock().toISOString(),
  });

  const docIdOf = async (trx: Executor, itemId: string) =>
    (await trx.selectFrom('search_items').select('doc_id').where('item_id', '=', itemId).executeTakeFirst())
      ?.doc_id;

  const unindexText = async (trx: Executor, docId: number) => {
    await sql`delete from search_words where rowid = ${docId}`.execute(trx);
    await sql`delete from search_chars where rowid = ${docId}`.execute(trx);
  };

  /**
   * PostgreSQL, a query read through the full-text indexes (a count, or few matches read and sorted):
   * the bitmaps of a common word or piece hold hundreds of thousands of rows, and past work_mem they
   * turn lossy, which makes the database check every row of a lossy page again (a tsvector read, the
   * pieces computed); 64 MB holds a bitmap of every row of a million. A phrase has no statistics the
   * planner could tell a rare one from a common one by (texts over 1 kB are not sampled), so it is
   * always read through its index, never by scanning the table. Words have theirs (the tsvector's):
   * the planner reads a word in most items off the table (forced through its index, 通知 took four
   * times as long), though it does not reckon with each row's tsvector read out of TOAST.
   */
  const throughIndexes = <T>(criteria: SearchCriteria, work: (trx: Executor) => Promise<T>) =>
    atomic(db, async (trx) => {
      await sql`set local work_mem = '64MB'`.execute(trx);
      if (criteria.phrases.length > 0) {
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_indexscan = off`.execute(trx);
      }
      return work(trx);
    });

  /**
   * Whether half or more of the phrases' four-character pieces are among those ANALYZE found most
   * common (pg_stats of search_items_quadgrams: a thousand pieces, each in some tenth of the items or
   * more at a million): the index then reads long lists of rows. False without statistics. Only a
   * choice of the way to count; the count is exact either way.
   */
  const commonPhrases = async (criteria: SearchCriteria): Promise<boolean> => {
    const long = criteria.phrases.filter((p) => [...p].length >= 4);
    if (long.length === 0 || long.length < criteria.phrases.length) return false;
    const { rows } = await sql<{ common: number | string; pieces: number | string }>`
      select count(*) filter (where piece = any (coalesce((
          select st.most_common_elems::text::text[] from pg_catalog.pg_stats st
          where st.schemaname = current_schema() and st.tablename = 'search_items_quadgrams'
            and st.most_common_elems is not null), '{}'))) as common,
        count(*) as pieces
      from unnest(search_quadgrams(${long.join('\n')}::text)) piece where piece not like ${'%\n%'}`.execute(
      db,
    );
    const common = Number(rows[0]?.common ?? 0);
    return common > 0 && common * 2 >= Number(rows[0]?.pieces ?? 0);
  };

  return {
    put: (doc) =>
      atomic(db, async (trx) => {
        const columns = columnsOf(doc);
        if (postgres) {
          const words = sql`to_tsvector('simple', ${distinctWords(doc)})`;
          await trx
            .insertInto('search_items')
            .values({ item_id: doc.itemId, ...columns, words } as never)
            .onConflict((oc) => oc.column('item_id').doUpdateSet({ ...columns, words } as never))
            .execute();
          return;
        }
        let docId = await docIdOf(trx, doc.itemId);
        if (docId === undefined) {
          docId = (
            await trx
              .insertInto('search_items')
              .values({ item_id: doc.itemId, ...columns })
              .returning('doc_id')
              .executeTakeFirstOrThrow()
          ).doc_id;
        } else {
          await trx.updateTable('search_items').set(columns).where('doc_id', '=', docId).execute();
          await unindexText(trx, docId);
        }
        await sql`insert into search_words (rowid, title, text)
          values (${docId}, ${doc.titleWords.join(' ')}, ${doc.textWords.join(' ')})`.execute(trx);
        await sql`insert into search_chars (rowid, text)
          values (${docId}, ${phraseText(doc)})`.execute(trx);
      }),

    addMany: (docs) =>
      atomic(db, async (trx) => {
        for (const part of chunks(docs, ROWS_PER_INSERT)) {
          if (postgres) {
            await trx
              .insertInto('search_items')
              .values(
                part.map(
                  (d) =>
                    ({
                      item_id: d.itemId,
                      ...columnsOf(d),
                      words: sql`to_tsvector('simple', ${distinctWords(d)})`,
                    }) as never,
                ),
              )
              .execute();
            continue;
          }
          const ids = await trx
            .insertInto('search_items')
            .values(part.map((d) => ({ item_id: d.itemId, ...columnsOf(d) })))
            .returning(['doc_id', 'item_id'])
            .execute();
          // RETURNING's order is not promised: each row is matched to its document by item_id.
          const docIdOf = new Map(ids.map((r) => [r.item_id, r.doc_id]));
          const rows = (f: (d: IndexedDocument) => RawBuilder<unknown>) => sql.join(part.map(f));
          await sql`insert into search_words (rowid, title, text) values ${rows(
            (d) => sql`(${docIdOf.get(d.itemId)}, ${d.titleWords.join(' ')}, ${d.textWords.join(' ')})`,
          )}`.execute(trx);
          await sql`insert into search_chars (rowid, text) values ${rows(
            (d) => sql`(${docIdOf.get(d.itemId)}, ${phraseText(d)})`,
          )}`.execute(trx);
        }
      }),

    remove: (itemId) =>
      atomic(db, async (trx) => {
        const docId = await docIdOf(trx, itemId);
        if (docId === undefined) return;
        if (!postgres) await unindexText(trx, docId);
        await trx.deleteFrom('search_items').where('doc_id', '=', docId).execute();
      }),

    async count(criteria, upTo) {
      // Unordered: the database may count from whichever index is cheapest.
      const matches = query(criteria, sql`1`, sql`limit ${upTo}`, false);
      const counted = sql<{ n: number | string }>`select count(*) as n from (${matches}) m`;
      if (!postgres) return Number((await counted.execute(db)).rows[0]?.n ?? 0);
      if (await commonPhrases(criteria)) {
        // Most pieces are in a tenth of the items or more: the index would hand over hundreds of
        // thousands of rows, when the newest few thousand items likely hold upTo matches already.
        // From what the first 5,000 hold, a second look takes as many more as should reach upTo.
        let probed = PROBED_ITEMS;
        for (let look = 0; look < 2; look++) {
          const newest = query(
            criteria,
            sql`1`,
            sql`limit ${upTo}`,
            true,
            sql`s.doc_id > (select max(doc_id) from search_items) - ${probed}`,
          );
          const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${newest}) m`.execute(
            db,
          );
          const held = Number(rows[0]?.n ?? 0);
          if (held >= upTo) return upTo;
          const wanted = Math.ceil(((probed * upTo) / Math.max(1, held)) * 1.3);
          if (held === 0 || wanted > MAX_PROBED_ITEMS) break;
          probed = wanted;
        }
      }
      return throughIndexes(criteria, async (trx) => Number((await counted.execute(trx)).rows[0]?.n ?? 0));
    },

    async find(criteria, page) {
      const found = query(
        criteria,
        HIT_COLUMNS,
        sql`limit ${page.limit} offset ${page.offset}`,
        page.few ? 'sorted' : true,
      );
      const { rows } =
        postgres && page.few
          ? await throughIndexes(criteria, (trx) => found.execute(trx))
          : await found.execute(db);
      return (rows as Selectable<SearchItemsTable>[]).map(toHit);
    },

    async explain(criteria, page) {
      const found = query(
        criteria,
        HIT_COLUMNS,
        sql`limit ${page.limit} offset ${page.offset}`,
        page.few ? 'sorted' : true,
      );
      const { rows } = await (postgres ? sql`explain ${found}` : sql`explain query plan ${found}`).execute(
        db,
      );
      return (rows as Record<string, unknown>[])
        .map((r) => String(r['QUERY PLAN'] ?? r.detail ?? JSON.stringify(r)))
        .join('\n');
    },

    async itemIds(agencyIds) {
      if (agencyIds === undefined) {
        const rows = await db.selectFrom('search_items').select('item_id').orderBy('doc_id').execute();
        return rows.map((r) => r.item_id);
      }
      const out: { doc_id: number; item_id: string }[] = [];
      for (const part of chunks(agencyIds))
        out.push(
          ...(await db
            .selectFrom('search_items')
            .select(['doc_id', 'item_id'])
            .where('agency_id', 'in', part)
            .execute()),
        );
      return out.sort((a, b) => a.doc_id - b.doc_id).map((r) => r.item_id);
    },
  };
}
