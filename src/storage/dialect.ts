/**
 * @module What the rest of src/storage needs from a dialect. Everything that differs between SQLite
 * and PostgreSQL is behind this interface, in dialects/sqlite.ts and dialects/postgres.ts; every query
 * and every migration outside those two files is written once.
 */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectHandle {
  readonly name: DialectName;
  readonly db: Kysely<Database>;
  /** Where Kysely's migration bookkeeping lives (PostgreSQL: the schema in use; SQLite: none). */
  readonly migrationTableSchema: string | undefined;
  /** An integer primary key the database numbers itself (AUTOINCREMENT / IDENTITY). */
  autoIdColumn(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Makes a table refuse UPDATE and DELETE (a trigger), for the append-only logs. */
  appendOnlyTrigger(db: Kysely<unknown>, table: string): Promise<void>;
  close(): Promise<void>;
}
