/**
 * @module Migration 0011: the portal's full-text search (issue 11, part 3). search_items holds each
 * published item as the search shows it (metadata, body, and attachment_text — empty until attachments
 * exist — numbered by doc_id in the order first indexed), kept in step with the catalogue by the
 * transaction that changes the item. The words are jieba's (src/search/segment.ts), handed in already
 * cut, so that two-character words (调休, 征收) are index entries:
 * - SQLite: search_words, an FTS5 table (unicode61 over the cut words; detail=none, since words are
 *   only ever looked up, never as phrases) and search_chars, an FTS5 trigram table over the texts as
 *   written (名称, 文号, body, attachments), for exact phrases of three characters or more; both contentless (the texts are in
 *   search_items), their rowid the doc_id.
 * - PostgreSQL: search_items.words, a tsvector of the same words ('simple' configuration), with a GIN
 *   index; and a pg_trgm GIN index over the texts for the phrases (ILIKE). pg_trgm (postgresql-contrib)
 *   is created if the database has it not, in the schema public when there is one: an extension
 *   lives once per database, and a schema that is dropped (the tests drop theirs) must not take it
 *   along.
 * Items published before this migration are not in the index until search/reindex.ts runs
 * (reindexPublished): a migration cannot run the segmenter.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

/** The texts a phrase is looked for in, one expression for the index and the queries (PostgreSQL). */
export const PG_PHRASE_TEXT = sql`(title || chr(10) || doc_number || chr(10) || body || chr(10) || attachment_text)`;

async function trigramSchema(db: Kysely<unknown>): Promise<string> {
  // Two databases of one server migrating at once must not both create the extension.
  await sql`select pg_advisory_xact_lock(hashtext('gongkai: create extension pg_trgm'))`.execute(db);
  const found = await sql<{ schema: string }>`
    select n.nspname as schema from pg_catalog.pg_extension e
    join pg_catalog.pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  if (found.rows[0]) return found.rows[0].schema;
  const { rows } = await sql<{ schema: string }>`
    select coalesce((select nspname from pg_catalog.pg_namespace where nspname = 'public'),
                    current_schema()) as schema`.execute(db);
  const schema = rows[0]!.schema;
  await sql`create extension if not exists pg_trgm with schema ${sql.id(schema)}`.execute(db);
  return schema;
}

export function searchMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      let table = db.schema
        .createTable('search_items')
        .addColumn('doc_id', 'integer', (c) => dialect.autoIdColumn(c))
        .addColumn('item_id', 'text', (c) => c.notNull().unique().references('catalogue_items.id'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('index_number', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('publisher', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('validity', 'text', (c) => c.notNull())
        .addColumn('written_on', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('published_on', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('attachment_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('indexed_at', 'text', (c) => c.notNull())
        .addCheckConstraint('search_items_validity', sql`validity in ('有效', '已修改', '已废止')`);
      if (dialect.name === 'postgres') table = table.addColumn('words', sql`tsvector`, (c) => c.notNull());
      await table.execute();
      // An agency's items, newest first: the agency filter walks this when the words are common.
      await db.schema
        .createIndex('search_items_by_agency')
        .on('search_items')
        .columns(['agency_id', 'doc_id'])
        .execute();

      if (dialect.name === 'sqlite') {
        await sql`create virtual table search_words using fts5(
            title, text, tokenize = 'unicode61', content = '', contentless_delete = 1, detail = none)`.execute(
          db,
        );
        await sql`create virtual table search_chars using fts5(
            text, tokenize = 'trigram', content = '', contentless_delete = 1)`.execute(db);
      } else {
        const trgm = await trigramSchema(db);
        await sql`create index search_items_words on search_items using gin (words)`.execute(db);
        await sql`create index search_items_phrases on search_items
            using gin (${PG_PHRASE_TEXT} ${sql.id(trgm, 'gin_trgm_ops')})`.execute(db);
      }
    },
  };
}
