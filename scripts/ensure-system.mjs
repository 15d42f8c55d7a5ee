// The Debian packages the PDF renderer and the browser tests need (chromium, CJK fonts, poppler-utils).
// A fresh machine lacks them, and without this check the first sign would be a failure deep inside a
// test. As root with apt the missing ones are installed; otherwise it stops with the one command to run.
//
// GONGKAI_SKIP_SYSTEM_CHECK=1 skips the check (a machine whose packages come from elsewhere).
//
// Run by hand: node scripts/ensure-system.mjs [--check] [--need=chromium,cjk-fonts,poppler-utils]
//   --check                    only report, never install (exit 1 when something is missing)
//   --pretend-missing=PKG,...  treat these packages as missing at the first look, to try the install
//                              and the messages on a machine that has everything; the look after the
//                              install is real
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Mirrors chromiumPath() in src/documents/pdf/render-pdf.ts (this script cannot import TypeScript):
// keep the two rules the same.
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const chromiumPath = () => process.env.GONGKAI_CHROMIUM || DEFAULT_CHROMIUM;

/** A fixed order, so the same lack always prints the same command. */
const PACKAGE_ORDER = ['chromium', 'fontconfig', 'fonts-wqy-zenhei', 'fonts-noto-cjk', 'poppler-utils'];
const ALL_NEEDS = ['chromium', 'cjk-fonts', 'poppler-utils'];

const say = (text) => process.stderr.write(`${text}\n`);

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

// A PATH lookup without spawning `which`: the check runs before every `npm test` and must stay fast.
const onPath = (name) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, name)));

/** The families fontconfig knows for Chinese, or null when fc-list itself is missing. */
function chineseFontFamilies() {
  if (!onPath('fc-list')) return null;
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : '';
}

/**
 * What is missing for `need`: Debian packages apt could install, and problems apt cannot fix.
 * Both CJK packages are wanted, as CI installs them: the PDF prefers WenQuanYi (TrueType embeds
 * compactly), the office stack of the HTML report prefers Noto CJK.
 */
function lookForMissing(need, pretend = new Set()) {
  const packages = new Set();
  const unfixable = [];
  if (need.includes('chromium')) {
    const path = chromiumPath();
    if (pretend.has('chromium') || !isExecutable(path)) {
      if (path === DEFAULT_CHROMIUM) packages.add('chromium');
      else
        unfixable.push(
          `GONGKAI_CHROMIUM=${path} 不存在或不可执行，apt 无法修复：请改正或删除该变量。` +
            ` (GONGKAI_CHROMIUM=${path} does not exist or is not executable; apt cannot fix a custom path:` +
            ` correct it, or unset it to use Debian's ${DEFAULT_CHROMIUM})`,
        );
    }
  }
  if (need.includes('cjk-fonts')) {
    const families = chineseFontFamilies();
    if (families === null || pretend.has('fontconfig')) packages.add('fontconfig');
    if (pretend.has('fonts-wqy-zenhei') || !/WenQuanYi|wqy/i.test(families ?? ''))
      packages.add('fonts-wqy-zenhei');
    if (pretend.has('fonts-noto-cjk') || !/Noto\b[^,\n]*\bCJK/i.test(families ?? ''))
      packages.add('fonts-noto-cjk');
  }
  if (need.includes('poppler-utils')) {
    if (pretend.has('poppler-utils') || !['pdftoppm', 'pdftotext', 'pdffonts'].every(onPath))
      packages.add('poppler-utils');
  }
  return { packages: PACKAGE_ORDER.filter((p) => packages.has(p)), unfixable };
}

let aptUpdated = false;

/** Runs apt-get as root, its progress on the terminal; true when it succeeded. */
function apt(args) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  return result.status === 0;
}

function install(packages) {
  // Once per process: a second call (another `need`) finds the lists already fresh.
  if (!aptUpdated) {
    aptUpdated = true;
    // A failed update (offline mirror) may still leave usable lists, so the install is tried anyway.
    if (!apt(['update']))
      say('apt-get update 未成功，仍尝试安装 (apt-get update failed; trying the install anyway)');
  }
  return apt(['install', '-y', '--no-install-recommends', ...packages]);
}

