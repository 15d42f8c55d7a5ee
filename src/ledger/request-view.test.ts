/**
 * A request as `requests show` and `requests list` read it, on SQLite and PostgreSQL: the reply due date
 * of Art. 33 counted from the day after receipt over the official calendar (holidays skipped, make-up
 * working days counted), the days a consultation leaves out (Arts. 32, 33), the restart on correction
 * (Art. 30), the extension (Art. 33), the history as of a day, and an agency's open requests as a
 * deadline dashboard with its subordinate agencies'.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar } from '../calendar/official-calendar.js';
import { systemActor } from '../domain/access/policy.js';
import { localDate } from '../domain/calendar/local-date.js';
import type { ApplicantKind } from '../domain/requests/request.js';
import { STORED_CHANNEL_LABELS, stateLabelOf } from '../present/labels.js';
import { eventDetailText, outcomeLabelOf, viewJson } from '../present/request-view.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { addAgency } from './agencies.js';
import type { EventInput } from './event-input.js';
import { isEventItem, listRequests, viewRequest } from './request-view.js';
import { intakeRequest, recordRequestEvent } from './requests.js';

const d = localDate;
const calendar = officialCalendar();
const TODAY = d('2026-11-25');
const by = 'staff-1';
const staff = systemActor(by);

async function agency(storage: Storage, name: string, parentId?: number): Promise<number> {
  const added = await addAgency(storage, staff, { name, ...(parentId ? { parentId } : {}) });
  assert.ok(added.ok);
  return added.value.id;
}

/** A request received on `receivedOn` with the events after its receipt. */
async function request(
  storage: Storage,
  agencyId: number,
  receivedOn: string,
  events: readonly EventInput[] = [],
  kind: ApplicantKind = 'natural',
): Promise<string> {
  const intake = await intakeRequest(
    storage,
    staff,
    {
      agencyId,
      applicant: { kind, name: '张三', contact: {} },
      content: { description: '某路段拓宽工程的征收补偿方案' },
      requestedForm: { medium: 'paper', delivery: 'collect' },
      channel: 'inPerson',
      receivedOn: d(receivedOn),
    },
    { today: TODAY, calendar },
  );
  assert.ok(intake.ok);
  for (const event of events) {
    const recorded = await recordRequestEvent(storage, staff, intake.value.id, event, {
      today: TODAY,
      calendar,
    });
    assert.ok(recorded.ok, recorded.ok ? '' : recorded.error.message);
  }
  return intake.value.id;
}

const view = async (storage: Storage, id: string, asOf: string) => {
  const viewed = await viewRequest(storage, staff, id, { asOf: d(asOf), calendar });
  assert.ok(viewed.ok, viewed.ok ? '' : viewed.error.message);
  return viewed.value;
};

