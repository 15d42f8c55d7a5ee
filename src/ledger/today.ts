/** @module Today's date where the Regulation's periods run (China Standard Time), as a LocalDate. */
import type { LocalDate } from '../domain/calendar/local-date.js';

/**
 * China Standard Time has been UTC+8 all year since summer time ended in 1991, so the date is read off
 * the shifted instant. Not Intl.DateTimeFormat with Asia/Shanghai: loading the time-zone data is a
 * twelfth of a short command's start-up (docs/performance.md), for an answer that is the same for
 * every instant since 1992 (today.test.ts compares the two).
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function todayInChina(now: Date = new Date()): LocalDate {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10) as LocalDate;
}
