/**
 * @module PostgreSQL through a pg connection pool. Everything PostgreSQL-specific lives here: the
 * pool, the schema Kysely's migration bookkeeping goes in, the triggers' syntax.
 *
 * The schema in use is the connection's search_path: a URL may set it with
 * `?options=-c%20search_path%3Dname` (the tests do, one fresh schema per test).
 */
import { type ColumnDefinitionBuilder, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DialectHandle } from '../dialect.js';
import type { Database } from '../schema.js';

export async function openPostgres(url: string): Promise<DialectHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (a restart) must not crash the process: the pool discards
  // it and the next query opens a new one.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
    throw new Error(`PostgreSQL: the search_path of ${redact(url)} names no existing schema`);
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
    close: () => db.destroy(),
  };
}

/**
 * Runs one statement on its own connection, outside any storage: creating and dropping the schemas
 * the tests use (test-dialects.ts).
 */
export async function runOnce(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
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

/** The URL without its password, for error messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database URL';
  }
}
