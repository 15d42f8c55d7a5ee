/**
 * 申请信息更正 and 年度报告定稿, on SQLite and PostgreSQL. An applicant's name, type, channel or receipt
 * date entered wrong is corrected by an entry that keeps the old value (条例第四十五条: the record is
 * corrected, never erased); the due date and the report's counts follow the corrected request. Once an
 * approver marks a report year complete, a correction that would change its figures is refused with the
 * reason, or recorded with the approver's confirmation and listed as a finding on that year's report.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar } from '../calendar/official-calendar.js';
import type { Actor } from '../domain/access/policy.js';
import { localDate } from '../domain/calendar/local-date.js';
import { historyDetailText } from '../present/request-view.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS } from '../storage/test-dialects.js';
import { inLedger, operator, receivedOn, township } from '../test-support/ledger-world.js';
import { addCase, withdrawCase } from './cases.js';
import { correctParticulars, voidRequestEvent } from './corrections.js';
import { buildAnnualReport } from './report.js';
import { completeReportYear } from './report-years.js';
import { viewRequest } from './request-view.js';
import { recordRequestEvent } from './requests.js';

const d = localDate;
const calendar = officialCalendar();
const TODAY = d('2025-06-16');
const options = { today: TODAY, calendar };
const root = operator;

const received = (storage: Storage, agencyId: number, on: string) =>
  receivedOn(storage, agencyId, on, options);

const newIn = async (storage: Storage, agencyId: number, year: number, column = 6) => {
  const built = await buildAnnualReport(storage, root, agencyId, year);
  assert.ok(built.ok);
  return built.value.report.requests.new?.[column] ?? 0;
};

for (const dialect of DIALECTS) {
  describe(`申请信息更正 on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('moves a request entered with the wrong receipt date into the right year, keeping the old date', () =>
      inLedger(dialect, async (storage) => {
        const office = await township(storage);
        // Entered as 2024-12-30; the letter was signed for on 2025-01-03.
        const id = await received(storage, office.id, '2024-12-30');
        assert.equal(await newIn(storage, office.id, 2024), 1);
        const before = await viewRequest(storage, office.approver, id, { asOf: TODAY, calendar });
        assert.ok(before.ok);

        const corrected = await correctParticulars(
          storage,
          office.approver,
          id,
          { receivedOn: d('2025-01-03') },
          '收到日期录错，以签收单为准',
          options,
        );
        assert.ok(corrected.ok, corrected.ok ? '' : corrected.error.message);
        assert.deepEqual(corrected.value, {
          seq: 2,
          changes: [{ field: 'receivedOn', from: '2024-12-30', to: '2025-01-03' }],
          completedYears: [],
        });
        assert.equal(await newIn(storage, office.id, 2024), 0, '2024 no longer counts it');
        assert.equal(await newIn(storage, office.id, 2025), 1, '2025 does');
        const row = await storage.requests.get(id);
        assert.equal(row?.receivedOn, '2025-01-03', 'the row (a cache of the log) follows');
        const after = await viewRequest(storage, office.approver, id, { asOf: TODAY, calendar });
        assert.ok(after.ok);
        assert.ok(after.value.status.dueDate! > before.value.status.dueDate!, 'the clock starts later');
        assert.deepEqual(
          after.value.history.map((h) => [h.seq, h.kind, historyDetailText(h)]),
          [
            [1, 'Received', ''],
            [2, 'DetailsCorrected', '收到申请之日：2024-12-30 → 2025-01-03'],
          ],
        );
        assert.deepEqual(
          (await storage.requests.events(id)).map((e) => e.type),
          ['Received', 'DetailsCorrected'],
          'the receipt event itself is never rewritten',
        );
        const [audit] = await storage.auditLog.list({ action: 'request.correct' });
        assert.deepEqual(audit?.detail, { seq: 2, fields: ['receivedOn'], completedYears: [] });
      }));

    it('moves the request to its corrected applicant column and renames it', () =>
      inLedger(dialect, async (storage) => {
        const office = await township(storage);
        const id = await received(storage, office.id, '2025-03-03');
        const corrected = await correctParticulars(
          storage,
          office.approver,
          id,
          { applicantKind: 'commercial', applicantName: '潭城建材有限公司', channel: 'online' },
          '申请人为公司，登记时误填为个人',
          options,
        );
        assert.ok(corrected.ok, corrected.ok ? '' : corrected.error.message);
        assert.deepEqual(
          corrected.value.changes.map((c) => c.field),
          ['applicantName', 'applicantKind', 'channel'],
        );
        assert.equal(await newIn(storage, office.id, 2025, 0), 0, '自然人 no longer');
        assert.equal(await newIn(storage, office.id, 2025, 1), 1, '商业企业 now');
        const view = await viewRequest(storage, office.approver, id, { asOf: TODAY, calendar });
        assert.ok(view.ok);
        assert.equal(view.value.applicant.name, '潭城建材有限公司');
        assert.equal(view.value.channel, 'online');
        assert.equal(
          historyDetailText(view.value.history[1]!),
          '申请人姓名或名称：张三 → 潭城建材有限公司；申请人类型：自然人 → 商业企业；申请渠道：当面 → 网上',
        );
      }));

    it('refuses a correction that changes nothing, has no reason, or would break the history', () =>
      inLedger(dialect, async (storage) => {
        const office = await township(storage);
        const id = await received(storage, office.id, '2025-03-03');
        const decided = await recordRequestEvent(
          storage,
          office.approver,
          id,
          { kind: 'Decided', at: d('2025-03-20'), outcome: 'disclosed' },
          options,
        );
        assert.ok(decided.ok);
        const code = async (
          wanted: Parameters<typeof correctParticulars>[3],
          reason = '录错',
          actor = office.approver,
        ) => {
          const r = await correctParticulars(storage, actor, id, wanted, reason, options);
          return r.ok ? 'ok' : r.error.code;
        };
        assert.equal(await code({ applicantName: '张三' }), 'correct.nothing');
        assert.equal(await code({ applicantName: '李四' }, '  '), 'correct.reason-empty');
        assert.equal(await code({ applicantName: '  ' }), 'correct.name-empty');
        assert.equal(await code({ receivedOn: d('2025-06-17') }), 'correct.receipt-date', 'after today');
        assert.equal(
          await code({ receivedOn: d('1024-03-01') }),
          'correct.receipt-date',
          'before 2008-05-01',
        );
        // Received after the decision it was answered by: the history no longer holds.
        assert.equal(await code({ receivedOn: d('2025-03-25') }), 'correct.breaks-log');
        assert.equal(await code({ applicantName: '李四' }, '录错', office.handler), 'access.forbidden');
        assert.equal((await storage.requests.events(id)).length, 2, 'nothing written');
        assert.equal(await code({ applicantName: '李四' }), 'ok');
      }));

    it('a correction entry cannot itself be voided: it is corrected by another correction', () =>
      inLedger(dialect, async (storage) => {
        const office = await township(storage);
        const id = await received(storage, office.id, '2025-03-03');
        const corrected = await correctParticulars(
          storage,
          office.approver,
          id,
          { applicantName: '李四' },
          '录错',
          options,
        );
        assert.ok(corrected.ok);
        const voided = await voidRequestEvent(
          storage,
          office.approver,
          id,
          corrected.value.seq,
          '录错',
          options,
        );
        assert.ok(!voided.ok && voided.error.code === 'void.of-correction');
        const back = await correctParticulars(
          storage,
          office.approver,
          id,
          { applicantName: '张三' },
          '改回',
          options,
        );
        assert.ok(back.ok);
        assert.deepEqual(back.value.changes, [{ field: 'applicantName', from: '李四', to: '张三' }]);
      }));
  });

  describe(`年度报告定稿 on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('marks a year complete once, and only a year that is over', () =>
      inLedger(dialect, async (storage) => {
        const office = await township(storage);
        const code = async (year: number, actor: Actor = office.approver) => {
          const r = await completeReportYear(storage, actor, office.id, year, { today: TODAY });
          return r.ok ? 'ok' : r.error.code;
        };
        assert.equal(await code(2025), 'report.year-not-over');
        assert.equal(await code(2024, office.handler), 'access.forbidden');
        assert.equal(await code(2024), 'ok');
        assert.equal(await code(2024), 'report.already-complete');
        assert.equal(await code(1999), 'report.year');
        const [audit] = await storage.auditLog.list({ action: 'report.complete' });
        assert.equal(audit?.subject, `report:${office.id}:2024`);
      }));

    it('refuses a correction to a completed year unless confirmed, and lists the confirmed one on that year’s report', () =>
      inLedger(dialect, async (storage) => {
        const office = await township(storage);
        const id = await received(storage, office.id, '2024-11-04');
        const decided = await recordRequestEvent(
          storage,
          office.approver,
          id,
          { kind: 'Decided', at: d('2024-11-20'), outcome: 'disclosed' },
          options,
        );
        assert.ok(decided.ok);
        const filed = await addCase(
          storage,
          office.approver,
          { requestId: id, kind: 'review', filedOn: d('2024-12-10') },
          options,
        );
        assert.ok(filed.ok);
        const done = await completeReportYear(storage, office.approver, office.id, 2024, { today: TODAY });
        assert.ok(done.ok);

        const refused = await voidRequestEvent(
          storage,
          office.approver,
          id,
          decided.value.seq,
          '结果录错',
          options,
        );
        assert.ok(!refused.ok);
        assert.equal(refused.error.code, 'correct.year-complete');
        assert.match(refused.error.message, /2024 年度/);
        const date = await correctParticulars(
          storage,
          office.approver,
          id,
          { receivedOn: d('2024-11-05') },
          '录错',
          options,
        );
        assert.ok(!date.ok && date.error.code === 'correct.year-complete');
        const withdraw = await withdrawCase(
          storage,
          office.approver,
          { caseId: filed.value.id, reason: '重复登记' },
          options,
        );
        assert.ok(!withdraw.ok && withdraw.error.code === 'correct.year-complete');
        // A name changes no figure: no confirmation needed, and no finding.
        const name = await correctParticulars(
          storage,
          office.approver,
          id,
          { applicantName: '张叁' },
          '错字',
          options,
        );
        assert.ok(name.ok);
        assert.deepEqual(name.value.completedYears, []);
        let built = await buildAnnualReport(storage, root, office.id, 2024);
        assert.ok(built.ok);
        assert.deepEqual(built.value.findings, []);

        const confirmed = await voidRequestEvent(
          storage,
          office.approver,
          id,
          decided.value.seq,
          '结果录错',
          {
            ...options,
            confirmCompletedYear: true,
          },
        );
        assert.ok(confirmed.ok);
        assert.deepEqual(confirmed.value.completedYears, [2024]);
        const withdrawn = await withdrawCase(
          storage,
          office.approver,
          { caseId: filed.value.id, reason: '重复登记' },
          { ...options, confirmCompletedYear: true },
        );
        assert.ok(withdrawn.ok);
        built = await buildAnnualReport(storage, root, office.id, 2024);
        assert.ok(built.ok);
        assert.deepEqual(
          built.value.findings.map((f) => [f.rule, f.severity]),
          [
            ['ledger.corrected-after-complete', 'warning'],
            ['ledger.corrected-after-complete', 'warning'],
          ],
        );
        assert.match(
          built.value.findings[0]!.message,
          /2024 年度报告标记完成后，shenhe 于 \d{4}-\d\d-\d\d 经确认作废办理记录/,
        );
        assert.match(built.value.findings[1]!.message, /撤销案件登记/);
        const verified = await buildAnnualReport(storage, root, office.id, 2024, { verify: true, calendar });
        assert.ok(verified.ok);
        assert.equal(verified.value.findings.length, 2, 'the replaying build lists them too');
        const other = await buildAnnualReport(storage, root, office.id, 2023);
        assert.ok(other.ok);
        assert.deepEqual(other.value.findings, [], 'another year is not concerned');
      }));
  });
}
