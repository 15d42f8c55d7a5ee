/** @module Today's date where the Regulation's periods run (China Standard Time), as a LocalDate. */
import type { LocalDate } from '../domain/calendar/local-date.js';

const CHINA_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function todayInChina(now: Date = new Date()): LocalDate {
  return CHINA_DATE.format(now) as LocalDate;
}
