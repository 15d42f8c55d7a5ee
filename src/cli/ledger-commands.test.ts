/**
 * `gongkai agency …` and `gongkai report build|explain` in-process, on a SQLite file per test: the
 * contract of docs/cli.md (stdout, exit codes, one-line errors).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { parseJsonReport } from '../documents/json/report-json.js';
import { hasErrors } from '../domain/report/validation/finding.js';
import { validateReport } from '../domain/report/validation/validate.js';
import { openLedger } from '../ledger/index.js';
import { assertRefused, gongkai } from '../test-support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-ledger-cli-'));
let n = 0;
const freshDb = () => join(dir, `ledger-${++n}.db`);

const REGISTER = [
  '收到日期,申请人,申请人类型,申请内容,答复日期,办理结果',
  '2023-12-25,张一,自然人,内容一,2024-01-10,予以公开',
  '2024-03-01,张二,自然人,内容二,2024-03-20,部分公开',
  '2024-04-02,某公司,商业企业,内容三,2024-04-30,属于国家秘密',
  '2024-12-20,李四,自然人,内容六,,',
].join('\n');

/** A database with 福建省 › 平潭县 and the register above imported into 平潭县 (id 2). */
async function makeLedgerWithRegister(): Promise<string> {
  const db = freshDb();
  assert.equal((await gongkai('agency', 'add', '福建省', '--kind', '省', '--database', db)).code, 0);
  assert.equal((await gongkai('agency', 'add', '平潭县', '--parent', '1', '--database', db)).code, 0);
  const file = join(dir, `register-${n}.csv`);
  writeFileSync(file, REGISTER);
  assert.equal((await gongkai('requests', 'import', file, '--agency', '2', '--database', db)).code, 0);
  return db;
}

let shared: Promise<string> | undefined;
/** That database, made once: the report tests only read it. */
const ledgerWithRegister = (): Promise<string> => {
  shared ??= makeLedgerWithRegister();
  return shared;
};

