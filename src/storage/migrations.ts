/**
 * @module The schema's versions, as Kysely migrations kept in code and run when a database opens.
 * Each is written once for both dialects with Kysely's schema builder; the two things the dialects
 * spell differently (self-numbering ids, triggers) come from the DialectHandle. Migrations are
 * append-only too: never edit one that has shipped, add the next.
 */
import { DEFAULT_MIGRATION_TABLE, type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { DialectHandle } from './dialect.js';
import { storedKeys } from './migrations/0002-stored-keys.js';
import { auditChain } from './migrations/0003-audit-chain.js';
import { accountsMigration } from './migrations/0004-accounts.js';
import { caseWithdrawal } from './migrations/0005-case-withdrawal.js';
import { inboxIndexes } from './migrations/0006-inbox-indexes.js';
import { reportYears } from './migrations/0007-report-years.js';
import { registerHeaders } from './migrations/0008-register-headers.js';
import { catalogueMigration } from './migrations/0009-catalogue.js';
import { onlineApplicationsMigration } from './migrations/0010-online-applications.js';
import { searchMigration } from './migrations/0011-search.js';
import { publishedReportsMigration } from './migrations/0012-published-reports.js';
import { portalMigration } from './migrations/0013-portal.js';
import { catalogueAttachmentsMigration } from './migrations/0014-catalogue-attachments.js';
import { portalRulesMigration } from './migrations/0015-portal-rules.js';
import { catalogueColumnsMigration } from './migrations/0016-catalogue-columns.js';
import { searchPhrasesMigration } from './migrations/0017-search-phrases.js';

/**
 * Migrations after the first each live in their own file under migrations/, named by their number
 * (0002-…, 0003-…), and are listed here in order; each exports `(dialect) => Migration`.
 */
const LATER: readonly (readonly [string, (dialect: DialectHandle) => Migration])[] = [
  ['0002_stored_keys', storedKeys],
  ['0003_audit_chain', auditChain],
  ['0004_accounts', accountsMigration],
  ['0005_case_withdrawal', caseWithdrawal],
  ['0006_inbox_indexes', inboxIndexes],
  ['0007_report_years', reportYears],
  ['0008_register_headers', registerHeaders],
  ['0009_catalogue', catalogueMigration],
  ['0010_online_applications', onlineApplicationsMigration],
  ['0011_search', searchMigration],
  ['0012_published_reports', publishedReportsMigration],
  ['0013_portal', portalMigration],
  ['0014_catalogue_attachments', catalogueAttachmentsMigration],
  ['0015_portal_rules', portalRulesMigration],
  ['0016_catalogue_columns', catalogueColumnsMigration],
  ['0017_search_phrases', searchPhrasesMigration],
];

/** Every migration's name, in the order they run. */
export const MIGRATION_NAMES: readonly string[] = ['0001_ledger', ...LATER.map(([name]) => name)];

function migrationsFor(dialect: DialectHandle): Record<string, Migration> {
  return {
    '0001_ledger': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('agencies')
          .addColumn('id', 'integer', (c) => dialect.autoIdColumn(c))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('code', 'text', (c) => c.unique())
          .addColumn('parent_id', 'integer', (c) => c.references('agencies.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('agencies_by_parent').on('agencies').column('parent_id').execute();

        await db.schema
          .createTable('disclosure_requests')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
          .addColumn('applicant_kind', 'text', (c) => c.notNull())
          .addColumn('applicant_name', 'text', (c) => c.notNull())
          .addColumn('content', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('received_on', 'text', (c) => c.notNull())
          .addColumn('external_ref', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('closed_on', 'text')
          .addColumn('closing_type', 'text')
          .addColumn('outcome', 'text')
          .addUniqueConstraint('disclosure_requests_external_ref', ['agency_id', 'external_ref'])
          .addCheckConstraint('disclosure_requests_received_on', sql`length(received_on) = 10`)
          .execute();
        // The report's query (an agency's requests by receipt date) and paging through them by
        // (received_on, id) both read this index.
        await db.schema
          .createIndex('disclosure_requests_by_agency_received')
          .on('disclosure_requests')
          .columns(['agency_id', 'received_on', 'id'])
          .execute();

        await db.schema
          .createTable('request_events')
          .addColumn('id', 'integer', (c) => dialect.autoIdColumn(c))
          .addColumn('request_id', 'text', (c) => c.notNull().references('disclosure_requests.id'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text')
          .addColumn('reason', 'text')
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          // Also the index events are read by: (request_id, seq).
          .addUniqueConstraint('request_events_request_seq', ['request_id', 'seq'])
          .addCheckConstraint('request_events_seq_positive', sql`seq > 0`)
          .execute();
        await dialect.appendOnlyTrigger(db, 'request_events');

        await db.schema
          .createTable('cases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
          .addColumn('request_id', 'text', (c) => c.references('disclosure_requests.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('filed_on', 'text', (c) => c.notNull())
          .addColumn('closed_on', 'text')
          .addColumn('result', 'text', (c) => c.notNull().defaultTo('pending'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addCheckConstraint(
            'cases_kind',
            sql`kind in ('review', 'litigationDirect', 'litigationAfterReview')`,
          )
          .addCheckConstraint('cases_result', sql`result in ('upheld', 'corrected', 'other', 'pending')`)
          .execute();
        await db.schema
          .createIndex('cases_by_agency_filed')
          .on('cases')
          .columns(['agency_id', 'filed_on'])
          .execute();

        await db.schema
          .createTable('calendar_overrides')
          .addColumn('date', 'text', (c) => c.primaryKey())
          .addColumn('working', 'boolean', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('calendar_complete_years')
          .addColumn('year', 'integer', (c) => c.primaryKey())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('audit_log')
          .addColumn('id', 'integer', (c) => dialect.autoIdColumn(c))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_log_by_subject').on('audit_log').column('subject').execute();
        await dialect.appendOnlyTrigger(db, 'audit_log');
      },
    },
    ...Object.fromEntries(LATER.map(([name, migration]) => [name, migration(dialect)])),
  };
}

function migratorFor(dialect: DialectHandle): Migrator {
  return new Migrator({
    db: dialect.db,
    provider: { getMigrations: async () => migrationsFor(dialect) },
    // The names are ASCII ("0007_report_years"): code-point order is their order. Kysely's default,
    // localeCompare, sets up ICU's collator on every open, a twentieth of a short command's start-up.
    nameComparator: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    ...(dialect.migrationTableSchema ? { migrationTableSchema: dialect.migrationTableSchema } : {}),
  });
}

/**
 * Brings the database to version `name` and no further: for the tests of a migration, which need a
 * database as the versions before it left it.
 */
export async function migrateTo(dialect: DialectHandle, name: string): Promise<void> {
  const { error } = await migratorFor(dialect).migrateTo(name);
  if (error) throw new Error(`database migration to ${name} failed: ${String(error)}`, { cause: error });
}

/**
 * The names of the migrations the database has run, or undefined when it cannot say (no migration
 * table yet, or anything else: the Migrator then meets the same trouble and reports it).
 */
async function appliedNames(dialect: DialectHandle): Promise<string[] | undefined> {
  const db = dialect.db as unknown as Kysely<{ [DEFAULT_MIGRATION_TABLE]: { name: string } }>;
  try {
    const rows = await (dialect.migrationTableSchema ? db.withSchema(dialect.migrationTableSchema) : db)
      .selectFrom(DEFAULT_MIGRATION_TABLE)
      .select('name')
      .orderBy('name')
      .execute();
    return rows.map((row) => row.name);
  } catch {
    return undefined;
  }
}

/** Brings the database to the latest version; throws (after rolling back the failed step) on error. */
export async function migrateToLatest(dialect: DialectHandle): Promise<string[]> {
  // A database already at the latest version, as nearly every open finds it, is told by one query;
  // the Migrator's own check reads the schema of every table first (a tenth of `requests add`).
  // Anything else (older, newer, no table) goes to the Migrator, which takes its lock and decides.
  const applied = await appliedNames(dialect);
  if (applied?.length === MIGRATION_NAMES.length && applied.every((name, i) => name === MIGRATION_NAMES[i]))
    return [];
  const { error, results } = await migratorFor(dialect).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
