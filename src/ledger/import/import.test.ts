/**
 * Importing a register (台账) against SQLite and PostgreSQL: CSV (UTF-8 with BOM, GBK) and XLSX made
 * here, every kind of bad row, all-or-nothing vs --skip-invalid vs --dry-run, re-import without
 * duplicates, a row answered since, and the report from a small imported register checked by hand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { officialCalendar } from '../../calendar/official-calendar.js';
import { systemActor } from '../../domain/access/policy.js';
import { localDate } from '../../domain/calendar/local-date.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { zeroReport } from '../../domain/report/model.js';
import { hasErrors } from '../../domain/report/validation/finding.js';
import { validateReport } from '../../domain/report/validation/validate.js';
import type { Storage } from '../../storage/index.js';
import { DIALECTS, withStorage } from '../../storage/test-dialects.js';
import { importFile, requestCount } from '../../test-support/register-world.js';
import { addAgency } from '../agencies.js';
import { ledgerDeriveStep } from '../derive.js';
import { buildAnnualReport, type ReportOptions } from '../report.js';

/** The ledger's report of an agency and year, which these tests expect to be there. */
async function buildReport(
  storage: Storage,
  agencyId: number,
  year: number,
  options: ReportOptions,
): Promise<AnnualReport> {
  const built = await buildAnnualReport(storage, importer, agencyId, year, options);
  assert.ok(built.ok, JSON.stringify(built));
  return built.value.report;
}

import { type ImportOptions, importRegister } from './import.js';
import { parseColumnMap } from './register.js';
import { readRegisterTable } from './table.js';

const calendar = officialCalendar();
const today = localDate('2026-11-25');
const importer = systemActor('importer');
const HEADER = '收到日期,申请人,申请人类型,申请内容,答复日期,办理结果';

/** A small register whose 2024 report is worked out by hand below. */
const REGISTER = [
  HEADER,
  '2023-12-25,张一,自然人,内容一,2024-01-10,予以公开',
  '2024-03-01,张二,自然人,内容二,2024-03-20,部分公开',
  '2024/4/2,某公司,商业企业,"内容三,含逗号",2024年4月30日,（三）不予公开-属于国家秘密',
  '2024-05-06,某律师事务所,法律服务机构,"内容""四""",2024-05-08,撤回申请',
  '2024-06-03,某研究所,科研机构,内容五,2024-06-20,逾期不补正',
  '2024-12-20,李四,自然人,内容六,,',
  '2024-07-01,某协会,社会公益组织,内容七,2024-07-15,1.本机关不掌握相关政府信息',
  '2024-08-01,王五,其他,内容八,2024-08-05,不予处理-重复申请',
  '2024年9月27日,赵六,自然人,内容九,2024/10/30,不予公开（过程性信息）',
].join('\r\n');

/** Good rows, then one bad row of each kind (rows 5 to 10). */
const WITH_BAD_ROWS = [
  HEADER,
  '2024-03-01,张二,自然人,内容二,2024-03-20,部分公开',
  '2024-04-02,某公司,商业企业,内容三,2024-04-30,属于国家秘密',
  '2024-12-20,李四,自然人,内容六,,',
  '2024-13-01,坏日期,自然人,内容,,',
  '2024-05-01,坏类型,外星人,内容,2024-05-10,予以公开',
  '2024-05-01,坏结果,自然人,内容,2024-05-10,同意公开',
  '2024-05-10,倒序,自然人,内容,2024-05-01,予以公开',
  '2024-05-10,半填,自然人,内容,2024-05-20,',
  '2024-05-10,未缴费,自然人,内容,2024-08-20,逾期未缴费',
].join('\n');

const utf8 = (text: string) => new TextEncoder().encode(`\uFEFF${text}`);

const run = (storage: Storage, bytes: Uint8Array, options: Partial<ImportOptions> & { agencyId: number }) =>
  importFile(storage, importer, bytes, { today, calendar, ...options });

async function agency(storage: Storage, name = '平潭县人民政府办公室') {
  const added = await addAgency(storage, importer, { name });
  assert.ok(added.ok);
  return added.value.id;
}

const stored = requestCount;

