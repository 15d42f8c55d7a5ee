/**
 * Due dates counted across the State Council's real holiday schedules (官方放假安排, via the calendar
 * adapter), checked by hand against a wall calendar. Day zero is never counted (Art. 31 receipt, or the
 * corrected application under Art. 30); consultations (Arts. 32–34) and a fee notice leave days out;
 * one extension adds at most 20 working days (Art. 33). Overdue is by date: from the day after the due date.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar, officialYears } from '../../calendar/official-calendar.js';
import { type LocalDate, localDate } from '../calendar/local-date.js';
import type { RequestEvent } from './events.js';
import { explainDeadline } from './explain.js';
import { REGULATION_2019 } from './policy.js';
import type { DisclosureRequest, Intake } from './request.js';
import { deriveStatus, type RequestStatus } from './status.js';

const calendar = officialCalendar();
const d = localDate;
const by = 'staff-1';

function requestOf(intake: Intake, receivedOn: string): DisclosureRequest {
  return {
    id: `R-${receivedOn}`,
    agencyId: 'A',
    applicant: { kind: 'natural', name: '王五', contact: { phone: '13900000000' } },
    content: { description: '某小区规划许可证及附图' },
    requestedForm: { medium: 'paper', delivery: 'collect' },
    intake,
    receivedOn: d(receivedOn),
  };
}
const ev = (kind: RequestEvent['kind'], at: string, extra: object = {}) =>
  ({ kind, at: d(at), by, ...extra }) as RequestEvent;

function status(
  request: DisclosureRequest,
  events: readonly RequestEvent[],
  today: string,
  policy = REGULATION_2019,
) {
  const s = deriveStatus(request, events, calendar, d(today), policy);
  assert.ok(s.ok, s.ok ? '' : s.error.message);
  return s.value as RequestStatus;
}
function explain(request: DisclosureRequest, events: readonly RequestEvent[], today: string) {
  const e = explainDeadline(request, events, calendar, d(today));
  assert.ok(e.ok, e.ok ? '' : e.error.message);
  return e.value;
}
const skippedOf = (x: ReturnType<typeof explain>) =>
  new Map(x.reply!.skipped.map((s) => [s.date as string, s]));

describe('National Day 2024: correction, third-party consultation and extension in one request', () => {
  // Received Monday 09-23 in person. National Day: 10-01 to 10-07 off; Sunday 09-29 and Saturday 10-12 worked.
  const request = requestOf({ channel: 'inPerson', submittedOn: d('2024-09-23') }, '2024-09-23');
  const events: RequestEvent[] = [
    ev('Received', '2024-09-23'),
    ev('CorrectionRequested', '2024-09-24', { items: '请明确小区名称', dueBy: d('2024-09-30') }),
    // Art. 30: the period restarts; Friday 09-27 is the new day zero.
    ev('CorrectionReceived', '2024-09-27'),
    // Art. 32: days after 10-14 up to the answer on 10-18 are not counted (10-15 … 10-18: four working days).
    ev('ThirdPartyConsultationStarted', '2024-10-14', { thirdParty: '某房地产开发公司' }),
    ev('ThirdPartyConsultationEnded', '2024-10-18'),
    ev('Extended', '2024-10-28', { workingDays: 15, approver: '办公室主任赵六' }),
  ];

  it('counts 20 working days from 09-27 to 11-05, then 15 more to 11-26', () => {
    // 09-29 (Sun, worked) 09-30 | 10-08 … 10-11, 10-12 (Sat, worked), 10-14 | paused 10-15 … 10-18 |
    // 10-21 … 10-25, 10-28 … 11-01, 11-04, 11-05 = 20; then 11-06 … 11-26 = 15.
    const x = explain(request, events, '2024-10-30');
    assert.equal(x.reply!.dayZero, '2024-09-27');
    assert.equal(x.reply!.basis, 'correction');
    assert.equal(x.reply!.originalDueDate, '2024-11-05');
    assert.equal(x.reply!.dueDate, '2024-11-26');
    assert.equal(x.reply!.totalWorkingDays, 35);
    assert.equal(x.correction!.noticeBy, '2024-10-08', 'seven working days after 09-23, across the holiday');
  });

  it('lists the skipped days with their reasons and the make-up working days it counted', () => {
    const x = explain(request, events, '2024-10-30');
    const skipped = skippedOf(x);
    assert.equal(skipped.get('2024-09-28')?.kind, 'weekend');
    for (let day = 1; day <= 7; day++) {
      const s = skipped.get(`2024-10-0${day}`);
      assert.equal(s?.kind, 'holiday');
      assert.equal(s?.reason, '法定节假日（国庆节）');
    }
    for (const day of ['2024-10-15', '2024-10-16', '2024-10-17', '2024-10-18'])
      assert.equal(skipped.get(day)?.kind, 'paused', day);
    assert.equal(skipped.get('2024-10-14'), undefined, 'the day the letter went out is counted');
    assert.deepEqual(
      x.reply!.counted.filter((c) => c.kind === 'makeupWorkday').map((c) => [c.date, c.reason]),
      [
        ['2024-09-29', '调休上班（国庆节）'],
        ['2024-10-12', '调休上班（国庆节）'],
      ],
    );
    assert.ok(x.lines.some((l) => l.includes('经 办公室主任赵六 同意延长 15 个工作日')));
    assert.ok(x.lines.some((l) => l === '原答复期限 2024-11-05，延长后答复期限 2024-11-26'));
  });

  it('is due on 11-26 and overdue only from 11-27', () => {
    assert.equal(status(request, events, '2024-11-26').overdue, false);
    const late = status(request, events, '2024-11-27');
    assert.equal(late.overdue, true);
    assert.equal(late.dueDate, '2024-11-26');
  });

  it('while the third party is consulted, the request is paused and its due date provisional', () => {
    const during = status(request, events.slice(0, 4), '2024-10-16');
    assert.equal(during.state, 'paused');
    assert.deepEqual(during.pausedFor, ['thirdParty']);
    assert.equal(during.provisional, true);
    // 10-15 and 10-16 left out so far: 10-30 (the count without pause) moves two working days.
    assert.equal(during.dueDate, '2024-11-01');
  });

  it('while waiting for the correction there is no reply due date, only the applicant’s', () => {
    const waiting = status(request, events.slice(0, 2), '2024-09-25');
    assert.equal(waiting.state, 'awaitingCorrection');
    assert.equal(waiting.dueDate, undefined);
    assert.equal(waiting.applicantDueBy, '2024-09-30');
    assert.equal(status(request, events.slice(0, 2), '2024-10-08').applicantDeadlinePassed, true);
  });
});

describe('2025 → 2026: New Year and Spring Festival, a fee pause and an extension', () => {
  // Online, arrived 12-24, both sides confirmed 12-25 (Art. 31). 2026: 01-01 … 01-03 off, Sunday 01-04
  // worked; Spring Festival 02-15 … 02-23 off, Saturdays 02-14 and 02-28 worked.
  const request = requestOf(
    { channel: 'online', arrivedOn: d('2025-12-24'), bothSidesConfirmedOn: d('2025-12-25') },
    '2025-12-25',
  );
  const received = ev('Received', '2025-12-25');

  it('without pauses: 20 working days end on 2026-01-23', () => {
    // 12-26, 12-29, 12-30, 12-31, 01-04 (Sun, worked), 01-05 … 01-09, 01-12 … 01-16, 01-19 … 01-23
    assert.equal(status(request, [received], '2026-01-05').dueDate, '2026-01-23');
  });

  const events: RequestEvent[] = [
    received,
    ev('FeeNoticeSent', '2026-01-05', { amount: '200', method: 'perPiece' }),
    ev('FeePaid', '2026-01-07'),
    ev('Extended', '2026-01-20', { workingDays: 20, approver: '办公室主任赵六' }),
  ];

  it('a fee notice on 01-05 paid on 01-07 leaves out 01-06 and 01-07; the extension runs over the Spring Festival to 03-02', () => {
    const x = explain(request, events, '2026-02-02');
    assert.equal(x.reply!.originalDueDate, '2026-01-27');
    // 01-28 … 01-30, 02-02 … 02-06, 02-09 … 02-13, 02-14 (Sat, worked), 02-24 … 02-27, 02-28 (Sat, worked), 03-02
    assert.equal(x.reply!.dueDate, '2026-03-02');
    const skipped = skippedOf(x);
    for (const day of ['2026-01-01', '2026-01-02', '2026-01-03'])
      assert.equal(skipped.get(day)?.reason, '法定节假日（元旦）', day);
    assert.equal(skipped.get('2026-01-06')?.kind, 'paused');
    assert.equal(skipped.get('2026-01-07')?.kind, 'paused');
    for (const day of ['2026-02-15', '2026-02-18', '2026-02-23'])
      assert.equal(skipped.get(day)?.reason, '法定节假日（春节）', day);
    assert.deepEqual(
      x.reply!.counted.filter((c) => c.kind === 'makeupWorkday').map((c) => c.date),
      ['2026-01-04', '2026-02-14', '2026-02-28'],
    );
    assert.deepEqual(x.unknownYears, []);
    // 01-06 … 01-09, 01-12 … 01-30, 02-02: the twentieth working day after delivery
    assert.equal(x.fee?.payBy, '2026-02-02');
  });

  it('answered on the due date is on time', () => {
    const s = status(
      request,
      [...events, ev('Decided', '2026-03-02', { outcome: 'disclosed' })],
      '2026-03-10',
    );
    assert.equal(s.state, 'decided');
    assert.equal(s.answeredLate, false);
    assert.equal(s.overdue, false);
  });

  it('the fee pause is a switch ([U] in the fee measure): off, the due dates do not move', () => {
    const policy = { ...REGULATION_2019, feeNoticePausesDeadline: false };
    assert.equal(status(request, events, '2026-02-02', policy).dueDate, '2026-02-27');
  });
});

describe('Art. 30: a correction never received', () => {
  it('leaves no reply due date once the request lapsed: the period never restarted', () => {
    const request = requestOf({ channel: 'inPerson', submittedOn: d('2025-03-03') }, '2025-03-03');
    const events = [
      ev('Received', '2025-03-03'),
      ev('CorrectionRequested', '2025-03-04', { items: '请明确年份', dueBy: d('2025-03-14') }),
      ev('CorrectionLapsed', '2025-03-17'),
    ];
    const s = status(request, events, '2025-04-30');
    assert.equal(s.state, 'lapsed');
    assert.equal(s.outcome, 'noCorrection');
    assert.equal(s.closedOn, '2025-03-17');
    assert.equal(s.dueDate, undefined);
    assert.equal(s.overdue, false);
    assert.equal(explain(request, events, '2025-04-30').reply, undefined);
  });
});

describe('consultations past the other side’s 15 working days (Arts. 32, 34)', () => {
  it('stop pausing on the 15th working day: the agency then decides on its own', () => {
    const request = requestOf({ channel: 'postSigned', signedForOn: d('2025-03-03') }, '2025-03-03');
    const events = [
      ev('Received', '2025-03-03'),
      ev('ThirdPartyConsultationStarted', '2025-03-05', { thirdParty: '某某公司' }),
    ];
    // Limit 03-26; 15 working days left out after 03-31 (the plain due date), across Qingming 04-04 … 04-06.
    const s = status(request, events, '2025-04-10');
    assert.equal(s.described, 'consulting');
    assert.equal(s.state, 'inProgress');
    assert.equal(s.dueDate, '2025-04-22');
    assert.equal(s.provisional, false);
    const x = explain(request, events, '2025-04-10');
    assert.equal(x.reply!.pauses[0]?.until, '2025-03-26');
    assert.equal(x.reply!.pauses[0]?.endedAtLimit, true);
  });
});

describe('a year whose holiday schedule is not known yet', () => {
  it('says so: a request received in mid-December counts into a year not carried yet by weekends only', () => {
    // The first year the calendar package does not carry (2027 as of November 2026), so that a package
    // update carrying it moves the test on rather than breaking it.
    const next = officialYears().at(-1)! + 1;
    const receivedOn = `${next - 1}-12-15`;
    const request = requestOf({ channel: 'inPerson', submittedOn: d(receivedOn) }, receivedOn);
    const s = status(request, [ev('Received', receivedOn)], `${next - 1}-12-16`);
    assert.deepEqual(s.unknownYears, [next]);
    const x = explain(request, [ev('Received', receivedOn)], `${next - 1}-12-16`);
    assert.ok(x.lines.some((l) => l.startsWith(`注意：${next} 年的节假日安排尚未录入`)));
  });

  it('refuses to read a log with events after today', () => {
    const request = requestOf({ channel: 'inPerson', submittedOn: d('2025-03-03') }, '2025-03-03');
    const s = deriveStatus(request, [ev('Received', '2025-03-03')], calendar, d('2025-03-02') as LocalDate);
    assert.equal(s.ok ? 'ok' : s.error.code, 'request.event-after-today');
  });
});
