/**
 * @module SQLite through better-sqlite3 (version 12: 13 needs Node 22 and crashes on Node 20).
 * Everything SQLite-specific lives here: the pragmas, BEGIN IMMEDIATE, the triggers' syntax.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import {
  type ColumnDefinitionBuilder,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
  sql,
} from 'kysely';
import type { DialectHandle, TransactionLocks } from '../dialect.js';
import type { Database } from '../schema.js';

/**
 * How long a writer waits for another process's write lock before giving up with SQLITE_BUSY: long
 * enough for another command's ordinary import (a register of some thousand rows) to commit, so that
 * two operators working at once take turns instead of one being refused. GONGKAI_SQLITE_BUSY_TIMEOUT_MS
 * sets it (a script that prefers to fail fast; the tests).
 */
const BUSY_TIMEOUT_MS = 15_000;

function busyTimeout(): number {
  const text = process.env.GONGKAI_SQLITE_BUSY_TIMEOUT_MS?.trim();
  return text && /^\d{1,9}$/.test(text) ? Number(text) : BUSY_TIMEOUT_MS;
}

/**
 * Kysely's driver opens transactions with a plain (deferred) BEGIN, which takes the write lock only at
 * the first write: a transaction that reads, then writes can then fail at once with SQLITE_BUSY when
 * another process wrote in between, whatever the busy timeout. BEGIN IMMEDIATE takes the write lock
 * up front, so concurrent writers queue on the busy timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite runs DDL inside transactions, so a migration that fails half-way leaves nothing behind. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter implements TransactionLocks {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  /** Nothing to take: BEGIN IMMEDIATE (above) gave the transaction the database's one write lock. */
  async lockTransaction(): Promise<void> {}
}

class GongkaiSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Kysely prepares every query afresh; statements are reusable, so keep the recent ones. */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (!statement) {
        if (cache.size >= 500) cache.clear();
        statement = database.prepare(text) as unknown as SqliteStatement;
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * Where npm's install put the driver's addon. Named to the driver (its `nativeBinding` option) because
 * its own search, the `bindings` package, stats a dozen paths and walks a stack trace first: a
 * twentieth of a short command's start-up. Anywhere else (a Debug build), the driver searches.
 */
function addonPath(): string | undefined {
  try {
    const path = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Opens (creating if need be) the SQLite file at `path`, or an in-memory database for ':memory:'. */
export async function openSqlite(path: string): Promise<DialectHandle> {
  // The driver (a native addon) loads when a database is opened, not when the command line starts.
  const { default: Sqlite } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  // `timeout` is SQLite's busy timeout (sqlite3_busy_timeout), the same as PRAGMA busy_timeout.
  const database = new Sqlite(path, { timeout: busyTimeout(), nativeBinding: addonPath() });
  // Write-ahead log: readers never block the writer and the writer never blocks readers.
  database.pragma('journal_mode = WAL');
  // synchronous=FULL: a commit returns only after the WAL is fsynced. In WAL mode NORMAL already
  // survives the process being killed (the WAL is in the OS page cache), but a power cut or an OS
  // crash can lose the last commits that were reported as done. A request's receipt date starts a
  // statutory deadline, so a write we told someone about must survive that too; the price is one
  // fsync per transaction, which bulk imports avoid by batching many rows in one transaction.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new GongkaiSqliteDialect({ database: withStatementCache(database) }),
  });
  return {
    name: 'sqlite',
    db,
    migrationTableSchema: undefined,
    autoIdColumn: (column: ColumnDefinitionBuilder) => column.primaryKey().autoIncrement(),
    async appendOnlyTrigger(on, table) {
      for (const operation of ['update', 'delete']) {
        await sql
          .raw(
            `create trigger ${table}_no_${operation} before ${operation} on ${table} ` +
              `begin select raise(abort, '${table} is append-only'); end`,
          )
          .execute(on);
      }
    },
    async dropAppendOnlyTrigger(on, table) {
      for (const operation of ['update', 'delete'])
        await sql.raw(`drop trigger if exists ${table}_no_${operation}`).execute(on);
    },
    async requireNotNull(on, table, columns) {
      for (const column of columns)
        await sql
          .raw(
            `create trigger ${table}_${column}_not_null before insert on ${table} ` +
              `when new.${column} is null ` +
              `begin select raise(abort, 'NOT NULL constraint failed: ${table}.${column}'); end`,
          )
          .execute(on);
    },
    close: () => db.destroy(),
  };
}
