/** `gongkai requests import` in-process: exit codes 0 / 1 / 2, modes, the column map, JSON output. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { assertRefused, gongkai } from '../test-support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-import-cli-'));
let n = 0;
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, `${++n}-${name}`);
  writeFileSync(path, content);
  return path;
};
async function freshLedger(): Promise<string> {
  const db = join(dir, `ledger-${++n}.db`);
  assert.equal((await gongkai('agency', 'add', '平潭县', '--database', db)).code, 0);
  return db;
}

/** `gongkai requests import PATH --agency 1 … --database DB`. */
const importInto = (db: string, path: string, ...argv: string[]) =>
  gongkai('requests', 'import', path, '--agency', '1', ...argv, '--database', db);
/** Section 三 of agency 1's 2024 report, built from the ledger. */
const requestsOf2024 = async (db: string) =>
  JSON.parse(
    (await gongkai('report', 'build', '--agency', '1', '--year', '2024', '--json', '--database', db)).out,
  ).requests;

const HEADER = '收到日期,申请人,申请人类型,申请内容,答复日期,办理结果';
const GOOD = [
  HEADER,
  '2024-03-01,张二,自然人,内容二,2024-03-20,予以公开',
  '2024-12-20,李四,自然人,内容六,,',
].join('\n');
const BAD = `${GOOD}\n2024-05-10,倒序,自然人,内容,2024-05-01,予以公开\n2024-05-10,坏类型,外星人,内容,,\n`;

