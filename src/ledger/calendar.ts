/**
 * @module The working-day calendar as the ledger uses it: the State Council's schedule (shipped) with
 * the administrator's entries (stored) laid over it. `dueDate` counts N working days after a date (the
 * date itself is day zero, not counted) and says which days were counted and skipped; `holidaysOf`
 * lists a year's days off and make-up working days; `setCalendarDay` and `completeCalendarYear` record
 * an administrator's entries, audited; `readCalendarNotice` reads a year's notice typed as a small
 * file (one `DATE,KIND,REASON` a line) and `importCalendarDays` records all of it in one transaction.
 */

import { type Actor, actorName, auditedBy } from '../domain/access/policy.js';
import {
  addDays,
  daysBetween,
  isWeekend,
  type LocalDate,
  weekdayName,
  yearOf,
} from '../domain/calendar/local-date.js';
import {
  addWorkingDays,
  type DayInfo,
  dayInfo,
  type WorkingCalendar,
} from '../domain/calendar/working-days.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { CalendarRepository, Storage } from '../storage/index.js';
import { permit } from './access.js';
import { parseCsv } from './import/csv.js';
import { parseRegisterDate } from './import/register.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';

export interface DueDate {
  readonly from: LocalDate;
  readonly workingDays: number;
  readonly date: LocalDate;
  /** Each counted day, with its weekday or why a weekend day is worked (调休上班). */
  readonly counted: readonly DayInfo[];
  /** Each day skipped and why (weekend, holiday, closure). */
  readonly skipped: readonly DayInfo[];
  /** Years crossed whose official schedule is unknown: the date may move. */
  readonly unknownYears: readonly number[];
}

/**
 * The range of day zero `calendar due` counts from: a count of up to 1,000 working days (about four
 * years) from the last day stays a four-digit year, which every date of the ledger is.
 */
export const DUE_FROM_RANGE = { from: '1900-01-01', to: '9990-12-31' } as const;

export function dueDate(
  calendar: WorkingCalendar,
  from: LocalDate,
  workingDays: number,
): Result<DueDate, LedgerRefusal> {
  if (from < DUE_FROM_RANGE.from || from > DUE_FROM_RANGE.to)
    return err(ledgerRefusal('calendar.date-range', from));
  const count = addWorkingDays(calendar, from, workingDays);
  return ok({
    from,
    workingDays,
    date: count.date,
    counted: count.counted.map((d) => dayInfo(calendar, d)),
    skipped: count.skipped,
    unknownYears: count.unknownYears,
  });
}

/** The explanation of a due date, one Chinese sentence a line. */
export function dueDateLines(due: DueDate): string[] {
  const counted = due.counted.map((d) => (d.kind === 'makeupWorkday' ? `${d.date}（${d.reason}）` : d.date));
  const lines = [
    `${due.from} 为第零日，不计入；自次日起计 ${due.workingDays} 个工作日 (day zero not counted)`,
    `计入的工作日（${due.counted.length} 日）(counted)：${counted.join('、') || '无'}`,
  ];
  if (due.skipped.length > 0)
    lines.push(`跳过的日期 (skipped)：${due.skipped.map((d) => `${d.date}（${d.reason}）`).join('、')}`);
  lines.push(`期限届满日 (due)：${due.date}`);
  return lines;
}

export function unknownYearsWarning(years: readonly number[]): string | undefined {
  return years.length === 0
    ? undefined
    : `${years.join('、')} 年的节假日安排尚未录入，只按周末计算，日期可能变动；录入后请用 gongkai calendar complete 标记 (no official schedule for ${years.join(', ')})`;
}

export interface CalendarDay {
  readonly date: LocalDate;
  /** true: a make-up working day (调休上班) or an administrator's working day. */
  readonly working: boolean;
  readonly reason: string;
  readonly source: 'official' | 'override';
}

export interface YearSchedule {
  readonly year: number;
  /** The official schedule is shipped for the year, or an administrator marked it entered in full. */
  readonly known: boolean;
  /** Days off (holidays, closures, weekend days of a holiday period) and make-up working days. */
  readonly days: readonly CalendarDay[];
}

