/**
 * @module Migration 0013: the portal's own records (issue 11). portal_guides: each published version of
 * an agency's 政府信息公开指南 (条例第十二条), append-only — the latest is the guide, the earlier ones
 * stay as they were. visit_counts: the site's page views per day (访问量), a tally the server adds to.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function portalMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('portal_guides')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('guide', 'text', (c) => c.notNull())
        .addColumn('published_on', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('portal_guides_pk', ['agency_id', 'version'])
        .addCheckConstraint('portal_guides_version_positive', sql`version > 0`)
        .execute();
      await dialect.appendOnlyTrigger(db, 'portal_guides');

      await db.schema
        .createTable('visit_counts')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addCheckConstraint('visit_counts_positive', sql`count >= 0`)
        .execute();
    },
  };
}
