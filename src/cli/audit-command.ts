/**
 * @module `gongkai audit PATH… [--json] [--csv] [--html OUT] [--compare] [--jobs N] [--file-timeout S]
 * [--file-memory MB] [--quiet]`: checks
 * every report in files and folders, as a supervising office checks its subordinate agencies' reports,
 * with the cross-year rules between consecutive years of each agency.
 *
 * Streams: stdout carries the human summary, or the JSON document (`--json`) or the CSV (`--csv`),
 * never two of them; the human summary then goes to stderr (none with `--quiet`). The progress bar is
 * drawn on stderr only when stderr is a terminal and `--quiet` is not given.
 *
 * Exit codes: 0 when no finding is an error and every file could be read (warnings and notes pass);
 * 1 when any finding is an error and every file could be read; 2 when any file could not be read (even
 * if there are error findings too), and for unusable input: a PATH that does not exist, bad options, an
 * output that cannot be written.
 */
import { statSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_LIMITS, type FileLimits } from '../audit/file-status.js';
import type { ChunkedWriter } from '../audit/outputs.js';
import { runAudit } from '../audit/run-audit.js';
import { terminalText, unreadableLine } from '../audit/terminal-text.js';
import { countReportFiles, ioError } from '../audit/walk.js';
import { FORCE_FLAGS, FORCE_HELP, type WriteOptions, writeOutputFileWith } from './cli-files.js';
import { CliFailure, type CliIo } from './cli-io.js';
import type { SetExit } from './cli-options.js';

interface AuditCliOptions {
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly html?: string;
  readonly compare?: boolean;
  readonly jobs?: string;
  readonly fileTimeout?: string;
  readonly fileMemory?: string;
  readonly quiet?: boolean;
  readonly force?: boolean;
}

/** How the command sees its terminal; tests pass their own. */
export interface AuditTerminal {
  readonly stderrIsTerminal: boolean;
  readonly columns: () => number;
}

const processTerminal: AuditTerminal = {
  stderrIsTerminal: process.stderr.isTTY === true,
  columns: () => process.stderr.columns ?? 80,
};

const MAX_JOBS = 256;

function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!/^\d+$/.test(value) || jobs < 1 || jobs > MAX_JOBS) {
    throw new CliFailure(
      `--jobs ${value}: 应为 1 到 ${MAX_JOBS} 之间的整数 (a whole number from 1 to ${MAX_JOBS})`,
    );
  }
  return jobs;
}

const MAX_TIMEOUT_SECONDS = 24 * 60 * 60;
/** Less than this and a worker thread cannot even load the readers. */
const MIN_MEMORY_MB = 64;
const MAX_MEMORY_MB = 64 * 1024;

function parseLimits(options: AuditCliOptions): FileLimits {
  let { timeMs, memoryMb } = DEFAULT_LIMITS;
  if (options.fileTimeout !== undefined) {
    const seconds = Number(options.fileTimeout);
    if (!/^\d+(\.\d+)?$/.test(options.fileTimeout) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
      throw new CliFailure(
        `--file-timeout ${options.fileTimeout}: 应为大于 0、不超过 ${MAX_TIMEOUT_SECONDS} 的秒数 (seconds, more than 0, at most ${MAX_TIMEOUT_SECONDS})`,
      );
    }
    timeMs = Math.max(1, Math.round(seconds * 1000));
  }
  if (options.fileMemory !== undefined) {
    const mb = Number(options.fileMemory);
    if (!/^\d+$/.test(options.fileMemory) || mb < MIN_MEMORY_MB || mb > MAX_MEMORY_MB) {
      throw new CliFailure(
        `--file-memory ${options.fileMemory}: 应为 ${MIN_MEMORY_MB} 到 ${MAX_MEMORY_MB} 之间的整数 (MB, a whole number from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB})`,
      );
    }
    memoryMb = mb;
  }
  return { timeMs, memoryMb };
}

function checkPath(path: string): void {
  try {
    statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new CliFailure(`${path}: 文件或文件夹不存在 (no such file or folder)`);
    if (code === 'EACCES') throw new CliFailure(`${path}: 没有读取权限 (permission denied)`);
    throw new CliFailure(`${path}: ${ioError(e, 'file').message}`);
  }
}

function checkOutput(path: string): void {
  let folder: ReturnType<typeof statSync> | undefined;
  try {
    folder = statSync(dirname(resolve(path)));
  } catch {
    folder = undefined;
  }
  if (!folder?.isDirectory()) throw new CliFailure(`${path}: 目录不存在 (no such directory)`);
  try {
    if (statSync(path).isDirectory()) throw new CliFailure(`${path}: 这是一个目录 (is a directory)`);
  } catch (e) {
    if (e instanceof CliFailure) throw e;
  }
}

