/**
 * @module The inbox's storage (待办): each request row's schedule (state, reply due date, whether that
 * date is provisional, the day it was computed — migration 0002), written by the ledger, and the one
 * query the back office pages through: an agency's requests filtered and sorted in SQL, so that a page of
 * 20 costs the same with 100 or 100,000 requests in the database. Storage does not compute a schedule
 * (that takes the calendar and the Regulation's rules); it keeps and sorts what it is given.
 */
import { type Selectable, sql } from 'kysely';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { INBOX_DUE_ORDER } from './migrations/0006-inbox-indexes.js';
import { chunks, yearBounds } from './query-util.js';
import { type DisclosureRequest, toRequest } from './requests.js';
import type { DisclosureRequestsTable, Executor } from './schema.js';

export interface Schedule {
  /** The domain's RequestState key. */
  readonly state: string;
  readonly dueOn: LocalDate | null;
  /** A pause is running: the due date moves on each day it goes on. */
  readonly provisional: boolean;
  /** The day the schedule was computed for. */
  readonly on: LocalDate;
}

export interface InboxQuery {
  readonly agencyIds: readonly number[];
  /** Only open requests (not closed); the inbox's default. Otherwise every request, newest first. */
  readonly open: boolean;
  readonly state?: string;
  readonly channel?: string;
  readonly applicantKind?: string;
  /** Received in this year. */
  readonly year?: number;
  /** A piece of the applicant's name, the content, the external reference or the id. */
  readonly text?: string;
  /** Only those due on or after this day. */
  readonly dueFrom?: LocalDate;
  /** Only those due on or before this day (overdue and due soon: the caller computes the day). */
  readonly dueBy?: LocalDate;
  readonly offset: number;
  readonly limit: number;
}

export interface InboxPage {
  readonly rows: readonly (DisclosureRequest & { readonly schedule: Schedule | null })[];
  /** How many requests match the filters (all pages). */
  readonly total: number;
}

export interface ScheduleRepository {
  set(requestId: string, schedule: Schedule): Promise<void>;
  /**
   * Open requests of the agencies whose schedule is stale on `today`: never computed, or provisional and
   * computed before today. At most `limit`, by id.
   */
  stale(agencyIds: readonly number[], today: LocalDate, limit: number): Promise<DisclosureRequest[]>;
  /** Marks every open request's schedule stale (after a calendar change, all must be computed again). */
  invalidateOpen(): Promise<void>;
  /** The inbox page: open requests by due date (none last), then receipt; or all, newest first. */
  page(query: InboxQuery): Promise<InboxPage>;
}

type RequestRow = Selectable<DisclosureRequestsTable>;

function scheduleOf(row: RequestRow): Schedule | null {
  if (row.state === null || row.schedule_on === null) return null;
  return {
    state: row.state,
    dueOn: row.due_on as LocalDate | null,
    provisional: Boolean(row.due_provisional),
    on: row.schedule_on as LocalDate,
  };
}

/** LIKE's wildcards in what a person typed are literal: escaped with '\' (SQLite needs ESCAPE said). */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/**
 * Case-insensitive on both dialects ('abc' finds 'ABC 有限公司'): SQLite's LIKE ignores ASCII case,
 * PostgreSQL's does not, so both sides are lowered.
 */
const like = (column: 'applicant_name' | 'content' | 'external_ref' | 'id', pattern: string) =>
  sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;

export function scheduleRepository(db: Executor): ScheduleRepository {
  function filtered(query: InboxQuery) {
    let q = db.selectFrom('disclosure_requests').where('agency_id', 'in', query.agencyIds);
    if (query.open) q = q.where('closed_on', 'is', null);
    if (query.state !== undefined) q = q.where('state', '=', query.state);
    if (query.channel !== undefined) q = q.where('channel', '=', query.channel);
    if (query.applicantKind !== undefined) q = q.where('applicant_kind', '=', query.applicantKind);
    if (query.year !== undefined) {
      const { first, last } = yearBounds(query.year);
      q = q.where('received_on', '>=', first).where('received_on', '<=', last);
    }
    if (query.dueFrom !== undefined) q = q.where('due_on', '>=', query.dueFrom);
    if (query.dueBy !== undefined) q = q.where('due_on', '<=', query.dueBy);
    const text = query.text?.trim();
    if (text) {
      const anywhere = `%${escapeLike(text)}%`;
      q = q.where((eb) =>
        eb.or([
          like('applicant_name', anywhere),
          like('content', anywhere),
          like('external_ref', anywhere),
          like('id', `${escapeLike(text.toLowerCase())}%`),
        ]),
      );
    }
    return q;
  }

  return {
    async set(requestId, schedule) {
      await db
        .updateTable('disclosure_requests')
        .set({
          state: schedule.state,
          due_on: schedule.dueOn,
          due_provisional: schedule.provisional ? 1 : 0,
          schedule_on: schedule.on,
        })
        .where('id', '=', requestId)
        .execute();
    },

    async stale(agencyIds, today, limit) {
      const out: DisclosureRequest[] = [];
      for (const ids of chunks(agencyIds)) {
        if (out.length >= limit) break;
        const rows = await db
          .selectFrom('disclosure_requests')
          .selectAll()
          .where('agency_id', 'in', ids)
          .where('closed_on', 'is', null)
          // Said in the words of the partial index disclosure_requests_maybe_stale (migration 0006), so
          // that the planner reads only the rows that can be stale: never scheduled, or provisional.
          .where((eb) => eb.or([eb('schedule_on', 'is', null), eb('due_provisional', '=', 1)]))
          .where((eb) => eb.or([eb('schedule_on', 'is', null), eb('schedule_on', '<', today)]))
          .orderBy('id')
          .limit(limit - out.length)
          .execute();
        out.push(...rows.map(toRequest));
      }
      return out;
    },

    async invalidateOpen() {
      await db
        .updateTable('disclosure_requests')
        .set({ schedule_on: null })
        .where('closed_on', 'is', null)
        .execute();
    },

    async page(query) {
      if (query.agencyIds.length === 0) return { rows: [], total: 0 };
      const counted = await filtered(query)
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .executeTakeFirstOrThrow();
      let rows = filtered(query).selectAll();
      rows = query.open
        ? rows
            // No due date goes last on both dialects; written as the index disclosure_requests_inbox_order
            // (migration 0006) has it, so that the page is read in order rather than sorted.
            .orderBy(sql.raw(INBOX_DUE_ORDER))
            .orderBy('received_on')
            .orderBy('id')
        : rows.orderBy('received_on', 'desc').orderBy('id', 'desc');
      const page = await rows.limit(query.limit).offset(query.offset).execute();
      return {
        rows: page.map((row) => ({ ...toRequest(row), schedule: scheduleOf(row) })),
        total: Number(counted.n),
      };
    },
  };
}