function tellCommand(packages, purpose) {
  say(`\n✗ 缺少系统软件包 (missing system packages): ${packages.join(' ')} — ${purpose}`);
  say('请运行以下命令后重试 (run this, then try again):\n');
  // Root (a container, or apt having failed) has no use for sudo and often no sudo at all.
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  say(`  ${sudo}apt-get install -y ${packages.join(' ')}\n`);
  say('（软件包来自别处时，可设 GONGKAI_SKIP_SYSTEM_CHECK=1 跳过此检查）');
  say('(If they come from elsewhere, GONGKAI_SKIP_SYSTEM_CHECK=1 skips this check.)');
}

/**
 * Makes sure the system packages for `need` are there, installing them with apt when running as root.
 * When they cannot be had, prints the one command to run and exits the process with 1 (or returns
 * false with `exitOnFailure: false`, for a caller that can go on without them). `check` only reports.
 *
 * @param {{ need?: string[], purpose?: string, check?: boolean, exitOnFailure?: boolean,
 *           pretendMissing?: string[] }} [options]
 *   need: any of 'chromium', 'cjk-fonts', 'poppler-utils'; purpose: why, in Chinese with English in
 *   brackets, for the messages.
 * @returns {boolean} true when everything needed is present
 */
export function ensureSystemPackages({
  need = ALL_NEEDS,
  purpose = 'PDF 渲染与浏览器测试需要 (needed to render PDF and by the browser tests)',
  check = false,
  exitOnFailure = true,
  pretendMissing = [],
} = {}) {
  if (process.env.GONGKAI_SKIP_SYSTEM_CHECK === '1') return true;
  const unknown = need.filter((n) => !ALL_NEEDS.includes(n));
  if (unknown.length > 0) throw new Error(`ensureSystemPackages: unknown need ${unknown.join(', ')}`);
  const fail = () => {
    if (exitOnFailure) process.exit(1);
    return false;
  };

  let missing = lookForMissing(need, new Set(pretendMissing));
  const canInstall = !check && process.getuid?.() === 0 && onPath('apt-get');
  if (missing.packages.length > 0 && canInstall) {
    const list = missing.packages.join(' ');
    say(`\n▶ 正在用 apt 安装 (installing with apt) ${list} — ${purpose}`);
    const installed = install(missing.packages);
    missing = lookForMissing(need);
    if (missing.packages.length === 0) say(`✓ 已安装 (installed): ${list}`);
    else if (!installed) say('\n✗ apt-get 安装失败 (apt-get install failed)');
    else say(`\n✗ 安装后仍未找到 (still not found after the install): ${missing.packages.join(' ')}`);
  }
  for (const problem of missing.unfixable) say(`\n✗ ${problem}`);
  if (missing.packages.length > 0) tellCommand(missing.packages, purpose);
  return missing.packages.length > 0 || missing.unfixable.length > 0 ? fail() : true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = {};
  for (const arg of process.argv.slice(2)) {
    const [flag, value = ''] = arg.split('=', 2);
    if (flag === '--check') options.check = true;
    else if (flag === '--need') options.need = value.split(',').filter(Boolean);
    else if (flag === '--pretend-missing') options.pretendMissing = value.split(',').filter(Boolean);
    else {
      say(`未知参数 (unknown argument): ${arg}`);
      process.exit(2);
    }
  }
  const bad = (options.pretendMissing ?? []).filter((p) => !PACKAGE_ORDER.includes(p));
  if (bad.length > 0) {
    say(`--pretend-missing 只接受 (takes only) ${PACKAGE_ORDER.join(',')}`);
    process.exit(2);
  }
  if (process.env.GONGKAI_SKIP_SYSTEM_CHECK === '1')
    say('GONGKAI_SKIP_SYSTEM_CHECK=1：跳过检查 (check skipped)');
  else if (ensureSystemPackages(options)) say('✓ 系统软件包齐全 (system packages present)');
}
