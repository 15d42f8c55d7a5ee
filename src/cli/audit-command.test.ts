/**
 * `gongkai audit` on a batch made with the renderers: several agencies over several years in text, JSON
 * and HTML, one with a broken carry-over, an empty file, an image, a binary file named .txt, broken JSON,
 * nested folders and hidden files. Then the same answers from worker threads on about 300 files.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { Command } from 'commander';
import fc from 'fast-check';
import { poolStats } from '../audit/pool.js';
import { renderHtml } from '../documents/html/render-html.js';
import { renderJson } from '../documents/json/report-json.js';
import { readReport } from '../documents/read-report.js';
import { renderText } from '../documents/text/render-text.js';
import { exampleReport } from '../domain/report/example.js';
import type { AnnualReport, CountCell } from '../domain/report/model.js';
import { validateReport } from '../domain/report/validation/validate.js';
import { arbitraryReport } from '../test-support/arbitrary-report.js';
import { withBrokenCarryOver } from '../test-support/report-variants.js';
import { gongkai } from '../test-support/run-cli.js';
import { registerAuditCommand } from './audit-command.js';
import type { CliIo } from './cli-io.js';

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  return rows;
}

const A = '甲市教育局';
const B = '乙镇人民政府';
const C = '<script>alert("x")</script>丙区';
const D = '丁街道办事处';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const BROKEN_JSON = '{"year": 2021, "agency": }';

interface FileJson {
  file: string;
  agency: string | null;
  year: number | null;
  format: string | null;
  shape: string | null;
  status: string;
  previousFile?: string;
  findings: { rule: string; severity: string; cells: { section: string; row: string; column: string }[] }[];
  error?: { code: string; message: string; line?: number };
}

describe('gongkai audit on a mixed batch', () => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-audit-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const batch = join(root, '报告');
  const put = (path: string, content: string | Uint8Array) => {
    const full = join(batch, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return full;
  };
  const randoms = fc.sample(arbitraryReport(), { numRuns: 2, seed: 20261125 });
  const files = {
    a2020: put(`${A}/2020.txt`, renderText(exampleReport(2020, A))),
    a2021: put(`${A}/2021.json`, renderJson(exampleReport(2021, A))),
    a2022: put(`${A}/归档/更早/2022.html`, renderHtml(exampleReport(2022, A))),
    b2021: put('乙镇/2021.txt', renderText(exampleReport(2021, B))),
    b2022: put('乙镇/2022.html', renderHtml(exampleReport(2022, B))),
    b2023: put('乙镇/2023.json', renderJson(withBrokenCarryOver(exampleReport(2023, B)))),
    c2021: put('丙区/2021.json', renderJson(exampleReport(2021, C))),
    c2022: put('丙区/2022.json', renderJson(exampleReport(2022, C))),
    d2022: put('丁/2022.json', renderJson(exampleReport(2022, D))),
    // Last year's report with only the year and date changed.
    d2023: put(
      '丁/2023.json',
      renderJson({ ...exampleReport(2022, D), year: 2023, publishedOn: '2024-01-26' }),
    ),
    random1: put('其他/随机一.txt', renderText(randoms[0]!)),
    random2: put('其他/随机二.html', renderHtml(randoms[1]!)),
    empty: put('其他/空文件.txt', ''),
    scan: put('其他/扫描件.txt', PNG),
    broken: put('其他/坏的.json', BROKEN_JSON),
  };
  put('其他/图片.png', PNG);
  put('.hidden.txt', renderText(exampleReport(2022, '隐藏机关')));
  put('.git/HEAD.txt', renderText(exampleReport(2022, '隐藏机关')));

  let json: {
    summary: Record<string, unknown> & { byRule: { rule: string; count: number }[] };
    files: FileJson[];
  };
  let byFile: Map<string, FileJson>;
  let jsonRun: { code: number; out: string; err: string };

  before(async () => {
    jsonRun = await gongkai('audit', batch, '--json', '--jobs', '1');
    json = JSON.parse(jsonRun.out);
    byFile = new Map(json.files.map((f) => [f.file, f]));
  });

  /** What a random report's status must be, from its own rules (its agency has no other year here). */
  async function expectedStatus(path: string): Promise<string> {
    const read = await readReport(readFileSync(path));
    assert.ok(read.ok);
    const findings = [...read.notes, ...validateReport(read.report)];
    return findings.some((f) => f.severity !== 'info') ? 'findings' : 'clean';
  }

  it('counts every file once, passes over images and hidden files, and exits 2 for unreadable files', async () => {
    assert.equal(jsonRun.code, 2);
    const randomFindings = [await expectedStatus(files.random1), await expectedStatus(files.random2)].filter(
      (s) => s === 'findings',
    ).length;
    assert.deepEqual(
      {
        files: json.summary.files,
        read: json.summary.read,
        unreadable: json.summary.unreadable,
        skipped: json.summary.skipped,
        yearPairs: json.summary.yearPairs,
        clean: json.summary.clean,
        withFindings: json.summary.withFindings,
        exitCode: json.summary.exitCode,
      },
      {
        files: 15,
        read: 12,
        unreadable: 3,
        skipped: 1,
        yearPairs: 6,
        clean: 10 - randomFindings,
        withFindings: 2 + randomFindings,
        exitCode: 2,
      },
    );
    assert.equal(json.files.length, 15);
    assert.deepEqual([...byFile.keys()].sort(), Object.values(files).sort());
    assert.ok(
      ![...byFile.keys()].some((f) => f.includes('hidden') || f.includes('.git') || f.endsWith('.png')),
    );
  });

  it('reads each shape from the content, whatever the extension says', () => {
    assert.equal(byFile.get(files.a2020)!.shape, 'text');
    assert.equal(byFile.get(files.a2021)!.shape, 'json');
    assert.equal(byFile.get(files.a2022)!.shape, 'html');
    const scan = byFile.get(files.scan)!;
    assert.equal(scan.status, 'unreadable');
    assert.equal(scan.error?.code, 'input.binary');
    assert.equal(byFile.get(files.empty)!.error?.code, 'input.empty');
    assert.equal(byFile.get(files.broken)!.error?.code, 'json.syntax');
    assert.deepEqual(json.summary.unreadableByCode, {
      'input.binary': 1,
      'input.empty': 1,
      'json.syntax': 1,
    });
  });

  it('puts the broken carry-over on the later file only, naming last year’s file', () => {
    const later = byFile.get(files.b2023)!;
    assert.equal(later.status, 'findings');
    assert.equal(later.previousFile, files.b2022);
    assert.deepEqual(
      later.findings.map((f) => [f.rule, f.severity, f.cells.map((c) => c.column).join()]),
      [
        ['cross-year.carry-over', 'error', 'natural,natural'],
        ['cross-year.carry-over', 'error', 'total,total'],
      ],
    );
    for (const file of [
      files.a2020,
      files.a2021,
      files.a2022,
      files.b2021,
      files.b2022,
      files.c2021,
      files.c2022,
    ]) {
      const result = byFile.get(file)!;
      assert.equal(result.status, 'clean', file);
      assert.deepEqual(result.findings, [], file);
    }
    assert.equal(byFile.get(files.a2022)!.previousFile, files.a2021);
    assert.equal(byFile.get(files.a2020)!.previousFile, undefined);
    assert.equal(byFile.get(files.c2022)!.agency, C);
    const carry = json.summary.byRule.find((r) => r.rule === 'cross-year.carry-over');
    assert.equal(carry?.count, 2);
  });

  it('warns when a report repeats last year’s numbers (re-read and confirmed on the full reports)', () => {
    const copy = byFile.get(files.d2023)!;
    assert.equal(copy.status, 'findings');
    assert.equal(copy.previousFile, files.d2022);
    assert.deepEqual(
      copy.findings.map((f) => [f.rule, f.severity]),
      [
        ['cross-year.in-force', 'warning'],
        ['cross-year.identical', 'warning'],
      ],
    );
    const identical = json.summary.byRule.find((r) => r.rule === 'cross-year.identical') as
      | { count: number; title: string; warnings: number }
      | undefined;
    assert.equal(identical?.count, 1);
    assert.equal(identical?.warnings, 1);
    assert.equal(identical?.title, '第二、三、四部分的数字与上年报告完全相同');
  });

  it('exits 0 on a folder of clean reports and 1 when a finding is an error', async () => {
    assert.equal((await gongkai('audit', join(batch, A), '--quiet')).code, 0);
    const b = await gongkai('audit', join(batch, '乙镇'));
    assert.equal(b.code, 1);
    assert.match(b.out, /cross-year\.carry-over/);
    assert.match(b.out, /退出码 1/);
  });

  it('writes the CSV: BOM, header, one row per finding, RFC 4180 quoting, unreadable files as rows', async () => {
    const { code, out } = await gongkai('audit', batch, '--csv', '--quiet');
    assert.equal(code, 2);
    assert.ok(out.startsWith('\uFEFFfile,agency,'), 'UTF-8 BOM then the header');
    const [header, ...rows] = parseCsv(out.slice(1));
    assert.deepEqual(header, [
      'file',
      'agency',
      'year',
      'rule',
      'severity',
      'cells',
      'expected',
      'found',
      'message',
    ]);
    const findings = json.files.reduce((n, f) => n + f.findings.length, 0);
    assert.equal(rows.length, findings + 3);
    assert.ok(rows.every((r) => r.length === 9));
    const broken = rows.find((r) => r[0] === files.broken)!;
    assert.equal(broken[3], 'read.unreadable');
    assert.equal(broken[4], 'error');
    assert.match(broken[8]!, /,/);
    assert.match(broken[8]!, /"agency": }/);
    assert.equal(broken[8], `${byFile.get(files.broken)!.error!.message}（第 1 行）`);
    assert.match(out, /"[^"\r\n]*""agency"": }/, 'the quote is doubled inside a quoted field');
    const carry = rows.filter((r) => r[0] === files.b2023);
    assert.deepEqual(
      carry.map((r) => [r[1], r[2], r[3], r[5], r[6], r[7]]),
      [
        [
          B,
          '2023',
          'cross-year.carry-over',
          '三.carriedOver.natural;previous:三.carriedForward.natural',
          '6',
          '9',
        ],
        [
          B,
          '2023',
          'cross-year.carry-over',
          '三.carriedOver.total;previous:三.carriedForward.total',
          '7',
          '10',
        ],
      ],
    );
  });

  it('writes a self-contained HTML page: a sortable table per agency, counts that match, all escaped', async () => {
    const out = join(root, 'audit.html');
    const run = await gongkai('audit', batch, '--html', out, '--compare', '--quiet');
    assert.equal(run.code, 2);
    const html = readFileSync(out, 'utf8');
    const $ = cheerio.load(html);
    const agencies = $('section.gk-agency');
    assert.equal(agencies.length, json.summary.agencies);
    agencies.each((_, section) => {
      assert.equal($(section).find('table.gk-sortable').length, 1);
    });
    assert.equal($('td[data-key="read"]').text(), String(json.summary.read));
    assert.equal($('td[data-key="unreadable"]').text(), String(json.summary.unreadable));
    for (const r of json.summary.byRule) {
      assert.equal(
        $(`table.gk-rules tr[data-rule="${r.rule}"] td[data-key="count"]`).text(),
        String(r.count),
      );
      assert.equal($(`svg.gk-chart g[data-rule="${r.rule}"]`).length, 1);
    }
    // Every finding of an agency's files is a row of its table (a clean file is one row too).
    const a = $('section.gk-agency').filter((_, s) => $(s).attr('data-agency') === A);
    assert.equal(a.find('table.gk-sortable tbody tr').length, 3);
    assert.equal(a.find('table.gk-compare thead th').length, 4, '项目 + three years');
    const b = $('section.gk-agency').filter((_, s) => $(s).attr('data-agency') === B);
    assert.match(b.find('table.gk-sortable').text(), /三 · 二、上年结转政府信息公开申请数量 · 自然人/);
    assert.match(b.find('table.gk-sortable').text(), /上年报告 三 · 四、结转下年度继续办理 · 自然人/);
    // Nothing is fetched, and the hostile agency name is text, not markup.
    assert.doesNotMatch(html, /https?:\/\//);
    assert.equal($('[src], link, iframe, object, embed').length, 0);
    assert.equal($('script').length, 1, 'only the inline sorting script');
    assert.ok(!html.includes('<script>alert'), 'escaped');
    const c = $('section.gk-agency').filter((_, s) => $(s).attr('data-agency') === C);
    assert.equal(c.find('h2').text(), C);
    assert.equal($('section.gk-unreadable tbody tr').length, 3);
  });

  it('prints the summary table and each unreadable file with its reason on the terminal', async () => {
    const { code, out, err } = await gongkai('audit', batch, '--compare');
    assert.equal(code, 2);
    assert.equal(err, '');
    assert.match(out, /批量检查结果/);
    assert.match(out, /读取的报告 \(reports read\)\s*│ 12/);
    for (const file of [files.empty, files.scan, files.broken]) {
      assert.ok(out.includes(`无法读取 (unreadable): ${file}`), file);
    }
    assert.match(out, /甲市教育局：逐年比较/);
    assert.match(out, /2020 年度.*2021 年度.*2022 年度/);
    assert.match(out, /退出码 2/);
  });

  it('sends the summary to stderr when stdout carries JSON, and nothing there with --quiet', async () => {
    assert.match(jsonRun.err, /批量检查结果/);
    const quiet = await gongkai('audit', batch, '--json', '--quiet');
    assert.equal(quiet.err, '');
    assert.deepEqual(JSON.parse(quiet.out), json, 'the same document, in walk order');
  });

  it('draws a progress bar on stderr only when it is a terminal and --quiet is not given', async () => {
    const run = async (...argv: string[]) => {
      let err = '';
      let code = -1;
      const io: CliIo = { stdout: () => undefined, stderr: (t) => (err += t), stdoutIsTerminal: false };
      const program = new Command().exitOverride();
      registerAuditCommand(program, io, (c) => (code = c), { stderrIsTerminal: true, columns: () => 80 });
      await program.parseAsync(['audit', ...argv], { from: 'user' });
      return { code, err };
    };
    const shown = await run(batch, '--json');
    assert.equal(shown.code, 2);
    assert.ok(shown.err.includes('\r\x1b[K检查中 '), 'the bar is drawn');
    const summaryAt = shown.err.indexOf('批量检查结果');
    assert.ok(shown.err.slice(0, summaryAt).endsWith('\r\x1b[K'), 'the bar is erased before the summary');
    const quiet = await run(batch, '--json', '--quiet');
    assert.equal(quiet.err, '');
  });

  it('refuses what cannot be used, naming it, with exit 2', async () => {
    const missing = join(root, '没有这个文件夹');
    const gone = await gongkai('audit', batch, missing);
    assert.equal(gone.code, 2);
    assert.equal(gone.err, `gongkai: ${missing}: 文件或文件夹不存在 (no such file or folder)\n`);
    assert.equal(gone.out, '');
    assert.equal((await gongkai('audit', batch, '--json', '--csv')).code, 2);
    const jobs = await gongkai('audit', batch, '--jobs', '0');
    assert.equal(jobs.code, 2);
    assert.match(jobs.err, /--jobs 0/);
    for (const [option, value] of [
      ['--file-timeout', '0'],
      ['--file-timeout', '-1'],
      ['--file-timeout', '十'],
      ['--file-memory', '16'],
      ['--file-memory', '1.5'],
    ] as const) {
      const refused = await gongkai('audit', batch, option, value);
      assert.equal(refused.code, 2, `${option} ${value}`);
      assert.ok(refused.err.startsWith(`gongkai: ${option} ${value}: 应为`), refused.err);
    }
    const html = await gongkai('audit', batch, '--html', join(root, '无此目录', 'a.html'));
    assert.equal(html.code, 2);
    assert.match(html.err, /目录不存在/);
    const emptyFolder = join(root, '空文件夹');
    mkdirSync(emptyFolder);
    const none = await gongkai('audit', emptyFolder);
    assert.equal(none.code, 2);
    assert.match(none.err, /没有找到可读取的报告文件/);
  });
});

