// The yardstick of bench/audit-cli.ts, run in a fresh `node` process: every file under the folders
// named, read, decoded as UTF-8 and split into lines, as fast as plain Node does it (synchronous calls,
// no worker). Prints the number of files and lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let files = 0;
let lines = 0;
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile()) {
      lines += readFileSync(path).toString('utf8').split('\n').length;
      files++;
    }
  }
};
for (const folder of process.argv.slice(2)) walk(folder);
process.stdout.write(`${files} ${lines}\n`);
