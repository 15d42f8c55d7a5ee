/**
 * Sections 三 and 四 counted from the registers (R10 of annual-report-formats.md §4): 本年新收 by the
 * receipt date of Art. 31, 上年结转 and 结转下年度 by whether a request is open on 12-31, outcome rows by the
 * year a request closed, section 四 by case status on 12-31. The tables pass every rule of validateReport
 * by construction, in every year and across years (R6), for any legal history.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { officialCalendar } from '../../calendar/official-calendar.js';
import { addDays, daysBetween, type LocalDate, localDate } from '../calendar/local-date.js';
import { REQUEST_COLUMN_KEYS, REVIEW_BLOCKS, REVIEW_COLUMNS, requestRows } from '../report/labels.js';
import type { AnnualReport } from '../report/model.js';
import { hasErrors } from '../report/validation/finding.js';
import { validateReport } from '../report/validation/validate.js';
import type { CaseResult, ReviewCase } from './cases.js';
import { CLOSING_EVENTS, type EventKind, type RequestEvent } from './events.js';
import { initialState, type LedgerState } from './ledger-state.js';
import { OUTCOMES } from './outcomes.js';
import { type LedgerEntry, reportFromLedger } from './report-from-ledger.js';
import type { ApplicantKind, DisclosureRequest } from './request.js';
import { allowedEvents, applyEvent } from './transitions.js';

const calendar = officialCalendar();
const d = localDate;
const by = 'staff-1';
const AGENCY = { agencyId: 'A', agencyName: '某某区人民政府办公室' };

function requestOf(id: string, kind: ApplicantKind, receivedOn: string, agencyId = 'A'): DisclosureRequest {
  return {
    id,
    agencyId,
    applicant: { kind, name: `申请人${id}`, contact: {} },
    content: { description: `申请 ${id}` },
    requestedForm: { medium: 'electronic', delivery: 'online' },
    intake: { channel: 'inPerson', submittedOn: d(receivedOn) },
    receivedOn: d(receivedOn),
  };
}
const ev = (kind: RequestEvent['kind'], at: string, extra: object = {}) =>
  ({ kind, at: d(at), by, ...extra }) as RequestEvent;
const entry = (request: DisclosureRequest, ...rest: RequestEvent[]): LedgerEntry => ({
  request,
  events: [ev('Received', request.receivedOn), ...rest],
});

describe('a worked example: one agency, 2024 to 2025', () => {
  const entries: LedgerEntry[] = [
    // Received 2024-12-20, answered 2025-01-10: carried from 2024 into 2025, counted as 予以公开 in 2025.
    entry(requestOf('R1', 'natural', '2024-12-20'), ev('Decided', '2025-01-10', { outcome: 'disclosed' })),
    entry(requestOf('R2', 'commercial', '2025-03-03'), ev('Withdrawn', '2025-03-05')),
    entry(
      requestOf('R3', 'natural', '2025-03-03'),
      ev('CorrectionRequested', '2025-03-04', { items: '请明确年份', dueBy: d('2025-03-14') }),
      ev('CorrectionLapsed', '2025-03-17'),
    ),
    entry(requestOf('R4', 'legalService', '2025-12-25')),
    entry(requestOf('R5', 'research', '2025-05-06'), ev('Decided', '2025-05-20', { outcome: 'partial' })),
    entry(requestOf('R6', 'natural', '2025-05-06', 'B')),
    // A log the transitions refuse (answered before it was received) is left out of every year.
    entry(requestOf('R7', 'natural', '2025-05-06'), ev('Decided', '2025-05-05', { outcome: 'disclosed' })),
  ];
  const cases: ReviewCase[] = [
    {
      id: 'F-1',
      agencyId: 'A',
      requestId: 'R1',
      kind: 'review',
      filedOn: d('2025-02-01'),
      result: 'corrected',
      closedOn: d('2025-04-01'),
    },
    {
      id: 'S-1',
      agencyId: 'A',
      requestId: 'R5',
      kind: 'litigation',
      filedOn: d('2025-07-01'),
      result: 'pending',
    },
  ];
  const build = (year: number) => reportFromLedger({ year, ...AGENCY, entries, cases, calendar });
  const y2024 = build(2024);
  const y2025 = build(2025);
  const row = (r: AnnualReport, key: string) => r.requests[key as keyof AnnualReport['requests']];

  it('2024: one new request, carried forward', () => {
    assert.deepEqual(row(y2024.report, 'new'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(y2024.report, 'carriedForward'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(y2024.report, 'total'), [0, 0, 0, 0, 0, 0, 0]);
  });

  it('2025: carried over, new by applicant kind, one outcome row each, one carried forward', () => {
    const r = y2025.report;
    assert.deepEqual(row(r, 'carriedOver'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(r, 'new'), [1, 1, 1, 0, 1, 0, 4]);
    assert.deepEqual(row(r, 'granted'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(r, 'partial'), [0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(row(r, 'other.noCorrection'), [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(r, 'other.other'), [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(row(r, 'total'), [2, 1, 1, 0, 0, 0, 4]);
    assert.deepEqual(row(r, 'carriedForward'), [0, 0, 0, 0, 1, 0, 1]);
  });

  it('explains each cell by the requests (or cases) behind it', () => {
    assert.deepEqual(y2025.explainCell('total', 'natural'), ['R1', 'R3']);
    assert.deepEqual(y2025.explainCell('new', 'total'), ['R2', 'R3', 'R4', 'R5']);
    assert.deepEqual(y2024.explainCell('carriedForward', 'natural'), ['R1']);
    assert.deepEqual(y2025.explainCell('review', 'corrected'), ['F-1']);
    assert.deepEqual(y2025.explainCell('litigationDirect', 'pending'), ['S-1']);
    assert.deepEqual(y2025.explainCell('granted', 'research'), []);
  });

  it('lists what it left out: another agency’s request and a refused log', () => {
    assert.deepEqual(
      y2025.excluded.map((x) => [x.id, x.refusal.code]),
      [
        ['R6', 'request.other-agency'],
        ['R7', 'request.date-order'],
      ],
    );
  });

  it('passes validateReport in each year, and across the two (R6)', () => {
    assert.equal(hasErrors(validateReport(y2024.report)), false);
    assert.equal(hasErrors(validateReport(y2025.report, { previous: y2024.report })), false);
  });

  it('uses the 2019 format for 2020: withdrawal and lapse share the single （六）其他处理 row', () => {
    const old = reportFromLedger({
      year: 2020,
      ...AGENCY,
      entries: [entry(requestOf('R9', 'research', '2020-06-01'), ev('Withdrawn', '2020-06-03'))],
      cases: [],
      calendar,
    });
    assert.equal(old.report.format, '2019');
    assert.deepEqual(row(old.report, 'other'), [0, 0, 1, 0, 0, 0, 1]);
    assert.equal(row(old.report, 'other.other'), undefined);
    assert.equal(hasErrors(validateReport(old.report)), false);
  });
});

describe('结转 is decided on 12-31', () => {
  const entries = [
    entry(requestOf('E1', 'natural', '2024-12-31'), ev('Decided', '2024-12-31', { outcome: 'disclosed' })),
    entry(requestOf('E2', 'natural', '2024-12-31'), ev('Decided', '2025-01-01', { outcome: 'disclosed' })),
  ];
  const at = (year: number) => reportFromLedger({ year, ...AGENCY, entries, cases: [], calendar });

  it('a request answered on 12-31 closes in that year and is not carried', () => {
    assert.deepEqual(at(2024).explainCell('total', 'total'), ['E1']);
    assert.deepEqual(at(2024).explainCell('carriedForward', 'total'), ['E2']);
  });

  it('a request answered on 1 January is carried over and counted in the new year', () => {
    assert.deepEqual(at(2025).explainCell('carriedOver', 'total'), ['E2']);
    assert.deepEqual(at(2025).explainCell('granted', 'natural'), ['E2']);
  });
});

// ── Property: any legal history gives reports that pass every rule, every year ────────────────────

const FIRST_DAY = d('2019-01-01');
const KINDS = REQUEST_COLUMN_KEYS.filter((k): k is ApplicantKind => k !== 'total');
const DECIDABLE = OUTCOMES.filter((o) => !o.byEvent).map((o) => o.kind);
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027];

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const step = fc.record({ choice: fc.nat(50), gap: fc.oneof(fc.nat(3), fc.nat(40)), pick: fc.nat(1000) });
/** Days after 2019-01-01: anywhere up to 2025-12-30, or within ten days of a year end (where 结转 is decided). */
const receiptDay = fc.oneof(
  fc.nat(2555),
  fc
    .tuple(fc.integer({ min: 2019, max: 2025 }), fc.integer({ min: -10, max: 10 }))
    .map(([year, offset]) => daysBetween(FIRST_DAY, d(`${year}-12-31`)) + offset)
    .filter((day) => day >= 0),
);
const requestPlan = fc.record({
  day: receiptDay,
  kind: fc.constantFrom(...KINDS),
  steps: fc.array(step, { maxLength: 10 }),
});
const casePlan = fc.record({
  request: fc.nat(100),
  litigation: fc.boolean(),
  afterReview: fc.boolean(),
  filedAfter: fc.nat(400),
  result: fc.constantFrom<CaseResult>('upheld', 'corrected', 'other', 'pending'),
  closedAfter: fc.nat(500),
});

