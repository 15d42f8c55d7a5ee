/**
 * 网上申请 from the portal or a government-service platform, on both databases. 条例第三十一条(三): a
 * request made over the internet is received on the day both sides confirm it — so it waits under its
 * 查询码 until a handler confirms it, then enters the ledger with channel 网上, arrived on the day it was
 * submitted and received on the day of the confirmation. The lookup shows the state and the due date
 * and nothing that names the applicant; the same idempotency key is one application.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar } from '../calendar/official-calendar.js';
import { localDate } from '../domain/calendar/local-date.js';
import type { OnlineApplicationInput } from '../domain/requests/online-application.js';
import { DIALECTS } from '../storage/test-dialects.js';
import { inLedger, operator, township } from '../test-support/ledger-world.js';
import { addAgency } from './agencies.js';
import {
  awaitingOnlineApplications,
  confirmOnlineApplication,
  declineOnlineApplication,
  lookupOnlineApplication,
  submitOnlineApplication,
} from './online-applications.js';
import { buildAnnualReport } from './report.js';
import { viewRequest } from './request-view.js';

const calendar = officialCalendar();
/** Submitted on Friday 2025-09-26 at 22:00 in China: confirmed by phone on Monday the 29th. */
const SUBMITTED_AT = new Date('2025-09-26T14:00:00Z');
const options = { today: localDate('2025-10-09'), calendar };

const form: OnlineApplicationInput = {
  applicant: '张三',
  type: '自然人',
  idType: '居民身份证',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  content: '潭城镇某路段拓宽工程的征收补偿方案',
  delivery: 'online',
};

