/**
 * @module The `gongkai` command line: builds the commands, runs one, and turns every expected failure
 * into one line on stderr and an exit code. A stack trace is printed only with GONGKAI_DEBUG=1.
 *
 * Only the modules of the command being run are loaded: each command file imports what its commands
 * use (the storage drivers, the document libraries…), and loading every one of them made
 * `gongkai --version` take ten times as long as Node's own start. The others stand in as stubs with
 * their name and description, so `gongkai --help` and a mistyped command's suggestion are unchanged
 * (program.test.ts compares every help page with the one the fully loaded program prints).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Help } from 'commander';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import type { SetExit } from './cli-options.js';
import { environmentFailure } from './environment-failure.js';

type Register = (program: Command, io: CliIo, setExit: SetExit) => void;

export interface CommandModule {
  /** The top-level commands the module adds to, each with the subcommands it adds there. */
  readonly adds: Readonly<Record<string, readonly string[]>>;
  /** Groups that must exist before it registers (it adds subcommands to them). */
  readonly after?: readonly string[];
  readonly load: () => Promise<Register>;
}

/** In the order of `gongkai --help`; `report build|explain` (ledger) join the report command made first. */
export const MODULES: readonly CommandModule[] = [
  { adds: { serve: [] }, load: async () => (await import('./serve-command.js')).registerServeCommand },
  {
    adds: { report: ['check', 'parse', 'render', 'example', 'rules'] },
    load: async () => (await import('./report-commands.js')).registerReportCommands,
  },
  { adds: { audit: [] }, load: async () => (await import('./audit-command.js')).registerAuditCommand },
  {
    adds: { agency: ['add', 'list'], report: ['build', 'complete', 'explain'] },
    after: ['report'],
    load: async () => (await import('./ledger-commands.js')).registerLedgerCommands,
  },
  {
    adds: { requests: ['add', 'record', 'void', 'correct', 'show', 'list'] },
    load: async () => (await import('./requests-commands.js')).registerRequestsCommands,
  },
  {
    adds: { requests: ['import', 'headers'] },
    load: async () => (await import('./requests-import-command.js')).registerRequestsImportCommand,
  },
  {
    adds: { cases: ['add', 'close', 'withdraw'] },
    load: async () => (await import('./cases-commands.js')).registerCasesCommands,
  },
  { adds: { fees: ['quote'] }, load: async () => (await import('./fees-command.js')).registerFeesCommand },
  {
    adds: { calendar: ['due', 'holidays', 'set', 'unset', 'complete', 'import'] },
    load: async () => (await import('./calendar-commands.js')).registerCalendarCommands,
  },
  {
    adds: { 'audit-log': ['verify'] },
    load: async () => (await import('./audit-log-command.js')).registerAuditLogCommand,
  },
  {
    adds: { users: ['add', 'list', 'token', 'revoke', 'unlock', 'password'] },
    load: async () => (await import('./users-commands.js')).registerUsersCommands,
  },
  {
    adds: { search: ['reindex'] },
    load: async () => (await import('./search-commands.js')).registerSearchCommands,
  },
];

/**
 * How each top-level command shows in `gongkai --help` when its module is not loaded: the term (name,
 * `[options]`, arguments) and the description its module gives it.
 */
const STUBS: Readonly<Record<string, readonly [term: string, description: string]>> = {
  serve: [
    'serve [options]',
    '启动政府信息公开工作平台（后台与接口）(start the platform: back office and API)',
  ],
  report: ['report', '年度报告：检查、解析、生成 (annual reports: check, parse, render)'],
  audit: [
    'audit [options] <paths...>',
    '批量检查文件和文件夹中的年度报告，含跨年度检查 (audit many reports, with cross-year rules)',
  ],
  agency: ['agency', '机关：添加、列出 (agencies: add, list)'],
  requests: ['requests', '政府信息公开申请台账 (the request ledger)'],
  cases: ['cases', '行政复议、行政诉讼案件登记 (reconsideration and litigation cases)'],
  fees: ['fees', '信息处理费（《政府信息公开信息处理费管理办法》）(information processing fees)'],
  calendar: ['calendar', '工作日日历：期限计算、节假日、管理员录入 (working-day calendar)'],
  'audit-log': ['audit-log', '操作日志：核验哈希链 (audit log: verify its hash chain)'],
  users: ['users', '平台用户：添加、列出、令牌、解锁、重置密码 (platform accounts)'],
  search: ['search', '门户检索：重建索引 (the portal’s search index)'],
};

/**
 * The modules `argv` needs: those adding to its command (`help X` is X's help), narrowed to the ones
 * adding its subcommand when it names one (and the group's first module, which makes the group).
 */
function modulesFor(argv: readonly string[]): Set<CommandModule> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const helping = words[0] === 'help';
  const top = helping ? words[1] : words[0];
  const sub = helping ? undefined : words[1];
  const adding = (group: string) => MODULES.filter((m) => Object.hasOwn(m.adds, group));
  const group = top === undefined ? [] : adding(top);
  const owning = sub === undefined ? [] : group.filter((m) => m.adds[top!]!.includes(sub));
  const chosen = new Set(owning.length > 0 ? [group[0]!, ...owning] : group);
  for (const m of [...chosen]) for (const name of m.after ?? []) chosen.add(adding(name)[0]!);
  return chosen;
}

