import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { renderJson } from '../documents/json/report-json.js';
import { renderText } from '../documents/text/render-text.js';
import { exampleReport } from '../domain/report/example.js';
import { assertRefused, gongkai } from '../test-support/run-cli.js';
import { SEED_REPORT, skipUnlessShared } from '../test-support/shared-files.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** One line on stderr naming the file (and line), no stack trace. */
function assertOneLineError(err: string, path: string, line?: number) {
  const lines = err.trimEnd().split('\n');
  assert.equal(lines.length, 1, err);
  assert.ok(lines[0]!.startsWith(`gongkai: ${path}${line === undefined ? '' : `:${line}`}: `), err);
  assert.doesNotMatch(err, /\n\s+at /);
}

describe('gongkai report check on the seed', { skip: skipUnlessShared(SEED_REPORT) }, () => {
  it('reads 新庙镇 2020 in the 2019 format with no findings and exits 0', async () => {
    const { code, out } = await gongkai('report', 'check', SEED_REPORT);
    assert.equal(code, 0);
    assert.match(out, /新庙镇 2020 年度/);
    assert.match(out, /2019 年格式/);
    assert.match(out, /全部为 0/);
    assert.match(out, /未发现问题/);
  });

  it('exits 1 and names the cells when 本年新收 · 自然人 becomes 1', async () => {
    const changed = readFileSync(SEED_REPORT, 'utf8').replace(
      /(一、本年新收政府信息公开申请数量\n\n)0/,
      '$11',
    );
    const path = file('seed-changed.txt', changed);
    const { code, out } = await gongkai('report', 'check', path, '--json');
    assert.equal(code, 1);
    const result = JSON.parse(out);
    assert.equal(result.passed, false);
    assert.deepEqual(result.findings.map((f: { rule: string }) => f.rule).sort(), [
      'requests.balance',
      'requests.row-total',
    ]);
    assert.deepEqual(result.findings.find((f: { rule: string }) => f.rule === 'requests.balance').cells[0], {
      section: '三',
      row: 'new',
      column: 'natural',
    });
    const human = await gongkai('report', 'check', path);
    assert.equal(human.code, 1);
    assert.match(human.out, /requests\.balance/);
    assert.match(human.out, /一、本年新收政府信息公开申请数量/);
  });
});

describe('gongkai report check: warnings, --strict and --previous', () => {
  it('passes a report with only warnings, and fails it with --strict', async () => {
    const report = {
      ...exampleReport(2023),
      text: { overview: '', problems: '有问题。', otherMatters: '无。' },
    };
    const path = file('warn.json', renderJson(report));
    assert.equal((await gongkai('report', 'check', path)).code, 0);
    assert.equal((await gongkai('report', 'check', path, '--strict')).code, 1);
  });

  it('applies the carry-over rule with --previous', async () => {
    const previous = exampleReport(2022);
    const forward = [9, 1, 0, 0, 0, 0, 10];
    const path = file(
      'prev.json',
      renderJson({ ...previous, requests: { ...previous.requests, carriedForward: forward } }),
    );
    const current = file('cur.json', renderJson(exampleReport(2023)));
    const { code, out } = await gongkai('report', 'check', current, '--previous', path, '--json');
    assert.equal(code, 1);
    assert.ok(JSON.parse(out).findings.some((f: { rule: string }) => f.rule === 'cross-year.carry-over'));
  });
});