describe('gongkai audit in worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-workers-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const renderers = [renderText, renderJson, (r: AnnualReport) => renderHtml(r)];
  fc.sample(arbitraryReport(), { numRuns: 280, seed: 42 }).forEach((report, i) => {
    const folder = join(dir, String(i % 7));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${i}.${['txt', 'json', 'html'][i % 3]}`), renderers[i % 3]!(report));
  });
  // Series of one agency, so that the cross-year rules have pairs to compare (one carry-over broken).
  for (let year = 2019; year <= 2026; year++) {
    const report = exampleReport(year, '丁县自然资源局');
    writeFileSync(
      join(dir, `丁-${year}.json`),
      renderJson(year === 2024 ? withBrokenCarryOver(report) : report),
    );
    writeFileSync(join(dir, `戊-${year}.txt`), renderText(exampleReport(year, '戊街道办事处')));
  }
  writeFileSync(join(dir, 'empty.txt'), '');

  it('gives the same JSON with --jobs 2 (workers) and by default (more than 200 files) as with --jobs 1', async () => {
    const inline = await gongkai('audit', dir, '--json', '--jobs', '1');
    const startedBefore = poolStats.workersStarted;
    const workers = await gongkai('audit', dir, '--json', '--jobs', '2');
    assert.equal(poolStats.workersStarted - startedBefore, 2, 'two worker threads ran');
    const auto = await gongkai('audit', dir, '--json');
    assert.ok(poolStats.workersStarted - startedBefore > 2, 'the default used workers too');
    assert.equal(inline.code, 2);
    assert.equal(workers.code, inline.code);
    assert.equal(auto.code, inline.code);
    const parsed = JSON.parse(inline.out);
    assert.equal(parsed.files.length, 297);
    assert.ok(parsed.summary.yearPairs >= 14);
    assert.ok(parsed.files.some((f: FileJson) => f.findings.some((x) => x.rule === 'cross-year.carry-over')));
    assert.equal(workers.out, inline.out);
    assert.equal(auto.out, inline.out);
  });
});

describe('gongkai audit on a report cut off before its end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-cut-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const whole = renderText(exampleReport(2022, B));
  const cutAt = whole.indexOf('（四）无法提供');
  const file = join(dir, 'cut.txt');
  writeFileSync(file, whole.slice(0, cutAt));

  it('audits what was read under the agency and year, and names every part it could not read', async () => {
    const { code, out } = await gongkai('audit', dir, '--json');
    assert.equal(code, 1, 'a finding, not an unreadable file');
    const parsed = JSON.parse(out) as { summary: { unreadable: number }; files: FileJson[] };
    assert.equal(parsed.summary.unreadable, 0);
    const [result] = parsed.files;
    assert.equal(result!.agency, B);
    assert.equal(result!.year, 2022);
    assert.equal(result!.shape, 'text');
    assert.equal(result!.status, 'findings');
    const rules = result!.findings.map((f) => f.rule);
    assert.equal(rules[0], 'read.truncated');
    assert.deepEqual(
      result!.findings.filter((f) => f.rule === 'read.missing-section').map((f) => f.cells[0]!.section),
      ['四', '五', '六'],
    );
    // The rows after the cut are reported missing cell by cell; the rows before it were read.
    const missing = result!.findings.filter((f) => f.rule === 'cell.missing').flatMap((f) => f.cells);
    assert.ok(missing.some((c) => c.section === '三' && c.row === 'carriedForward'));
    assert.ok(!missing.some((c) => c.section === '三' && c.row === 'granted'));
  });

  it('is still refused by report check, which must trust a whole report', async () => {
    const { code, err } = await gongkai('report', 'check', file);
    assert.equal(code, 2);
    assert.match(err, /内容中断/);
  });
});

describe('gongkai audit: the same agency’s report for the same year twice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-twice-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const put = (path: string, content: string) => {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return full;
  };
  const A = '甲市教育局';
  // One agency however the name's brackets are written: the names are compared as labels are.
  const B = '乙镇人民政府（本级）';
  const B2 = '乙镇人民政府(本级)';
  const HOSTILE = '丁\x1b[2J\u202e镇';
  const files = {
    a2020: put('甲/2020.txt', renderText(exampleReport(2020, A))),
    a2021html: put('甲/2021.html', renderHtml(exampleReport(2021, A))),
    a2021txt: put('甲/2021.txt', renderText(exampleReport(2021, A))),
    b2022: put('乙/2022.json', renderJson(exampleReport(2022, B))),
    b2022changed: put('乙/2022-修改稿.json', renderJson(withBrokenCarryOver(exampleReport(2022, B2)))),
    d2022a: put('丁/a.json', renderJson(exampleReport(2022, HOSTILE))),
    d2022b: put('丁/b.txt', renderText(exampleReport(2022, HOSTILE))),
    c2023: put('丙/2023.json', renderJson(exampleReport(2023, '丙区'))),
  };

  interface Duplicate {
    agency: string;
    year: number;
    files: [string, string];
    formats: [string, string];
    numbersAgree: boolean | null;
    differingCells: number | null;
    differences: {
      cell: { section: string; row: string; column: string };
      first: string | null;
      second: string | null;
    }[];
  }
  let duplicates: Duplicate[];
  let inline: { code: number; out: string };

  before(async () => {
    inline = await gongkai('audit', dir, '--json', '--jobs', '1', '--quiet');
    duplicates = JSON.parse(inline.out).summary.duplicates;
  });

  it('gives the same answer with --jobs 1 and --jobs 4 (worker threads)', async () => {
    const started = poolStats.workersStarted;
    const workers = await gongkai('audit', dir, '--json', '--jobs', '4', '--quiet');
    assert.ok(poolStats.workersStarted > started, 'workers ran');
    assert.equal(workers.code, inline.code);
    assert.equal(workers.out, inline.out);
  });

  it('names both files of each agency-year read twice, by agency, and no agency-year read once', () => {
    assert.equal(duplicates.length, 3);
    assert.deepEqual(
      duplicates.map((d) => d.agency),
      [...duplicates.map((d) => d.agency)].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    );
    const a = duplicates.find((d) => d.agency === A)!;
    assert.equal(a.year, 2021);
    assert.deepEqual(a.files, [files.a2021html, files.a2021txt], 'the path that sorts first, then the other');
    const d = duplicates.find((x) => x.agency === HOSTILE)!;
    assert.deepEqual(d.files, [files.d2022a, files.d2022b]);
    assert.ok(!duplicates.some((x) => x.year === 2020 || x.year === 2023));
  });

  it('says the numbers agree when every cell of 二、三、四 is the same, whatever the shape', () => {
    for (const agency of [A, HOSTILE]) {
      const d = duplicates.find((x) => x.agency === agency)!;
      assert.equal(d.numbersAgree, true, agency);
      assert.equal(d.differingCells, 0);
      assert.deepEqual(d.differences, []);
    }
  });

  it('names the cells that differ, with both values, for one agency written two ways', () => {
    const b = duplicates.find((x) => x.year === 2022 && x.agency !== HOSTILE)!;
    assert.ok([B, B2].includes(b.agency));
    assert.deepEqual(b.files, [files.b2022changed, files.b2022].sort());
    assert.equal(b.numbersAgree, false);
    assert.equal(b.differingCells, 4);
    const original = exampleReport(2022, B).requests as Record<'new' | 'carriedOver', CountCell[]>;
    const changed = withBrokenCarryOver(exampleReport(2022, B)).requests as typeof original;
    const [first, second] = b.files[0] === files.b2022 ? [original, changed] : [changed, original];
    assert.deepEqual(b.differences, [
      {
        cell: { section: '三', row: 'new', column: 'natural' },
        first: String(first.new[0]),
        second: String(second.new[0]),
      },
      {
        cell: { section: '三', row: 'new', column: 'total' },
        first: String(first.new[6]),
        second: String(second.new[6]),
      },
      {
        cell: { section: '三', row: 'carriedOver', column: 'natural' },
        first: String(first.carriedOver[0]),
        second: String(second.carriedOver[0]),
      },
      {
        cell: { section: '三', row: 'carriedOver', column: 'total' },
        first: String(first.carriedOver[6]),
        second: String(second.carriedOver[6]),
      },
    ]);
  });

  it('keeps the true characters of a name in the JSON', () => {
    assert.ok(inline.out.includes(JSON.stringify(HOSTILE)), 'JSON escapes the controls itself');
    assert.ok(duplicates.some((d) => d.agency === HOSTILE));
  });

  it('lists them in the terminal summary, escaping what a report could send to the terminal', async () => {
    const { out } = await gongkai('audit', dir, '--compare');
    assert.match(out, /同一机关同一年度的报告不止一份/);
    assert.ok(
      out.includes(`- ${A} 2021 年度：${files.a2021html} 与 ${files.a2021txt}：数字一致 (the numbers agree)`),
    );
    assert.match(
      out,
      /数字不同 \(the numbers differ\)：共 4 处，三 · 一、本年新收政府信息公开申请数量 · 自然人：\d+ ≠ \d+/,
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them.
    assert.doesNotMatch(out, /[\u001b\u202e]/, 'no ESC, no bidi override');
    assert.ok(out.includes('丁\\x1b[2J\\u202e镇 2022 年度'));
  });

  it('flags them in the CSV on the later file, after the findings, and on the HTML page', async () => {
    const csv = await gongkai('audit', dir, '--csv', '--quiet');
    const rows = parseCsv(csv.out.slice(1)).slice(1);
    const flagged = rows.filter((r) => r[3] === 'audit.duplicate-report');
    assert.equal(flagged.length, 3);
    assert.deepEqual(rows.slice(-3), flagged, 'after every finding');
    const a = flagged.find((r) => r[0] === files.a2021txt)!;
    assert.equal(a[4], 'warning');
    assert.match(a[8]!, new RegExp(`^与 ${files.a2021html} 同为 ${A} 2021 年度的报告：数字一致`));
    const b = flagged.find((r) => r[5] !== '')!;
    assert.equal(b[5], '三.new.natural;三.new.total;三.carriedOver.natural;三.carriedOver.total');

    const page = join(dir, '..', `${dir.split('/').pop()}.html`);
    await gongkai('audit', dir, '--html', page, '--quiet');
    const $ = cheerio.load(readFileSync(page, 'utf8'));
    rmSync(page);
    const cells = $('section.gk-duplicates tbody tr');
    assert.equal(cells.length, 3);
    assert.deepEqual(
      cells
        .map((_, tr) => $(tr).attr('data-agree'))
        .get()
        .sort(),
      ['false', 'true', 'true'],
    );
    assert.match($('section.gk-duplicates').text(), /三 · 一、本年新收政府信息公开申请数量 · 自然人/);
  });

  it('changes no exit code: a folder of clean reports read twice still exits 0', async () => {
    const run = await gongkai('audit', join(dir, '甲'), '--json', '--quiet');
    assert.equal(run.code, 0);
    assert.equal(JSON.parse(run.out).summary.duplicates.length, 1);
  });
});

describe('gongkai audit: what a report could send to the terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-escapes-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const hostile = '戊\x1b]0;已被接管\x07\u2066镇\u2069';
  for (const year of [2021, 2022])
    writeFileSync(join(dir, `${year}.txt`), renderText(exampleReport(year, hostile)));
  writeFileSync(join(dir, '\x1b[31m坏.json'), BROKEN_JSON);

  it('prints names, file names and reasons with visible escapes instead of the controls', async () => {
    const { out } = await gongkai('audit', dir, '--compare');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them.
    assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2066-\u2069]/);
    assert.ok(out.includes('戊\\x1b]0;已被接管\\x07\\u2066镇\\u2069：逐年比较'));
    assert.ok(out.includes('\\x1b[31m坏.json'));
  });

  it('keeps the true characters in the JSON and the CSV', async () => {
    const json = await gongkai('audit', dir, '--json', '--quiet');
    const parsed = JSON.parse(json.out) as { files: FileJson[] };
    assert.ok(parsed.files.some((f) => f.agency === hostile));
    const csv = await gongkai('audit', dir, '--csv', '--quiet');
    assert.ok(csv.out.includes(join(dir, '\x1b[31m坏.json')), 'the unreadable file’s row names it as it is');
  });
});

describe('gongkai audit: --file-timeout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-timeout-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // A page of some 3 MB takes far longer to read than 1 ms (pool.test.ts shows the other files audited).
  writeFileSync(join(dir, 'a.txt'), renderText(exampleReport(2023, A)));
  writeFileSync(join(dir, 'b.txt'), renderText(exampleReport(2024, A)).repeat(1000));

  it('reaches the workers: a file that takes longer is reported as not audited (input.time-limit), exit 2', async () => {
    const run = await gongkai('audit', dir, '--json', '--jobs', '1', '--file-timeout', '0.001', '--quiet');
    assert.equal(run.code, 2);
    const { files } = JSON.parse(run.out) as {
      files: { file: string; status: string; error?: { code: string; message: string } }[];
    };
    assert.equal(files.length, 2);
    const slow = files.find((f) => f.file.endsWith('b.txt'))!;
    assert.equal(slow.status, 'unreadable');
    assert.equal(slow.error?.code, 'input.time-limit');
    assert.match(slow.error!.message, /^读取超时：0\.001 秒内未读完/);
  });
});
