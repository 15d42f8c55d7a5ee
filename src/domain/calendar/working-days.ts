/**
 * @module Working days (工作日) as the Regulation counts deadlines: Monday to Friday, except the
 * national holidays the State Council announces each year, plus the weekend days it makes working days
 * (调休), plus what an administrator records (a local emergency closure, a schedule announced after the
 * data was shipped). The calendar is data handed in; nothing here reads a clock or a database.
 */
import { addDays, isWeekend, type LocalDate, weekdayName, yearOf } from './local-date.js';

/** Why a date differs from the Monday-to-Friday rule. */
export interface CalendarException {
  readonly working: boolean;
  /** 春节, 国庆节, 调休上班, 台风停工… */
  readonly reason: string;
  /** Where it comes from: the State Council's schedule as shipped, or an administrator's entry. */
  readonly source: 'official' | 'override';
}

export interface WorkingCalendar {
  readonly exceptions: ReadonlyMap<LocalDate, CalendarException>;
  /** Years whose official schedule is in the data; for other years only weekends are known. */
  readonly knownYears: ReadonlySet<number>;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeupWorkday' | 'closure';

export interface DayInfo {
  readonly date: LocalDate;
  readonly working: boolean;
  readonly kind: DayKind;
  /** 中文 reason for a person reading a deadline's explanation. */
  readonly reason: string;
  /** False when the year's official schedule is not known: the answer is the weekday rule only. */
  readonly scheduleKnown: boolean;
}

export function dayInfo(calendar: WorkingCalendar, date: LocalDate): DayInfo {
  const scheduleKnown = calendar.knownYears.has(yearOf(date));
  const exception = calendar.exceptions.get(date);
  const weekend = isWeekend(date);
  if (exception) {
    const kind: DayKind = exception.working
      ? 'makeupWorkday'
      : exception.source === 'override' && !weekend
        ? 'closure'
        : 'holiday';
    return { date, working: exception.working, kind, reason: exception.reason, scheduleKnown };
  }
  return weekend
    ? { date, working: false, kind: 'weekend', reason: `周末（${weekdayName(date)}）`, scheduleKnown }
    : { date, working: true, kind: 'workday', reason: weekdayName(date), scheduleKnown };
}

export function isWorkingDay(calendar: WorkingCalendar, date: LocalDate): boolean {
  return dayInfo(calendar, date).working;
}

/** How a deadline was counted: day zero, each counted working day, each skipped day and why. */
export interface WorkingDayCount {
  readonly dayZero: LocalDate;
  readonly date: LocalDate;
  readonly counted: readonly LocalDate[];
  readonly skipped: readonly DayInfo[];
  /** Years crossed whose official schedule is unknown: the count may be wrong there. */
  readonly unknownYears: readonly number[];
}

/** Safety bound: no statutory period spans more than a few months of calendar days. */
const MAX_SPAN_DAYS = 3660;

/**
 * The date `days` working days after `dayZero`, day zero itself not counted (the Regulation counts
 * from the day after receipt). Days for which `paused` returns a reason (a third-party consultation,
 * a fee pause) are skipped like holidays.
 */
export function addWorkingDays(
  calendar: WorkingCalendar,
  dayZero: LocalDate,
  days: number,
  paused: (date: LocalDate) => string | undefined = () => undefined,
): WorkingDayCount {
  if (!Number.isInteger(days) || days < 0)
    throw new Error(`working days must be a whole number ≥ 0: ${days}`);
  const counted: LocalDate[] = [];
  const skipped: DayInfo[] = [];
  const unknown = new Set<number>();
  let date = dayZero;
  for (let step = 0; counted.length < days; step++) {
    if (step > MAX_SPAN_DAYS) throw new Error(`no ${days} working days within ten years of ${dayZero}`);
    date = addDays(date, 1);
    const info = dayInfo(calendar, date);
    if (!info.scheduleKnown) unknown.add(yearOf(date));
    const pause = paused(date);
    if (pause !== undefined && info.working) skipped.push({ ...info, working: false, reason: pause });
    else if (info.working) counted.push(date);
    else skipped.push(info);
  }
  return { dayZero, date, counted, skipped, unknownYears: [...unknown].sort() };
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(calendar: WorkingCalendar, from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (isWorkingDay(calendar, date)) count++;
  }
  return count;
}

/**
 * A calendar's exceptions with an administrator's entries laid over the official ones. A year an
 * administrator has entered in full (the State Council's notice for it arrives each November, before
 * any package carries it) is listed in `completeYears` and counts as known from then on.
 */
export function withOverrides(
  calendar: WorkingCalendar,
  overrides: Iterable<{ readonly date: LocalDate; readonly working: boolean; readonly reason: string }>,
  completeYears: Iterable<number> = [],
): WorkingCalendar {
  const exceptions = new Map(calendar.exceptions);
  const knownYears = new Set([...calendar.knownYears, ...completeYears]);
  for (const o of overrides)
    exceptions.set(o.date, { working: o.working, reason: o.reason, source: 'override' });
  return { exceptions, knownYears };
}