export function holidaysOf(calendar: WorkingCalendar, year: number): YearSchedule {
  const days: CalendarDay[] = [];
  for (const [date, exception] of calendar.exceptions)
    if (yearOf(date) === year)
      days.push({ date, working: exception.working, reason: exception.reason, source: exception.source });
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, known: calendar.knownYears.has(year), days };
}

export function checkCalendarYear(year: number): Result<number, LedgerRefusal> {
  return Number.isInteger(year) && year >= 1900 && year <= 9999
    ? ok(year)
    : err(ledgerRefusal('calendar.year', String(year)));
}

/** The reason an administrator's entry must give, trimmed; refused when empty. */
export function checkCalendarReason(reason: string): Result<string, LedgerRefusal> {
  const trimmed = reason.trim();
  return trimmed ? ok(trimmed) : err(ledgerRefusal('calendar.reason-empty'));
}

/** An administrator's entry for one date: a day off (closure, a holiday not yet shipped) or a working day. */
export async function setCalendarDay(
  storage: Storage,
  actor: Actor,
  entry: {
    readonly date: LocalDate;
    readonly working: boolean;
    readonly reason: string;
  },
): Promise<Result<void, LedgerRefusal>> {
  const denied = permit(actor, 'calendar.manage');
  if (denied) return err(denied);
  const checked = checkCalendarReason(entry.reason);
  if (!checked.ok) return checked;
  const reason = checked.value;
  const by = actorName(actor);
  await storage.transaction(async (tx) => {
    await tx.calendar.setOverride({ date: entry.date, working: entry.working, reason, createdBy: by });
    await tx.schedules.invalidateOpen();
    await tx.auditLog.append({
      ...auditedBy(actor, null),
      action: 'calendar.override',
      subject: `calendar:${entry.date}`,
      detail: { working: entry.working, reason },
    });
  });
  return ok(undefined);
}

/** Removes an administrator's entry; false when there was none. */
export async function unsetCalendarDay(
  storage: Storage,
  actor: Actor,
  date: LocalDate,
): Promise<Result<boolean, LedgerRefusal>> {
  const denied = permit(actor, 'calendar.manage');
  if (denied) return err(denied);
  return ok(
    await storage.transaction(async (tx) => {
      const removed = await tx.calendar.removeOverride(date);
      if (removed) {
        await tx.schedules.invalidateOpen();
        await tx.auditLog.append({
          ...auditedBy(actor, null),
          action: 'calendar.override-removed',
          subject: `calendar:${date}`,
        });
      }
      return removed;
    }),
  );
}

/** Marks a year's schedule as entered in full (its State Council notice). */
export async function completeCalendarYear(
  storage: Storage,
  actor: Actor,
  year: number,
): Promise<Result<void, LedgerRefusal>> {
  const denied = permit(actor, 'calendar.manage');
  if (denied) return err(denied);
  const checked = checkCalendarYear(year);
  if (!checked.ok) return checked;
  const by = actorName(actor);
  await storage.transaction(async (tx) => {
    await tx.calendar.markYearComplete(year, by);
    await tx.schedules.invalidateOpen();
    await tx.auditLog.append({
      ...auditedBy(actor, null),
      action: 'calendar.year-complete',
      subject: `calendar:${year}`,
    });
  });
  return ok(undefined);
}

/** One day of an administrator's entries: off (休息) or working (上班), and why. */
export interface CalendarEntry {
  readonly date: LocalDate;
  readonly working: boolean;
  readonly reason: string;
}

/** A line of a notice file that cannot be taken, and why (Chinese first, English in brackets). */
export interface NoticeProblem {
  readonly line: number;
  readonly reason: string;
}

export interface CalendarNotice {
  /** Each day of every line that could be read, in the file's order, with its line (a range: each day). */
  readonly days: readonly (CalendarEntry & { readonly line: number })[];
  /** Every line that could not, in the file's order. */
  readonly invalid: readonly NoticeProblem[];
  /**
   * Lines taken but worth a second look: a working day entered on a Monday to Friday, which is a
   * working day anyway (make-up days, 调休上班, fall on weekends), so probably a mistyped date.
   */
  readonly warnings: readonly NoticeProblem[];
}

