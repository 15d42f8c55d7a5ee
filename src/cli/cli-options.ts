/**
 * @module Reading option values the same way in every command: dates in the forms registers use, ids,
 * years, values that must not be empty, words compared without width or blanks. Each failure is a
 * CliFailure naming the option (exit 2, one line).
 */
import type { LocalDate } from '../domain/calendar/local-date.js';
// The modules themselves, not the ledger's index: every command reads options, few open a database.
import { checkCalendarYear } from '../ledger/calendar.js';
import { parseRegisterDate } from '../ledger/import/register.js';
import { LEDGER_REFUSALS } from '../ledger/refusals.js';
import { checkReportYear } from '../ledger/report-years.js';
import { CliFailure } from './cli-io.js';

/** How a command reports its exit code to the runner. */
export type SetExit = (code: number) => void;

/** The date forms every DATE option takes, for help texts. */
export const DATE_FORMS = '2024-03-01、2024/3/1 或 2024年3月1日';

/** A date, read as the register import reads dates: 2024-03-01, 2024/3/1 or 2024年3月1日. */
export function parseDateOption(text: string, option: string): LocalDate {
  const parsed = parseRegisterDate(text, `${option} `);
  if (!parsed.ok) throw new CliFailure(parsed.reason);
  return parsed.value;
}

/** A positive integer id given on the command line. */
export function parseId(text: string, option: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(id) || id < 1)
    throw new CliFailure(`${option} ${text}: 应为机关编号（正整数）(an agency id, a positive integer)`);
  return id;
}

/** A report year (--year): four digits, one the ledger builds reports for (checkReportYear). */
export function parseYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text.trim()) || !checkReportYear(year).ok)
    throw new CliFailure(`--year ${text}: 年度应为 2019 年至 2100 年之间的整数 (a year from 2019 to 2100)`);
  return year;
}

/** A calendar year: four digits, one the calendar keeps (checkCalendarYear); `option` with its blank. */
export function parseCalendarYear(text: string, option = ''): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text.trim()))
    throw new CliFailure(`${option}${text}: ${LEDGER_REFUSALS['calendar.year']}`);
  const checked = checkCalendarYear(year);
  if (!checked.ok) throw new CliFailure(`${option}${text}: ${checked.error.message}`);
  return year;
}

/** A value the option must not leave empty. */
export function nonEmpty(text: string, option: string): string {
  const value = text.trim();
  if (!value) throw new CliFailure(`${option} 不能为空 (${option} is empty)`);
  return value;
}

/** A word as compared: half-width, no blanks. */
export const fold = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');