describe('网上申请 (条例第三十一条(三))', () => {
  for (const dialect of DIALECTS) {
    describe(dialect.name, () => {
      it('waits under its 查询码 until a handler confirms it; then it is a request with channel 网上, received on the confirmation', () =>
        inLedger(dialect, async (storage) => {
          const town = await township(storage);
          const submitted = await submitOnlineApplication(
            storage,
            { agency: String(town.id), form, idempotencyKey: 'form-0001-abcdef', via: 'portal' },
            SUBMITTED_AT,
          );
          assert.ok(submitted.ok);
          assert.equal(submitted.value.submittedOn, '2025-09-26');
          assert.match(submitted.value.code, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

          const before = await lookupOnlineApplication(storage, submitted.value.code.toLowerCase(), options);
          assert.ok(before.ok);
          assert.equal(before.value.state, 'awaitingConfirmation');
          assert.equal(before.value.dueOn, undefined, 'no clock runs before the confirmation');

          const waiting = await awaitingOnlineApplications(storage, town.handler);
          assert.ok(waiting.ok);
          assert.deepEqual(
            waiting.value.map((w) => [w.code, w.applicantName, w.idNumberMasked]),
            [[submitted.value.code, '张三', '1101************2X']],
          );

          const confirmed = await confirmOnlineApplication(
            storage,
            town.handler,
            submitted.value.code,
            localDate('2025-09-29'),
            options,
          );
          assert.ok(confirmed.ok, JSON.stringify(confirmed));
          assert.equal(confirmed.value.receivedOn, '2025-09-29');
          const view = await viewRequest(storage, town.handler, confirmed.value.requestId, {
            asOf: options.today,
            calendar,
          });
          assert.ok(view.ok);
          assert.equal(view.value.channel, 'online');
          assert.deepEqual(view.value.intake, {
            channel: 'online',
            arrivedOn: '2025-09-26',
            bothSidesConfirmedOn: '2025-09-29',
          });
          assert.equal(view.value.externalRef, `网上申请 ${submitted.value.code}`);
          const waitingAfter = await awaitingOnlineApplications(storage, town.handler);
          assert.ok(waitingAfter.ok);
          assert.deepEqual(waitingAfter.value, []);

          // 20 working days from Monday 29 September: 30 September, then (after the National Day holiday,
          // 1–8 October) 9, 10 and Saturday 11 October (调休), and four weeks: Monday 3 November
          const after = await lookupOnlineApplication(storage, submitted.value.code, options);
          assert.ok(after.ok);
          assert.equal(after.value.state, 'confirmed');
          assert.equal(after.value.receivedOn, '2025-09-29');
          assert.equal(after.value.requestState, 'inProgress');
          assert.equal(after.value.dueOn, view.value.status.dueDate);
          assert.equal(after.value.dueOn, '2025-11-03');
          const shown = JSON.stringify(after.value);
          for (const secret of ['张三', '11010519491231002X', '13800138000'])
            assert.ok(!shown.includes(secret), `${secret} shown by the lookup`);

          const report = await buildAnnualReport(storage, operator, town.id, 2025, { calendar });
          assert.ok(report.ok);
          assert.equal(report.value.report.requests.new?.[0], 1, 'counted as a new request of 2025 (自然人)');
        }));

      it('the same idempotency key is one application; with other contents it is refused', () =>
        inLedger(dialect, async (storage) => {
          const town = await township(storage);
          const send = (f: OnlineApplicationInput, key = 'platform-key-42') =>
            submitOnlineApplication(
              storage,
              { agency: String(town.id), form: f, idempotencyKey: key, via: 'api' },
              SUBMITTED_AT,
            );
          const first = await send(form);
          const again = await send(form);
          assert.ok(first.ok && again.ok);
          assert.equal(again.value.code, first.value.code);
          assert.equal(again.value.status, 'replayed');
          const other = await send({ ...form, content: '另一项信息' });
          assert.ok(!other.ok);
          assert.equal(other.error.code, 'online.idempotency-conflict');
          const waiting = await awaitingOnlineApplications(storage, town.handler);
          assert.ok(waiting.ok);
          assert.equal(waiting.value.length, 1);
          const audited = await storage.auditLog.list({ action: 'online.submit' });
          assert.equal(audited.length, 1);
          assert.ok(!JSON.stringify(audited).includes('11010519491231002X'), 'no ID number in the audit log');
        }));

      it('refuses a form with problems, naming each, and writes nothing', () =>
        inLedger(dialect, async (storage) => {
          const town = await township(storage);
          const bad = await submitOnlineApplication(
            storage,
            {
              agency: 'no-such-agency',
              form: { ...form, idNumber: '110105194912310021', phone: '' },
              idempotencyKey: 'k'.repeat(10),
              via: 'portal',
            },
            SUBMITTED_AT,
          );
          assert.ok(!bad.ok);
          assert.equal(bad.error.code, 'online.invalid');
          assert.ok('problems' in bad.error);
          assert.deepEqual(
            bad.error.problems.map((p) => p.field),
            ['agency', 'idNumber', 'phone'],
          );
          const key = await submitOnlineApplication(
            storage,
            { agency: String(town.id), form, idempotencyKey: 'short', via: 'api' },
            SUBMITTED_AT,
          );
          assert.ok(!key.ok);
          assert.equal(key.error.code, 'online.idempotency-key');
          assert.equal((await storage.auditLog.list({ action: 'online.submit' })).length, 0);
        }));

      it('is confirmed or declined once; another agency does not see it; a decline is shown with its reason', () =>
        inLedger(dialect, async (storage) => {
          const town = await township(storage);
          const other = await addAgency(storage, operator, { name: '敖东镇人民政府', kind: '乡镇/街道' });
          assert.ok(other.ok);
          const stranger = { ...town.handler, name: 'other', agencyId: other.value.id };
          const submit = (key: string) =>
            submitOnlineApplication(
              storage,
              { agency: String(town.id), form, idempotencyKey: key, via: 'portal' },
              SUBMITTED_AT,
            );
          const a = await submit('application-a');
          const b = await submit('application-b');
          assert.ok(a.ok && b.ok);

          const strangers = await awaitingOnlineApplications(storage, stranger);
          assert.ok(strangers.ok);
          assert.deepEqual(strangers.value, []);
          const sneaked = await confirmOnlineApplication(
            storage,
            stranger,
            a.value.code,
            localDate('2025-09-29'),
            options,
          );
          assert.ok(!sneaked.ok);
          assert.equal(sneaked.error.code, 'online.unknown', 'another agency is told nothing exists');
          const approver = await confirmOnlineApplication(
            storage,
            town.approver,
            a.value.code,
            localDate('2025-09-29'),
            options,
          );
          assert.ok(!approver.ok);
          assert.equal(approver.error.code, 'access.forbidden');

          const early = await confirmOnlineApplication(
            storage,
            town.handler,
            a.value.code,
            localDate('2025-09-25'),
            options,
          );
          assert.ok(!early.ok);
          assert.equal(early.error.code, 'intake.date-order', 'confirmed before it arrived');

          const [one, two] = await Promise.all([
            confirmOnlineApplication(storage, town.handler, a.value.code, localDate('2025-09-29'), options),
            confirmOnlineApplication(storage, town.handler, a.value.code, localDate('2025-09-29'), options),
          ]);
          assert.equal([one, two].filter((r) => r.ok).length, 1, 'confirmed once');
          assert.ok([one, two].some((r) => !r.ok && r.error.code === 'online.decided'));
          const requests = await storage.requests.forAgencies([town.id]);
          assert.equal(requests.length, 1, 'one request in the ledger');

          const empty = await declineOnlineApplication(storage, town.handler, b.value.code, '  ');
          assert.ok(!empty.ok);
          assert.equal(empty.error.code, 'online.reason-empty');
          const declined = await declineOnlineApplication(
            storage,
            town.handler,
            b.value.code,
            `与 ${a.value.code} 重复提交`,
            localDate('2025-09-29'),
          );
          assert.ok(declined.ok);
          const shown = await lookupOnlineApplication(storage, b.value.code, options);
          assert.ok(shown.ok);
          assert.equal(shown.value.state, 'declined');
          assert.match(shown.value.declinedReason ?? '', /重复提交/);
          const twice = await confirmOnlineApplication(
            storage,
            town.handler,
            b.value.code,
            localDate('2025-09-29'),
            options,
          );
          assert.ok(!twice.ok);
          assert.equal(twice.error.code, 'online.decided');
        }));

      it('tells a mistyped 查询码 from an unknown one', () =>
        inLedger(dialect, async (storage) => {
          const typo = await lookupOnlineApplication(storage, 'K7QM-2XWD-9HP0', options);
          assert.ok(!typo.ok);
          assert.equal(typo.error.code, 'lookup.malformed');
          const unknown = await lookupOnlineApplication(storage, 'K7QM-2XWD-9HPC', options);
          assert.ok(!unknown.ok);
          assert.match(unknown.error.code, /^(online\.unknown|lookup\.check-failed)$/);
        }));
    });
  }
});