/** An event of `kind` with dates and fields that fit the facts so far (the transitions still judge it). */
function candidate(kind: EventKind, s: LedgerState, p: { gap: number; pick: number }): RequestEvent {
  const last = s.lastEventOn ?? s.receivedOn;
  const at = addDays(last, p.gap);
  switch (kind) {
    case 'CorrectionRequested':
      return ev(kind, addDays(last, p.gap % 8), { items: '补正事项', dueBy: addDays(at, 1 + (p.pick % 20)) });
    case 'CorrectionLapsed':
      return ev(kind, addDays(s.correction!.dueBy, 1 + p.gap));
    case 'FeeLapsed':
      return ev(kind, addDays(s.fee!.payBy, 1 + p.gap));
    case 'Extended':
      return ev(kind, addDays(last, p.gap % 10), { workingDays: 1 + (p.pick % 20), approver: '办公室主任' });
    case 'FeeNoticeSent':
      return ev(kind, at, {
        amount: String(100 * (1 + (p.pick % 5))),
        method: p.pick % 2 ? 'perPiece' : 'perVolume',
      });
    case 'ThirdPartyConsultationStarted':
      return ev(kind, at, { thirdParty: '第三方' });
    case 'AgencyConsultationStarted':
      return ev(kind, at, { agency: '共同制作机关' });
    case 'Decided':
      return ev(kind, at, { outcome: DECIDABLE[p.pick % DECIDABLE.length] });
    default:
      return ev(kind, at);
  }
}

