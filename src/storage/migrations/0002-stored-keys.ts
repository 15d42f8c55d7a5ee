/**
 * @module Migration 0002: stored values become keys, and each request row gets its schedule.
 *
 * Until now `applicant_kind` and `channel` held display labels (自然人, 当面 …), so a label change would
 * have changed what the report counts; from here on they hold the code's keys (natural, inPerson …),
 * and labels live with the presenters. The maps below are frozen copies of the labels as they were
 * written: a migration must not follow later edits of the code's constants.
 *
 * The schedule columns are a cache for the back office's inbox (待办), which sorts and pages open
 * requests in SQL: the described state, the reply due date and whether it is provisional (a pause still
 * runs, so the date moves on each day), as the ledger computed them on `schedule_on`. The ledger fills
 * them when an event is recorded and refreshes rows that are stale (never computed, or provisional and
 * computed before today) before it lists; nothing here can compute them (that needs the calendar).
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

const APPLICANT_KINDS: Readonly<Record<string, string>> = {
  自然人: 'natural',
  商业企业: 'commercial',
  科研机构: 'research',
  社会公益组织: 'publicInterest',
  法律服务机构: 'legalService',
  其他: 'other',
};

const CHANNELS: Readonly<Record<string, string>> = {
  当面: 'inPerson',
  '邮寄（签收）': 'postSigned',
  平信: 'postOrdinary',
  网上: 'online',
  传真: 'fax',
  电子邮件: 'email',
  未记载: 'unrecorded',
};

async function relabel(
  db: Kysely<unknown>,
  column: 'applicant_kind' | 'channel',
  map: Record<string, string>,
) {
  for (const [label, key] of Object.entries(map))
    await sql`update disclosure_requests set ${sql.ref(column)} = ${key} where ${sql.ref(column)} = ${label}`.execute(
      db,
    );
}

export function storedKeys(_dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await relabel(db, 'applicant_kind', APPLICANT_KINDS);
      await relabel(db, 'channel', CHANNELS);
      await db.schema.alterTable('disclosure_requests').addColumn('state', 'text').execute();
      await db.schema.alterTable('disclosure_requests').addColumn('due_on', 'text').execute();
      await db.schema
        .alterTable('disclosure_requests')
        .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('disclosure_requests').addColumn('schedule_on', 'text').execute();
      // The inbox: an agency's open requests by due date. Partial, so closed requests (most of a
      // ledger after a few years) cost the index nothing.
      await db.schema
        .createIndex('disclosure_requests_open_by_due')
        .on('disclosure_requests')
        .columns(['agency_id', 'due_on', 'received_on', 'id'])
        .where(sql.ref('closed_on'), 'is', null)
        .execute();
    },
  };
}