/** The longest range of days off a line may give (a holiday period is at most nine days). */
export const MAX_NOTICE_RANGE_DAYS = 31;

/** KIND as a notice file writes it: true for a working day. */
const NOTICE_KINDS: ReadonlyMap<string, boolean> = new Map([
  ['休息', false],
  ['放假', false],
  ['off', false],
  ['上班', true],
  ['调休上班', true],
  ['work', true],
]);

/** 2027-02-05~2027-02-11 or 2027-02-05至2027-02-11 (full-width ～ and the wave dash 〜 too). */
const RANGE_SEPARATOR = /\s*(?:~|～|〜|至)\s*/;

const foldWord = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** At most three dates shown, then how many in all. */
const datesText = (dates: readonly LocalDate[]) =>
  dates.length <= 3 ? dates.join('、') : `${dates.slice(0, 3).join('、')} 等 ${dates.length} 天`;

/**
 * The year `--complete YEAR` may hold: YEAR itself, and December of the year before, where a notice's
 * 元旦 period sometimes starts (the 2019 notice: 2018-12-30 至 2019-01-01 放假, 2018-12-29 上班).
 */
export function belongsToNoticeYear(date: LocalDate, year: number): boolean {
  return yearOf(date) === year || (yearOf(date) === year - 1 && date.slice(5, 7) === '12');
}

/** A line's fields: split by comma, or tab, or the full-width comma (，), quotes as CSV has them. */
function fieldsOf(line: string): Result<string[], string> {
  const delimiter = line.includes(',')
    ? ','
    : line.includes('\t')
      ? '\t'
      : line.includes('，')
        ? '，'
        : undefined;
  if (delimiter === undefined) return ok([line]);
  const parsed = parseCsv(line, delimiter);
  if (!parsed.ok) return err('引号未闭合 (unclosed quote)');
  const fields = [...(parsed.records[0]?.fields ?? [])];
  while (fields.length > 3 && fields.at(-1)?.trim() === '') fields.pop(); // a spreadsheet's empty cells
  return ok(fields);
}

/** The days a DATE field names: one date, or each day of a range; problems as reasons. */
function daysOfField(text: string): Result<LocalDate[], string> {
  const parts = text.split(RANGE_SEPARATOR);
  if (parts.length > 2) return err(`日期“${text}”应为一个日期或一个日期范围 (one date or one range)`);
  const dates: LocalDate[] = [];
  const problems: string[] = [];
  for (const part of parts) {
    const parsed = parseRegisterDate(part, '日期');
    if (parsed.ok) dates.push(parsed.value);
    else problems.push(parsed.reason);
  }
  if (problems.length > 0) return err(problems.join('；'));
  const [from, to = from] = dates as [LocalDate, LocalDate?];
  const span = daysBetween(from, to) + 1;
  if (span < 1) return err(`日期范围 ${from} 至 ${to} 的结束日早于开始日 (the range ends before it starts)`);
  if (span > MAX_NOTICE_RANGE_DAYS)
    return err(
      `日期范围 ${from} 至 ${to} 共 ${span} 天，超过 ${MAX_NOTICE_RANGE_DAYS} 天 (a range of at most ${MAX_NOTICE_RANGE_DAYS} days)`,
    );
  return ok(Array.from({ length: span }, (_, i) => addDays(from, i)));
}

/**
 * A year's holiday notice as an administrator types it: one `DATE,KIND,REASON` a line. DATE is a date
 * as every date option takes it, or (for days off) a range `FROM~TO` / `FROM至TO` of at most 31 days;
 * KIND is 休息, 放假 or off, or 上班, 调休上班 or work; REASON must be given. Blank lines, lines starting
 * with `#` and a first line whose first field is 日期 (a header) are skipped. A day listed twice is an
 * error on its later line; with `completeYear`, so is a day outside that year (belongsToNoticeYear).
 * Every line is read, so that every problem is reported at once.
 */
