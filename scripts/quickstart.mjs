// The quick start: install, build, then make an example report, check it and render it to every
// official form under ./out/. Runs on a fresh clone with nothing but Node.js and npm.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { ensureInstalled } from './ensure-installed.mjs';

const say = (text) => process.stdout.write(`${text}\n`);

function run(title, command, args, { mayFail = false } = {}) {
  say(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0 && !mayFail) {
    say(`✗ ${title} 未完成 (failed)`);
    process.exit(result.status ?? 1);
  }
  return result.status === 0;
}

ensureInstalled();
run('编译 (build)', 'node_modules/.bin/tsc', ['-p', 'tsconfig.json']);

mkdirSync('out', { recursive: true });
const year = String(new Date().getFullYear() - 1);
const base = `out/example-${year}`;
const gongkai = (title, ...args) => run(title, process.execPath, ['bin/gongkai.js', ...args]);

gongkai(
  `生成 ${year} 年度示例报告 (example report)`,
  'report',
  'example',
  '--year',
  year,
  '-o',
  `${base}.json`,
);
gongkai('检查示例报告 (check it)', 'report', 'check', `${base}.json`);
for (const to of ['html', 'docx', 'xlsx', 'txt']) {
  gongkai(`生成 ${to.toUpperCase()}`, 'report', 'render', `${base}.json`, '--to', to, '-o', `${base}.${to}`);
}
// The same Chromium the PDF renderer will use (GONGKAI_CHROMIUM, else Debian's), from the build above.
const { chromiumPath } = await import('../dist/documents/pdf/render-pdf.js');
const chromium = chromiumPath();
if (existsSync(chromium)) {
  gongkai('生成 PDF', 'report', 'render', `${base}.json`, '--to', 'pdf', '-o', `${base}.pdf`);
} else {
  say(`\n（跳过 PDF：未找到 ${chromium}。安装 apt-get install chromium fonts-wqy-zenhei 后重新运行。）`);
  say(`(PDF skipped: no Chromium at ${chromium})`);
}
if (existsSync('../shared/seed/000_f4b8342ecd306093.txt')) {
  gongkai(
    '检查种子报告 新庙镇 2020 (check the seed report)',
    'report',
    'check',
    '../shared/seed/000_f4b8342ecd306093.txt',
  );
}
say(`\n完成。文件在 out/ 目录：${base}.{json,html,docx,xlsx,txt${existsSync(`${base}.pdf`) ? ',pdf' : ''}}`);
say('Done. Try: node bin/gongkai.js report check FILE  ·  node bin/gongkai.js --help');
