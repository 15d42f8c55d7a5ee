/**
 * @module Migration 0007: an agency marks a report year complete (年度报告已定稿) once its annual report
 * is final; a later correction that would change that year's figures is refused or, confirmed, becomes
 * a finding on that year's report. (A later issue freezes published reports; this is its first step.)
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function reportYears(_dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('report_years')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('completed_by', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_years_pk', ['agency_id', 'year'])
        .execute();
    },
  };
}
