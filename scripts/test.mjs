// The whole test suite: formatter/linter, type check, then every *.test.ts beside the code.
// Usage: npm test [-- FILE_OR_DIR ...]   (limits the unit tests to those paths)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled } from './ensure-installed.mjs';

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

ensureInstalled();
const only = process.argv.slice(2);
if (only.length === 0) {
  step('格式与代码检查 biome (format and lint)', 'node_modules/.bin/biome', ['check', '.']);
  step('类型检查 tsc (type check)', 'node_modules/.bin/tsc', ['-p', 'tsconfig.check.json']);
}
const files = (only.length ? only : ['src']).flatMap(testFiles).sort();
step(`单元与集成测试，${files.length} 个文件 (tests)`, process.execPath, [
  '--import',
  'tsx',
  '--test',
  ...files,
]);
