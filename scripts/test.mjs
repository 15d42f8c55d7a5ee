// The whole test suite: formatter/linter, type check, then every *.test.ts beside the code.
// Usage: npm test [-- FILE_OR_DIR ...]   (limits the unit tests to those paths)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ensureInstalled } from './ensure-installed.mjs';
import { ensureSystemPackages } from './ensure-system.mjs';

function testFiles(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const full = join(path, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full);
    return /\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function step(title, command, args) {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`✗ ${title} 未通过 (failed)\n`);
    process.exit(result.status ?? 1);
  }
}

/** True when something accepts a TCP connection on host:port within `ms`. */
function answers(host, port, ms = 1000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// Before npm ci too: a machine that lacks chromium or the fonts learns it at once, not after the install.
ensureSystemPackages({
  need: ['chromium', 'cjk-fonts', 'poppler-utils'],
  purpose: 'PDF 与浏览器测试需要 (needed by the PDF and browser tests)',
});
ensureInstalled();
// src/storage's tests also run against PostgreSQL when GONGKAI_TEST_POSTGRES_URL is set. When it is
// unset and a server answers on the default port, use it (trust auth, database test); set the variable
// to an empty value to keep those tests off.
const PG_VARIABLE = 'GONGKAI_TEST_POSTGRES_URL';
if (process.env[PG_VARIABLE] === undefined && (await answers('127.0.0.1', 5432)))
  process.env[PG_VARIABLE] = 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.slice(2);
if (only.length === 0) {
  step('格式与代码检查 biome (format and lint)', 'node_modules/.bin/biome', ['check', '.']);
  step('类型检查 tsc (type check)', 'node_modules/.bin/tsc', ['-p', 'tsconfig.check.json']);
}
const files = (only.length ? only : ['src']).flatMap(testFiles).sort();
process.stdout.write(
  process.env[PG_VARIABLE]
    ? `\nPostgreSQL: 存储测试同时在 ${PG_VARIABLE} 所指的数据库上运行 (storage tests also run on PostgreSQL)\n`
    : `\nPostgreSQL: 未设置 ${PG_VARIABLE}，存储测试只在 SQLite 上运行 (PostgreSQL storage tests skipped)\n`,
);
step(`单元与集成测试，${files.length} 个文件 (tests)`, process.execPath, [
  '--import',
  'tsx',
  '--test',
  ...files,
]);
