/**
 * Art. 31 of the Regulation: which day is 收到申请之日 for each channel. Every clock of the request
 * (the 7 days to ask for correction, the 20 days to answer) counts from the day after it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate } from '../calendar/local-date.js';
import { checkNewRequest, type Intake, type RequestDraft, receiptDate, registerRequest } from './request.js';

const d = localDate;
const received = (intake: Intake) => {
  const r = receiptDate(intake);
  return r.ok ? r.value : r.error.code;
};

describe('Art. 31: the receipt date, channel by channel', () => {
  it('in person (当面提交): the day it is handed in', () => {
    assert.equal(received({ channel: 'inPerson', submittedOn: d('2025-03-03') }), '2025-03-03');
  });

  it('post requiring signature (邮寄需签收): the day the agency signs for it, not the postmark', () => {
    assert.equal(received({ channel: 'postSigned', signedForOn: d('2025-03-05') }), '2025-03-05');
  });

  it('ordinary post (平常信函): the day the office confirms with the applicant', () => {
    assert.equal(
      received({
        channel: 'postOrdinary',
        arrivedOn: d('2025-03-05'),
        confirmedWithApplicantOn: d('2025-03-06'),
      }),
      '2025-03-06',
    );
  });

  it('ordinary post not yet confirmed: no receipt date, the clock has not started', () => {
    assert.equal(received({ channel: 'postOrdinary', arrivedOn: d('2025-03-05') }), 'intake.unconfirmed');
  });

  for (const channel of ['online', 'fax', 'email'] as const) {
    it(`${channel} (互联网渠道 / 传真): the day both sides confirm`, () => {
      assert.equal(
        received({ channel, arrivedOn: d('2025-03-07'), bothSidesConfirmedOn: d('2025-03-10') }),
        '2025-03-10',
      );
      assert.equal(received({ channel, arrivedOn: d('2025-03-07') }), 'intake.unconfirmed');
    });
  }

  it('refuses a confirmation dated before the application arrived', () => {
    assert.equal(
      received({ channel: 'online', arrivedOn: d('2025-03-07'), bothSidesConfirmedOn: d('2025-03-06') }),
      'intake.date-order',
    );
  });

  it('registering a request fixes receivedOn from the intake, by the same rule', () => {
    const draft: RequestDraft = {
      id: 'R-1',
      agencyId: 'A',
      applicant: { kind: 'natural', name: '张三', contact: { phone: '13800000000' } },
      content: { description: '2024年度本镇道路养护经费支出明细' },
      requestedForm: { medium: 'electronic', delivery: 'email' },
      intake: {
        channel: 'postOrdinary',
        arrivedOn: d('2025-03-05'),
        confirmedWithApplicantOn: d('2025-03-06'),
      },
    };
    const registered = registerRequest(draft);
    assert.ok(registered.ok);
    assert.equal(registered.value.receivedOn, '2025-03-06');
    const unconfirmed = registerRequest({ ...draft, intake: { channel: 'fax', arrivedOn: d('2025-03-05') } });
    assert.equal(unconfirmed.ok, false);
  });
});

describe('Art. 29: what a new request must hold to enter the ledger', () => {
  const draft = (name: string, description: string, on: string): RequestDraft => ({
    id: 'r',
    agencyId: '1',
    applicant: { kind: 'natural', name, contact: {} },
    content: { description },
    requestedForm: { medium: 'paper', delivery: 'collect' },
    intake: { channel: 'inPerson', submittedOn: d(on) },
  });
  const code = (name: string, description: string, on = '2025-03-03') => {
    const registered = registerRequest(draft(name, description, on));
    assert.ok(registered.ok);
    const checked = checkNewRequest(registered.value);
    return checked.ok ? 'ok' : checked.error.code;
  };

  it('takes a name and a content that spans lines', () => {
    assert.equal(code('张三', '第一项\n第二项'), 'ok');
  });

  it('refuses a receipt before the Regulation took effect (2008-05-01): a typing mistake', () => {
    assert.equal(code('张三', '内容', '1024-03-01'), 'intake.receipt-too-early');
    assert.equal(code('张三', '内容', '2008-05-01'), 'ok');
  });

  it('refuses a blank name, and control or bidi characters that would forge a listing', () => {
    assert.equal(code('  ', '内容'), 'intake.name-empty');
    assert.equal(code('张三\n李四', '内容'), 'intake.control-characters');
    assert.equal(code('\u001b[2J张三', '内容'), 'intake.control-characters');
    assert.equal(code('张三', '内容\u202e'), 'intake.control-characters');
  });
});
