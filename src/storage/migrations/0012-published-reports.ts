/**
 * @module Migration 0012: 政府信息公开年报 published on the portal (issue 11). One append-only table,
 * published_reports: each published version of an agency's annual report for a year — the report as
 * report JSON (docs/report-json.md), frozen; where it came from (built from the ledger, or a file read
 * by the report reader, with the file's name and SHA-256); the publication date and who published it;
 * and, for a correction (version 2 and after), why. Nothing is ever updated or deleted: the current
 * version of a year is its highest, and the earlier ones stay, shown as superseded.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function publishedReportsMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('published_reports')
        .addColumn('id', 'integer', (c) => dialect.autoIdColumn(c))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('report_json', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text')
        .addColumn('file_sha256', 'text')
        .addColumn('published_on', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('published_reports_version', ['agency_id', 'year', 'version'])
        .addCheckConstraint('published_reports_version_positive', sql`version > 0`)
        .addCheckConstraint('published_reports_source', sql`source in ('ledger', 'file')`)
        .addCheckConstraint(
          'published_reports_file',
          sql`(source = 'file' and file_name is not null and file_sha256 is not null) or (source = 'ledger' and file_name is null and file_sha256 is null)`,
        )
        .addCheckConstraint(
          'published_reports_reason',
          sql`(version = 1 and reason is null) or (version > 1 and reason is not null)`,
        )
        .addCheckConstraint('published_reports_published_on', sql`length(published_on) = 10`)
        .execute();
      await dialect.appendOnlyTrigger(db, 'published_reports');
    },
  };
}