const stubTerms = new WeakMap<Command, string>();

function stub(program: Command, name: string): void {
  const [term, description] = STUBS[name]!;
  const command = program
    .command(name)
    .description(description)
    .action(() => {
      throw new Error(`the module of "${name}" was not loaded`);
    });
  stubTerms.set(command, term);
}

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
  [/option '([^']*)' argument '([^']*)' is invalid/, (o, v) => `选项 ${o} 的取值“${v}”无效 (invalid value)`],
  [
    /command-argument value '([^']*)' is invalid for argument '([^']*)'/,
    (v, a) => `参数 ${a} 的取值“${v}”无效 (invalid argument)`,
  ],
  [
    /(option '[^']*') cannot be used with (option '[^']*')/,
    (a, b) => `${a} 不能与 ${b} 同时使用 (options conflict)`,
  ],
];

/** Commander's "(Did you mean report?)" line, said in Chinese first. */
function suggestionOf(text: string): string {
  const m = /\(Did you mean (one of )?([^?]+)\?\)/.exec(text);
  if (!m) return '';
  const names = m[2]!.split(', ');
  return m[1]
    ? `；您是否要输入 ${names.join('、')} 之一？(did you mean one of ${names.join(', ')}?)`
    : `；您是否要输入 ${names[0]}？(did you mean ${names[0]}?)`;
}

function usageError(text: string): string {
  for (const [pattern, say] of USAGE_ERRORS) {
    const m = pattern.exec(text);
    if (m) return `gongkai: ${say(...m.slice(1))}${suggestionOf(text)}\n`;
  }
  return `gongkai: 用法有误 (usage error): ${text.replace(/^error: /, '')}`;
}

/** Optimal string alignment distance (adjacent transpositions count one), as commander measures. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(
        d[i - 1]![j]! + 1,
        row[j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** Commander's threshold for a suggestion: under 3 edits, and more than 40% of the longer word kept. */
function similar(typed: string, meant: string): boolean {
  const distance = editDistance(typed, meant);
  return (
    distance < 3 &&
    (Math.max(typed.length, meant.length) - distance) / Math.max(typed.length, meant.length) > 0.4
  );
}

function longFlags(command: Command): string[] {
  return [
    ...command.options.flatMap((o) => (o.long ? [o.long] : [])),
    ...command.commands.flatMap(longFlags),
  ];
}

/**
 * A mistyped option (`--agnecy`) leaves the required one it meant (`--agency`) missing, and commander
 * checks required options before unknown ones: say the mistake, with what was meant, instead.
 */
function mistypedRequired(text: string, argv: readonly string[], program: Command): string | undefined {
  const missing = /required option '(--[^ ',]+)[^']*' not specified/.exec(text)?.[1];
  if (!missing) return undefined;
  const known = new Set([...longFlags(program), '--help', '--version']);
  const typo = argv
    .filter((a) => a.startsWith('--') && a !== '--')
    .map((a) => a.split('=')[0]!)
    .find((a) => !known.has(a) && similar(a.slice(2), missing.slice(2)));
  return typo
    ? `gongkai: 未知选项“${typo}”(unknown option)；您是否要输入 ${missing}？(did you mean ${missing}?)\n`
    : undefined;
}

export interface RunOptions {
  /** Load every command's module, as before start-up was made lazy: for tests comparing the two. */
  readonly loadAll?: boolean;
}

export async function runCli(argv: readonly string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('gongkai');
  const output = {
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (text: string, write: (t: string) => void) =>
      write(mistypedRequired(text, argv, program) ?? usageError(text)),
  };
  program
    .description('公开 Gongkai — 政府信息公开平台 (government information disclosure platform)')
    .version(packageVersion(), '-v, --version', '显示版本 (show version)')
    .helpOption('-h, --help', '显示帮助 (show help)')
    .showHelpAfterError()
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput(output)
    .configureHelp({
      // A stub shows as its module would show it.
      subcommandTerm(this: Help, cmd: Command) {
        return stubTerms.get(cmd) ?? Help.prototype.subcommandTerm.call(this, cmd);
      },
    })
    .helpCommand('help [command]', '显示命令帮助 (display help for command)');
  const setExit: SetExit = (code) => {
    exitCode = code;
  };

  try {
    const needed = options.loadAll ? new Set(MODULES) : modulesFor(argv);
    const registers = await Promise.all(MODULES.map((m) => (needed.has(m) ? m.load() : undefined)));
    MODULES.forEach((m, i) => {
      const register = registers[i];
      if (register) register(program, io, setExit);
      else
        for (const name of Object.keys(m.adds))
          if (!program.commands.some((c) => c.name() === name)) stub(program, name);
    });
    program.commands.forEach(function inherit(command: Command) {
      command.exitOverride().configureOutput(output).showHelpAfterError();
      command.commands.forEach(inherit);
    });

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
    const environment = environmentFailure(e);
    if (environment) {
      io.stderr(`gongkai: ${environment}\n`);
      return EXIT.unusable;
    }
    io.stderr(
      `gongkai: 内部错误，请报告此问题 (internal error, please report): ${e instanceof Error ? e.message : String(e)}\n`,
    );
    if (process.env.GONGKAI_DEBUG === '1' && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 70;
  }
}
