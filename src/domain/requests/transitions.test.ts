/**
 * What may be recorded when (Regulation Arts. 30, 32–34, 36; the fee measure), and the stable code of
 * each refusal. Dates are in March 2025, a month without holidays: receipt on Monday 03-03, so the 7
 * working days of Art. 30 end on Wednesday 03-12 and the 20 of Art. 33 on Monday 03-31.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar } from '../../calendar/official-calendar.js';
import { localDate } from '../calendar/local-date.js';
import type { RequestEvent } from './events.js';
import { describedState } from './ledger-state.js';
import { REFUSALS } from './refusals.js';
import type { DisclosureRequest } from './request.js';
import { allowedEvents, recordEvent, replay, TRANSITIONS } from './transitions.js';

const calendar = officialCalendar();
const d = localDate;
const by = 'staff-1';

const request: DisclosureRequest = {
  id: 'R-2025-001',
  agencyId: 'A',
  applicant: { kind: 'commercial', name: '某某科技有限公司', contact: { email: 'a@example.cn' } },
  content: { description: '2024年某路段施工许可文件' },
  requestedForm: { medium: 'paper', delivery: 'post' },
  intake: { channel: 'inPerson', submittedOn: d('2025-03-03') },
  receivedOn: d('2025-03-03'),
};

const received: RequestEvent = { kind: 'Received', at: d('2025-03-03'), by };
const correction = (at: string, dueBy = '2025-03-20'): RequestEvent => ({
  kind: 'CorrectionRequested',
  at: d(at),
  by,
  items: '请说明所需信息的文号或形成时间',
  dueBy: d(dueBy),
});
const extended = (at: string, workingDays = 20, approver = '办公室主任李四'): RequestEvent => ({
  kind: 'Extended',
  at: d(at),
  by,
  workingDays,
  approver,
});
const decided = (at: string, outcome: 'disclosed' | 'withdrawn' | 'unclearAfterCorrection' = 'disclosed') =>
  ({ kind: 'Decided', at: d(at), by, outcome }) as RequestEvent;
const ev = (kind: RequestEvent['kind'], at: string, extra: object = {}) =>
  ({ kind, at: d(at), by, ...extra }) as RequestEvent;

/** The code of the first refused event and its index, or 'ok'. */
function verdict(events: readonly RequestEvent[]): string {
  const r = replay(request, events, calendar);
  return r.ok ? 'ok' : `${r.error.code}@${r.error.eventIndex}`;
}

describe('the transitions table (data)', () => {
  it('opens with 收到申请 and nothing else; closed requests accept nothing', () => {
    assert.deepEqual(TRANSITIONS.new, ['Received']);
    for (const closed of ['decided', 'lapsed', 'withdrawn'] as const)
      assert.deepEqual(TRANSITIONS[closed], []);
    assert.equal(verdict([decided('2025-03-03')]), 'request.not-received@0');
  });

  it('offers each once-only event until it is used', () => {
    const state = replay(request, [received, extended('2025-03-10')], calendar);
    assert.ok(state.ok);
    assert.equal(describedState(state.value), 'inProgress');
    assert.ok(!allowedEvents(state.value).includes('Extended'));
    assert.ok(allowedEvents(state.value).includes('CorrectionRequested'));
  });

  it('every refusal code has a Chinese reason', () => {
    for (const [code, message] of Object.entries(REFUSALS)) assert.match(message, /[\u4e00-\u9fff]/, code);
  });
});

