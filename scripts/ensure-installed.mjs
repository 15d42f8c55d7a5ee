// Installs the npm dependencies when node_modules is missing or older than package-lock.json, so that
// both quick-start commands work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

export function ensureInstalled() {
  const marker = 'node_modules/.package-lock.json';
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync('package-lock.json').mtimeMs;
  if (fresh) return;
  process.stderr.write('正在安装依赖（npm ci）… (installing dependencies)\n');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('依赖安装失败，请检查网络或 npm 设置 (npm ci failed)\n');
    process.exit(result.status ?? 1);
  }
}
