/**
 * @module Migration 0015: portal_rules, each published version of an agency's 政府信息公开制度 (its list
 * of rule documents, 条例第四条、第十七条、第四十五条), append-only as portal_guides is — the latest is
 * the agency's 制度, the earlier ones stay as they were.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function portalRulesMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('portal_rules')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('published_on', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('portal_rules_pk', ['agency_id', 'version'])
        .addCheckConstraint('portal_rules_version_positive', sql`version > 0`)
        .execute();
      await dialect.appendOnlyTrigger(db, 'portal_rules');
    },
  };
}
