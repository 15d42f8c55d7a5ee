/**
 * @module Tests run the command line in-process and read what it wrote: `gongkai(...argv)` gives the
 * exit code and everything written to stdout and stderr. For tests only.
 */
import type { CliIo } from '../cli/cli-io.js';
import { runCli } from '../cli/program.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function gongkai(...argv: string[]): Promise<CliRun> {
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
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}