async function xlsxOf(rows: readonly (readonly (string | number | Date | null)[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['说明：本表为 2024 年依申请公开台账']);
  sheet.addRow([]);
  for (const row of rows) sheet.addRow([...row]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

for (const dialect of DIALECTS) {
  describe(`requests import on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('all or nothing: one bad row and nothing is written; every bad row named with its reason', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await agency(storage);
          const summary = await run(storage, utf8(WITH_BAD_ROWS), { agencyId });
          assert.equal(summary.written, false);
          assert.equal(summary.rows, 9);
          assert.equal(summary.created, 3);
          assert.deepEqual(
            summary.invalid.map((p) => p.rowNumber),
            [5, 6, 7, 8, 9, 10],
          );
          const reason = (n: number) => summary.invalid.find((p) => p.rowNumber === n)!.reason;
          assert.match(reason(5), /^收到日期“2024-13-01”不是有效日期.*\(bad date\)$/);
          assert.match(reason(6), /^无法识别的申请人类型“外星人”/);
          assert.match(reason(7), /^无法识别的办理结果“同意公开”/);
          assert.match(
            reason(8),
            /^答复日期 2024-05-01 早于收到日期 2024-05-10 \(reply date before receipt date\)$/,
          );
          assert.match(reason(9), /^答复日期与办理结果应同时填写/);
          assert.match(reason(10), /^逾期未缴费的申请须先有收费通知/);
          assert.equal(await stored(storage, agencyId), 0);
          assert.equal(
            (await storage.auditLog.list()).filter((a) => a.action === 'requests.import').length,
            0,
          );
        },
        { derive: ledgerDeriveStep },
      ));

    it('--dry-run reports what would be imported and writes nothing; --skip-invalid imports the good rows', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await agency(storage);
          const dry = await run(storage, utf8(WITH_BAD_ROWS), { agencyId, dryRun: true, skipInvalid: true });
          assert.deepEqual([dry.written, dry.dryRun, dry.created, dry.invalid.length], [false, true, 3, 6]);
          assert.equal(await stored(storage, agencyId), 0);

          const skipped = await run(storage, utf8(WITH_BAD_ROWS), {
            agencyId,
            skipInvalid: true,
            source: 'bad.csv',
          });
          assert.deepEqual(
            [skipped.written, skipped.created, skipped.existing, skipped.invalid.length],
            [true, 3, 0, 6],
          );
          assert.equal(await stored(storage, agencyId), 3);
          const audit = (await storage.auditLog.list()).filter((a) => a.action === 'requests.import');
          assert.equal(audit.length, 1);
          assert.deepEqual(audit[0]!.detail, {
            source: 'bad.csv',
            rows: 9,
            created: 3,
            existing: 0,
            updated: 0,
            corrected: [],
            invalidRows: [5, 6, 7, 8, 9, 10],
          });

          // The same file again: nothing new, and it says so.
          const again = await run(storage, utf8(WITH_BAD_ROWS), { agencyId, skipInvalid: true });
          assert.deepEqual([again.created, again.existing, again.updated], [0, 3, 0]);
          assert.equal(await stored(storage, agencyId), 3);
          // Another agency importing the same rows gets its own requests.
          const other = await agency(storage, '另一个机关');
          const theirs = await run(storage, utf8(WITH_BAD_ROWS), { agencyId: other, skipInvalid: true });
          assert.equal(theirs.created, 3);
        },
        { derive: ledgerDeriveStep },
      ));

    it('builds the report a person works out by hand from a small register, from CSV, GBK CSV and XLSX alike', () =>
      withStorage(
        dialect,
        async (storage) => {
          const fromCsv = await agency(storage, '甲');
          const summary = await run(storage, utf8(REGISTER), { agencyId: fromCsv });
          assert.deepEqual([summary.written, summary.created, summary.invalid], [true, 9, []]);

          const expected = zeroReport({ year: 2024, format: '2021', agency: '甲' });
          const requests: Record<string, number[]> = { ...(expected.requests as Record<string, number[]>) };
          Object.assign(requests, {
            new: [3, 1, 1, 1, 1, 1, 8],
            carriedOver: [1, 0, 0, 0, 0, 0, 1],
            granted: [1, 0, 0, 0, 0, 0, 1],
            partial: [1, 0, 0, 0, 0, 0, 1],
            'denied.stateSecret': [0, 1, 0, 0, 0, 0, 1],
            'denied.process': [1, 0, 0, 0, 0, 0, 1],
            'unable.notHeld': [0, 0, 0, 1, 0, 0, 1],
            'notProcessed.repeated': [0, 0, 0, 0, 0, 1, 1],
            'other.noCorrection': [0, 0, 1, 0, 0, 0, 1],
            'other.other': [0, 0, 0, 0, 1, 0, 1],
            total: [3, 1, 1, 1, 1, 1, 8],
            carriedForward: [1, 0, 0, 0, 0, 0, 1],
          });
          const report = await buildReport(storage, fromCsv, 2024, { calendar });
          assert.deepEqual(report, { ...expected, requests });
          assert.ok(!hasErrors(validateReport(report)));
          const y2023 = await buildReport(storage, fromCsv, 2023, { calendar });
          assert.deepEqual(y2023.requests.new, [1, 0, 0, 0, 0, 0, 1]);
          assert.deepEqual(y2023.requests.carriedForward, report.requests.carriedOver);

          // The same register as GBK (as Excel saves "CSV" on a Chinese Windows).
          const fromGbk = await agency(storage, '乙');
          const gbk = new Uint8Array(iconv.encode(REGISTER, 'gbk'));
          const table = await readRegisterTable(gbk);
          assert.ok(table.ok && table.value.encoding === 'gb18030');
          assert.equal((await run(storage, gbk, { agencyId: fromGbk })).created, 9);
          assert.deepEqual((await buildReport(storage, fromGbk, 2024, { calendar })).requests, requests);

          // And as a workbook: a title row above the header, Excel date cells, a date as text, a serial.
          const fromXlsx = await agency(storage, '丙');
          const utc = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));
          const xlsx = await xlsxOf([
            ['收到日期', '申请人', '申请人类型', '申请内容', '答复日期', '办理结果'],
            [utc(2023, 12, 25), '张一', '自然人', '内容一', utc(2024, 1, 10), '予以公开'],
            [utc(2024, 3, 1), '张二', '自然人', '内容二', '2024-03-20', '部分公开'],
            [
              '2024/4/2',
              '某公司',
              '商业企业',
              '内容三,含逗号',
              utc(2024, 4, 30),
              '（三）不予公开-属于国家秘密',
            ],
            [45418, '某律师事务所', '法律服务机构', '内容"四"', utc(2024, 5, 8), '撤回申请'],
            [utc(2024, 6, 3), '某研究所', '科研机构', '内容五', utc(2024, 6, 20), '逾期不补正'],
            [utc(2024, 12, 20), '李四', '自然人', '内容六', null, null],
            [
              utc(2024, 7, 1),
              '某协会',
              '社会公益组织',
              '内容七',
              utc(2024, 7, 15),
              '1.本机关不掌握相关政府信息',
            ],
            [utc(2024, 8, 1), '王五', '其他', '内容八', utc(2024, 8, 5), '不予处理-重复申请'],
            ['2024年9月27日', '赵六', '自然人', '内容九', utc(2024, 10, 30), '不予公开（过程性信息）'],
          ]);
          const x = await run(storage, xlsx, { agencyId: fromXlsx });
          assert.deepEqual([x.created, x.invalid], [9, []]);
          assert.deepEqual((await buildReport(storage, fromXlsx, 2024, { calendar })).requests, requests);
          // Same content, same references: the workbook re-imported into 甲 adds nothing.
          assert.deepEqual(
            [
              (await run(storage, xlsx, { agencyId: fromCsv })).created,
              (await run(storage, xlsx, { agencyId: fromCsv })).existing,
            ],
            [0, 9],
          );
        },
        { derive: ledgerDeriveStep },
      ));

    it('closes a request answered since the last import, and refuses a register contradicting the ledger', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await agency(storage);
          const before = [
            HEADER,
            '2024-12-20,李四,自然人,内容六,,',
            '2024-03-01,张二,自然人,内容二,2024-03-20,部分公开',
          ].join('\n');
          assert.equal((await run(storage, utf8(before), { agencyId })).created, 2);
          const answered = [
            HEADER,
            '2024-12-20,李四,自然人,内容六,2025-01-15,予以公开',
            '2024-03-01,张二,自然人,内容二,2024-03-20,部分公开',
          ].join('\n');
          const dry = await run(storage, utf8(answered), { agencyId, dryRun: true });
          assert.deepEqual([dry.created, dry.existing, dry.updated, dry.written], [0, 1, 1, false]);
          const update = await run(storage, utf8(answered), { agencyId });
          assert.deepEqual(
            [update.created, update.existing, update.updated, update.written],
            [0, 1, 1, true],
          );
          const report = await buildReport(storage, agencyId, 2025, { calendar });
          assert.deepEqual(report.requests.granted, [1, 0, 0, 0, 0, 0, 1]);
          assert.deepEqual((await storage.requests.verifyDerived()).mismatched, []);

          const contradicting = [HEADER, '2024-03-01,张二,自然人,内容二,2024-03-21,予以公开'].join('\n');
          const refused = await run(storage, utf8(contradicting), { agencyId });
          assert.equal(refused.written, false);
          assert.match(
            refused.invalid[0]!.reason,
            /办结情况不同：已记录 2024-03-20 部分公开（区分处理），台账为 2024-03-21 予以公开/,
          );
          // Rows refused on reading and a row refused against the ledger are listed in the register's order.
          const around = [
            HEADER,
            '2024-13-01,坏日期,自然人,内容,,',
            '2024-03-01,张二,自然人,内容二,2024-03-21,予以公开',
            '2024-05-01,坏类型,外星人,内容,2024-05-10,予以公开',
          ].join('\n');
          assert.deepEqual(
            (await run(storage, utf8(around), { agencyId })).invalid.map((p) => p.rowNumber),
            [2, 3, 4],
          );
        },
        { derive: ledgerDeriveStep },
      ));

    it('finds the headers offices use (受理时间, 姓名, 申请事项 …), renamed columns with a map, and refuses a file missing a column', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await agency(storage);
          const renamed = [
            '受理时间,姓名,申请人类型,申请事项,答复时间,处理结果',
            '2024-03-01,张二,自然人,内容二,2024-03-20,予以公开',
          ].join('\n');
          const map = parseColumnMap([
            '收到日期=受理时间,申请人=姓名',
            '申请内容＝申请事项，答复日期=答复时间,办理结果=处理结果',
          ]);
          assert.ok(map.ok);
          assert.equal((await run(storage, utf8(renamed), { agencyId, columnMap: map.value })).created, 1);

          // The same headers are synonyms offices use: found without a map (the same row, not again).
          const synonyms = await readRegisterTable(utf8(renamed));
          assert.ok(synonyms.ok);
          const found = await importRegister(storage, importer, synonyms.value, {
            agencyId,
            today,
            calendar,
          });
          assert.ok(found.ok);
          assert.deepEqual([found.value.created, found.value.existing], [0, 1]);

          const strange = [
            '来件时间,来信人,申请人类型,事由,回复,结论',
            '2024-03-01,张二,自然人,内容二,2024-03-20,予以公开',
          ].join('\n');
          const table = await readRegisterTable(utf8(strange));
          assert.ok(table.ok);
          const missing = await importRegister(storage, importer, table.value, { agencyId, today, calendar });
          assert.equal(missing.ok ? undefined : missing.error.code, 'import.missing-columns');
          assert.match(
            missing.ok ? '' : missing.error.message,
            /收到日期、申请人、申请内容、答复日期、办理结果；最接近的表头为：来件时间/,
          );
          const badMap = parseColumnMap(['受理日期=收到']);
          assert.equal(badMap.ok ? undefined : badMap.error.code, 'import.column-map');
          const noAgency = await importRegister(storage, importer, table.value, {
            agencyId: 99,
            today,
            calendar,
          });
          assert.equal(noAgency.ok ? undefined : noAgency.error.code, 'agency.unknown');
        },
        { derive: ledgerDeriveStep },
      ));
  });
}

describe('reading a register file', () => {
  it('refuses an empty file, an old .xls and an unclosed quote, with the reason', async () => {
    const reason = async (bytes: Uint8Array) => {
      const r = await readRegisterTable(bytes);
      return r.ok ? 'read' : r.error.message;
    };
    assert.match(await reason(new Uint8Array()), /文件为空/);
    assert.match(await reason(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])), /旧版 Excel/);
    assert.match(await reason(utf8(`${HEADER}\n"2024-03-01,张三\n`)), /第 2 行：引号未闭合/);
    assert.match(await reason(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])), /不是有效的 xlsx/);
  });

  it('refuses a Word document given as a register, and a register past its bounds, before reading it', async () => {
    const zip = async (files: Record<string, string>) => {
      const z = new JSZip();
      for (const [name, text] of Object.entries(files)) z.file(name, text);
      return new Uint8Array(await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    };
    const refusal = async (bytes: Uint8Array, limits = {}) => {
      const r = await readRegisterTable(bytes, { limits });
      return r.ok ? 'read' : `${r.error.code} ${r.error.message}`;
    };
    assert.match(
      await refusal(await zip({ 'word/document.xml': '<w:document/>' })),
      /这是 Word 文档（\.docx），不是台账/,
    );
    assert.match(await refusal(await zip({ 'a.txt': 'x' })), /压缩文件，不是 Excel 工作簿/);
    // A workbook that says it inflates to 2 MB against a bound of 1 MB: refused unread (a bomb's shape).
    const big = await zip({
      'xl/workbook.xml': '<workbook/>',
      'xl/worksheets/sheet1.xml': ' '.repeat(2 * 1024 * 1024),
    });
    assert.ok(big.length < 100_000, 'small on disk');
    assert.match(
      await refusal(big, { inflatedBytes: 1024 * 1024 }),
      /^import\.too-large 台账文件过大.*工作簿解压后超过 1 MB/,
    );
    const rows = utf8(
      [HEADER, ...Array.from({ length: 11 }, () => '2024-03-01,张三,自然人,内容,,')].join('\n'),
    );
    assert.match(await refusal(rows, { rows: 10 }), /台账有 12 行，超过 10 行/);
    assert.match(await refusal(rows, { csvBytes: 100 }), /文件超过 1 KB/);
    assert.equal(await refusal(rows), 'read');
  });
});
