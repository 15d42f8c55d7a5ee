/**
 * @module Administrative reconsideration (行政复议) and litigation (行政诉讼) cases about disclosure,
 * for the report's section 四: filed, then closed with a result (维持 / 纠正 / 其他), or still pending.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { type Clock, chunks, requireLocalDate, yearBounds } from './query-util.js';
import type { CaseKind, CaseResult, CasesTable, Executor } from './schema.js';

export type { CaseKind, CaseResult } from './schema.js';

export interface Case {
  readonly id: string;
  readonly agencyId: number;
  readonly requestId: string | null;
  readonly kind: CaseKind;
  readonly filedOn: LocalDate;
  readonly closedOn: LocalDate | null;
  readonly result: CaseResult;
  readonly createdAt: string;
  /** Withdrawn from the register (entered by mistake): when, by whom, why. */
  readonly withdrawn: { readonly on: LocalDate; readonly by: string; readonly reason: string } | null;
}

export interface NewCase {
  readonly id?: string;
  readonly agencyId: number;
  readonly requestId?: string | null;
  readonly kind: CaseKind;
  readonly filedOn: LocalDate;
}

export interface CaseRepository {
  /** Records a filed case, result 'pending'. */
  add(newCase: NewCase): Promise<Case>;
  get(id: string): Promise<Case | undefined>;
  /** Up to `limit` case ids beginning with `prefix` (letters, digits and hyphens only), in order. */
  idsStartingWith(prefix: string, limit: number): Promise<string[]>;
  /** Closes a case with its result; returns the updated case, or undefined when there is none. */
  close(id: string, closedOn: LocalDate, result: Exclude<CaseResult, 'pending'>): Promise<Case | undefined>;
  /** Withdraws a case from the register (kept, no longer counted); undefined when there is none. */
  withdraw(id: string, on: LocalDate, by: string, reason: string): Promise<Case | undefined>;
  /** The cases about one request still in the register (not withdrawn), by filing date (then id). */
  forRequest(requestId: string): Promise<Case[]>;
  /**
   * Cases of the agencies, not withdrawn, that concern `year`: filed by its last day and not closed
   * before its first.
   */
  forYear(agencyIds: readonly number[], year: number): Promise<Case[]>;
}

function toCase(row: Selectable<CasesTable>): Case {
  return {
    id: row.id,
    agencyId: row.agency_id,
    requestId: row.request_id,
    kind: row.kind,
    filedOn: row.filed_on as LocalDate,
    closedOn: row.closed_on as LocalDate | null,
    result: row.result,
    createdAt: row.created_at,
    withdrawn:
      row.withdrawn_on === null
        ? null
        : {
            on: row.withdrawn_on as LocalDate,
            by: row.withdrawn_by ?? '',
            reason: row.withdrawn_reason ?? '',
          },
  };
}

export function caseRepository(db: Executor, clock: Clock): CaseRepository {
  return {
    async add(newCase) {
      const row = await db
        .insertInto('cases')
        .values({
          id: newCase.id ?? randomUUID(),
          agency_id: newCase.agencyId,
          request_id: newCase.requestId ?? null,
          kind: newCase.kind,
          filed_on: requireLocalDate(newCase.filedOn, 'filedOn'),
          closed_on: null,
          result: 'pending',
          created_at: clock().toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCase(row);
    },

    async get(id) {
      const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toCase(row);
    },

    async idsStartingWith(prefix, limit) {
      // LIKE's wildcards (% and _) and escapes can never reach the pattern.
      if (!/^[0-9A-Za-z-]+$/.test(prefix)) return [];
      const rows = await db
        .selectFrom('cases')
        .select('id')
        .where('id', 'like', `${prefix.toLowerCase()}%`)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    async close(id, closedOn, result) {
      const row = await db
        .updateTable('cases')
        .set({ closed_on: requireLocalDate(closedOn, 'closedOn'), result })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toCase(row);
    },

    async withdraw(id, on, by, reason) {
      const row = await db
        .updateTable('cases')
        .set({ withdrawn_on: requireLocalDate(on, 'on'), withdrawn_by: by, withdrawn_reason: reason })
        .where('id', '=', id)
        .where('withdrawn_on', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row && toCase(row);
    },

    async forRequest(requestId) {
      const rows = await db
        .selectFrom('cases')
        .selectAll()
        .where('request_id', '=', requestId)
        .where('withdrawn_on', 'is', null)
        .orderBy('filed_on')
        .orderBy('id')
        .execute();
      return rows.map(toCase);
    },

    async forYear(agencyIds, year) {
      const { first, last } = yearBounds(year);
      const out: Case[] = [];
      for (const ids of chunks([...new Set(agencyIds)])) {
        const rows = await db
          .selectFrom('cases')
          .selectAll()
          .where('agency_id', 'in', ids)
          .where('withdrawn_on', 'is', null)
          .where('filed_on', '<=', last)
          .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', first)]))
          .orderBy('filed_on')
          .orderBy('id')
          .execute();
        out.push(...rows.map(toCase));
      }
      return out;
    },
  };
}
