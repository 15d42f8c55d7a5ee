/**
 * @module Calendar dates without a time or a time zone ("2025-01-26"), as the Regulation counts them.
 * Arithmetic goes through UTC so that no local clock or daylight rule can shift a day.
 */

/** An ISO calendar date, YYYY-MM-DD. */
export type LocalDate = string & { readonly __localDate: unique symbol };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(text: string): text is LocalDate {
  const m = ISO.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Parses YYYY-MM-DD; throws on anything else (callers validate input at the boundary first). */
export function localDate(text: string): LocalDate {
  if (!isLocalDate(text)) throw new Error(`not a calendar date: ${text}`);
  return text;
}

function toUtc(date: LocalDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(utc: Date): LocalDate {
  return utc.toISOString().slice(0, 10) as LocalDate;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return fromUtc(utc);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return toUtc(date).getUTCDay();
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function weekdayName(date: LocalDate): string {
  return WEEKDAY_NAMES[weekday(date)]!;
}
