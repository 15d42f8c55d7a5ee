/**
 * @module `gongkai calendar …`: due dates in working days (工作日) and the year's holidays, from the
 * State Council's schedule with the administrator's entries stored in the database over it; and the
 * administrator's commands that record those entries (set, unset, complete). Reading commands use
 * the official schedule alone when the SQLite database does not exist yet (nothing is created).
 * `calendar import` takes a year's whole notice from a small file, all or nothing.
 */
import type { Command } from 'commander';
import { officialCalendar } from '../calendar/official-calendar.js';
import { decodeReportBytes } from '../documents/decode.js';
import { weekdayName, yearOf } from '../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../domain/calendar/working-days.js';
import {
  type CalendarEntry,
  type CalendarImportSummary,
  completeCalendarYear,
  dueDate,
  dueDateLines,
  holidaysOf,
  type ImportedDay,
  importCalendarDays,
  type NoticeProblem,
  readCalendarNotice,
  setCalendarDay,
  unknownYearsWarning,
  unsetCalendarDay,
} from '../ledger/index.js';
import { loadCalendar } from '../storage/index.js';
import { readInputFile } from './cli-files.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import { DATE_FORMS, parseCalendarYear, parseDateOption, type SetExit } from './cli-options.js';
import {
  cliOperator,
  DATABASE_FLAGS,
  DATABASE_HELP,
  databaseUrl,
  refused,
  sqliteFileMissing,
  withLedger,
} from './ledger-session.js';

/** The official schedule with the stored entries; the official one alone when no SQLite file exists yet. */
async function calendarFor(url: string): Promise<WorkingCalendar> {
  if (sqliteFileMissing(url)) return officialCalendar();
  return withLedger(url, 'read', (storage) => loadCalendar(storage));
}

const CHANGE_LABELS: Record<ImportedDay['change'], string> = {
  new: '新增',
  replaced: '替换',
  unchanged: '不变',
};

const kindLabel = (working: boolean) => (working ? '上班' : '休息');

