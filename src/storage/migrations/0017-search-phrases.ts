/**
 * @module Migration 0017: PostgreSQL's search made quick at a million items (issue 11's benchmark).
 * - Phrases of four characters or more. The trigram index of 0011 gave every item that holds a
 *   phrase's three-character pieces anywhere, and in a catalogue of government texts those are in most
 *   items (县市场, 工作要): a phrase's count read hundreds of thousands of texts to find a thousand
 *   that hold it (p95 1.8 s). search_items_quadgrams indexes each text's four-character pieces
 *   (search_quadgrams: every four consecutive characters of its lower-case form), and a phrase is looked
 *   for among the items holding all of its pieces — as every item holding the phrase does, so none is
 *   missed — then checked exactly on the text. The pieces are kept in the index alone (an expression
 *   index), never in the table. The trigram index stays, for phrases of three characters.
 * - The agency filter. search_items_words becomes a GIN index over (agency_id, words) — btree_gin
 *   (postgresql-contrib, beside pg_trgm) gives integers a GIN operator class — so that a common word
 *   in one agency is found by one index scan that skips through the word's entries along the agency's,
 *   where two bitmaps were read and intersected. It still serves the words alone.
 * SQLite needs neither: its FTS5 trigram table keeps positions, so it answers a phrase from the index
 *   itself, and its word table gives matches newest first for the agency's check.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';
import { PG_PHRASE_TEXT } from './0011-search.js';

/** Creates the extension if the database has it not, in public when there is one (as 0011 does). */
async function ensureExtension(db: Kysely<unknown>, name: string): Promise<void> {
  // Two databases of one server migrating at once must not both create it.
  await sql`select pg_advisory_xact_lock(hashtext(${`gongkai: create extension ${name}`}))`.execute(db);
  const found = await sql`select 1 from pg_catalog.pg_extension where extname = ${name}`.execute(db);
  if (found.rows.length > 0) return;
  const { rows } = await sql<{ schema: string }>`
    select coalesce((select nspname from pg_catalog.pg_namespace where nspname = 'public'),
                    current_schema()) as schema`.execute(db);
  await sql`create extension if not exists ${sql.id(name)} with schema ${sql.id(rows[0]!.schema)}`.execute(
    db,
  );
}

export function searchPhrasesMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect.name !== 'postgres') return;
      // The pieces that start at the 1st, 5th, 9th… character, then at the 2nd, 6th…, the 3rd and the
      // 4th: four passes of a regular expression over the text, where substr at every position would
      // walk the UTF-8 from the start each time (a hundred times slower on a body of 600 characters;
      // a capture inside a look-ahead, which would give them in one pass, PostgreSQL leaves empty).
      // '.' takes a line break too: the texts are joined by them. A text shorter than four has none.
      await sql`create function search_quadgrams(t text) returns text[]
          language sql immutable strict parallel safe
          as $$ select array(select m[1] from generate_series(1, 4) k,
                                  regexp_matches(substr(lower(t), k), '(.{4})', 'g') m) $$`.execute(db);
      await sql`create index search_items_quadgrams on search_items
          using gin (search_quadgrams(${PG_PHRASE_TEXT}))`.execute(db);
      await ensureExtension(db, 'btree_gin');
      await sql`drop index search_items_words`.execute(db);
      await sql`create index search_items_words on search_items using gin (agency_id, words)`.execute(db);
    },
  };
}
