#!/usr/bin/env node
// The installed `gongkai` command runs the bundled CLI; `npm run build` makes it (scripts/bundle-cli.mjs).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('gongkai: 尚未编译，请先运行 npm run build (not built yet: run npm run build)\n');
  process.exit(2);
}
await import(entry.href);