/** A random legal path through the transitions: illegal candidates are simply not recorded. */
function buildEntry(plan: ValueOf<typeof requestPlan>, index: number): LedgerEntry {
  const request = requestOf(`R${String(index).padStart(3, '0')}`, plan.kind, addDays(FIRST_DAY, plan.day));
  const events: RequestEvent[] = [];
  let state = initialState(request.receivedOn);
  const first = applyEvent(state, ev('Received', request.receivedOn), calendar);
  assert.ok(first.ok);
  events.push(ev('Received', request.receivedOn));
  state = first.value;
  for (const s of plan.steps) {
    // Withdrawal is allowed in every open state; keep it rarer so more requests reach an answer.
    const allowed = allowedEvents(state).filter((k) => k !== 'Withdrawn' || s.pick % 4 === 0);
    if (allowed.length === 0) break;
    const event = candidate(allowed[s.choice % allowed.length]!, state, s);
    const next = applyEvent(state, event, calendar);
    if (next.ok) {
      events.push(event);
      state = next.value;
    }
  }
  return { request, events };
}

function buildCases(
  plans: readonly ValueOf<typeof casePlan>[],
  entries: readonly LedgerEntry[],
): ReviewCase[] {
  const cases: ReviewCase[] = [];
  if (entries.length === 0) return cases;
  for (const [i, p] of plans.entries()) {
    const request = entries[p.request % entries.length]!.request;
    const review = cases.find((c) => c.kind === 'review' && c.requestId === request.id);
    const filedOn = addDays(request.receivedOn, p.filedAfter);
    const closed = p.result === 'pending' ? {} : { closedOn: addDays(filedOn, p.closedAfter) };
    cases.push({
      id: `C${String(i).padStart(3, '0')}`,
      agencyId: 'A',
      requestId: request.id,
      kind: p.litigation ? 'litigation' : 'review',
      ...(p.litigation && p.afterReview && review ? { afterReview: review.id } : {}),
      filedOn,
      result: p.result,
      ...closed,
    });
  }
  return cases;
}

