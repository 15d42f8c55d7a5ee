/**
 * @module The State Council's holiday schedules (法定节假日 and 调休 make-up working days), from the
 * chinese-days package, whose data follows each year's 国务院办公厅 notice. Years it does not carry
 * (2027 as of November 2026) stay unknown: deadlines crossing them say so, and an administrator enters
 * the year's notice as overrides (see withOverrides).
 */
import chineseDays from 'chinese-days';
import { addDays, isWeekend, type LocalDate, localDate } from '../domain/calendar/local-date.js';
import type { CalendarException, WorkingCalendar } from '../domain/calendar/working-days.js';

/** The first year of the revised Regulation: schedules are read from here on. */
const FIRST_OFFICIAL_YEAR = 2019;
/** Never scan further than this: a guard, not a forecast. */
const SCAN_LIMIT_YEAR = 2100;

const { getDayDetail } = chineseDays;

/** "Spring Festival,春节,3" → 春节 */
function chineseName(detail: string): string {
  const parts = detail.split(',');
  return parts[1] ?? parts[0] ?? detail;
}

/**
 * Whether the package carries the year's schedule: every schedule since 2000 gives at least one
 * weekday off (National Day alone always does), while for a year it does not carry the package
 * answers by the weekday alone.
 */
function packageCarries(year: number): boolean {
  const end = localDate(`${year}-12-31`);
  for (let date = localDate(`${year}-01-01`); date <= end; date = addDays(date, 1)) {
    if (!isWeekend(date) && !getDayDetail(date).work) return true;
  }
  return false;
}

/** The years from 2019 on that the installed package carries, up to the first it does not. */
export function officialYears(): number[] {
  const years: number[] = [];
  for (let y = FIRST_OFFICIAL_YEAR; y <= SCAN_LIMIT_YEAR && packageCarries(y); y++) years.push(y);
  return years;
}

let cached: WorkingCalendar | undefined;

/**
 * Every date from 2019 through the last year the package carries that differs from the
 * Monday-to-Friday rule. The years are found in the package's data, not written here, so that a
 * release carrying next year's notice is taken up by updating the package alone.
 */
export function officialCalendar(): WorkingCalendar {
  if (cached) return cached;
  const exceptions = new Map<LocalDate, CalendarException>();
  const years = officialYears();
  for (const year of years) {
    const end = localDate(`${year}-12-31`);
    for (let date = localDate(`${year}-01-01`); date <= end; date = addDays(date, 1)) {
      const detail = getDayDetail(date);
      const weekend = isWeekend(date);
      if (detail.work && weekend) {
        exceptions.set(date, {
          working: true,
          reason: `调休上班（${chineseName(detail.name)}）`,
          source: 'official',
        });
      } else if (!detail.work && (!weekend || detail.name.includes(','))) {
        // A weekday off, or a weekend inside a holiday period: say so rather than "周末".
        exceptions.set(date, {
          working: false,
          reason: `法定节假日（${chineseName(detail.name)}）`,
          source: 'official',
        });
      }
    }
  }
  cached = { exceptions, knownYears: new Set(years) };
  return cached;
}
