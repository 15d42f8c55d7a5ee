/**
 * @module The State Council's holiday schedules (法定节假日 and 调休 make-up working days), from the
 * chinese-days package, whose data follows each year's 国务院办公厅 notice. Years it does not carry
 * (2027 as of November 2026) stay unknown: deadlines crossing them say so, and an administrator enters
 * the year's notice as overrides (see withOverrides).
 */
import { createRequire } from 'node:module';
import { isWeekend, type LocalDate, localDate } from '../domain/calendar/local-date.js';
import type { CalendarException, WorkingCalendar } from '../domain/calendar/working-days.js';

/** The first year of the revised Regulation: schedules are read from here on. */
const FIRST_OFFICIAL_YEAR = 2019;

/**
 * The package's data file (documented in its README as the JSON for other languages): every holiday
 * date and every make-up working day, "English,中文,days". Read directly rather than through the
 * package's day-by-day API: one JSON parse instead of a module and a scan of every day, which is most
 * of a short command's start-up (docs/performance.md).
 */
interface ScheduleData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

function scheduleData(): ScheduleData {
  return createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ScheduleData;
}

/** "Spring Festival,春节,3" → 春节 */
function chineseName(detail: string): string {
  const parts = detail.split(',');
  return parts[1] ?? parts[0] ?? detail;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * The years from 2019 on that the data carries, up to the first it does not: every schedule since
 * 2000 gives at least one weekday off (National Day alone always does).
 */
function carriedYears(data: ScheduleData): number[] {
  const withWeekdayOff = new Set(
    Object.keys(data.holidays)
      .filter((date) => yearOf(date) >= FIRST_OFFICIAL_YEAR && !isWeekend(localDate(date)))
      .map(yearOf),
  );
  const years: number[] = [];
  for (let y = FIRST_OFFICIAL_YEAR; withWeekdayOff.has(y); y++) years.push(y);
  return years;
}

/** The years from 2019 on that the installed package carries, up to the first it does not. */
export function officialYears(): number[] {
  return carriedYears(scheduleData());
}

let cached: WorkingCalendar | undefined;

/**
 * Every date from 2019 through the last year the package carries that differs from the
 * Monday-to-Friday rule. The years are found in the package's data, not written here, so that a
 * release carrying next year's notice is taken up by updating the package alone.
 */
export function officialCalendar(): WorkingCalendar {
  if (cached) return cached;
  const data = scheduleData();
  const years = carriedYears(data);
  const known = new Set(years);
  const exceptions = new Map<LocalDate, CalendarException>();
  // Dates in order, as a scan of the days would give them.
  const entries = [
    ...Object.entries(data.holidays).map(([date, name]) => [date, name, false] as const),
    ...Object.entries(data.workdays).map(([date, name]) => [date, name, true] as const),
  ]
    .filter(([date]) => known.has(yearOf(date)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [text, name, working] of entries) {
    const date = localDate(text);
    if (working) {
      // A make-up day on a weekday would change nothing.
      if (isWeekend(date))
        exceptions.set(date, {
          working: true,
          reason: `调休上班（${chineseName(name)}）`,
          source: 'official',
        });
    } else {
      // A weekday off, or a weekend inside a holiday period: say so rather than "周末".
      exceptions.set(date, {
        working: false,
        reason: `法定节假日（${chineseName(name)}）`,
        source: 'official',
      });
    }
  }
  cached = { exceptions, knownYears: known };
  return cached;
}