describe('any legal history, any years (property)', () => {
  it('gives reports that pass validateReport every year, with 结转 matching year to year', () => {
    fc.assert(
      fc.property(
        fc.array(requestPlan, { maxLength: 25 }),
        fc.array(casePlan, { maxLength: 8 }),
        fc.constantFrom('activeInYear' as const, 'filedInYear' as const),
        (plans, casePlans, caseCounting) => {
          const entries = plans.map(buildEntry);
          const cases = buildCases(casePlans, entries);
          // Read straight off the logs, not through the register lines: a closing event is always the last.
          const closedOn = (e: LedgerEntry) =>
            (CLOSING_EVENTS as readonly string[]).includes(e.events.at(-1)!.kind)
              ? e.events.at(-1)!.at
              : undefined;
          const idsWhere = (test: (e: LedgerEntry) => boolean) =>
            entries
              .filter(test)
              .map((e) => e.request.id)
              .sort();
          let previous: AnnualReport | undefined;
          let outcomesCounted = 0;
          for (const year of YEARS) {
            const built = reportFromLedger({ year, ...AGENCY, entries, cases, calendar, caseCounting });
            assert.deepEqual(built.excluded, []);
            const findings = validateReport(built.report, previous ? { previous: previous } : {});
            const errors = findings.filter((f) => f.severity === 'error');
            assert.deepEqual(errors, [], `${year}: ${errors.map((f) => f.message).join('; ')}`);
            assert.ok(!findings.some((f) => f.rule === 'cross-year.carry-over'));
            // 本年新收 and 结转下年度 are the requests the logs say, by receipt date and by being open on 12-31.
            const yearEnd = `${year}-12-31` as LocalDate;
            assert.deepEqual(
              built.explainCell('new', 'total'),
              idsWhere((e) => e.request.receivedOn.startsWith(`${year}-`)),
            );
            assert.deepEqual(
              built.explainCell('carriedForward', 'total'),
              idsWhere((e) => {
                const closed = closedOn(e);
                return e.request.receivedOn <= yearEnd && (closed === undefined || closed > yearEnd);
              }),
            );
            // Every number is exactly the list explainCell gives.
            for (const r of requestRows(built.report.format))
              for (const [i, c] of REQUEST_COLUMN_KEYS.entries())
                assert.equal(built.report.requests[r.key]![i], built.explainCell(r.key, c).length);
            for (const b of REVIEW_BLOCKS)
              for (const c of REVIEW_COLUMNS)
                assert.equal(
                  built.report.reviewLitigation[b.key][c.key],
                  built.explainCell(b.key, c.key).length,
                );
            outcomesCounted += built.report.requests.total![6]!;
            previous = built.report;
          }
          // Each request closed in the years reported is counted once, in one outcome row of one year.
          const closedInRange = idsWhere((e) => {
            const closed = closedOn(e);
            return closed !== undefined && closed <= ('2027-12-31' as LocalDate);
          }).length;
          assert.equal(outcomesCounted, closedInRange);
        },
      ),
      { numRuns: 150 },
    );
  });
});
