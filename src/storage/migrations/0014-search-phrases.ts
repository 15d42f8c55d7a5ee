/**
 * @module Migration 0014: PostgreSQL finds a phrase of four characters or more through its
 * four-character pieces (issue 11's search benchmark). The trigram index of 0011 gave every item that
 * holds a phrase's three-character pieces anywhere, and in a catalogue of government texts those are
 * in most items (县市场监, 工作要): at a million items a phrase's count read hundreds of thousands of
 * texts to find a thousand that hold it (p95 1.8 s). search_items_quadgrams indexes each text's
 * four-character pieces (search_quadgrams: every four consecutive characters of its lower-case form,
 * overlapping), and a phrase is looked for among the items holding all of its pieces — which every
 * item holding the phrase does, so none is missed — then checked exactly on the text. The pieces are
 * kept in the index alone (an expression index), never in the table. SQLite needs nothing: its FTS5
 * trigram table keeps positions, so it answers a phrase from the index itself.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';
import { PG_PHRASE_TEXT } from './0011-search.js';

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
    },
  };
}
