/**
 * @module Report years an agency has marked complete (年度报告已定稿): once marked, the ledger refuses a
 * correction that would change that year's figures unless the approver confirms it (ledger/corrections).
 */
import type { Clock } from './query-util.js';
import type { Executor } from './schema.js';

export interface CompletedYear {
  readonly agencyId: number;
  readonly year: number;
  readonly completedBy: string;
  readonly completedAt: string;
}

export interface ReportYearRepository {
  /** Marks the year complete; false when it already was (the first marking is kept). */
  complete(agencyId: number, year: number, by: string): Promise<boolean>;
  /** The agency's completed years, oldest first. */
  completed(agencyId: number): Promise<CompletedYear[]>;
}

export function reportYearRepository(db: Executor, clock: Clock): ReportYearRepository {
  return {
    async complete(agencyId, year, by) {
      const inserted = await db
        .insertInto('report_years')
        .values({ agency_id: agencyId, year, completed_by: by, completed_at: clock().toISOString() })
        .onConflict((oc) => oc.columns(['agency_id', 'year']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async completed(agencyId) {
      const rows = await db
        .selectFrom('report_years')
        .selectAll()
        .where('agency_id', '=', agencyId)
        .orderBy('year')
        .execute();
      return rows.map((r) => ({
        agencyId: Number(r.agency_id),
        year: Number(r.year),
        completedBy: r.completed_by,
        completedAt: r.completed_at,
      }));
    },
  };
}
