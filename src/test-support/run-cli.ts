/**
 * @module Tests run the command line in-process and read what it wrote: `gongkai(...argv)` gives the
 * exit code and everything written to stdout and stderr. For tests only.
 */
import assert from 'node:assert/strict';
import type { CliIo } from '../cli/cli-io.js';
import { runCli } from '../cli/program.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function gongkai(...argv: string[]): Promise<CliRun> {
  return gongkaiWithStdin(undefined, ...argv);
}

/** `gongkai(...argv)` with `stdin` as its standard input (undefined: none to read). */
export async function gongkaiWithStdin(stdin: string | undefined, ...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    stdoutIsTerminal: false,
    ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/**
 * A refusal as the command line's contract has it (docs/cli.md): exit 2 and one line on stderr,
 * `gongkai: ` first, matching `message`, never a stack trace.
 */
/**
 * Text that is a library's, the driver's or the system's, not the project's: an errno code (EISDIR,
 * ECONNREFUSED), zod's English, SQLite's codes, a JavaScript error's name or a stack frame. A user is
 * told what is wrong in words, never in these.
 */
export const RAW_TEXT =
  /\bE(?:ACCES|ISDIR|NOENT|NOTDIR|CONNREFUSED|CONNRESET|PERM|ROFS|NOSPC|EXIST|PIPE|BUSY|MFILE)\b|Invalid input|expected (?:string|number|object|array)|SQLITE_[A-Z]+|\b(?:Type|Range|Syntax|Reference)Error\b|Cannot read propert|is not a function|\n\s+at \S/;

export function assertRefused(run: CliRun, message: RegExp): void {
  assert.equal(run.code, 2, run.err);
  assert.doesNotMatch(run.err, /\n\s+at /, 'no stack trace');
  assert.doesNotMatch(run.err, RAW_TEXT, 'no raw driver, zod or errno text');
  const lines = run.err.trimEnd().split('\n');
  assert.equal(lines.length, 1, run.err);
  assert.match(lines[0]!, /^gongkai: /);
  assert.match(lines[0]!, message);
}

/**
 * The arguments of `gongkai requests add` for 张三 (自然人) at `agency`, received on `received` (without
 * it, the caller adds its own --received).
 */
export function addRequestArgs(agency: string, received?: string): string[] {
  return [
    'requests',
    'add',
    '--agency',
    agency,
    '--applicant',
    '张三',
    '--type',
    '自然人',
    '--content',
    '征收补偿方案',
    ...(received === undefined ? [] : ['--received', received]),
  ];
}
