/**
 * @module What a command writes to, so that tests run commands in-process and read what they said.
 * A command ends by returning its exit code; expected failures are `CliFailure`s, never stack traces.
 */

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout is a terminal (binary output is then refused). */
  readonly stdoutIsTerminal: boolean;
  /**
   * All of standard input, for commands that read a secret from it (`--password-stdin`); absent where
   * there is no input to read (such a command then refuses).
   */
  readonly readStdin?: () => Promise<string>;
}

/** Exit codes every command keeps: 0 all well, 1 the report has errors, 2 the input could not be used. */
export const EXIT = { ok: 0, findings: 1, unusable: 2 } as const;

/** An expected failure: printed as one line on stderr, then the process exits with `code`. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT.unusable,
  ) {
    super(message);
  }
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTerminal: process.stdout.isTTY === true,
  readStdin: async () => {
    // A secret typed at a terminal would show on the screen: it must come through a pipe.
    if (process.stdin.isTTY)
      throw new CliFailure('标准输入是终端，请通过管道传入 (pipe the input in, e.g. printf … | gongkai …)');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};
