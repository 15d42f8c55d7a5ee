/**
 * scripts/ensure-system.mjs, the check npm test runs first, as a command: what it finds missing and the
 * one command it prints. Always with --check, so a test never runs apt, not even as root.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const SCRIPT = new URL('../scripts/ensure-system.mjs', import.meta.url).pathname;

function check(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.GONGKAI_SKIP_SYSTEM_CHECK;
  delete base.GONGKAI_CHROMIUM;
  const run = spawnSync(process.execPath, [SCRIPT, '--check', ...args], {
    env: { ...base, ...env },
    encoding: 'utf8',
  });
  const command = run.stderr.match(/^ {2}(?:sudo )?apt-get install -y (.+)$/m)?.[1];
  return { code: run.status, err: run.stderr, packages: command?.split(' ') ?? [] };
}

describe('scripts/ensure-system.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-ensure-system-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stops with one apt-get command naming only what is missing, in a fixed order', () => {
    const run = check(['--need=chromium,poppler-utils', '--pretend-missing=poppler-utils,chromium']);
    assert.equal(run.code, 1, run.err);
    assert.deepEqual(run.packages, ['chromium', 'poppler-utils']);
    assert.equal(run.err.match(/apt-get install/g)?.length, 1, run.err);
  });

  it('finds the CJK fonts through fontconfig, so fonts it cannot see count as missing', () => {
    const empty = join(dir, 'fonts.conf');
    writeFileSync(empty, '<?xml version="1.0"?><fontconfig></fontconfig>\n');
    const run = check(['--need=cjk-fonts'], { FONTCONFIG_FILE: empty });
    assert.equal(run.code, 1, run.err);
    assert.deepEqual(
      run.packages.filter((p) => p !== 'fontconfig'),
      ['fonts-wqy-zenhei', 'fonts-noto-cjk'],
    );
  });

  it('says that apt cannot fix a GONGKAI_CHROMIUM path that does not exist', () => {
    const run = check(['--need=chromium'], { GONGKAI_CHROMIUM: join(dir, 'no-such-chromium') });
    assert.equal(run.code, 1, run.err);
    assert.match(run.err, /GONGKAI_CHROMIUM=\S*no-such-chromium .*apt cannot fix/);
    assert.deepEqual(run.packages, []);
  });

  it('is skipped with GONGKAI_SKIP_SYSTEM_CHECK=1', () => {
    const run = check(['--pretend-missing=chromium'], { GONGKAI_SKIP_SYSTEM_CHECK: '1' });
    assert.equal(run.code, 0, run.err);
  });
});
