/**
 * @module `gongkai calendar …`: due dates in working days (工作日) and the year's holidays, from the
 * State Council's schedule with the administrator's entries stored in the database over it; and the
 * administrator's commands that record those entries (set, unset, complete). Reading commands use
 * the official schedule alone when the SQLite database does not exist yet (nothing is created).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { officialCalendar } from '../calendar/official-calendar.js';
import { weekdayName } from '../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../domain/calendar/working-days.js';
import {
  checkCalendarYear,
  completeCalendarYear,
  dueDate,
  dueDateLines,
  holidaysOf,
  setCalendarDay,
  unknownYearsWarning,
  unsetCalendarDay,
} from '../ledger/index.js';
import { loadCalendar, parseStorageUrl } from '../storage/index.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import { DATE_FORMS, parseDateOption, type SetExit } from './cli-options.js';
import {
  cliActor,
  DATABASE_FLAGS,
  DATABASE_HELP,
  databaseUrl,
  refused,
  withLedger,
} from './ledger-commands.js';

function parseCalendarYear(text: string): number {
  const year = Number(text);
  const checked = checkCalendarYear(/^\d{4}$/.test(text.trim()) ? year : Number.NaN);
  if (!checked.ok) throw new CliFailure(`${text}: ${checked.error.message}`);
  return year;
}

/** The official schedule with the stored entries; the official one alone when no SQLite file exists yet. */
async function calendarFor(url: string): Promise<WorkingCalendar> {
  let target: ReturnType<typeof parseStorageUrl> | undefined;
  try {
    target = parseStorageUrl(url);
  } catch {
    target = undefined; // withLedger reports the bad URL
  }
  if (target?.dialect === 'sqlite' && target.path !== ':memory:' && !existsSync(target.path))
    return officialCalendar();
  return withLedger(url, 'read', (storage) => loadCalendar(storage));
}

export function registerCalendarCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const calendar = program
    .command('calendar')
    .description('工作日日历：期限计算、节假日、管理员录入 (working-day calendar)');

  calendar
    .command('due')
    .description('计算 DATE 之后第 N 个工作日（DATE 当日不计）(the date N working days after DATE)')
    .argument('<date>', `起算日（第零日），${DATE_FORMS} (day zero)`)
    .option('--days <n>', '工作日数 (working days)', '20')
    .option('--explain', '把计入和跳过的日期输出到标准输出（默认输出到标准错误）(explanation on stdout)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        text: string,
        options: { days: string; explain?: boolean; json?: boolean; database?: string },
      ) => {
        const from = parseDateOption(text, 'DATE');
        const days = Number(options.days);
        if (!/^\d+$/.test(options.days.trim()) || days > 1000)
          throw new CliFailure(
            `--days ${options.days}: 应为 0 至 1000 的整数 (a whole number of working days)`,
          );
        const due = dueDate(await calendarFor(databaseUrl(options.database)), from, days);
        const warning = unknownYearsWarning(due.unknownYears);
        if (warning) io.stderr(`警告 (warning): ${warning}\n`);
        if (options.json) {
          const day = (d: (typeof due.counted)[number]) => ({ date: d.date, kind: d.kind, reason: d.reason });
          io.stdout(
            `${JSON.stringify(
              {
                from: due.from,
                workingDays: due.workingDays,
                date: due.date,
                counted: due.counted.map(day),
                skipped: due.skipped.map(day),
                unknownYears: due.unknownYears,
              },
              null,
              2,
            )}\n`,
          );
        } else {
          io.stdout(`${due.date}\n`);
          const lines = `${dueDateLines(due).join('\n')}\n`;
          if (options.explain) io.stdout(lines);
          else io.stderr(lines);
        }
        setExit(EXIT.ok);
      },
    );

  calendar
    .command('holidays')
    .description(
      '列出一年的休息日与调休上班日（官方安排与管理员录入）(a year’s days off and make-up workdays)',
    )
    .argument('<year>', '年度 (year)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (text: string, options: { json?: boolean; database?: string }) => {
      const year = parseCalendarYear(text);
      const schedule = holidaysOf(await calendarFor(databaseUrl(options.database)), year);
      if (!schedule.known)
        io.stderr(
          `警告 (warning): ${year} 年的官方节假日安排尚未收录或录入完整，以下只有管理员录入的日期；录入后请用 gongkai calendar complete ${year} 标记 (no official schedule)\n`,
        );
      if (options.json) {
        io.stdout(`${JSON.stringify(schedule, null, 2)}\n`);
      } else {
        io.stdout(
          `${year} 年休息日与调休上班日 (days off and make-up workdays)：${schedule.days.length} 天\n`,
        );
        for (const d of schedule.days)
          io.stdout(
            `${d.date}  ${weekdayName(d.date)}  ${d.working ? '上班' : '休息'}  ${d.reason}  ${d.source === 'official' ? '官方' : '管理员录入'}\n`,
          );
      }
      setExit(EXIT.ok);
    });

  calendar
    .command('set')
    .description('管理员录入：某日休息或上班，须说明理由 (record a day off or a working day)')
    .argument('<date>', `日期，${DATE_FORMS} (date)`)
    .option('--off', '休息（如临时停工、尚未收录的节假日）(a day off)')
    .option('--work', '上班（如调休上班）(a working day)')
    .requiredOption('--reason <text>', '理由，如 台风停工、2027年春节调休 (reason)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (text: string, options: { off?: boolean; work?: boolean; reason: string; database?: string }) => {
        const date = parseDateOption(text, 'DATE');
        if (options.off === options.work)
          throw new CliFailure('请指定 --off 或 --work 之一 (give exactly one of --off and --work)');
        const working = options.work === true;
        const done = await withLedger(databaseUrl(options.database), 'write', (storage) =>
          setCalendarDay(storage, { date, working, reason: options.reason, by: cliActor() }),
        );
        if (!done.ok) throw refused(done.error);
        io.stdout(`${date} ${working ? '上班' : '休息'}：${options.reason.trim()} (recorded)\n`);
        setExit(EXIT.ok);
      },
    );

  calendar
    .command('unset')
    .description('删除管理员对某日的录入 (remove an administrator’s entry)')
    .argument('<date>', `日期，${DATE_FORMS} (date)`)
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (text: string, options: { database?: string }) => {
      const date = parseDateOption(text, 'DATE');
      const removed = await withLedger(databaseUrl(options.database), 'write', (storage) =>
        unsetCalendarDay(storage, date, cliActor()),
      );
      if (!removed) throw new CliFailure(`${date}: 没有管理员录入 (no entry for that date)`);
      io.stdout(`${date}：已删除录入 (entry removed)\n`);
      setExit(EXIT.ok);
    });

  calendar
    .command('complete')
    .description('标记某年的节假日安排已全部录入 (mark a year’s schedule as entered in full)')
    .argument('<year>', '年度 (year)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (text: string, options: { database?: string }) => {
      const year = parseCalendarYear(text);
      const done = await withLedger(databaseUrl(options.database), 'write', (storage) =>
        completeCalendarYear(storage, year, cliActor()),
      );
      if (!done.ok) throw refused(done.error);
      io.stdout(`${year} 年节假日安排已标记为录入完整 (year marked complete)\n`);
      setExit(EXIT.ok);
    });
}
