/** What the command-line audit benchmarks run: this checkout's built command and the bare read beside it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The built `gongkai` command (npm run build). */
export const GONGKAI_BIN = join(ROOT, 'bin', 'gongkai.js');
/** The yardstick: read, decode and split every file (bench/bare-read.mjs). */
export const BARE_READ = join(ROOT, 'bench', 'bare-read.mjs');

export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'main.js')))
    throw new Error('dist/ is missing: run npm run build first');
}
