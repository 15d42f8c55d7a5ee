/**
 * @module Migration 0003: the audit log becomes a hash chain (audit-chain.ts) and records who by
 * account, for which agency and from where.
 *
 * Entries written before keep their content and are chained here, in id order, as they stand (user,
 * agency and address null), so that a database from before verifies whole. The log's append-only
 * triggers refuse the UPDATE that takes: they are dropped for it and made again in the same
 * transaction (migrations run in one on both dialects), so no other writer ever sees the log open.
 * After the chaining every row has its hashes, and the hash columns refuse null from then on.
 *
 * agency_id and user_id are not foreign keys: the log records what was said at the time, and must
 * neither refuse an entry nor hold back a change elsewhere because of what it names.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { chainHash, GENESIS_HASH, type StoredRow, storedContent } from '../audit-chain.js';
import type { DialectHandle } from '../dialect.js';

/** audit_log as this migration finds it (frozen here: later schema changes must not reach back). */
interface Before {
  audit_log: {
    id: number;
    at: string;
    actor: string;
    action: string;
    subject: string;
    detail: string;
    prev_hash: string | null;
    hash: string | null;
  };
}

/** Rows read and updated per statement: 5 bound values a row, well under either dialect's cap. */
const BATCH = 500;

const NEW_COLUMNS = [
  ['user_id', 'integer'],
  ['agency_id', 'integer'],
  ['address', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
] as const;

/** Chains every existing entry in id order, a batch at a time (memory stays flat). */
async function chainExisting(db: Kysely<Before>): Promise<void> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor', 'action', 'subject', 'detail'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    const chained = rows.map((row: StoredRow) => {
      const content = storedContent(row);
      // Only an edit outside the application could have stored this: refuse to vouch for it.
      if (!content) throw new Error(`audit_log entry ${row.id}: detail is not JSON, cannot be chained`);
      const link = { id: content.id, prevHash, hash: chainHash(prevHash, content) };
      prevHash = link.hash;
      return link;
    });
    // One UPDATE per batch: a statement per row would take minutes for a long log on PostgreSQL.
    const cases = (pick: (link: (typeof chained)[number]) => string) =>
      sql`case id ${sql.join(
        chained.map((link) => sql`when ${link.id} then ${pick(link)}`),
        sql` `,
      )} end`;
    await sql`update audit_log set prev_hash = ${cases((l) => l.prevHash)}, hash = ${cases((l) => l.hash)}
      where id in (${sql.join(chained.map((l) => l.id))})`.execute(db);
    afterId = chained.at(-1)!.id;
  }
}

export function auditChain(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const [column, type] of NEW_COLUMNS)
        await db.schema.alterTable('audit_log').addColumn(column, type).execute();
      await dialect.dropAppendOnlyTrigger(db, 'audit_log');
      await chainExisting(db as Kysely<Before>);
      await dialect.appendOnlyTrigger(db, 'audit_log');
      await dialect.requireNotNull(db, 'audit_log', ['prev_hash', 'hash']);
      // The administrator's view: an agency's entries by time.
      await db.schema
        .createIndex('audit_log_by_agency_at')
        .on('audit_log')
        .columns(['agency_id', 'at', 'id'])
        .execute();
    },
  };
}