/** Writes a file through a temporary name and a rename, so an interrupted run leaves no half page. */
function writeFileInPieces(
  Writer: typeof ChunkedWriter,
  path: string,
  produce: (write: (text: string) => void) => void,
  options: WriteOptions,
): void {
  writeOutputFileWith(
    path,
    (fd) => {
      const out = new Writer((text) => {
        const bytes = Buffer.from(text, 'utf8');
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      });
      produce((text) => out.write(text));
      out.flush();
    },
    options,
  );
}

export function registerAuditCommand(
  program: Command,
  io: CliIo,
  setExit: SetExit,
  terminal: AuditTerminal = processTerminal,
): void {
  program
    .command('audit')
    .description('批量检查文件和文件夹中的年度报告，含跨年度检查 (audit many reports, with cross-year rules)')
    .argument(
      '<paths...>',
      '报告文件或文件夹，文件夹逐层查找 (report files or folders, searched recursively)',
    )
    .option('--json', '在标准输出写一个 JSON 文档：summary 与 files (one JSON document on stdout)')
    .option('--csv', '在标准输出写 CSV，每个问题一行，UTF-8 带 BOM (CSV on stdout, one row per finding)')
    .option('--html <file>', '写一个独立的 HTML 检查页面 (write a self-contained HTML audit page)')
    .option(FORCE_FLAGS, FORCE_HELP)
    .option('--compare', '同一机关的逐年比较表 (year-over-year tables per agency)')
    .option('--jobs <n>', '读取报告的工作线程数，默认为 CPU 核数 (worker threads; default: cores)')
    .option(
      '--file-timeout <seconds>',
      `每个文件最长读取时间，超时则停止并报告该文件，默认 ${DEFAULT_LIMITS.timeMs / 1000} 秒 (time one file may take)`,
    )
    .option(
      '--file-memory <mb>',
      `读取一个文件的线程最多可用内存（MB），超出则停止并报告该文件，默认 ${DEFAULT_LIMITS.memoryMb} (memory one file may take)`,
    )
    .option(
      '--quiet',
      '不显示进度；与 --json/--csv 同用时不在 stderr 写摘要 (no progress, no stderr summary)',
    )
    .action(async (paths: string[], options: AuditCliOptions) => {
      if (options.json && options.csv) {
        throw new CliFailure(
          '--json 与 --csv 都写到标准输出，只能选一个 (--json and --csv both write to stdout)',
        );
      }
      const jobs = parseJobs(options.jobs);
      const limits = parseLimits(options);
      for (const path of paths) checkPath(path);
      if (options.html) checkOutput(options.html);

      const machine = options.json === true || options.csv === true;
      const human = machine ? io.stderr : io.stdout;
      const showHuman = !(machine && options.quiet);
      const exclude = new Set(options.html ? [resolve(options.html)] : []);
      const progress =
        terminal.stderrIsTerminal && !options.quiet
          ? new (await import('../audit/progress.js')).ProgressBar(io.stderr, terminal.columns)
          : undefined;
      if (progress) {
        countReportFiles(paths, { exclude }).then(
          (total) => progress.setTotal(total),
          () => undefined,
        );
      }

      const running = runAudit({
        paths,
        jobs,
        workers: options.jobs === undefined ? 'auto' : 'always',
        compare: options.compare === true,
        limits,
        keepResults: machine || options.html !== undefined,
        exclude,
        onFile: (result, done) => {
          if (result.status === 'unreadable' && showHuman) {
            progress?.clear();
            human(unreadableLine(result.file, result.error));
          }
          progress?.update(done);
        },
      });
      running.catch(() => undefined);
      // What writes the results (the string-width and table packages among it) loads while the
      // worker threads read: none of it is needed before, and the workers start sooner without it.
      const [outputs, page, words] = await Promise.all([
        import('../audit/outputs.js'),
        options.html ? import('../audit/audit-html.js') : undefined,
        showHuman ? import('../audit/terminal.js') : undefined,
      ]);
      const run = await running;
      progress?.clear();
      try {
        if (run.summary.files === 0) {
          throw new CliFailure(`${paths.join('、')}: 没有找到可读取的报告文件 (no report files found)`);
        }
        if (options.json) outputs.writeAuditJson(run, new outputs.ChunkedWriter(io.stdout));
        if (options.csv) outputs.writeAuditCsv(run, new outputs.ChunkedWriter(io.stdout));
        if (options.html && page) {
          const html = options.html;
          writeFileInPieces(
            outputs.ChunkedWriter,
            html,
            (write) => page.writeAuditHtml(run, write, { paths, compare: options.compare === true }),
            { force: options.force === true, inputs: paths },
          );
        }
        if (showHuman && words) {
          human(words.summaryText(run.summary));
          if (options.compare) {
            for (const key of run.agencyKeys()) {
              const comparison = run.comparison(key);
              if (comparison) human(words.comparisonText(run.agencyName(key), comparison));
            }
          }
          if (options.html) human(`已写入 ${terminalText(options.html)} (written)\n`);
        }
      } finally {
        run.close();
      }
      setExit(run.summary.exitCode);
    });
}