describe('bad input: one line naming the file and line, exit 2, never a stack trace', () => {
  const good = renderText(exampleReport(2021));

  const cases: [string, string | Uint8Array, number | undefined][] = [
    ['empty.txt', '', undefined],
    ['binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]), undefined],
    ['page.html', '<html><body><h1>关于做好防汛工作的通知</h1><p>各单位：……</p></body></html>\n', 1],
    [
      'cut.txt',
      good.slice(0, good.indexOf('5.属于三类内部事务信息')),
      good.slice(0, good.indexOf('5.属于三类内部事务信息')).trimEnd().split('\n').length,
    ],
  ];
  for (const [name, content, line] of cases) {
    it(`refuses ${name}`, async () => {
      const path = file(name, content);
      for (const command of ['check', 'parse']) {
        const { code, err, out } = await gongkai('report', command, path);
        assert.equal(code, 2);
        assert.equal(out, '');
        assertOneLineError(err, path, line);
      }
    });
  }

  it('refuses a file that does not exist', async () => {
    const path = join(dir, 'nothing-here.txt');
    const { code, err } = await gongkai('report', 'check', path);
    assert.equal(code, 2);
    assertOneLineError(err, path);
    assert.match(err, /文件不存在/);
  });

  it('decodes a GBK page rather than refusing it', async () => {
    const path = file('gbk.txt', iconv.encode(good, 'gbk'));
    const { code, out } = await gongkai('report', 'parse', path, '--json');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), JSON.parse(renderJson(exampleReport(2021))));
  });

  it('behaves the same as a real process: exit code 2 and no stack trace', () => {
    const path = file('empty2.txt', '');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'report', 'check', path], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 2, run.stderr);
    assertOneLineError(run.stderr, path);
  });

  it('stops quietly when the reader has closed the pipe (gongkai report rules | true)', () => {
    // `true` exits at once, so every write of gongkai meets a closed pipe (EPIPE).
    const script = `"${process.execPath}" --import tsx src/cli/main.ts report rules | true; echo "status \${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    assert.equal(run.stdout.trim(), 'status 0');
    assert.equal(run.stderr, '');
  });

  it('says usage mistakes in Chinese first', async () => {
    const { code, err } = await gongkai('report', 'frobnicate');
    assert.equal(code, 2);
    assert.match(err, /^gongkai: 未知命令“frobnicate”/);
  });

  it('refuses an unknown output format', async () => {
    const path = file('ok.json', renderJson(exampleReport(2021)));
    const { code, err } = await gongkai('report', 'render', path, '--to', 'odt', '-o', join(dir, 'x.odt'));
    assert.equal(code, 2);
    assert.match(err, /不支持的格式/);
  });
});

describe('gongkai report parse and render', () => {
  it('parses text into the report JSON', async () => {
    const path = file('r.txt', renderText(exampleReport(2020)));
    const { code, out } = await gongkai('report', 'parse', path, '--json');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), JSON.parse(renderJson(exampleReport(2020))));
  });

  for (const [to, magic] of [
    ['html', '<!doctype html>'],
    ['txt', '示例市示例区人民政府2024年政府信息公开工作年度报告'],
    ['json', '{'],
    ['docx', 'PK'],
    ['xlsx', 'PK'],
    ['pdf', '%PDF-'],
  ] as const) {
    it(`renders --to ${to} into a file`, async () => {
      const source = file(`src-${to}.json`, renderJson(exampleReport(2024)));
      const out = join(dir, `out.${to}`);
      const { code, err } = await gongkai('report', 'render', source, '--to', to, '-o', out);
      assert.equal(code, 0, err);
      assert.ok(readFileSync(out).subarray(0, 200).toString('latin1').length > 0);
      const head =
        to === 'txt' || to === 'html' || to === 'json'
          ? readFileSync(out, 'utf8')
          : readFileSync(out, 'latin1');
      assert.ok(head.toLowerCase().startsWith(magic.toLowerCase()), `${to}: ${head.slice(0, 40)}`);
    });
  }

  it('writes the example report that the quick start renders, and it passes', async () => {
    const path = join(dir, 'example.json');
    assert.equal((await gongkai('report', 'example', '--year', '2025', '-o', path)).code, 0);
    assert.equal((await gongkai('report', 'check', path)).code, 0);
    assertRefused(
      await gongkai('report', 'example', '--year', '2101'),
      /^gongkai: --year 2101: 年度应为 2019 年至 2100 年之间的整数/,
    );
  });
});