describe('gongkai agency', () => {
  it('add prints the new id (with --json: {"id": …}), list shows the tree', async () => {
    const db = freshDb();
    const first = await gongkai('agency', 'add', '福建省', '--kind', '省', '--database', db);
    assert.deepEqual([first.code, first.out], [0, '1\n']);
    const second = await gongkai(
      'agency',
      'add',
      '福州市',
      '--parent',
      '1',
      '--code',
      '350100',
      '--json',
      '--database',
      db,
    );
    assert.equal(second.code, 0);
    assert.deepEqual(JSON.parse(second.out), { id: 2 });
    await gongkai('agency', 'add', '鼓楼区', '--parent', '2', '--database', db);
    const list = await gongkai('agency', 'list', '--database', db);
    assert.equal(list.code, 0);
    assert.equal(list.out, '1  福建省（省）\n  2  福州市（机关）  代码 350100\n    3  鼓楼区（机关）\n');
    const json = JSON.parse((await gongkai('agency', 'list', '--json', '--database', db)).out);
    assert.equal(json[0].children[0].children[0].name, '鼓楼区');

    const storage = await openLedger(db);
    try {
      assert.deepEqual(
        (await storage.auditLog.list()).map((a) => a.action),
        ['agency.add', 'agency.add', 'agency.add'],
      );
    } finally {
      await storage.close();
    }
  });

  it('refuses an unknown parent, a taken code, a bad id, with one line and exit 2', async () => {
    const db = freshDb();
    await gongkai('agency', 'add', '甲', '--code', 'X', '--database', db);
    const parent = await gongkai('agency', 'add', '乙', '--parent', '9', '--database', db);
    assert.equal(parent.code, 2);
    assertRefused(parent, /上级机关不存在.*9/);
    const taken = await gongkai('agency', 'add', '丙', '--code', 'X', '--database', db);
    assert.equal(taken.code, 2);
    assertRefused(taken, /机关代码已被使用/);
    const bad = await gongkai('agency', 'add', '丁', '--parent', 'abc', '--database', db);
    assert.equal(bad.code, 2);
    assertRefused(bad, /--parent abc: 应为机关编号/);
  });

  it('takes the database from DATABASE_URL, and a reading command never creates one', async () => {
    const db = freshDb();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `sqlite:${db}`;
    try {
      const missing = await gongkai('agency', 'list');
      assert.equal(missing.code, 2);
      assertRefused(missing, /数据库不存在/);
      assert.equal(existsSync(db), false);
      assert.equal((await gongkai('agency', 'add', '某县')).out, '1\n');
      assert.equal(existsSync(db), true);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    const bad = await gongkai('agency', 'list', '--database', 'mysql://root@x/y');
    assert.equal(bad.code, 2);
    assertRefused(bad, /无法识别的数据库地址/);
  });
});

/** `gongkai report build|explain --agency A --year Y … --database DB`. */
const reportBuild = (db: string, agency: string, year: string, ...rest: string[]) =>
  gongkai('report', 'build', '--agency', agency, '--year', year, ...rest, '--database', db);
const reportExplain = (db: string, agency: string, year: string, ...rest: string[]) =>
  gongkai('report', 'explain', '--agency', agency, '--year', year, ...rest, '--database', db);

describe('gongkai report build / explain', () => {
  it('build --json prints the report JSON, which passes every rule', async () => {
    const db = await ledgerWithRegister();
    const built = await reportBuild(db, '2', '2024', '--json');
    assert.equal(built.code, 0, built.err);
    const parsed = parseJsonReport(built.out);
    assert.ok(parsed.ok);
    const report = parsed.report;
    assert.deepEqual([report.agency, report.year, report.format], ['平潭县', 2024, '2021']);
    assert.deepEqual(report.requests.new, [2, 1, 0, 0, 0, 0, 3]);
    assert.deepEqual(report.requests.carriedOver, [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(report.requests.carriedForward, [1, 0, 0, 0, 0, 0, 1]);
    assert.ok(!hasErrors(validateReport(report)));

    const verified = await reportBuild(db, '2', '2024', '--json', '--verify');
    assert.deepEqual([verified.code, verified.out, verified.err], [0, built.out, '']);

    const human = await reportBuild(db, '2', '2024');
    assert.match(human.out, /本年新收 3 件，上年结转 1 件，本年办结 3 件，结转下年度 1 件/);
  });

  it('build --to txt -o OUT renders the document', async () => {
    const db = await ledgerWithRegister();
    const out = join(dir, 'report-2024.txt');
    const built = await reportBuild(db, '2', '2024', '--to', 'txt', '-o', out);
    assert.equal(built.code, 0, built.err);
    assert.match(readFileSync(out, 'utf8'), /平潭县2024年政府信息公开工作年度报告|平潭县 ?2024 ?年/);
    const bad = await reportBuild(db, '2', '2024', '--to', 'odt');
    assert.equal(bad.code, 2);
    assertRefused(bad, /--to odt: 不支持的格式/);
    const noAgency = await reportBuild(db, '7', '2024', '--json');
    assert.equal(noAgency.code, 2);
    assertRefused(noAgency, /机关不存在.*7/);
    const badYear = await reportBuild(db, '2', '2018', '--json');
    assert.equal(badYear.code, 2);
  });

  it('explain lists exactly the requests counted in a cell; an unknown cell lists the valid ones', async () => {
    const db = await ledgerWithRegister();
    const total = await reportExplain(db, '2', '2024', '--cell', 'new.total');
    assert.equal(total.code, 0, total.err);
    const lines = total.out.trimEnd().split('\n');
    assert.match(lines[0]!, /^平潭县 2024 年度 第三部分 一、本年新收政府信息公开申请数量 · 总计：3 件申请/);
    assert.equal(lines.length, 4);
    assert.match(total.out, /张二（自然人） {2}收到 2024-03-01 {2}办结 2024-03-20：部分公开（区分处理）/);
    assert.match(total.out, /李四（自然人） {2}收到 2024-12-20 {2}未办结/);

    const json = JSON.parse(
      (await reportExplain(db, '2', '2024', '--cell', 'denied.stateSecret.commercial', '--json')).out,
    );
    assert.equal(json.value, 1);
    assert.deepEqual(
      json.items.map((i: { applicantName: string; outcome: string }) => [i.applicantName, i.outcome]),
      [['某公司', 'stateSecret']],
    );
    assert.deepEqual(json.cell, { section: '三', row: 'denied.stateSecret', column: 'commercial' });

    const review = await reportExplain(db, '2', '2024', '--cell', 'review.upheld');
    assert.equal(review.code, 0);
    assert.match(review.out, /第四部分 行政复议 · 结果维持：0 件案件/);

    const unknown = await reportExplain(db, '2', '2024', '--cell', 'granted.people');
    assert.equal(unknown.code, 2);
    assertRefused(
      unknown,
      /未知的单元格.*未知的列 people.*natural, commercial, research, publicInterest, legalService, other, total/,
    );
    const noRow = await reportExplain(db, '2', '2024', '--cell', 'nothing');
    assertRefused(noRow, /行\.列/);
    // The printed table's words name the same cells.
    const words = JSON.parse(
      (await reportExplain(db, '2', '2024', '--cell', '不予公开.属于国家秘密.商业企业', '--json')).out,
    );
    assert.deepEqual([words.cell, words.value], [json.cell, 1]);
    assert.match((await reportExplain(db, '2', '2024', '--cell', '本年新收.总计')).out, /总计：3 件申请/);
    assertRefused(await reportExplain(db, '2', '2024', '--cell', '予以公开.人民'), /未知的列“人民”/);
  });
});

describe('gongkai report build --fill / --fill-template: a finished report from the command line', () => {
  it('writes a template with last year’s text and stock figures, and builds a report that passes every rule from it', async () => {
    const db = await ledgerWithRegister();
    // Last year's report: the example, made the agency's, with 现行有效件数 12 for 规范性文件.
    const lastYear = join(dir, 'last-year.json');
    assert.equal(
      (await gongkai('report', 'example', '--year', '2023', '--agency', '平潭县', '-o', lastYear)).code,
      0,
    );
    const last = JSON.parse(readFileSync(lastYear, 'utf8'));
    last.text.overview = '2023年，我县认真贯彻《条例》……';
    last.proactive.normativeDocuments.inForce = 12;
    writeFileSync(lastYear, JSON.stringify(last));

    const template = await gongkai(
      'report',
      'build',
      '--agency',
      '2',
      '--year',
      '2024',
      '--fill-template',
      '--previous',
      lastYear,
      '--database',
      db,
    );
    assert.equal(template.code, 0, template.err);
    const fill = JSON.parse(template.out);
    assert.deepEqual([fill.year, fill.format, fill.agency], [2024, '2021', '平潭县']);
    assert.equal(fill.text.overview, '2023年，我县认真贯彻《条例》……', 'last year’s text to start from');
    assert.equal(fill.proactive.normativeDocuments.inForce, 12, 'the stock carries over');
    assert.equal(fill.proactive.normativeDocuments.issued, 0, 'a flow starts at 0');
    assert.ok(!('requests' in fill) && !('reviewLitigation' in fill), 'sections 三 and 四 are the ledger’s');

    fill.text = { overview: '2024年，我县……', problems: '一是……', otherMatters: '无。' };
    fill.publishedOn = '2025-01-20';
    fill.proactive.normativeDocuments.issued = 3;
    const file = join(dir, 'fill-2024.json');
    writeFileSync(file, JSON.stringify(fill));
    const built = await gongkai(
      'report',
      'build',
      '--agency',
      '2',
      '--year',
      '2024',
      '--fill',
      file,
      '--json',
      '--database',
      db,
    );
    assert.equal(built.code, 0, built.err);
    const report = JSON.parse(built.out);
    assert.equal(report.publishedOn, '2025-01-20');
    assert.equal(report.text.problems, '一是……');
    assert.equal(report.proactive.normativeDocuments.issued, 3);
    assert.equal(report.requests.new[6], 3, 'section 三 still counted from the ledger');
    const read = parseJsonReport(built.out);
    assert.ok(read.ok);
    assert.ok(!hasErrors(validateReport(read.report)), JSON.stringify(validateReport(read.report)));
    assert.doesNotMatch(built.err, /错误/);

    // The same as the document an office publishes: report check passes it, the filled text is in it.
    const docx = join(dir, 'report-2024.docx');
    const rendered = await gongkai(
      'report',
      'build',
      '--agency',
      '2',
      '--year',
      '2024',
      '--fill',
      file,
      '--to',
      'docx',
      '-o',
      docx,
      '--database',
      db,
    );
    assert.equal(rendered.code, 0, rendered.err);
    // The file exists now: replaced only with --force; the format comes from -o's extension.
    const again = [
      'report',
      'build',
      '--agency',
      '2',
      '--year',
      '2024',
      '--fill',
      file,
      '-o',
      docx,
      '--database',
      db,
    ];
    assertRefused(await gongkai(...again), /文件已存在，加 --force 覆盖/);
    assertRefused(
      await gongkai(
        'report',
        'build',
        '--agency',
        '2',
        '--year',
        '2024',
        '--fill',
        file,
        '-o',
        file,
        '--force',
        '--database',
        db,
      ),
      /输入|input/,
    );
    const forced = await gongkai(...again, '--force');
    assert.equal(forced.code, 0, forced.err);
    const checked = await gongkai('report', 'check', docx, '--json');
    assert.equal(checked.code, 0, checked.out + checked.err);
    const xml = (
      await JSZip.loadAsync(readFileSync(docx)).then((z) => z.file('word/document.xml')!.async('string'))
    ).replace(/<[^>]+>/g, '');
    for (const text of ['2024年，我县……', '一是……', '无。']) assert.ok(xml.includes(text), text);
    const model = await gongkai('report', 'parse', docx, '--json');
    assert.equal(JSON.parse(model.out).proactive.normativeDocuments.issued, 3);
  });

  it('refuses a fill that would override the ledger’s counts, belongs to another year, or names an unknown row', async () => {
    const db = await ledgerWithRegister();
    const cases: [unknown, RegExp][] = [
      [{ requests: { new: [1, 0, 0, 0, 0, 0, 1] } }, /第三、四部分由申请台账统计/],
      [{ reviewLitigation: {} }, /第三、四部分由申请台账统计/],
      [{ year: 2023 }, /填写文件是 2023 年度的/],
      [
        { proactive: { procurement: { projects: 1 } } },
        /proactive\.procurement: 2021 年格式第二部分没有这一行/,
      ],
      [{ proactive: { fees: { amount: 'abc' } } }, /不是十进制数/],
      [{ text: { summary: 'x' } }, /未知的键 summary/],
    ];
    for (const [content, message] of cases) {
      const file = join(dir, `bad-fill-${++n}.json`);
      writeFileSync(file, JSON.stringify(content));
      assertRefused(
        await gongkai(
          'report',
          'build',
          '--agency',
          '2',
          '--year',
          '2024',
          '--fill',
          file,
          '--json',
          '--database',
          db,
        ),
        message,
      );
    }
    assertRefused(
      await gongkai('report', 'build', '--agency', '2', '--year', '2099', '--database', db),
      /尚未开始/,
    );
  });
});
