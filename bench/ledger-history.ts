/**
 * The request histories the ledger benchmarks generate (bench/ledger-sqlite.ts, bench/web.ts): a seeded
 * generator, a weighted pick, and one request's history legal for the transitions, cut at `today` (what
 * would happen later has not yet).
 */
import { addDays, type LocalDate } from '../src/domain/calendar/local-date.js';
import type { RequestEvent } from '../src/domain/requests/events.js';
import { DECISION_MIX, type Mix, PATH_MIX } from './ledger-mix.js';

/** mulberry32: a small seeded generator, so every run builds the same ledger. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rnd: () => number, weighted: Mix<T>): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [value, w] of weighted) {
    x -= w;
    if (x < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** One request's history, legal for the transitions; cut at `today`. */
export function history(rnd: () => number, receivedOn: LocalDate, today: LocalDate): RequestEvent[] {
  const by = `staff-${1 + Math.floor(rnd() * 12)}`;
  const at = (days: number) => addDays(receivedOn, days);
  const days = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const decided = (on: LocalDate, outcome = pick(rnd, DECISION_MIX)): RequestEvent => ({
    kind: 'Decided',
    at: on,
    by,
    outcome,
  });
  const events: RequestEvent[] = [{ kind: 'Received', at: receivedOn, by }];
  const path = pick(rnd, PATH_MIX);
  switch (path) {
    case 'decided':
      events.push(decided(at(days(1, 30))));
      break;
    case 'extended': {
      const on = days(10, 20);
      events.push(
        { kind: 'Extended', at: at(on), by, workingDays: 20, approver: '办公室主任', reason: '需调取档案' },
        decided(at(on + days(5, 30))),
      );
      break;
    }
    case 'corrected':
    case 'correctionLapsed': {
      const notice = days(1, 4);
      const dueBy = at(notice + 15);
      events.push({ kind: 'CorrectionRequested', at: at(notice), by, items: '请明确所需信息的名称', dueBy });
      if (path === 'corrected') {
        const back = notice + days(2, 14);
        events.push({ kind: 'CorrectionReceived', at: at(back), by });
        events.push(
          decided(at(back + days(3, 25)), rnd() < 0.15 ? 'unclearAfterCorrection' : pick(rnd, DECISION_MIX)),
        );
      } else events.push({ kind: 'CorrectionLapsed', at: addDays(dueBy, days(1, 10)), by });
      break;
    }
    case 'withdrawn':
      events.push({ kind: 'Withdrawn', at: at(days(0, 20)), by });
      break;
    case 'thirdParty': {
      const start = days(3, 10);
      const end = start + days(5, 20);
      events.push(
        { kind: 'ThirdPartyConsultationStarted', at: at(start), by, thirdParty: '某某有限公司' },
        { kind: 'ThirdPartyConsultationEnded', at: at(end), by },
        decided(at(end + days(1, 15))),
      );
      break;
    }
    case 'feePaid':
    case 'feeLapsed': {
      const notice = days(5, 15);
      events.push({ kind: 'FeeNoticeSent', at: at(notice), by, amount: '100.00', method: 'perPiece' });
      if (rnd() < 0.7) {
        const paid = notice + days(2, 20);
        events.push({ kind: 'FeePaid', at: at(paid), by }, decided(at(paid + days(2, 15))));
      } else events.push({ kind: 'FeeLapsed', at: at(notice + days(45, 60)), by });
      break;
    }
    case 'stuck':
      break;
  }
  return events.filter((e) => e.at <= today);
}
