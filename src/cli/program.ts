/**
 * @module The `gongkai` command line: builds the commands, runs one, and turns every expected failure
 * into one line on stderr and an exit code. A stack trace is printed only with GONGKAI_DEBUG=1.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAuditCommand } from './audit-command.js';
import { registerAuditLogCommand } from './audit-log-command.js';
import { registerCalendarCommands } from './calendar-commands.js';
import { registerCasesCommands } from './cases-commands.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import type { SetExit } from './cli-options.js';
import { registerFeesCommand } from './fees-command.js';
import { registerLedgerCommands } from './ledger-commands.js';
import { registerReportCommands } from './report-commands.js';
import { registerRequestsCommands } from './requests-commands.js';
import { registerRequestsImportCommand } from './requests-import-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerUsersCommands } from './users-commands.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Commander's usage errors, said in Chinese first. */
const USAGE_ERRORS: readonly [RegExp, (...groups: string[]) => string][] = [
  [/unknown command '([^']*)'/, (c) => `未知命令“${c}”(unknown command)`],
  [/unknown option '([^']*)'/, (o) => `未知选项“${o}”(unknown option)`],
  [/missing required argument '([^']*)'/, (a) => `缺少参数 ${a} (missing argument)`],
  [/required option '([^']*)' not specified/, (o) => `缺少必需选项 ${o} (required option)`],
  [/option '([^']*)' argument missing/, (o) => `选项 ${o} 缺少取值 (option needs a value)`],
  [/too many arguments/, () => '参数过多 (too many arguments)'],
];

function usageError(text: string): string {
  for (const [pattern, say] of USAGE_ERRORS) {
    const m = pattern.exec(text);
    if (m) return `gongkai: ${say(...m.slice(1))}\n`;
  }
  return text;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const output = {
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (text: string, write: (t: string) => void) => write(usageError(text)),
  };
  const program = new Command('gongkai')
    .description('公开 Gongkai — 政府信息公开平台 (government information disclosure platform)')
    .version(packageVersion(), '-v, --version', '显示版本 (show version)')
    .helpOption('-h, --help', '显示帮助 (show help)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput(output)
    .helpCommand('help [command]', '显示命令帮助 (display help for command)');
  const setExit: SetExit = (code) => {
    exitCode = code;
  };
  // In the order of `gongkai --help`; `report build|explain` (ledger) join the report command made first.
  for (const register of [
    registerServeCommand,
    registerReportCommands,
    registerAuditCommand,
    registerLedgerCommands,
    registerRequestsImportCommand,
    registerRequestsCommands,
    registerCasesCommands,
    registerFeesCommand,
    registerCalendarCommands,
    registerAuditLogCommand,
    registerUsersCommands,
  ])
    register(program, io, setExit);
  program.commands.forEach(function inherit(command: Command) {
    command.exitOverride().configureOutput(output).showHelpAfterError();
    command.commands.forEach(inherit);
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end with code 0; a usage mistake has already been printed by commander.
      return e.exitCode === 0 ? EXIT.ok : EXIT.unusable;
    }
    if (e instanceof CliFailure) {
      io.stderr(`gongkai: ${e.message}\n`);
      return e.code;
    }
    if (e instanceof Error && e.name === 'PdfRendererUnavailable') {
      io.stderr(`gongkai: ${e.message}\n`);
      return EXIT.unusable;
    }
    io.stderr(
      `gongkai: 内部错误，请报告此问题 (internal error, please report): ${e instanceof Error ? e.message : String(e)}\n`,
    );
    if (process.env.GONGKAI_DEBUG === '1' && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 70;
  }
}