describe('gongkai requests import', () => {
  it('imports a good file (exit 0), and re-importing it adds nothing', async () => {
    const db = await freshLedger();
    const path = file('good.csv', GOOD);
    const first = await importInto(db, path);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /共 2 行/);
    assert.match(first.out, /已新增 2 件，已在台账中 0 件/);
    const again = await importInto(db, path, '--json');
    assert.equal(again.code, 0);
    const summary = JSON.parse(again.out);
    assert.deepEqual(
      summary.listing.map((l: { row: number; status: string; id: string }) => [l.row, l.status, l.id.length]),
      [
        [2, 'unchanged', 36],
        [3, 'unchanged', 36],
      ],
    );
    assert.deepEqual(
      { ...summary, listing: undefined },
      {
        file: path,
        agency: 1,
        rows: 2,
        created: 0,
        existing: 2,
        updated: 0,
        corrected: 0,
        invalid: [],
        warnings: [],
        skipped: [],
        listing: undefined,
        written: false,
        dryRun: false,
      },
    );
  });

  it('--dry-run lists every row; a register with 序号 corrected and imported again changes the request, adds none', async () => {
    const db = await freshLedger();
    const header = '序号,收到日期,申请人,申请人类型,申请内容,答复日期,办理结果';
    const first = file(
      'serial.csv',
      [
        header,
        '1,2024-03-01,张二,自然人,内容二,2024-03-20,予以公开',
        '2,2024-12-20,李四,自然人,内容六,,',
      ].join('\n'),
    );
    assert.equal((await importInto(db, first)).code, 0);
    const fixed = file(
      'serial-fixed.csv',
      [
        header,
        '1,2024-03-01,张贰,自然人,内容二,2024-03-20,予以公开',
        '2,2024-12-20,李四,自然人,内容六,,',
        '3,2024-12-23,王五,自然人,内容七,,',
        '合计,,,,,,',
      ].join('\n'),
    );
    const dry = await importInto(db, fixed, '--dry-run');
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /可新增 1 件.*可按台账更正 1 件/);
    assert.match(dry.out, /第 2 行 {2}更正 \(changed\) {2}[0-9a-f]{8}：申请人姓名或名称/);
    assert.match(dry.out, /第 3 行 {2}无变化 \(unchanged\)/);
    assert.match(dry.out, /第 4 行 {2}新增 \(new\)/);
    assert.match(dry.out, /第 5 行 {2}跳过 \(skipped\)：合计行/);
    const done = await importInto(db, fixed);
    assert.equal(done.code, 0, done.err);
    assert.match(done.out, /已更正或办结 1 件/);
    assert.deepEqual(
      (await requestsOf2024(db)).new,
      [3, 0, 0, 0, 0, 0, 3],
      'two imported, one added, none twice',
    );
  });

  it('requests headers add|list|remove: a header an administrator adds is read by the importer', async () => {
    const db = await freshLedger();
    const theirs = file(
      'theirs.csv',
      ['来件日期,申请人,申请人类型,申请内容,答复日期,办理结果', '2024-03-01,张二,自然人,内容二,,'].join('\n'),
    );
    assert.equal((await importInto(db, theirs)).code, 2);
    assertRefused(
      await gongkai('requests', 'headers', 'add', '外星列', '来件日期', '--database', db),
      /未知的台账列/,
    );
    const added = await gongkai('requests', 'headers', 'add', '收到日期', '来件日期', '--database', db);
    assert.equal(added.code, 0, added.err);
    assert.match(added.out, /表头“来件日期”即“收到日期”列/);
    const listed = await gongkai('requests', 'headers', 'list', '--database', db);
    assert.match(listed.out, /收到日期：收到日期、受理时间.*来件日期（添加）/);
    assert.match(listed.out, /序号：登记号/);
    assert.equal((await importInto(db, theirs)).code, 0);
    assert.equal((await gongkai('requests', 'headers', 'remove', '来件日期', '--database', db)).code, 0);
    assertRefused(
      await gongkai('requests', 'headers', 'remove', '受理时间', '--database', db),
      /内置的表头不能删除/,
    );
  });

  it('takes the words and headers registers use, and lists a row read with an assumption for a second look', async () => {
    const db = await freshLedger();
    const path = file(
      'offices.csv',
      [
        '受理时间,申请人姓名,申请人类别,申请事项,办结日期,答复结果',
        '2024-03-01,张三,公民,内容一,2024-03-20,个人隐私',
        '2024-03-04,某单位,法人或其他组织,内容二,2024-03-22,信息不存在',
      ].join('\n'),
    );
    const run = await importInto(db, path, '--json');
    assert.equal(run.code, 0, run.err);
    const summary = JSON.parse(run.out);
    assert.equal(summary.created, 2);
    assert.deepEqual(summary.warnings, [
      {
        row: 3,
        reason:
          '申请人类型“法人或其他组织”未写明是哪一类法人或其他组织，计入“其他”列 (organisation without its kind: counted as other)',
      },
    ]);
    const rows = await requestsOf2024(db);
    assert.deepEqual(
      rows['denied.thirdParty'],
      [1, 0, 0, 0, 0, 0, 1],
      '个人隐私 → 保护第三方合法权益, by a 公民',
    );
    assert.deepEqual(rows['unable.notHeld'], [0, 0, 0, 0, 0, 1, 1], '信息不存在 → 本机关不掌握, under 其他');
  });

  it('all or nothing: bad rows → exit 1, each listed by row number, nothing written', async () => {
    const db = await freshLedger();
    const path = file('bad.csv', BAD);
    const run = await importInto(db, path);
    assert.equal(run.code, 1);
    assert.match(run.out, /无效 2 行/);
    assert.match(run.out, /第 4 行：答复日期 2024-05-01 早于收到日期 2024-05-10/);
    assert.match(run.out, /第 5 行：无法识别的申请人类型“外星人”/);
    assert.match(run.out, /未导入任何记录/);
    const dry = await importInto(db, path, '--dry-run');
    assert.equal(dry.code, 1, 'a dry run exits as the import would');
    assert.match(dry.out, /可新增 2 件/);
    assert.deepEqual((await requestsOf2024(db)).new, [0, 0, 0, 0, 0, 0, 0]);

    const skipDry = await importInto(db, path, '--skip-invalid', '--dry-run');
    assert.equal(skipDry.code, 0);
    assert.match(skipDry.out, /试运行，未写入/);
    const skip = await importInto(db, path, '--skip-invalid');
    assert.equal(skip.code, 0);
    assert.match(skip.out, /已新增 2 件/);
    assert.match(skip.out, /第 4 行/);
    assert.deepEqual((await requestsOf2024(db)).new, [2, 0, 0, 0, 0, 0, 2]);
  });

  it('reads GBK CSV and XLSX, and renamed headers with --map', async () => {
    const db = await freshLedger();
    const gbk = file('gbk.csv', iconv.encode(GOOD, 'gbk'));
    const run = await importInto(db, gbk);
    assert.equal(run.code, 0, run.out + run.err);
    assert.match(run.out, /CSV，gb18030/);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('2024年台账');
    sheet.addRow(['来件时间', '来信人', '申请人类型', '申请内容', '答复日期', '办理结果']);
    sheet.addRow([
      new Date(Date.UTC(2024, 5, 3)),
      '王五',
      '法人或其他组织-商业企业',
      '规划',
      new Date(Date.UTC(2024, 5, 10)),
      '（三）不予公开-属于国家秘密',
    ]);
    const xlsx = file('register.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    const missing = await importInto(db, xlsx);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^gongkai: .*register\.xlsx: 台账缺少必需的列.*收到日期、申请人；/);
    const mapped = await importInto(db, xlsx, '--map', '收到日期=来件时间', '--map', '申请人=来信人');
    assert.equal(mapped.code, 0, mapped.out + mapped.err);
    assert.match(mapped.out, /Excel 工作簿/);
    assert.deepEqual((await requestsOf2024(db))['denied.stateSecret'], [0, 1, 0, 0, 0, 0, 1]);
  });

  it('exit 2 for a missing file, an unknown agency, a bad map or an unreadable file', async () => {
    const db = await freshLedger();
    const cases: [string[], RegExp][] = [
      [[join(dir, 'nope.csv'), '--agency', '1'], /nope\.csv: 文件不存在/],
      [[file('g.csv', GOOD), '--agency', '5'], /机关不存在/],
      [[file('g.csv', GOOD), '--agency', '1', '--map', '日期=x'], /列名映射有误/],
      [[file('empty.csv', ''), '--agency', '1'], /文件为空/],
      [[file('x.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0])), '--agency', '1'], /另存为 \.xlsx/],
    ];
    for (const [args, pattern] of cases)
      assertRefused(await gongkai('requests', 'import', ...args, '--database', db), pattern);
  });
});
