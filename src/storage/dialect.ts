/**
 * @module What the rest of src/storage needs from a dialect. Everything that differs between SQLite
 * and PostgreSQL is behind this interface, in dialects/sqlite.ts and dialects/postgres.ts; every query
 * and every migration outside those two files is written once.
 */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Database, Executor } from './schema.js';

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
  /** Takes appendOnlyTrigger's triggers away again: for a migration that must rewrite a log's rows. */
  dropAppendOnlyTrigger(db: Kysely<unknown>, table: string): Promise<void>;
  /**
   * Makes columns added to an existing table refuse null from now on (PostgreSQL: NOT NULL; SQLite,
   * which cannot add NOT NULL to a column without rebuilding the table: a trigger refusing the insert).
   */
  requireNotNull(db: Kysely<unknown>, table: string, columns: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * What a repository, which holds only an Executor, may ask of the dialect behind it. Each dialect's
 * Kysely adapter implements it (dialects/*.ts), so that repositories stay written once.
 */
export interface TransactionLocks {
  /** See lockTransaction. */
  lockTransaction(trx: Executor, lock: number): Promise<void>;
}

/**
 * Until the transaction `trx` ends, every other transaction that takes the same `lock` (a 32-bit
 * integer naming what is locked) waits: for a read-then-write that must not interleave, such as
 * chaining onto the audit log's last entry. Databases in different PostgreSQL schemas do not wait on
 * each other; on SQLite a writing transaction already holds the database's one write lock.
 */
export function lockTransaction(trx: Executor, lock: number): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockTransaction needs a transaction');
  const adapter = trx.getExecutor().adapter as unknown as Partial<TransactionLocks>;
  if (!adapter.lockTransaction) throw new Error('lockTransaction: not a database opened by openDatabase');
  return adapter.lockTransaction(trx, lock);
}