describe('Art. 30: correction (补正) once, within 7 working days', () => {
  it('accepts a request on the 7th working day after receipt and refuses it on the 8th', () => {
    assert.equal(verdict([received, correction('2025-03-12')]), 'ok');
    assert.equal(verdict([received, correction('2025-03-13')]), 'request.correction-too-late@1');
  });

  it('refuses a second request for correction, even after the first was answered', () => {
    const corrected = ev('CorrectionReceived', '2025-03-07');
    assert.equal(
      verdict([received, correction('2025-03-04'), corrected, correction('2025-03-10')]),
      'request.correction-twice@3',
    );
    assert.equal(
      verdict([received, correction('2025-03-04'), correction('2025-03-05')]),
      'request.correction-twice@2',
    );
  });

  it('needs a correction deadline after the notice', () => {
    assert.equal(
      verdict([received, correction('2025-03-04', '2025-03-04')]),
      'request.correction-deadline@1',
    );
  });

  it('treats the request as abandoned only after the deadline given has passed', () => {
    const notice = correction('2025-03-04', '2025-03-14');
    assert.equal(
      verdict([received, notice, ev('CorrectionLapsed', '2025-03-14')]),
      'request.correction-not-lapsed@2',
    );
    assert.equal(verdict([received, notice, ev('CorrectionLapsed', '2025-03-17')]), 'ok');
  });

  it('answers "still unclear after correction" only after a correction came in', () => {
    assert.equal(
      verdict([received, decided('2025-03-10', 'unclearAfterCorrection')]),
      'request.unclear-without-correction@1',
    );
    assert.equal(
      verdict([
        received,
        correction('2025-03-04'),
        ev('CorrectionReceived', '2025-03-07'),
        decided('2025-03-10', 'unclearAfterCorrection'),
      ]),
      'ok',
    );
  });

  it('cannot answer while waiting for the correction', () => {
    assert.equal(
      verdict([received, correction('2025-03-04'), decided('2025-03-05')]),
      'request.not-allowed@2',
    );
  });
});

describe('Art. 33: one extension of at most 20 working days, approved, before the due date', () => {
  it('refuses a second extension', () => {
    assert.equal(
      verdict([received, extended('2025-03-20', 5), extended('2025-03-21', 5)]),
      'request.extension-twice@2',
    );
  });

  it('refuses 21 working days, and none at all', () => {
    assert.equal(verdict([received, extended('2025-03-20', 21)]), 'request.extension-too-long@1');
    assert.equal(verdict([received, extended('2025-03-20', 0)]), 'request.extension-days@1');
  });

  it('needs the office head who consented', () => {
    assert.equal(verdict([received, extended('2025-03-20', 10, ' ')]), 'request.extension-no-approver@1');
  });

  it('may extend on the due date itself (03-31) but not the day after', () => {
    assert.equal(verdict([received, extended('2025-03-31')]), 'ok');
    assert.equal(verdict([received, extended('2025-04-01')]), 'request.extension-after-due@1');
  });
});

describe('Arts. 32 and 34: consultations', () => {
  const thirdParty = ev('ThirdPartyConsultationStarted', '2025-03-05', { thirdParty: '某某公司' });
  it('refuses a second consultation of the same kind while one is open', () => {
    assert.equal(
      verdict([
        received,
        thirdParty,
        ev('ThirdPartyConsultationStarted', '2025-03-06', { thirdParty: '乙' }),
      ]),
      'request.consultation-open@2',
    );
  });

  it('refuses ending a consultation that is not running', () => {
    assert.equal(
      verdict([received, thirdParty, ev('AgencyConsultationEnded', '2025-03-06')]),
      'request.consultation-not-open@2',
    );
    assert.equal(
      verdict([received, ev('ThirdPartyConsultationEnded', '2025-03-06')]),
      'request.not-allowed@1',
    );
  });

  it('allows consulting a third party and a co-making agency at once', () => {
    const both = [
      received,
      thirdParty,
      ev('AgencyConsultationStarted', '2025-03-06', { agency: '区财政局' }),
    ];
    assert.equal(
      verdict([
        ...both,
        ev('ThirdPartyConsultationEnded', '2025-03-10'),
        ev('AgencyConsultationEnded', '2025-03-11'),
      ]),
      'ok',
    );
  });
});

