// The quick start (`npm start`): install, build, then start the platform — `gongkai serve` on the
// embedded SQLite database (DATABASE_URL, default ./data/gongkai.db; migrated when it opens). On an empty
// database it loads the demo county (GONGKAI_DEMO=0 starts empty, with only the first administrator).
// Runs on a fresh clone with nothing but Node.js and npm; the PDF download needs Debian's chromium, which
// is checked and, as root, installed (never a failure at the first PDF).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureInstalled } from './ensure-installed.mjs';
import { ensureSystemPackages } from './ensure-system.mjs';

const say = (text) => process.stdout.write(`${text}\n`);

function run(title, command, args) {
  say(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    say(`✗ ${title} 未完成 (failed)`);
    process.exit(result.status ?? 1);
  }
}

ensureInstalled();
// Without chromium everything but PDF works: say so and go on.
ensureSystemPackages({
  need: ['chromium', 'cjk-fonts'],
  purpose: '生成 PDF (PDF output)',
  exitOnFailure: false,
});
run('编译 (build)', 'npm', ['run', '--silent', 'build']);

const database = process.env.DATABASE_URL?.trim() || './data/gongkai.db';
const fresh = !database.startsWith('postgres') && !existsSync(database.replace(/^sqlite:/, ''));
const demo = fresh && process.env.GONGKAI_DEMO !== '0';
say(
  `\n▶ 启动平台 (starting the platform)：数据库 ${database}${demo ? '，首次启动，载入演示数据 (demo data)' : ''}`,
);
const args = ['bin/gongkai.js', 'serve', ...(demo ? ['--demo'] : []), ...process.argv.slice(2)];
const server = spawn(process.execPath, args, { stdio: 'inherit' });
// Ctrl-C reaches the server itself (same process group): it stops in order and exits 0. A SIGTERM sent
// to this script alone is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => server.kill('SIGTERM'));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
