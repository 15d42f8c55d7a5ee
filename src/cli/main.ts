/** @module Process entry of the `gongkai` command (bin/gongkai.js loads the built copy of this file). */
import { processIo } from './cli-io.js';
import { runCli } from './program.js';

// A reader that stops early (`gongkai report rules | head`) closes the pipe; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo);
