/**
 * Registers as offices keep them, on SQLite and PostgreSQL: a workbook with a merged title row, the
 * register's own 序号, Excel date cells beside 2025.4.1, a 合计 footer and a 填表人 note; a GBK CSV with
 * the headers other offices use. The right rows are imported and the rest listed; re-importing the
 * corrected register corrects the requests it names (申请信息更正, voids of a wrong closing) and adds
 * none — every correction an entry of the log beside the value it replaces (条例第四十五条).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { officialCalendar } from '../../calendar/official-calendar.js';
import { systemActor } from '../../domain/access/policy.js';
import { localDate } from '../../domain/calendar/local-date.js';
import type { Storage } from '../../storage/index.js';
import { DIALECTS, withStorage } from '../../storage/test-dialects.js';
import { importFile, requestCount } from '../../test-support/register-world.js';
import { addAgency } from '../agencies.js';
import { ledgerDeriveStep } from '../derive.js';
import { buildAnnualReport } from '../report.js';
import { viewRequest } from '../request-view.js';
import { addHeaderSynonym, listHeaderSynonyms, removeHeaderSynonym } from './header-synonyms.js';
import { type ImportOptions, importRegister } from './import.js';
import { readRegisterTable } from './table.js';

const calendar = officialCalendar();
const today = localDate('2026-03-10');
const importer = systemActor('importer');
const day = (text: string) => new Date(`${text}T00:00:00Z`);

type Row = readonly (string | number | Date | null | { formula: string })[];

/** A township's 2025 register as a clerk keeps it in Excel. */
async function workbook(rows: readonly Row[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('2025年台账');
  sheet.addRow(['潭城镇2025年政府信息公开申请登记台账']);
  sheet.mergeCells('A1:G1');
  sheet.addRow(['序号', '受理时间', '申请人姓名', '申请人类别', '申请事项', '办结日期', '答复结果']);
  for (const row of rows) sheet.addRow([...row]);
  sheet.getColumn(2).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(6).numFmt = 'yyyy-mm-dd';
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const FIRST: readonly Row[] = [
  [1, day('2025-01-06'), '张三', '公民', '某路段拓宽工程征收补偿方案', day('2025-01-20'), '予以公开'],
  [2, '2025.4.1', '潭城建材有限公司', '企业', '2024年度企业环保检查结果', '2025.4.18', '部分公开'],
  [3, day('2025-05-12'), '李四', '公民', '本村低保名单', day('2025-05-30'), '个人隐私'],
  [4, day('2025-12-29'), '王五', '公民', '垃圾中转站选址论证报告', null, null],
  [5, day('2025-06-02'), '赵六', '公民', '2025年镇财政预算执行情况', day('2025-06-20'), '信息不存在'],
  ['合计', null, null, null, '5件', null, null],
  ['填表人：陈七'],
];

/** The same register after the clerk fixed it: a name, a receipt date, an outcome; an answer since. */
const CORRECTED: readonly Row[] = [
  [1, day('2025-01-06'), '张叁', '公民', '某路段拓宽工程征收补偿方案', day('2025-01-20'), '予以公开'],
  [2, day('2025-04-02'), '潭城建材有限公司', '企业', '2024年度企业环保检查结果', '2025.4.18', '部分公开'],
  [3, day('2025-05-12'), '李四', '公民', '本村低保名单', day('2025-05-30'), '予以公开'],
  [4, day('2025-12-29'), '王五', '公民', '垃圾中转站选址论证报告', day('2026-01-09'), '予以公开'],
  [5, day('2025-06-02'), '赵六', '公民', '2025年镇财政预算执行情况', day('2025-06-20'), '信息不存在'],
  ['合计', null, null, null, '5件', null, null],
];

const run = (storage: Storage, bytes: Uint8Array, options: Partial<ImportOptions> & { agencyId: number }) =>
  importFile(storage, importer, bytes, { today, calendar, ...options });

async function township(storage: Storage) {
  const added = await addAgency(storage, importer, { name: '潭城镇人民政府', kind: '乡镇/街道' });
  assert.ok(added.ok);
  return added.value.id;
}

const count = requestCount;

const report2025 = async (storage: Storage, agencyId: number) => {
  const built = await buildAnnualReport(storage, importer, agencyId, 2025);
  assert.ok(built.ok);
  return built.value.report.requests;
};

for (const dialect of DIALECTS) {
  describe(`registers as offices keep them, on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('imports the workbook’s five requests, skips and lists the 合计 row and the note', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await township(storage);
          const first = await run(storage, await workbook(FIRST), { agencyId });
          assert.deepEqual([first.created, first.invalid, first.written], [5, [], true]);
          assert.deepEqual(
            first.listing.map((l) => [l.rowNumber, l.status]),
            [
              [3, 'new'],
              [4, 'new'],
              [5, 'new'],
              [6, 'new'],
              [7, 'new'],
              [8, 'skipped'],
              [9, 'skipped'],
            ],
          );
          const requests = await report2025(storage, agencyId);
          assert.equal(requests.new?.[6], 5);
          assert.equal(requests.new?.[1], 1, '企业 is 商业企业');
          assert.equal(requests.granted?.[6], 1);
          assert.equal(requests.partial?.[6], 1);
          assert.equal(requests['denied.thirdParty']?.[6], 1, '个人隐私 is 保护第三方合法权益');
          assert.equal(requests['unable.notHeld']?.[6], 1, '信息不存在 is 本机关不掌握');
          assert.equal(requests.carriedForward?.[6], 1, 'row 4 is open at the end of 2025');
        },
        { derive: ledgerDeriveStep },
      ));

    it('re-importing the corrected register corrects the requests by their 序号 and adds none; --dry-run lists each row first', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await township(storage);
          await run(storage, await workbook(FIRST), { agencyId });
          const dry = await run(storage, await workbook(CORRECTED), { agencyId, dryRun: true });
          assert.equal(dry.written, false);
          assert.deepEqual(
            dry.listing.map((l) => [l.rowNumber, l.status, l.fields ?? []]),
            [
              [3, 'changed', ['申请人姓名或名称']],
              [4, 'changed', ['收到申请之日']],
              [5, 'changed', ['办结情况（2025-05-30 保护第三方合法权益 → 2025-05-30 予以公开）']],
              [6, 'changed', ['办结情况（2026-01-09 予以公开）']],
              [7, 'unchanged', []],
              [8, 'skipped', []],
            ],
          );
          assert.equal(await count(storage, agencyId), 5, 'a dry run writes nothing');

          const done = await run(storage, await workbook(CORRECTED), { agencyId, source: '台账-更正.xlsx' });
          assert.deepEqual(
            [done.created, done.existing, done.updated, done.corrected, done.written],
            [0, 1, 1, 3, true],
          );
          assert.equal(await count(storage, agencyId), 5, 'no request added');
          const requests = await report2025(storage, agencyId);
          assert.equal(requests.new?.[6], 5);
          assert.equal(requests.granted?.[6], 2, 'row 5 is 予以公开 now');
          assert.equal(requests['denied.thirdParty']?.[6] ?? 0, 0);
          assert.equal(requests.carriedForward?.[6], 1, 'row 4 was answered in 2026');

          const privacy = done.listing.find((l) => l.rowNumber === 5)!;
          const view = await viewRequest(storage, importer, privacy.requestId!, { asOf: today, calendar });
          assert.ok(view.ok);
          assert.deepEqual(
            view.value.history.map((h) => h.kind),
            ['Received', 'Decided', 'Voided', 'Decided'],
            'the wrong outcome voided, never overwritten',
          );
          assert.equal(view.value.history[2]!.reason, '由台账重新导入更正（台账-更正.xlsx）');
          const renamed = await viewRequest(storage, importer, done.listing[0]!.requestId!, {
            asOf: today,
            calendar,
          });
          assert.ok(renamed.ok);
          assert.equal(renamed.value.applicant.name, '张叁');
          assert.deepEqual(
            renamed.value.history.map((h) => h.kind),
            ['Received', 'Decided', 'DetailsCorrected'],
          );

          // And once more: the register and the ledger agree now.
          const again = await run(storage, await workbook(CORRECTED), { agencyId });
          assert.deepEqual([again.created, again.corrected, again.updated, again.existing], [0, 0, 0, 5]);
          assert.deepEqual((await storage.requests.verifyDerived()).mismatched, []);
        },
        { derive: ledgerDeriveStep },
      ));

    it('refuses a 序号 whose content changed (the register renumbered), a 序号 twice, and a correction to a completed year', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await township(storage);
          await run(storage, await workbook(FIRST), { agencyId });
          const renumbered = await run(
            storage,
            await workbook([
              [1, day('2025-01-06'), '张三', '公民', '镇政府2025年工作要点', day('2025-01-20'), '予以公开'],
              [
                2,
                '2025.4.1',
                '潭城建材有限公司',
                '企业',
                '2024年度企业环保检查结果',
                '2025.4.18',
                '部分公开',
              ],
              [2, '2025.4.1', '潭城建材有限公司', '企业', '另一件申请', '2025.4.18', '部分公开'],
            ]),
            { agencyId },
          );
          assert.equal(renumbered.written, false);
          assert.match(renumbered.invalid[0]!.reason, /序号 1 已导入为另一件申请.*序号可能已重排/);
          assert.match(renumbered.invalid[1]!.reason, /序号 2 与第 4 行重复/);

          const done = await storage.reportYears.complete(agencyId, 2025, 'shenhe');
          assert.ok(done);
          const late = await run(storage, await workbook(CORRECTED), { agencyId, dryRun: true });
          assert.deepEqual(
            late.listing.filter((l) => l.status === 'invalid').map((l) => l.rowNumber),
            [4, 5],
            'the receipt date and the outcome change 2025; a name does not, nor an answer in 2026',
          );
          assert.match(late.invalid[0]!.reason, /已标记完成.*--confirm-completed-year/);
        },
        { derive: ledgerDeriveStep },
      ));

    it('reads a GBK CSV with other offices’ headers and words', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await township(storage);
          const csv = [
            '收件日期,单位名称,申请人身份,所需信息,答复时间,答复类型',
            '2025/3/3,某律师事务所,法律服务机构,某案卷宗,2025/3/20,予以公开',
            '2025年3月4日,刘八,公民,"拆迁补偿标准, 含附件",2025年3月5日,撤回申请',
            '2025.3.6,某协会,社会组织,会员单位名单,,',
            '合计,,,3,,',
          ].join('\r\n');
          const imported = await run(storage, iconv.encode(csv, 'gbk'), { agencyId });
          assert.deepEqual(
            imported.listing.map((l) => [l.rowNumber, l.status]),
            [
              [2, 'new'],
              [3, 'new'],
              [4, 'new'],
              [5, 'skipped'],
            ],
          );
          const requests = await report2025(storage, agencyId);
          assert.deepEqual(requests.new, [1, 0, 0, 1, 1, 0, 3]);
        },
        { derive: ledgerDeriveStep },
      ));

    it('refuses a header that appears twice, and reads a header an administrator added', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await township(storage);
          const twice = iconv.encode(
            [
              '收到日期,申请人,申请人类型,申请内容,申请人,答复日期,办理结果',
              '2025-03-03,甲,自然人,x,乙,,',
            ].join('\n'),
            'utf8',
          );
          const table = await readRegisterTable(twice);
          assert.ok(table.ok);
          const refused = await importRegister(storage, importer, table.value, { agencyId, today, calendar });
          assert.ok(!refused.ok);
          assert.equal(refused.error.code, 'import.duplicate-column');
          assert.match(refused.error.message, /“申请人”在第 B 列和第 E 列各出现一次/);

          const theirs = new TextEncoder().encode(
            ['来件日期,申请人,申请人类型,申请内容,答复日期,办理结果', '2025-03-03,甲,自然人,x,,'].join('\n'),
          );
          const unknown = await readRegisterTable(theirs);
          assert.ok(unknown.ok);
          const missing = await importRegister(storage, importer, unknown.value, {
            agencyId,
            today,
            calendar,
          });
          assert.ok(!missing.ok && missing.error.code === 'import.missing-columns');
          const known = await addHeaderSynonym(storage, importer, 'receivedOn', ' 来件日期 ');
          assert.ok(known.ok);
          assert.deepEqual(known.value, { key: 'receivedOn', header: '来件日期' });
          const again = await addHeaderSynonym(storage, importer, 'content', '来件日期');
          assert.ok(!again.ok && again.error.code === 'import.header-known');
          const builtIn = await addHeaderSynonym(storage, importer, 'content', '姓名');
          assert.ok(
            !builtIn.ok && builtIn.error.code === 'import.header-known',
            'a built-in header is not moved',
          );
          assert.equal((await run(storage, theirs, { agencyId })).created, 1);
          const listed = await listHeaderSynonyms(storage, importer);
          assert.ok(listed.ok);
          assert.ok(listed.value.some((r) => r.header === '来件日期' && r.added?.by === 'importer'));
          assert.ok(listed.value.some((r) => r.key === 'serial' && r.header === '序号' && !r.added));
          const removed = await removeHeaderSynonym(storage, importer, '来件日期');
          assert.ok(removed.ok);
          const keep = await removeHeaderSynonym(storage, importer, '受理时间');
          assert.ok(!keep.ok && keep.error.code === 'import.header-built-in');
          const audit = await storage.auditLog.list({ action: 'register.' });
          assert.deepEqual(
            audit.map((a) => a.action),
            ['register.header-add', 'register.header-remove'],
          );
        },
        { derive: ledgerDeriveStep },
      ));

    it('reports what a cell cannot give instead of failing: a formula without its value, a date out of range, control characters, a receipt before 2008', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await township(storage);
          const bytes = await workbook([
            [1, { formula: 'TODAY()' }, '甲', '公民', '内容一', null, null],
            [2, 99999999999, '乙', '公民', '内容二', null, null],
            // As a workbook stores them: Excel writes a control character as _xHHHH_.
            [3, day('2025-03-03'), '丙_x0000_', '公民', '内容三', null, null],
            [4, day('2025-03-03'), '丁_x001B_[2J', '公民', '内容四', null, null],
            [5, '1024-03-01', '戊', '公民', '内容五', null, null],
            [6, day('2025-03-03'), '己', '公民', '第一行\n第二行', null, null],
          ]);
          const result = await run(storage, bytes, { agencyId, dryRun: true });
          const reasons = Object.fromEntries(result.invalid.map((p) => [p.rowNumber, p.reason]));
          assert.match(reasons[3]!, /公式单元格没有保存计算结果/);
          assert.match(reasons[4]!, /收到日期.*不是有效日期/);
          assert.match(reasons[5]!, /申请人含有控制字符/);
          assert.match(reasons[6]!, /申请人含有控制字符/);
          assert.match(reasons[7]!, /早于《条例》施行之日 2008-05-01/);
          assert.equal(reasons[8], undefined, 'a line break inside the content is text');
          assert.equal(result.created, 1);
        },
        { derive: ledgerDeriveStep },
      ));
  });
}
