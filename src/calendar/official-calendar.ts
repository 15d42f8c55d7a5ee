/**
 * @module The State Council's holiday schedules (法定节假日 and 调休 make-up working days), from the
 * chinese-days package, whose data follows each year's 国务院办公厅 notice. Years it does not carry
 * (2027 as of November 2026) stay unknown: deadlines crossing them say so, and an administrator enters
 * the year's notice as overrides (see withOverrides).
 */
import chineseDays from 'chinese-days';
import { addDays, type LocalDate, localDate, weekday } from '../domain/calendar/local-date.js';
import type { CalendarException, WorkingCalendar } from '../domain/calendar/working-days.js';

/** The first year of the revised Regulation, and the last year the package carries a schedule for. */
export const FIRST_OFFICIAL_YEAR = 2019;
export const LAST_OFFICIAL_YEAR = 2026;

const { getDayDetail } = chineseDays;

/** "Spring Festival,春节,3" → 春节 */
function chineseName(detail: string): string {
  const parts = detail.split(',');
  return parts[1] ?? parts[0] ?? detail;
}

let cached: WorkingCalendar | undefined;

/** Every date of 2019 through the last shipped year that differs from the Monday-to-Friday rule. */
export function officialCalendar(): WorkingCalendar {
  if (cached) return cached;
  const exceptions = new Map<LocalDate, CalendarException>();
  const end = localDate(`${LAST_OFFICIAL_YEAR}-12-31`);
  for (let date = localDate(`${FIRST_OFFICIAL_YEAR}-01-01`); date <= end; date = addDays(date, 1)) {
    const detail = getDayDetail(date);
    const weekend = weekday(date) === 0 || weekday(date) === 6;
    if (detail.work && weekend) {
      exceptions.set(date, {
        working: true,
        reason: `调休上班（${chineseName(detail.name)}）`,
        source: 'official',
      });
    } else if (!detail.work && !weekend) {
      exceptions.set(date, {
        working: false,
        reason: `法定节假日（${chineseName(detail.name)}）`,
        source: 'official',
      });
    } else if (!detail.work && weekend && detail.name.includes(',')) {
      // A weekend inside a holiday period: say so rather than "周末".
      exceptions.set(date, {
        working: false,
        reason: `法定节假日（${chineseName(detail.name)}）`,
        source: 'official',
      });
    }
  }
  const knownYears = new Set<number>();
  for (let y = FIRST_OFFICIAL_YEAR; y <= LAST_OFFICIAL_YEAR; y++) knownYears.add(y);
  cached = { exceptions, knownYears };
  return cached;
}
