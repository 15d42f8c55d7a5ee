import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate } from '../domain/calendar/local-date.js';
import type { RequestEvent } from '../domain/requests/events.js';
import { deriveAll, OPEN } from '../storage/index.js';
import { ledgerDeriveStep } from './derive.js';
import { toStoredEvent } from './stored.js';

const d = localDate;
const derive = (...events: RequestEvent[]) =>
  deriveAll(
    ledgerDeriveStep,
    events.map((e) => {
      const payload = JSON.parse(JSON.stringify(toStoredEvent(e))) as unknown;
      return { type: e.kind, at: e.at, payload };
    }),
  );
const by = 'staff';

describe('ledgerDeriveStep: the cached closing columns follow the domain', () => {
  it('stays open until a closing event', () => {
    assert.deepEqual(
      derive(
        { kind: 'Received', at: d('2025-03-03'), by },
        { kind: 'Extended', at: d('2025-03-20'), by, workingDays: 10, approver: '主任' },
      ),
      OPEN,
    );
  });

  it('closes on a decision with its outcome, and on a lapse or withdrawal with theirs', () => {
    const received: RequestEvent = { kind: 'Received', at: d('2025-03-03'), by };
    assert.deepEqual(derive(received, { kind: 'Decided', at: d('2025-03-10'), by, outcome: 'partial' }), {
      closedOn: '2025-03-10',
      closingType: 'Decided',
      outcome: 'partial',
    });
    assert.deepEqual(derive(received, { kind: 'Withdrawn', at: d('2025-03-05'), by }).outcome, 'withdrawn');
    assert.deepEqual(
      derive(
        received,
        { kind: 'CorrectionRequested', at: d('2025-03-04'), by, items: '年份', dueBy: d('2025-03-14') },
        { kind: 'CorrectionLapsed', at: d('2025-03-17'), by },
      ),
      { closedOn: '2025-03-17', closingType: 'CorrectionLapsed', outcome: 'noCorrection' },
    );
    assert.equal(
      derive(
        received,
        { kind: 'FeeNoticeSent', at: d('2025-03-04'), by, amount: '100', method: 'perPiece' },
        { kind: 'FeeLapsed', at: d('2025-05-04'), by },
      ).outcome,
      'unpaidFee',
    );
  });

  it('keeps the first closing (the domain accepts nothing after it) and ignores a decision without a valid outcome', () => {
    const received: RequestEvent = { kind: 'Received', at: d('2025-03-03'), by };
    assert.equal(
      derive(
        received,
        { kind: 'Withdrawn', at: d('2025-03-05'), by },
        { kind: 'Decided', at: d('2025-03-06'), by, outcome: 'disclosed' },
      ).outcome,
      'withdrawn',
    );
    assert.deepEqual(
      deriveAll(ledgerDeriveStep, [
        { type: 'Decided', at: '2025-03-06', payload: { outcome: 'withdrawn' } },
        { type: 'Decided', at: '2025-03-06', payload: { outcome: 'nonsense' } },
        { type: 'Answered', at: '2025-03-06', payload: { outcome: 'disclosed' } },
      ]),
      OPEN,
    );
  });
});