export function readCalendarNotice(
  text: string,
  options: { readonly completeYear?: number } = {},
): CalendarNotice {
  const days: (CalendarEntry & { line: number })[] = [];
  const invalid: NoticeProblem[] = [];
  const warnings: NoticeProblem[] = [];
  const seen = new Map<LocalDate, number>();
  let contentLines = 0;
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('＃')) continue;
    contentLines++;
    const fields = fieldsOf(trimmed);
    if (!fields.ok) {
      invalid.push({ line, reason: fields.error });
      continue;
    }
    const [dateText = '', kindText = '', reasonText = '', ...extra] = fields.value.map((f) => f.trim());
    const first = foldWord(dateText);
    if (contentLines === 1 && (first.startsWith('日期') || first === 'date')) continue;
    if (fields.value.length < 2) {
      invalid.push({
        line,
        reason: '应为“日期,类别,理由”三项，以逗号分隔 (expected DATE,KIND,REASON separated by commas)',
      });
      continue;
    }
    const problems: string[] = [];
    if (extra.length > 0)
      problems.push(
        '多于三项；理由中有逗号时请用英文双引号括起 (more than three fields: quote a reason with commas)',
      );
    const dates = daysOfField(dateText);
    if (!dates.ok) problems.push(dates.error);
    const working = NOTICE_KINDS.get(foldWord(kindText));
    if (working === undefined)
      problems.push(
        `类别“${kindText}”应为 休息、放假、off 或 上班、调休上班、work (KIND must be off or work)`,
      );
    const reason = checkCalendarReason(reasonText);
    if (!reason.ok) problems.push(reason.error.message);
    if (dates.ok) {
      if (working === true && dates.value.length > 1)
        problems.push(
          '日期范围只用于休息日，上班日请逐日列出 (a range is for days off; list working days one a line)',
        );
      const { completeYear } = options;
      if (completeYear !== undefined) {
        const outside = dates.value.filter((d) => !belongsToNoticeYear(d, completeYear));
        if (outside.length > 0)
          problems.push(
            `${datesText(outside)} 不属于 ${completeYear} 年的安排：标记 ${completeYear} 年录入完整时只接受 ${completeYear} 年及 ${completeYear - 1} 年 12 月的日期 (outside the year being completed)`,
          );
      }
      const repeated = new Map<number, LocalDate[]>();
      for (const date of dates.value) {
        const earlier = seen.get(date);
        if (earlier === undefined) seen.set(date, line);
        else repeated.set(earlier, [...(repeated.get(earlier) ?? []), date]);
      }
      for (const [earlier, again] of repeated)
        problems.push(`${datesText(again)} 已在第 ${earlier} 行列出 (listed twice)`);
    }
    if (problems.length > 0) invalid.push({ line, reason: problems.join('；') });
    else if (dates.ok && working !== undefined && reason.ok) {
      for (const date of dates.value) days.push({ line, date, working, reason: reason.value });
      const weekdays = working ? dates.value.filter((d) => !isWeekend(d)) : [];
      if (weekdays.length > 0)
        warnings.push({
          line,
          reason: `${weekdays.map((d) => `${d}（${weekdayName(d)}）`).join('、')} 本来就是工作日，调休上班日通常是周末，请核对日期 (a working day entered on a weekday: check the date)`,
        });
    }
  }
  return { days, invalid, warnings };
}

/** What an import did (or, dry run, would do) to one day. */
export type CalendarChange = 'new' | 'replaced' | 'unchanged';

export interface ImportedDay extends CalendarEntry {
  readonly change: CalendarChange;
  /** The administrator's entry it replaced. */
  readonly previous?: { readonly working: boolean; readonly reason: string };
}

export interface CalendarImportSummary {
  /** Every day given, by date. */
  readonly days: readonly ImportedDay[];
  readonly created: number;
  readonly replaced: number;
  readonly unchanged: number;
  /** The year marked (or, dry run, to be marked) entered in full; null without `complete`. */
  readonly completed: number | null;
  /** Something was written (false for a dry run, or when every day was already so). */
  readonly written: boolean;
  readonly dryRun: boolean;
}