/** The stderr summary of `calendar import`: one line, after the invalid lines when there are any. */
function importSummaryText(
  file: string,
  days: readonly CalendarEntry[],
  invalid: readonly NoticeProblem[],
  s: CalendarImportSummary | undefined,
  dryRun: boolean,
): string {
  if (invalid.length > 0)
    return `${[
      ...invalid.map((p) => `${file}:${p.line}: ${p.reason}`),
      `日历文件 ${file}：无效 ${invalid.length} 行，未写入任何日期；修正后重新导入 (invalid lines: nothing written)`,
    ].join('\n')}\n`;
  const off = days.filter((d) => !d.working).length;
  const parts = [
    `日历文件 ${file}：休息 ${off} 天，上班 ${days.length - off} 天`,
    `新增 ${s?.created ?? 0}，替换 ${s?.replaced ?? 0}，不变 ${s?.unchanged ?? 0}`,
  ];
  if (s && s.completed !== null) parts.push(`${s.completed} 年${dryRun ? '将' : '已'}标记为录入完整`);
  const state = dryRun
    ? '试运行，未写入数据库 (dry run: nothing written)'
    : s?.written
      ? '已写入数据库 (written)'
      : '数据库中已是这些录入，没有需要写入的内容 (nothing to write)';
  return `${parts.join('；')} (days off, working days; new, replaced, unchanged)；${state}\n`;
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
        const counted = dueDate(await calendarFor(databaseUrl(options.database)), from, days);
        if (!counted.ok) throw refused(counted.error);
        const due = counted.value;
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
          setCalendarDay(storage, cliOperator(), { date, working, reason: options.reason }),
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
        unsetCalendarDay(storage, cliOperator(), date),
      );
      if (!removed.ok) throw refused(removed.error);
      if (!removed.value) throw new CliFailure(`${date}: 没有管理员录入 (no entry for that date)`);
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
        completeCalendarYear(storage, cliOperator(), year),
      );
      if (!done.ok) throw refused(done.error);
      io.stdout(`${year} 年节假日安排已标记为录入完整 (year marked complete)\n`);
      setExit(EXIT.ok);
    });

  calendar
    .command('import')
    .description(
      '从文件导入一年的节假日安排：每行 日期,类别,理由，全部有效才写入 (import a year’s holiday notice)',
    )
    .argument(
      '<file>',
      '日历文件：每行 日期,休息|放假|off|上班|调休上班|work,理由；UTF-8 或 GBK (notice file)',
    )
    .option('--complete <year>', '同时标记该年已全部录入（各日期须属于该年）(also mark the year complete)')
    .option('--dry-run', '只检查，列出将写入的日期，不写入 (check only, write nothing)')
    .option('--json', '以 JSON 输出结果 (machine-readable result)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        file: string,
        options: { complete?: string; dryRun?: boolean; json?: boolean; database?: string },
      ) => {
        const completeYear =
          options.complete === undefined ? undefined : parseCalendarYear(options.complete, '--complete ');
        const dryRun = options.dryRun === true;
        const decoded = decodeReportBytes(readInputFile(file, '日历文件'));
        if (!decoded.ok) throw new CliFailure(`${file}: ${decoded.message}`);
        const notice = readCalendarNotice(decoded.text, completeYear === undefined ? {} : { completeYear });
        if (notice.days.length === 0 && notice.invalid.length === 0)
          throw new CliFailure(`${file}: 文件中没有日期 (no dates in the file)`);
        if (
          completeYear !== undefined &&
          notice.invalid.length === 0 &&
          !notice.days.some((d) => yearOf(d.date) === completeYear)
        )
          throw new CliFailure(
            `${file}: 文件中没有 ${completeYear} 年的日期，不能标记该年录入完整 (no date of ${completeYear}: --complete refused)`,
          );

        let summary: CalendarImportSummary | undefined;
        if (notice.invalid.length === 0) {
          const url = databaseUrl(options.database);
          // A dry run against a database not created yet: every day would be new.
          const target = dryRun && sqliteFileMissing(url) ? ':memory:' : url;
          const imported = await withLedger(target, dryRun ? 'read' : 'write', (storage) =>
            importCalendarDays(storage, cliOperator(), {
              days: notice.days,
              dryRun,
              source: file,
              ...(completeYear === undefined ? {} : { complete: completeYear }),
            }),
          );
          if (!imported.ok) throw refused(imported.error);
          summary = imported.value;
        }

        for (const w of notice.warnings) io.stderr(`警告 (warning): ${file}:${w.line}: ${w.reason}\n`);
        io.stderr(importSummaryText(file, notice.days, notice.invalid, summary, dryRun));
        if (options.json) {
          const days = summary?.days ?? notice.days;
          const lines = (problems: readonly NoticeProblem[]) =>
            problems.map((p) => ({ line: p.line, reason: p.reason }));
          io.stdout(
            `${JSON.stringify(
              {
                file,
                days: days.map((d) => ({ date: d.date, working: d.working, reason: d.reason })),
                created: summary?.created ?? null,
                replaced: summary?.replaced ?? null,
                unchanged: summary?.unchanged ?? null,
                invalid: lines(notice.invalid),
                warnings: lines(notice.warnings),
                written: summary?.written ?? false,
                dryRun,
                completed: summary?.completed ?? null,
              },
              null,
              2,
            )}\n`,
          );
        } else if (summary) {
          for (const d of summary.days)
            io.stdout(
              `${d.date}  ${weekdayName(d.date)}  ${kindLabel(d.working)}  ${d.reason}  ${CHANGE_LABELS[d.change]}${d.previous ? `（原为 ${kindLabel(d.previous.working)} ${d.previous.reason}）` : ''}\n`,
            );
        }
        setExit(notice.invalid.length > 0 ? EXIT.findings : EXIT.ok);
      },
    );
}