describe('the fee measure: one 收费通知, paid within 20 working days', () => {
  const notice = ev('FeeNoticeSent', '2025-03-05', { amount: '200', method: 'perPiece' });
  it('refuses a second notice: one method per request', () => {
    assert.equal(
      verdict([
        received,
        notice,
        ev('FeePaid', '2025-03-07'),
        ev('FeeNoticeSent', '2025-03-10', { amount: '10', method: 'perVolume' }),
      ]),
      'request.fee-notice-twice@3',
    );
  });

  it('refuses a zero or malformed amount', () => {
    assert.equal(
      verdict([received, ev('FeeNoticeSent', '2025-03-05', { amount: '0', method: 'perPiece' })]),
      'request.fee-amount@1',
    );
    assert.equal(
      verdict([received, ev('FeeNoticeSent', '2025-03-05', { amount: '1e3', method: 'perPiece' })]),
      'request.fee-amount@1',
    );
  });

  it('holds an assessed notice to the measure: the amount is the one its basis gives (Arts. 4 and 5)', () => {
    const assessed = (amount: string, method: 'perPiece' | 'perVolume', basis: unknown) =>
      verdict([received, ev('FeeNoticeSent', '2025-03-05', { amount, method, basis })]);
    // 150 pages: 30 free, 70 at 10, 50 at 20.
    assert.equal(assessed('1700', 'perVolume', { method: 'perVolume', pages: 150 }), 'ok');
    assert.equal(assessed('1700.00', 'perVolume', { method: 'perVolume', pages: 150 }), 'ok');
    assert.equal(assessed('1600', 'perVolume', { method: 'perVolume', pages: 150 }), 'request.fee-basis@1');
    // 25 件 earlier this month, 10 more: 5 at 100, 5 at 200.
    const pieces = { method: 'perPiece', piecesEarlierThisMonth: 25, pieces: 10 };
    assert.equal(assessed('1500', 'perPiece', pieces), 'ok');
    assert.equal(assessed('1500', 'perVolume', pieces), 'request.fee-basis@1', 'one method, stated once');
    assert.equal(
      assessed('100', 'perPiece', { method: 'perPiece', piecesEarlierThisMonth: -1, pieces: 12 }),
      'request.fee-basis@1',
      'a count that is no count is refused, not thrown',
    );
  });

  it('lapses only after the payment period: notice received 03-05, pay by 04-02', () => {
    assert.equal(verdict([received, notice, ev('FeeLapsed', '2025-04-02')]), 'request.fee-not-lapsed@2');
    assert.equal(verdict([received, notice, ev('FeeLapsed', '2025-04-03')]), 'ok');
  });

  it('cannot answer before the fee is paid', () => {
    assert.equal(verdict([received, notice, decided('2025-03-10')]), 'request.not-allowed@2');
  });
});

describe('closed requests and the order of the log', () => {
  it('refuses anything after an answer, a lapse or a withdrawal, each with its own code', () => {
    assert.equal(
      verdict([received, decided('2025-03-10'), ev('Withdrawn', '2025-03-11')]),
      'request.already-decided@2',
    );
    assert.equal(
      verdict([
        received,
        correction('2025-03-04', '2025-03-07'),
        ev('CorrectionLapsed', '2025-03-10'),
        ev('CorrectionReceived', '2025-03-11'),
      ]),
      'request.already-lapsed@3',
    );
    assert.equal(
      verdict([received, ev('Withdrawn', '2025-03-04'), decided('2025-03-10')]),
      'request.already-withdrawn@2',
    );
  });

  it('records lapse and withdrawal through their events, not as an answer', () => {
    assert.equal(verdict([received, decided('2025-03-10', 'withdrawn')]), 'request.outcome-by-event@1');
  });

  it('refuses an event dated before the one it follows, and a 收到申请 on another day than Art. 31 gives', () => {
    assert.equal(verdict([received, extended('2025-03-10'), decided('2025-03-07')]), 'request.date-order@2');
    assert.equal(verdict([ev('Received', '2025-03-04')]), 'request.receipt-mismatch@0');
  });

  it('recordEvent appends a legal event and names the refused one by its would-be index', () => {
    const first = recordEvent(request, [received], extended('2025-03-10'), calendar);
    assert.ok(first.ok);
    assert.equal(first.value.events.length, 2);
    const second = recordEvent(request, first.value.events, extended('2025-03-11'), calendar);
    assert.ok(!second.ok);
    assert.equal(second.error.code, 'request.extension-twice');
    assert.equal(second.error.eventIndex, 2);
    assert.equal(second.error.message, '答复期限只能延长一次（条例第三十三条）');
  });
});
