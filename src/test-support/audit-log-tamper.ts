/**
 * @module For the audit log's tests only: reaching the database as an attacker holding the file (or
 * the server's credentials) would, around the application, and opening one as an earlier version of
 * the code left it. Both go through the dialect handle directly, below openDatabase.
 */
import type { Kysely } from 'kysely';
import type { DialectHandle } from '../storage/dialect.js';
import { openPostgres } from '../storage/dialects/postgres.js';
import { openSqlite } from '../storage/dialects/sqlite.js';
import type { Database } from '../storage/schema.js';
import { parseStorageUrl } from '../storage/url.js';

/** The dialect handle for a URL, not migrated: the caller migrates (or not) and closes it. */
export async function openHandle(url: string): Promise<DialectHandle> {
  const target = parseStorageUrl(url);
  return target.dialect === 'postgres' ? openPostgres(target.url) : openSqlite(target.path);
}

/**
 * Drops the audit log's append-only triggers, as anyone able to run SQL on the database can, then
 * runs `tamper` (raw UPDATE, DELETE …) on a connection of its own.
 */
export async function tamperAuditLog(
  url: string,
  tamper: (db: Kysely<Database>) => Promise<void>,
): Promise<void> {
  const handle = await openHandle(url);
  try {
    await handle.dropAppendOnlyTrigger(handle.db as unknown as Kysely<unknown>, 'audit_log');
    await tamper(handle.db);
  } finally {
    await handle.close();
  }
}