/**
 * Records a year's notice: each day as `setCalendarDay` would (a day with an entry already has it
 * replaced; one entered the same way is left alone), and, with `complete`, the year as
 * `completeCalendarYear` would, all in one transaction with one audit entry (`calendar.import`). The
 * days must be distinct (readCalendarNotice refuses a day listed twice); the reasons and the year
 * are checked as the single-day use cases check them. `dryRun` writes nothing: it reads what is
 * stored, to say what each day would do.
 */
export async function importCalendarDays(
  storage: Storage,
  actor: Actor,
  input: {
    readonly days: readonly CalendarEntry[];
    readonly complete?: number;
    readonly dryRun?: boolean;
    /** The file it came from, for the audit log. */
    readonly source?: string;
  },
): Promise<Result<CalendarImportSummary, LedgerRefusal>> {
  const denied = permit(actor, 'calendar.manage');
  if (denied) return err(denied);
  const by = actorName(actor);
  const days: CalendarEntry[] = [];
  const dates = new Set<LocalDate>();
  for (const day of input.days) {
    const reason = checkCalendarReason(day.reason);
    if (!reason.ok) return err({ ...reason.error, message: `${day.date}：${reason.error.message}` });
    if (dates.has(day.date)) throw new TypeError(`importCalendarDays: ${day.date} given twice`);
    dates.add(day.date);
    days.push({ date: day.date, working: day.working, reason: reason.value });
  }
  if (input.complete !== undefined) {
    const year = checkCalendarYear(input.complete);
    if (!year.ok) return year;
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const completed = input.complete ?? null;
  const dryRun = input.dryRun === true;

  const plan = async (calendar: CalendarRepository) => {
    const existing = new Map((await calendar.overrides()).map((o) => [o.date, o]));
    const toComplete = completed !== null && !(await calendar.completeYears()).includes(completed);
    const planned = days.map((day): ImportedDay => {
      const before = existing.get(day.date);
      if (!before) return { ...day, change: 'new' };
      const previous = { working: before.working, reason: before.reason };
      return before.working === day.working && before.reason === day.reason
        ? { ...day, change: 'unchanged' }
        : { ...day, change: 'replaced', previous };
    });
    return { planned, toComplete };
  };
  const summary = (planned: readonly ImportedDay[], written: boolean): CalendarImportSummary => ({
    days: planned,
    created: planned.filter((d) => d.change === 'new').length,
    replaced: planned.filter((d) => d.change === 'replaced').length,
    unchanged: planned.filter((d) => d.change === 'unchanged').length,
    completed,
    written,
    dryRun,
  });

  if (dryRun) return ok(summary((await plan(storage.calendar)).planned, false));
  return ok(
    await storage.transaction(async (tx) => {
      const { planned, toComplete } = await plan(tx.calendar);
      const changed = planned.filter((d) => d.change !== 'unchanged');
      if (changed.length === 0 && !toComplete) return summary(planned, false);
      for (const day of changed)
        await tx.calendar.setOverride({
          date: day.date,
          working: day.working,
          reason: day.reason,
          createdBy: by,
        });
      if (completed !== null && toComplete) await tx.calendar.markYearComplete(completed, by);
      await tx.schedules.invalidateOpen();
      const years = [...new Set(planned.map((d) => yearOf(d.date)))];
      await tx.auditLog.append({
        ...auditedBy(actor, null),
        action: 'calendar.import',
        subject: `calendar:${(completed === null ? years : [completed]).join(',')}`,
        detail: {
          ...(input.source === undefined ? {} : { source: input.source }),
          days: changed.map((d) => ({
            date: d.date,
            working: d.working,
            reason: d.reason,
            change: d.change,
            ...(d.previous ? { previous: d.previous } : {}),
          })),
          unchanged: planned.length - changed.length,
          completed: toComplete ? completed : null,
        },
      });
      return summary(planned, true);
    }),
  );
}
