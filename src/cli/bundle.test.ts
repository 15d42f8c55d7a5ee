/**
 * The command line as it is installed: `npm run build` bundles src/cli into dist/bundle
 * (scripts/bundle-cli.mjs) and bin/gongkai.js runs that, not the sources the other tests run. A bundle
 * can break what the sources do not: a file read beside a module (the web's stylesheet, package.json),
 * the audit's worker thread, a package that must stay external, two copies of zod. So the bundle is
 * built here and made to answer as the sources answer.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { addRequestArgs, gongkai } from '../test-support/run-cli.js';
import { SEED_REPORT, SHARED_DIR, skipUnlessShared } from '../test-support/shared-files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED = SEED_REPORT;
const REPORTS = `${SHARED_DIR}corpus/reports`;

/** The environment the bundle runs in: none of the caller's GONGKAI_* or DATABASE_URL. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('GONGKAI_') && key !== 'DATABASE_URL') env[key] = value;
  return { ...env, ...extra };
}

let outdir = '';
let work = '';

function bundled(...args: string[]): { code: number; out: string; err: string } {
  const run = spawnSync(process.execPath, [join(outdir, 'main.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: cleanEnv(),
  });
  return { code: run.status ?? -1, out: run.stdout, err: run.stderr };
}

before(async () => {
  const { bundleCli } = (await import(join(ROOT, 'scripts', 'bundle-cli.mjs'))) as {
    bundleCli(options: { root: string; outdir: string }): Promise<unknown>;
  };
  // Two levels below the project, as dist/bundle is (the bundle finds ../../package.json).
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  outdir = mkdtempSync(join(ROOT, 'dist', 'bundle-test-'));
  await bundleCli({ root: ROOT, outdir });
  work = mkdtempSync(join(tmpdir(), 'gongkai-bundle-'));
});

after(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the bundled command line', () => {
  it('prints the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = bundled('--version');
    assert.equal(run.code, 0, run.err);
    assert.equal(run.out.trim(), pkg.version);
  });

  it('records a request on SQLite and lists it back (kysely, better-sqlite3, the calendar data)', () => {
    const database = join(work, 'ledger.db');
    const agency = bundled('agency', 'add', '打包测试镇', '--database', database);
    assert.equal(agency.code, 0, agency.err);
    const added = bundled(...addRequestArgs(agency.out.trim(), '2024-09-27'), '--database', database);
    assert.equal(added.code, 0, added.err);
    const listed = bundled(
      'requests',
      'list',
      '--agency',
      agency.out.trim(),
      '--json',
      '--database',
      database,
    );
    assert.equal(listed.code, 0, listed.err);
    const { requests } = JSON.parse(listed.out) as { requests: { receivedOn: string; dueDate: string }[] };
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.receivedOn, '2024-09-27');
    // 20 working days across the 2024 National Day holiday (Art. 33): the official schedule was read.
    assert.equal(requests[0]!.dueDate, '2024-10-30');
  });

  it('checks the seed report exactly as the sources do (zod, the readers, the rules)', {
    skip: skipUnlessShared(SEED),
  }, async () => {
    const fromSources = await gongkai('report', 'check', SEED, '--json');
    const fromBundle = bundled('report', 'check', SEED, '--json');
    assert.equal(fromBundle.code, fromSources.code, fromBundle.err);
    assert.deepEqual(JSON.parse(fromBundle.out), JSON.parse(fromSources.out));
  });

  it('audits the corpus in worker threads with the same answer as the sources', {
    skip: skipUnlessShared(REPORTS),
  }, async () => {
    const fromSources = await gongkai('audit', REPORTS, '--json', '--quiet', '--jobs', '2');
    const fromBundle = bundled('audit', REPORTS, '--json', '--quiet', '--jobs', '2');
    assert.equal(fromBundle.code, fromSources.code, fromBundle.err);
    const files = (out: string) => (JSON.parse(out) as { files: unknown }).files;
    assert.deepEqual(files(fromBundle.out), files(fromSources.out));
  });

  it('renders a DOCX (docx and jszip stay packages of their own)', { skip: skipUnlessShared(SEED) }, () => {
    const out = join(work, 'seed.docx');
    const run = bundled('report', 'render', SEED, '-o', out);
    assert.equal(run.code, 0, run.err);
    assert.equal(readFileSync(out).subarray(0, 2).toString('latin1'), 'PK');
  });

  it('serves the back office with its stylesheet (files read beside the bundle)', async () => {
    const config = join(work, 'gongkai.config.json');
    writeFileSync(config, '{}\n');
    const child = spawn(
      process.execPath,
      [join(outdir, 'main.js'), 'serve', '--port', '0', '--database', join(work, 'serve.db')],
      {
        cwd: ROOT,
        env: cleanEnv({ GONGKAI_LOG: '1', GONGKAI_CONFIG: config }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = once(child, 'exit');
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (!line.startsWith('{')) return;
          const parsed = JSON.parse(line) as { msg?: string; url?: string };
          if (parsed.msg === 'listening' && parsed.url) resolve(parsed.url);
        });
        void exited.then(() => reject(new Error(`serve stopped before listening: ${stderr}`)));
      });
      const css = await fetch(new URL('/static/office.css', url));
      assert.equal(css.status, 200);
      assert.equal(await css.text(), readFileSync(join(ROOT, 'src', 'web', 'static', 'office.css'), 'utf8'));
      const login = await fetch(new URL('/office/login', url));
      assert.equal(login.status, 200);
      assert.match(await login.text(), /<html lang="zh-CN"/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
