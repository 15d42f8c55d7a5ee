/**
 * The 复议/诉讼 register through its use cases, on SQLite and PostgreSQL: a case is filed about a request
 * and counts for that request's agency in section 四 (尚未审结 until closed, then 维持 / 纠正 / 其他); a
 * 复议后起诉 follows a 复议 case about the same request; a case closes once, not before it was filed.
 * Refusals are values with stable codes and write nothing; every write is audited.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar } from '../calendar/official-calendar.js';
import { systemActor } from '../domain/access/policy.js';
import { localDate } from '../domain/calendar/local-date.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { addAgency } from './agencies.js';
import { addCase, closeCase } from './cases.js';
import { buildAnnualReport } from './report.js';
import { intakeRequest, recordRequestEvent } from './requests.js';

const d = localDate;
const TODAY = d('2026-11-25');
const options = { today: TODAY };
const by = 'staff-1';
const staff = systemActor(by);

/** An agency with one request received 2024-03-01 and answered 2024-03-20. */
async function answeredRequest(storage: Storage): Promise<{ agencyId: number; requestId: string }> {
  const agency = await addAgency(storage, staff, { name: '平潭县人民政府办公室' });
  assert.ok(agency.ok);
  const intake = await intakeRequest(
    storage,
    staff,
    {
      agencyId: agency.value.id,
      applicant: { kind: 'natural', name: '张三', contact: {} },
      content: { description: '征收补偿方案' },
      requestedForm: { medium: 'paper', delivery: 'collect' },
      channel: 'inPerson',
      receivedOn: d('2024-03-01'),
    },
    { today: TODAY, calendar: officialCalendar() },
  );
  assert.ok(intake.ok);
  const decided = await recordRequestEvent(
    storage,
    staff,
    intake.value.id,
    { kind: 'Decided', at: d('2024-03-20'), outcome: 'notHeld' },
    { today: TODAY, calendar: officialCalendar() },
  );
  assert.ok(decided.ok);
  return { agencyId: agency.value.id, requestId: intake.value.id };
}

async function sectionFour(storage: Storage, agencyId: number, year: number) {
  const built = await buildAnnualReport(storage, staff, agencyId, year);
  assert.ok(built.ok);
  assert.deepEqual(built.value.excluded, []);
  return built.value.report.reviewLitigation;
}

const caseActions = async (storage: Storage) =>
  (await storage.auditLog.list()).filter((a) => a.action.startsWith('case.')).map((a) => a.action);

for (const dialect of DIALECTS) {
  describe(`the 复议/诉讼 register on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('a 复议 filed about a request counts for its agency in section 四: 尚未审结, then 结果纠正 once closed', () =>
      withStorage(dialect, async (storage) => {
        const { agencyId, requestId } = await answeredRequest(storage);
        const filed = await addCase(
          storage,
          staff,
          { requestId, kind: 'review', filedOn: d('2024-04-01') },
          options,
        );
        assert.ok(filed.ok);
        assert.deepEqual(
          [filed.value.agencyId, filed.value.requestId, filed.value.result, filed.value.closedOn],
          [agencyId, requestId, 'pending', null],
        );
        let four = await sectionFour(storage, agencyId, 2024);
        assert.deepEqual([four.review.pending, four.review.total], [1, 1]);

        const closed = await closeCase(
          storage,
          staff,
          { caseId: filed.value.id, result: 'corrected', closedOn: d('2024-06-01') },
          options,
        );
        assert.ok(closed.ok);
        four = await sectionFour(storage, agencyId, 2024);
        assert.deepEqual([four.review.corrected, four.review.pending, four.review.total], [1, 0, 1]);
        assert.deepEqual(await caseActions(storage), ['case.add', 'case.close']);
        const audit = await storage.auditLog.list({ subject: `case:${filed.value.id}` });
        assert.equal(audit.length, 2);
        assert.equal(audit[0]!.actor, by);
      }));

    it('复议后起诉 needs a 复议 case about the same request (case.link); 直接起诉 does not', () =>
      withStorage(dialect, async (storage) => {
        const { agencyId, requestId } = await answeredRequest(storage);
        const orphan = await addCase(
          storage,
          staff,
          { requestId, kind: 'litigationAfterReview', filedOn: d('2024-05-01') },
          options,
        );
        assert.equal(orphan.ok ? '' : orphan.error.code, 'case.link');
        assert.deepEqual(await storage.cases.forRequest(requestId), [], 'nothing written');
        assert.deepEqual(await caseActions(storage), []);

        const direct = await addCase(
          storage,
          staff,
          { requestId, kind: 'litigationDirect', filedOn: d('2024-04-10') },
          options,
        );
        assert.ok(direct.ok);
        const review = await addCase(
          storage,
          staff,
          { requestId, kind: 'review', filedOn: d('2024-04-01') },
          options,
        );
        assert.ok(review.ok);
        const after = await addCase(
          storage,
          staff,
          { requestId, kind: 'litigationAfterReview', filedOn: d('2024-07-01') },
          options,
        );
        assert.ok(after.ok);
        const four = await sectionFour(storage, agencyId, 2024);
        assert.deepEqual(
          [four.review.total, four.litigationDirect.total, four.litigationAfterReview.pending],
          [1, 1, 1],
        );
      }));

    it('refuses an unknown request or case, a filing before the receipt, dates after today, closing before filing, and closing twice — writing nothing', () =>
      withStorage(dialect, async (storage) => {
        const { requestId } = await answeredRequest(storage);
        const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
        assert.equal(
          code(
            await addCase(
              storage,
              staff,
              { requestId: 'nope', kind: 'review', filedOn: d('2024-04-01') },
              options,
            ),
          ),
          'request.unknown',
        );
        assert.equal(
          code(
            await addCase(storage, staff, { requestId, kind: 'review', filedOn: d('2024-02-01') }, options),
          ),
          'case.filed-before-request',
        );
        assert.equal(
          code(
            await addCase(storage, staff, { requestId, kind: 'review', filedOn: d('2026-11-26') }, options),
          ),
          'case.date-after-today',
        );
        assert.deepEqual(await caseActions(storage), []);

        const filed = await addCase(
          storage,
          staff,
          { requestId, kind: 'review', filedOn: d('2024-04-01') },
          options,
        );
        assert.ok(filed.ok);
        const close = (closedOn: string) =>
          closeCase(
            storage,
            staff,
            { caseId: filed.value.id, result: 'upheld', closedOn: d(closedOn) },
            options,
          );
        assert.equal(
          code(
            await closeCase(
              storage,
              staff,
              { caseId: 'nope', result: 'upheld', closedOn: d('2024-05-01') },
              options,
            ),
          ),
          'case.unknown',
        );
        assert.equal(code(await close('2024-03-31')), 'case.dates');
        assert.equal(code(await close('2026-11-26')), 'case.date-after-today');
        assert.equal((await storage.cases.get(filed.value.id))?.result, 'pending', 'still pending');
        assert.equal(code(await close('2024-05-01')), 'ok');
        const twice = await closeCase(
          storage,
          staff,
          { caseId: filed.value.id, result: 'corrected', closedOn: d('2024-06-01') },
          options,
        );
        assert.equal(code(twice), 'case.already-closed');
        assert.match(twice.ok ? '' : twice.error.message, /2024-05-01 审结，结果维持/);
        const stored = await storage.cases.get(filed.value.id);
        assert.deepEqual([stored?.result, stored?.closedOn], ['upheld', '2024-05-01']);
        assert.deepEqual(await caseActions(storage), ['case.add', 'case.close']);
      }));
  });
}
