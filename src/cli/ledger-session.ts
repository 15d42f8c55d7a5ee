/**
 * @module What every ledger command shares: `--database URL` (or DATABASE_URL; a file path or
 * `sqlite:PATH`, or `postgres://…`; default ./data/gongkai.db), opening through openLedger, the actor a
 * command acts as, and turning the ledger's refusals into one-line failures. Kept apart from the
 * commands themselves so that `requests add` loads only this, not the report commands' readers.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { type Actor, systemActor } from '../domain/access/policy.js';
import { type LedgerRefusal, openLedger } from '../ledger/index.js';
import { DEFAULT_DATABASE_URL, parseStorageUrl, redactDatabaseUrl, type Storage } from '../storage/index.js';
import { CliFailure } from './cli-io.js';
import { environmentFailure } from './environment-failure.js';

export const DATABASE_FLAGS = '--database <url>';
export const DATABASE_HELP =
  '数据库：文件路径、sqlite:路径 或 postgres://…；默认 DATABASE_URL 或 ./data/gongkai.db (database URL)';

export const CONFIRM_COMPLETED_YEAR = '--confirm-completed-year';
export const CONFIRM_COMPLETED_YEAR_HELP =
  '确认更正已标记完成的年度报告的数字；更正将列入该年度报告的发现 (confirm a correction to a completed year)';

/** The line a correction that changed completed years prints (nothing when it changed none). */
export function completedYearsNote(years: readonly number[]): string {
  return years.length
    ? `警告 (warning)：此更正改变了已标记完成的 ${years.map((y) => `${y} 年度`).join('、')}报告的数字，已列入该年度报告的发现\n`
    : '';
}

/** The database a command uses: --database, else DATABASE_URL, else ./data/gongkai.db. */
export function databaseUrl(option: string | undefined): string {
  return option?.trim() || process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** Who runs the command, for the audit log. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/**
 * The actor a command acts as: the machine's operator, who holds every role over every agency (the
 * command line is the operator's tool; the web's users are the ones the policy restricts), recorded
 * under `by` (a `--by` option) or the login name.
 */
export const cliOperator = (by?: string): Actor => systemActor(by ?? cliActor());

/** A refusal as a one-line failure (exit 2). */
export function refused(refusal: LedgerRefusal): CliFailure {
  return new CliFailure(refusal.message);
}

type StorageTarget = ReturnType<typeof parseStorageUrl>;

/** A SQLite file (not :memory:) that does not exist yet. */
const missingFile = (target: StorageTarget): target is Extract<StorageTarget, { dialect: 'sqlite' }> =>
  target.dialect === 'sqlite' && target.path !== ':memory:' && !existsSync(target.path);

/** The URL names a SQLite file that does not exist yet (a bad URL is left for withLedger to report). */
export function sqliteFileMissing(url: string): boolean {
  try {
    return missingFile(parseStorageUrl(url));
  } catch {
    return false;
  }
}

/**
 * Runs `work` on the ledger's database and closes it. `read` commands refuse a SQLite file that does
 * not exist (instead of creating an empty one); `write` commands create it.
 */
export async function withLedger<T>(
  url: string,
  mode: 'read' | 'write',
  work: (storage: Storage) => Promise<T>,
): Promise<T> {
  // The URL as it may be printed: a PostgreSQL password never reaches the terminal or a log.
  const shown = redactDatabaseUrl(url);
  let target: StorageTarget;
  try {
    target = parseStorageUrl(url);
  } catch {
    throw new CliFailure(
      `--database ${shown}: 无法识别的数据库地址 (bad database URL)；应为文件路径、sqlite:路径 或 postgres://…`,
    );
  }
  if (mode === 'read' && missingFile(target))
    throw new CliFailure(`${target.path}: 数据库不存在 (no such database)；请先用 gongkai agency add 建立`);
  let storage: Storage;
  try {
    storage = await openLedger(url);
  } catch (e) {
    // Never the driver's own text (it may hold the URL, password and all), unless asked for.
    const debug =
      process.env.GONGKAI_DEBUG === '1' ? `: ${String((e as Error).message).replaceAll(url, shown)}` : '';
    throw new CliFailure(
      environmentFailure(e, shown) ??
        `${shown}: 数据库无法打开 (cannot open database)；GONGKAI_DEBUG=1 显示原因 (shows why)${debug}`,
    );
  }
  try {
    return await work(storage);
  } catch (e) {
    const failure = e instanceof CliFailure ? undefined : environmentFailure(e, shown);
    if (failure) throw new CliFailure(failure);
    throw e;
  } finally {
    await storage.close();
  }
}

/** The `requests` command group, made by the first command registered under it. */
export function requestsCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'requests') ??
    program.command('requests').description('政府信息公开申请台账 (the request ledger)')
  );
}
