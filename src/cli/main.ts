/** @module Process entry of the `gongkai` command (bin/gongkai.js loads the built copy of this file). */
import { processIo } from './cli-io.js';
import { environmentFailure } from './environment-failure.js';
import { runCli } from './program.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A reader that stops early (`gongkai report rules | head`) closes the pipe; that is not an error.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  // Standard output sent to a full disk (`> file`): one line, as for any file, not an uncaught error.
  const failure = environmentFailure(error, '标准输出 (standard output)');
  if (!failure) throw error;
  process.stderr.write(`gongkai: ${failure}\n`);
  process.exit(2);
});

process.exitCode = await runCli(process.argv.slice(2), processIo);
