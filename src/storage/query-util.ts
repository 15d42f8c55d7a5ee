/** @module Small helpers the repositories share. */
import { isLocalDate, type LocalDate } from '../domain/calendar/local-date.js';
import type { Executor } from './schema.js';

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one (Storage.transaction),
 * so that a repository method is atomic alone and composes into a larger unit of work.
 */
export function atomic<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/**
 * Both dialects cap the number of bound parameters (SQLite 32766, PostgreSQL 65535): long id lists
 * go in slices of this many.
 */
const IN_LIST_CHUNK = 5000;

export function chunks<T>(items: readonly T[], size: number = IN_LIST_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function requireLocalDate(value: unknown, what: string): LocalDate {
  if (typeof value !== 'string' || !isLocalDate(value))
    throw new TypeError(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * The first and last day of `year`, which the "concerns the year" filters compare dates with (as
 * text: the same order as the dates for years of four digits, hence the range).
 */
export function yearBounds(year: number): { readonly first: LocalDate; readonly last: LocalDate } {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new TypeError(`not a year: ${year}`);
  return { first: `${year}-01-01` as LocalDate, last: `${year}-12-31` as LocalDate };
}

/** The wall clock, as ISO-8601 UTC text; replaceable for tests (openDatabase's `clock` option). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
