/**
 * @module Reading option values the same way in every command: dates in the forms registers use,
 * values that must not be empty, words compared without width or blanks. Each failure is a CliFailure
 * naming the option (exit 2, one line).
 */
import type { LocalDate } from '../domain/calendar/local-date.js';
import { parseRegisterDate } from '../ledger/index.js';
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

/** A value the option must not leave empty. */
export function nonEmpty(text: string, option: string): string {
  const value = text.trim();
  if (!value) throw new CliFailure(`${option} 不能为空 (${option} is empty)`);
  return value;
}

/** A word as compared: half-width, no blanks. */
export const fold = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');
