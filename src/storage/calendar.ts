/**
 * @module An administrator's calendar entries (a local closure, a year's State Council notice entered
 * before a package ships it) and the years entered in full; loadCalendar lays them over the official
 * schedule with the domain's withOverrides.
 */
import { officialCalendar } from '../calendar/official-calendar.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { type WorkingCalendar, withOverrides } from '../domain/calendar/working-days.js';
import { type Clock, requireLocalDate } from './query-util.js';
import type { Executor } from './schema.js';

export interface CalendarOverride {
  readonly date: LocalDate;
  readonly working: boolean;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface CalendarRepository {
  /** Records (or replaces) the entry for a date. */
  setOverride(entry: {
    readonly date: LocalDate;
    readonly working: boolean;
    readonly reason: string;
    readonly createdBy: string;
  }): Promise<void>;
  /** Removes the entry for a date; false when there was none. */
  removeOverride(date: LocalDate): Promise<boolean>;
  /** Every entry, by date. */
  overrides(): Promise<CalendarOverride[]>;
  /** Marks a year's schedule as entered in full. */
  markYearComplete(year: number, createdBy: string): Promise<void>;
  unmarkYearComplete(year: number): Promise<boolean>;
  completeYears(): Promise<number[]>;
}

export function calendarRepository(db: Executor, clock: Clock): CalendarRepository {
  return {
    async setOverride(entry) {
      const date = requireLocalDate(entry.date, 'date');
      // Everything but the key: what a second entry for the date replaces.
      const entered = {
        working: entry.working ? 1 : 0,
        reason: entry.reason,
        created_by: entry.createdBy,
        created_at: clock().toISOString(),
      };
      await db
        .insertInto('calendar_overrides')
        .values({ date, ...entered })
        .onConflict((oc) => oc.column('date').doUpdateSet(entered))
        .execute();
    },

    async removeOverride(date) {
      const result = await db.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async overrides() {
      const rows = await db.selectFrom('calendar_overrides').selectAll().orderBy('date').execute();
      return rows.map((r) => ({
        date: r.date as LocalDate,
        working: Boolean(r.working),
        reason: r.reason,
        createdBy: r.created_by,
        createdAt: r.created_at,
      }));
    },

    async markYearComplete(year, createdBy) {
      if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new TypeError(`not a year: ${year}`);
      await db
        .insertInto('calendar_complete_years')
        .values({ year, created_by: createdBy, created_at: clock().toISOString() })
        .onConflict((oc) => oc.column('year').doNothing())
        .execute();
    },

    async unmarkYearComplete(year) {
      const result = await db
        .deleteFrom('calendar_complete_years')
        .where('year', '=', year)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async completeYears() {
      const rows = await db.selectFrom('calendar_complete_years').select('year').orderBy('year').execute();
      return rows.map((r) => Number(r.year));
    },
  };
}

/** The working calendar: `official` (by default the shipped schedule) with the stored entries over it. */
export async function loadCalendar(
  storage: { readonly calendar: CalendarRepository },
  official: WorkingCalendar = officialCalendar(),
): Promise<WorkingCalendar> {
  const [overrides, years] = await Promise.all([
    storage.calendar.overrides(),
    storage.calendar.completeYears(),
  ]);
  return withOverrides(official, overrides, years);
}