for (const dialect of DIALECTS) {
  describe(`requests shown and listed on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('Art. 33: received 2024-09-27 → due 2024-10-30, National Day skipped, 09-29 and 10-12 worked', () =>
      withStorage(dialect, async (storage) => {
        const id = await request(storage, await agency(storage, '平潭县'), '2024-09-27');
        const v = await view(storage, id, '2024-10-08');
        assert.equal(v.status.dueDate, '2024-10-30');
        assert.equal(stateLabelOf(v.status), '办理中');
        // 10-09 … 10-30: 4 + 5 + 5 + 3 working days (10-12 a make-up Saturday).
        assert.equal(v.workingDaysLeft, 17);
        const reply = v.deadline.reply!;
        assert.equal(reply.dayZero, '2024-09-27');
        assert.equal(reply.counted.length, 20);
        assert.deepEqual(
          reply.counted.filter((c) => c.kind === 'makeupWorkday').map((c) => c.date),
          ['2024-09-29', '2024-10-12'],
        );
        const holidays = reply.skipped.filter((s) => s.kind === 'holiday');
        assert.deepEqual(
          holidays.map((s) => s.date),
          ['01', '02', '03', '04', '05', '06', '07'].map((day) => `2024-10-${day}`),
        );
        assert.ok(holidays.every((s) => s.reason.includes('国庆节')));
        assert.deepEqual(
          viewJson(v).history.map((h) => [h.seq, h.at, h.label, h.by]),
          [[1, '2024-09-27', '收到申请', by]],
        );
        assert.deepEqual(v.applicant, { name: '张三', kind: 'natural' });
        assert.deepEqual(viewJson(v).applicant, { name: '张三', kind: 'natural', type: '自然人' });
        assert.equal(v.channel, 'inPerson');
        assert.equal(STORED_CHANNEL_LABELS[v.channel], '当面');
        // In progress: it may be answered or extended; no fee was asked, so none can be paid.
        assert.ok(v.allowed.includes('Decided') && v.allowed.includes('Extended'), v.allowed.join());
        assert.ok(!v.allowed.includes('FeePaid') && !v.allowed.includes('Received'), v.allowed.join());
        assert.deepEqual(v.status.unknownYears, []);
      }));

    it('Arts. 32–33: a third-party consultation leaves its days out, the extension adds 10; later events are not counted as of an earlier day', () =>
      withStorage(dialect, async (storage) => {
        const id = await request(storage, await agency(storage, '平潭县'), '2024-09-27', [
          {
            kind: 'Extended',
            at: d('2024-10-10'),
            workingDays: 10,
            approver: '办公室主任',
            reason: '需调取档案',
          },
          { kind: 'ThirdPartyConsultationStarted', at: d('2024-10-14'), thirdParty: '某公司' },
          { kind: 'ThirdPartyConsultationEnded', at: d('2024-10-21') },
          { kind: 'Decided', at: d('2024-11-25'), outcome: 'partial' },
        ]);

        const during = await view(storage, id, '2024-10-16');
        assert.equal(during.status.state, 'paused');
        assert.equal(during.status.provisional, true);
        assert.match(stateLabelOf(during.status), /征求意见中（暂停计算答复期限）/);
        assert.equal(during.history.length, 3);
        assert.equal(during.laterEvents, 2);

        const after = await view(storage, id, '2024-12-01');
        const reply = after.deadline.reply!;
        // Base: 20 working days with 10-15 … 10-21 left out → 11-06; with the extension → 11-20.
        assert.equal(reply.originalDueDate, '2024-11-06');
        assert.equal(after.status.dueDate, '2024-11-20');
        assert.deepEqual(
          reply.pauses.map((p) => [p.kind, p.from, p.until, p.running]),
          [['thirdParty', '2024-10-14', '2024-10-21', false]],
        );
        assert.deepEqual(
          reply.skipped.filter((s) => s.kind === 'paused').map((s) => s.date),
          ['2024-10-15', '2024-10-16', '2024-10-17', '2024-10-18', '2024-10-21'],
        );
        assert.equal(after.status.closedOn, '2024-11-25');
        assert.equal(outcomeLabelOf(after), '部分公开（区分处理）');
        assert.equal(after.status.answeredLate, true, 'answered after 11-20');
        assert.equal(after.workingDaysLeft, undefined, 'a closed request has no days left');
        assert.deepEqual(
          after.history.map((h) => (isEventItem(h) ? eventDetailText(h.event) : 'void')),
          [
            '',
            '延长 10 个工作日，经 办公室主任 同意',
            '第三方：某公司',
            '',
            '办理结果：部分公开（区分处理）',
          ],
        );
        assert.equal(after.history[1]!.reason, '需调取档案');
        const extended = after.history[1]!;
        assert.ok(extended.kind === 'Extended');
        assert.deepEqual(extended.details, { workingDays: 10, approver: '办公室主任' });
      }));

    it('Art. 30: while correction is awaited there is no reply due date; the corrected application is day zero', () =>
      withStorage(dialect, async (storage) => {
        const id = await request(storage, await agency(storage, '平潭县'), '2024-09-27', [
          {
            kind: 'CorrectionRequested',
            at: d('2024-09-29'),
            items: '请写明文件名称',
            dueBy: d('2024-10-15'),
          },
          { kind: 'CorrectionReceived', at: d('2024-10-10') },
        ]);
        const waiting = await view(storage, id, '2024-10-09');
        assert.equal(waiting.status.state, 'awaitingCorrection');
        assert.equal(waiting.status.dueDate, undefined);
        assert.equal(waiting.status.applicantDueBy, '2024-10-15');
        assert.equal(waiting.workingDaysLeft, undefined);

        const corrected = await view(storage, id, '2024-10-10');
        assert.deepEqual(
          [corrected.deadline.reply?.dayZero, corrected.deadline.reply?.basis],
          ['2024-10-10', 'correction'],
        );
        assert.equal(corrected.status.dueDate, '2024-11-06');
      }));

    it('flags a count through a year whose holiday schedule is unknown (2018 precedes the shipped schedules)', () =>
      withStorage(dialect, async (storage) => {
        const id = await request(storage, await agency(storage, '平潭县'), '2018-12-20');
        const v = await view(storage, id, '2018-12-21');
        assert.deepEqual(v.status.unknownYears, [2018]);
        assert.ok(v.deadline.lines.some((l) => l.includes('2018 年的节假日安排尚未录入')));
      }));

    it('refuses an unknown request and a day before the receipt, as values', () =>
      withStorage(dialect, async (storage) => {
        const id = await request(storage, await agency(storage, '平潭县'), '2024-09-27');
        const unknown = await viewRequest(storage, staff, 'no-such-id', { asOf: d('2024-10-01'), calendar });
        assert.equal(unknown.ok ? '' : unknown.error.code, 'request.unknown');
        const early = await viewRequest(storage, staff, id, { asOf: d('2024-09-26'), calendar });
        assert.equal(early.ok ? '' : early.error.code, 'request.as-of-before-receipt');
      }));

    it('lists the requests of an agency and its subordinates; open ones by due date, overdue first, awaiting correction last', () =>
      withStorage(dialect, async (storage) => {
        const county = await agency(storage, '平潭县');
        const bureau = await agency(storage, '平潭县教育局', county);
        const elsewhere = await agency(storage, '别的县');
        const march = await request(storage, county, '2024-03-01');
        const february = await request(storage, bureau, '2024-02-01');
        const april = await request(storage, county, '2024-04-01', [
          { kind: 'Decided', at: d('2024-04-10'), outcome: 'disclosed' },
        ]);
        const may = await request(storage, county, '2024-05-06', [
          { kind: 'CorrectionRequested', at: d('2024-05-07'), items: '请写明年份', dueBy: d('2024-05-20') },
        ]);
        await request(storage, elsewhere, '2024-03-01');

        const list = async (asOf: string, open: boolean) => {
          const listed = await listRequests(storage, staff, county, { asOf: d(asOf), open, calendar });
          assert.ok(listed.ok);
          return listed.value;
        };
        const all = await list('2024-05-10', false);
        assert.deepEqual(all.agencyIds, [county, bureau]);
        assert.deepEqual(
          all.lines.map((l) => l.id),
          [february, march, april, may],
          'receipt order',
        );
        assert.equal(all.lines[0]!.agencyName, '平潭县教育局');
        assert.equal(all.lines[1]!.agencyName, '平潭县');

        const open = await list('2024-05-10', true);
        assert.deepEqual(
          open.lines.map((l) => l.id),
          [february, march, may],
        );
        assert.deepEqual(
          open.lines.map((l) => l.status.overdue),
          [true, true, false],
        );
        assert.ok(open.lines[0]!.status.dueDate! < open.lines[1]!.status.dueDate!);
        assert.equal(open.lines[2]!.status.dueDate, undefined, 'awaiting correction: no reply due date');

        // On 04-05 (清明 off) the April request was still open, due 04-29 (04-07 and 04-28 worked).
        const earlier = await list('2024-04-05', true);
        assert.deepEqual(
          earlier.lines.map((l) => l.id),
          [february, march, april],
        );
        const aprilLine = earlier.lines[2]!;
        assert.equal(aprilLine.status.dueDate, '2024-04-29');
        assert.equal(aprilLine.workingDaysLeft, 18);

        const unknown = await listRequests(storage, staff, 999, { asOf: d('2024-05-10'), calendar });
        assert.equal(unknown.ok ? '' : unknown.error.code, 'agency.unknown');
      }));
  });
}
