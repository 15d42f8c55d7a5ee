/**
 * @module Migration 0008: the headers an administrator adds to the register importer's table of
 * synonyms (表头同义词), for registers whose column names the built-in table does not know.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function registerHeaders(_dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('register_headers')
        .addColumn('header', 'text', (c) => c.primaryKey())
        .addColumn('column_key', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
