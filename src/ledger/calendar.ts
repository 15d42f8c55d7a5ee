/**
 * @module The working-day calendar as the ledger uses it: the State Council's schedule (shipped) with
 * the administrator's entries (stored) laid over it. `dueDate` counts N working days after a date (the
 * date itself is day zero, not counted) and says which days were counted and skipped; `holidaysOf`
 * lists a year's days off and make-up working days; `setCalendarDay` and `completeCalendarYear` record
 * an administrator's entries, audited.
 */
import { type LocalDate, yearOf } from '../domain/calendar/local-date.js';
import {
  addWorkingDays,
  type DayInfo,
  dayInfo,
  type WorkingCalendar,
} from '../domain/calendar/working-days.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { Storage } from '../storage/index.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';

export interface DueDate {
  readonly from: LocalDate;
  readonly workingDays: number;
  readonly date: LocalDate;
  /** Each counted day, with its weekday or why a weekend day is worked (调休上班). */
  readonly counted: readonly DayInfo[];
  /** Each day skipped and why (weekend, holiday, closure). */
  readonly skipped: readonly DayInfo[];
  /** Years crossed whose official schedule is unknown: the date may move. */
  readonly unknownYears: readonly number[];
}

export function dueDate(calendar: WorkingCalendar, from: LocalDate, workingDays: number): DueDate {
  const count = addWorkingDays(calendar, from, workingDays);
  return {
    from,
    workingDays,
    date: count.date,
    counted: count.counted.map((d) => dayInfo(calendar, d)),
    skipped: count.skipped,
    unknownYears: count.unknownYears,
  };
}

/** The explanation of a due date, one Chinese sentence a line. */
export function dueDateLines(due: DueDate): string[] {
  const counted = due.counted.map((d) => (d.kind === 'makeupWorkday' ? `${d.date}（${d.reason}）` : d.date));
  const lines = [
    `${due.from} 为第零日，不计入；自次日起计 ${due.workingDays} 个工作日 (day zero not counted)`,
    `计入的工作日（${due.counted.length} 日）(counted)：${counted.join('、') || '无'}`,
  ];
  if (due.skipped.length > 0)
    lines.push(`跳过的日期 (skipped)：${due.skipped.map((d) => `${d.date}（${d.reason}）`).join('、')}`);
  lines.push(`期限届满日 (due)：${due.date}`);
  return lines;
}

export function unknownYearsWarning(years: readonly number[]): string | undefined {
  return years.length === 0
    ? undefined
    : `${years.join('、')} 年的节假日安排尚未录入，只按周末计算，日期可能变动；录入后请用 gongkai calendar complete 标记 (no official schedule for ${years.join(', ')})`;
}

export interface CalendarDay {
  readonly date: LocalDate;
  /** true: a make-up working day (调休上班) or an administrator's working day. */
  readonly working: boolean;
  readonly reason: string;
  readonly source: 'official' | 'override';
}

export interface YearSchedule {
  readonly year: number;
  /** The official schedule is shipped for the year, or an administrator marked it entered in full. */
  readonly known: boolean;
  /** Days off (holidays, closures, weekend days of a holiday period) and make-up working days. */
  readonly days: readonly CalendarDay[];
}

export function holidaysOf(calendar: WorkingCalendar, year: number): YearSchedule {
  const days: CalendarDay[] = [];
  for (const [date, exception] of calendar.exceptions)
    if (yearOf(date) === year)
      days.push({ date, working: exception.working, reason: exception.reason, source: exception.source });
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, known: calendar.knownYears.has(year), days };
}

export function checkCalendarYear(year: number): Result<number, LedgerRefusal> {
  return Number.isInteger(year) && year >= 1900 && year <= 9999
    ? ok(year)
    : err(ledgerRefusal('calendar.year', String(year)));
}

/** An administrator's entry for one date: a day off (closure, a holiday not yet shipped) or a working day. */
export async function setCalendarDay(
  storage: Storage,
  entry: {
    readonly date: LocalDate;
    readonly working: boolean;
    readonly reason: string;
    readonly by: string;
  },
): Promise<Result<void, LedgerRefusal>> {
  const reason = entry.reason.trim();
  if (!reason) return err(ledgerRefusal('calendar.reason-empty'));
  await storage.transaction(async (tx) => {
    await tx.calendar.setOverride({ date: entry.date, working: entry.working, reason, createdBy: entry.by });
    await tx.auditLog.append({
      actor: entry.by,
      action: 'calendar.override',
      subject: `calendar:${entry.date}`,
      detail: { working: entry.working, reason },
    });
  });
  return ok(undefined);
}

/** Removes an administrator's entry; false when there was none. */
export async function unsetCalendarDay(storage: Storage, date: LocalDate, by: string): Promise<boolean> {
  return storage.transaction(async (tx) => {
    const removed = await tx.calendar.removeOverride(date);
    if (removed)
      await tx.auditLog.append({
        actor: by,
        action: 'calendar.override-removed',
        subject: `calendar:${date}`,
      });
    return removed;
  });
}

/** Marks a year's schedule as entered in full (its State Council notice). */
export async function completeCalendarYear(
  storage: Storage,
  year: number,
  by: string,
): Promise<Result<void, LedgerRefusal>> {
  const checked = checkCalendarYear(year);
  if (!checked.ok) return checked;
  await storage.transaction(async (tx) => {
    await tx.calendar.markYearComplete(year, by);
    await tx.auditLog.append({ actor: by, action: 'calendar.year-complete', subject: `calendar:${year}` });
  });
  return ok(undefined);
}
