/**
 * @module PostgreSQL through a pg connection pool. Everything PostgreSQL-specific lives here: the
 * pool, the schema Kysely's migration bookkeeping goes in, the triggers' syntax.
 *
 * The schema in use is the connection's search_path: a URL may set it with
 * `?options=-c%20search_path%3Dname` (the tests do, one fresh schema per test).
 */
import {
  type ColumnDefinitionBuilder,
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';
import type pg from 'pg';
import type { DialectHandle, TransactionLocks } from '../dialect.js';
import type { Database, Executor } from '../schema.js';
import { NO_SCHEMA, redactDatabaseUrl } from '../url.js';

/** The driver, loaded when a database is opened rather than when the command line starts. */
async function driver(): Promise<typeof pg> {
  return (await import('pg')).default;
}

const KYSELY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/**
 * What Kysely's migrator asks of the database (does the schema exist, does the bookkeeping table exist),
 * answered for the connection's own schema only. Kysely's own introspector reads every schema of the
 * server and calls has_schema_privilege on each name, which fails ("schema … does not exist") when
 * another database on the same server drops its schema during the query: the tests do that all the
 * time, and a shared server may too. Only names are given (no columns): nothing else introspects.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_catalog.pg_namespace where nspname = current_schema()`.execute(this.db);
    return rows.map((r) => ({ name: r.name }));
  }

  async getTables(options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.db);
    return rows
      .filter((r) => options?.withInternalKyselyTables || !KYSELY_TABLES.has(r.name))
      .map((r) => ({ name: r.name, schema: r.schema, isView: r.kind === 'v', columns: [] }));
  }

  async getMetadata(options?: DatabaseMetadataOptions) {
    return { tables: await this.getTables(options) };
  }
}

/**
 * Transaction locks are advisory locks held to the transaction's end, keyed by the lock and the
 * schema: advisory locks are per database, and databases sharing one in different schemas (the
 * tests, a shared server) must not wait on each other. hashtext may collide; two schemas would
 * then only take turns.
 */
class LockingPostgresAdapter extends PostgresAdapter implements TransactionLocks {
  async lockTransaction(trx: Executor, lock: number): Promise<void> {
    await sql`select pg_advisory_xact_lock(${lock}::integer, hashtext(current_schema()))`.execute(trx);
  }
}

class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }

  override createAdapter(): PostgresAdapter {
    return new LockingPostgresAdapter();
  }
}

export async function openPostgres(url: string): Promise<DialectHandle> {
  const { Pool } = await driver();
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (a restart) must not crash the process: the pool discards
  // it and the next query opens a new one.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  let schema: string | null;
  try {
    ({ schema } = (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db))
      .rows[0] ?? { schema: null });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  if (!schema) {
    await db.destroy();
    throw Object.assign(
      new Error(`PostgreSQL: the search_path of ${redactDatabaseUrl(url)} names no existing schema`),
      { code: NO_SCHEMA },
    );
  }
  return {
    name: 'postgres',
    db,
    // Kysely looks for its bookkeeping tables in every schema unless told which: name ours, so that
    // databases sharing a server in different schemas never see each other's.
    migrationTableSchema: schema,
    autoIdColumn: (column: ColumnDefinitionBuilder) => column.primaryKey().generatedByDefaultAsIdentity(),
    async appendOnlyTrigger(on, table) {
      await sql
        .raw(
          `create or replace function gk_refuse_change() returns trigger language plpgsql as ` +
            `$$ begin raise exception '% is append-only', tg_table_name; end $$`,
        )
        .execute(on);
      await sql
        .raw(
          `create trigger ${table}_append_only before update or delete on ${table} ` +
            `for each row execute function gk_refuse_change()`,
        )
        .execute(on);
      await sql
        .raw(
          `create trigger ${table}_no_truncate before truncate on ${table} ` +
            `for each statement execute function gk_refuse_change()`,
        )
        .execute(on);
    },
    async dropAppendOnlyTrigger(on, table) {
      // The function stays: the other append-only tables' triggers call it too.
      for (const trigger of [`${table}_append_only`, `${table}_no_truncate`])
        await sql.raw(`drop trigger if exists ${trigger} on ${table}`).execute(on);
    },
    async requireNotNull(on, table, columns) {
      for (const column of columns)
        await sql.raw(`alter table ${table} alter column ${column} set not null`).execute(on);
    },
    close: () => db.destroy(),
  };
}

/**
 * Runs one statement on its own connection, outside any storage: creating and dropping the schemas
 * the tests use (test-dialects.ts).
 */
export async function runOnce(url: string, statement: string): Promise<void> {
  const { Client } = await driver();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The URL with the connection's search_path set to `schema`. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}
