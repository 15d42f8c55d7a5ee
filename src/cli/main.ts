/** @module Process entry of the `gongkai` command (bin/gongkai.js loads the built copy of this file). */
import { processIo } from './cli-io.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), processIo);
