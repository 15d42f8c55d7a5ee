/**
 * @module Migration 0010: 网上申请 (issue 11) — requests filed on the portal or forwarded by a
 * government-service platform, waiting for the office to confirm them (条例第三十一条(三)). Two
 * append-only tables: the application as submitted (online_applications: its 查询码, the agency, when,
 * the caller's idempotency key and a fingerprint of what was sent, the particulars as JSON) and the
 * office's one decision on it (online_application_decisions: confirmed into the ledger as a request, or
 * declined with a reason). Nothing is ever updated: the state is whether a decision row exists.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function onlineApplicationsMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('online_applications')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('submitted_on', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('particulars', 'text', (c) => c.notNull())
        .addCheckConstraint('online_applications_via', sql`via in ('portal', 'api')`)
        .execute();
      await db.schema
        .createIndex('online_applications_by_agency')
        .on('online_applications')
        .columns(['agency_id', 'submitted_at'])
        .execute();
      await dialect.appendOnlyTrigger(db, 'online_applications');

      await db.schema
        .createTable('online_application_decisions')
        .addColumn('code', 'text', (c) => c.primaryKey().references('online_applications.code'))
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('decided_on', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text', (c) => c.unique().references('disclosure_requests.id'))
        .addColumn('reason', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'online_application_decisions_shape',
          sql`(decision = 'confirmed' and request_id is not null) or (decision = 'declined' and request_id is null and reason is not null)`,
        )
        .execute();
      await dialect.appendOnlyTrigger(db, 'online_application_decisions');
    },
  };
}
