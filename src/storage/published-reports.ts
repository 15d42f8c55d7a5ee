/**
 * @module 政府信息公开年报 as published (migration 0012): every version of an agency's report for a year,
 * kept for ever. A version is added, never changed; the current one is the highest. Two publishers
 * adding the same version at once: the second insert finds the number taken and reports it (false),
 * so the caller can say so instead of overwriting.
 */
import type { Selectable } from 'kysely';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { type Clock, chunks } from './query-util.js';
import type { Executor, PublishedReportsTable } from './schema.js';

/** Where a published version came from: the ledger's report build, or a file the report reader read. */
export type PublishedSource =
  | { readonly kind: 'ledger' }
  | { readonly kind: 'file'; readonly fileName: string; readonly sha256: string };

/** A version without its report: what lists and histories show. */
export interface PublishedReportSummary {
  readonly agencyId: number;
  readonly year: number;
  readonly version: number;
  readonly source: PublishedSource;
  readonly publishedOn: LocalDate;
  readonly publishedBy: string;
  /** Why this correction was published; undefined for version 1. */
  readonly reason?: string;
  readonly recordedAt: string;
}

export interface StoredPublishedReport extends PublishedReportSummary {
  /** The report JSON (docs/report-json.md) exactly as it was published. */
  readonly reportJson: string;
}

export type NewPublishedReport = Omit<StoredPublishedReport, 'recordedAt'>;

export interface PublishedReportRepository {
  /** Adds the version; false when that version of the year exists already (nothing is written). */
  add(report: NewPublishedReport): Promise<boolean>;
  /** The year's versions with their reports, oldest first. */
  versions(agencyId: number, year: number): Promise<StoredPublishedReport[]>;
  /** Every version of the agencies' reports, without the reports: by agency, year (newest first), version. */
  summaries(agencyIds: readonly number[]): Promise<PublishedReportSummary[]>;
  /**
   * The current (highest) version of each year of each agency that published any, without the report:
   * by agency, then year newest first. All agencies when `agencyIds` is undefined.
   */
  current(agencyIds?: readonly number[]): Promise<PublishedReportSummary[]>;
}

type Row = Omit<Selectable<PublishedReportsTable>, 'id' | 'report_json'>;

function summaryOf(row: Row): PublishedReportSummary {
  const source: PublishedSource =
    row.source === 'file'
      ? { kind: 'file', fileName: row.file_name ?? '', sha256: row.file_sha256 ?? '' }
      : { kind: 'ledger' };
  return {
    agencyId: Number(row.agency_id),
    year: Number(row.year),
    version: Number(row.version),
    source,
    publishedOn: row.published_on as LocalDate,
    publishedBy: row.published_by,
    ...(row.reason === null ? {} : { reason: row.reason }),
    recordedAt: row.recorded_at,
  };
}

const SUMMARY_COLUMNS = [
  'agency_id',
  'year',
  'version',
  'source',
  'file_name',
  'file_sha256',
  'published_on',
  'published_by',
  'reason',
  'recorded_at',
] as const;

const byAgencyYearVersion = (a: PublishedReportSummary, b: PublishedReportSummary) =>
  a.agencyId - b.agencyId || b.year - a.year || a.version - b.version;

export function publishedReportRepository(db: Executor, clock: Clock): PublishedReportRepository {
  return {
    async add(report) {
      const inserted = await db
        .insertInto('published_reports')
        .values({
          agency_id: report.agencyId,
          year: report.year,
          version: report.version,
          report_json: report.reportJson,
          source: report.source.kind,
          file_name: report.source.kind === 'file' ? report.source.fileName : null,
          file_sha256: report.source.kind === 'file' ? report.source.sha256 : null,
          published_on: report.publishedOn,
          published_by: report.publishedBy,
          reason: report.reason ?? null,
          recorded_at: clock().toISOString(),
        })
        .onConflict((oc) => oc.columns(['agency_id', 'year', 'version']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async versions(agencyId, year) {
      const rows = await db
        .selectFrom('published_reports')
        .select([...SUMMARY_COLUMNS, 'report_json'])
        .where('agency_id', '=', agencyId)
        .where('year', '=', year)
        .orderBy('version')
        .execute();
      return rows.map((r) => ({ ...summaryOf(r), reportJson: r.report_json }));
    },

    async summaries(agencyIds) {
      const out: PublishedReportSummary[] = [];
      for (const slice of chunks(agencyIds)) {
        if (slice.length === 0) continue;
        const rows = await db
          .selectFrom('published_reports')
          .select(SUMMARY_COLUMNS)
          .where('agency_id', 'in', slice)
          .execute();
        out.push(...rows.map(summaryOf));
      }
      return out.sort(byAgencyYearVersion);
    },

    async current(agencyIds) {
      const latest = (on: Executor, slice?: readonly number[]) => {
        let query = on
          .selectFrom('published_reports as p')
          .select(SUMMARY_COLUMNS.map((c) => `p.${c}` as const))
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('published_reports as later')
                  .select('later.id')
                  .whereRef('later.agency_id', '=', 'p.agency_id')
                  .whereRef('later.year', '=', 'p.year')
                  .whereRef('later.version', '>', 'p.version'),
              ),
            ),
          );
        if (slice) query = query.where('p.agency_id', 'in', slice);
        return query.execute();
      };
      if (agencyIds === undefined) return (await latest(db)).map(summaryOf).sort(byAgencyYearVersion);
      const out: PublishedReportSummary[] = [];
      for (const slice of chunks(agencyIds)) {
        if (slice.length === 0) continue;
        out.push(...(await latest(db, slice)).map(summaryOf));
      }
      return out.sort(byAgencyYearVersion);
    },
  };
}
