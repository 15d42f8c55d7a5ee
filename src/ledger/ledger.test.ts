/**
 * The ledger's use cases against SQLite and PostgreSQL: requests taken in and moved through random
 * legal histories by intakeRequest / recordRequestEvent; the reports built from storage pass every
 * rule, carry over from year to year, equal the domain's own report from the same histories, and
 * every cell lists exactly the ids it counts. Refusals come back as values and write nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar } from '../calendar/official-calendar.js';
import { systemActor } from '../domain/access/policy.js';
import { addDays, type LocalDate, localDate } from '../domain/calendar/local-date.js';
import { formatForYear } from '../domain/report/format.js';
import { REQUEST_COLUMN_KEYS, REVIEW_BLOCKS, REVIEW_COLUMNS, requestRows } from '../domain/report/labels.js';
import type { AnnualReport } from '../domain/report/model.js';
import { hasErrors } from '../domain/report/validation/finding.js';
import { validateReport } from '../domain/report/validation/validate.js';
import type { ReviewCase } from '../domain/requests/cases.js';
import type { RequestEvent } from '../domain/requests/events.js';
import { OUTCOMES, type OutcomeKind, reportRowOf } from '../domain/requests/outcomes.js';
import { type LedgerEntry, reportFromLedger } from '../domain/requests/report-from-ledger.js';
import type { ApplicantKind, DisclosureRequest, Intake } from '../domain/requests/request.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { addAgency } from './agencies.js';
import { ledgerDeriveStep } from './derive.js';
import type { EventInput } from './event-input.js';
import { buildAnnualReport, buildLedgerReport, explainReportCell } from './report.js';
import { intakeRequest, recordRequestEvent } from './requests.js';

const d = localDate;
const calendar = officialCalendar();
const TODAY = d('2030-01-01');
const options = { today: TODAY, calendar };
const by = 'staff-1';
const staff = systemActor(by);
const YEARS = [2023, 2024, 2025, 2026];
const KINDS: readonly ApplicantKind[] = [
  'natural',
  'commercial',
  'research',
  'publicInterest',
  'legalService',
  'other',
];
const DECISIONS = OUTCOMES.filter((o) => !o.byEvent && o.kind !== 'unclearAfterCorrection').map(
  (o) => o.kind,
);

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rnd = ReturnType<typeof random>;

/** What a front end hands the ledger for a domain event: the event without `by` (the actor records it). */
const inputOf = (event: RequestEvent): EventInput => {
  const { by: _by, ...input } = event;
  return input as EventInput;
};

/** Histories the Regulation allows, after the Received event, from the receipt date `r`. */
const SCENARIOS: readonly ((r: LocalDate, rnd: Rnd) => RequestEvent[])[] = [
  () => [],
  (r, rnd) => [{ kind: 'Decided', at: addDays(r, rnd.int(60)), by, outcome: rnd.pick(DECISIONS) }],
  (r, rnd) => [{ kind: 'Withdrawn', at: addDays(r, rnd.int(30)), by }],
  (r, rnd) => [
    { kind: 'CorrectionRequested', at: addDays(r, 1), by, items: '请明确年份', dueBy: addDays(r, 15) },
    { kind: 'CorrectionLapsed', at: addDays(r, 16 + rnd.int(20)), by },
  ],
  (r, rnd) => [
    { kind: 'CorrectionRequested', at: addDays(r, 1), by, items: '请明确文件名称', dueBy: addDays(r, 15) },
    { kind: 'CorrectionReceived', at: addDays(r, 5), by },
    {
      kind: 'Decided',
      at: addDays(r, 5 + rnd.int(40)),
      by,
      outcome: rnd.pick([...DECISIONS, 'unclearAfterCorrection']),
    },
  ],
  (r, rnd) => [
    {
      kind: 'Extended',
      at: addDays(r, 2),
      by,
      workingDays: 1 + rnd.int(20),
      approver: '办公室主任',
      reason: '需调取档案',
    },
    { kind: 'Decided', at: addDays(r, 2 + rnd.int(50)), by, outcome: rnd.pick(DECISIONS) },
  ],
  (r, rnd) => [
    { kind: 'ThirdPartyConsultationStarted', at: addDays(r, 3), by, thirdParty: '某公司' },
    { kind: 'ThirdPartyConsultationEnded', at: addDays(r, 10), by },
    { kind: 'Decided', at: addDays(r, 12 + rnd.int(30)), by, outcome: rnd.pick(DECISIONS) },
  ],
  (r, rnd) => [
    { kind: 'FeeNoticeSent', at: addDays(r, 2), by, amount: '50', method: 'perPiece' },
    { kind: 'FeePaid', at: addDays(r, 6), by },
    { kind: 'Decided', at: addDays(r, 8 + rnd.int(30)), by, outcome: rnd.pick(DECISIONS) },
  ],
  (r, rnd) => [
    { kind: 'FeeNoticeSent', at: addDays(r, 2), by, amount: '120.5', method: 'perVolume' },
    { kind: 'FeeLapsed', at: addDays(r, 50 + rnd.int(10)), by },
  ],
];

interface Made {
  readonly entries: LedgerEntry[];
  /** In memory: receipt and closing of each request, the test's own oracle. */
  readonly facts: Map<
    string,
    { kind: ApplicantKind; receivedOn: LocalDate; closedOn?: LocalDate; outcome?: OutcomeKind }
  >;
}

async function makeLedger(storage: Storage, agencyId: number, count: number, seed: number): Promise<Made> {
  const rnd = random(seed);
  const entries: LedgerEntry[] = [];
  const facts: Made['facts'] = new Map();
  for (let n = 0; n < count; n++) {
    const arrived = addDays(d('2023-01-01'), rnd.int(3 * 365));
    const intake: Intake =
      n % 3 === 0
        ? { channel: 'online', arrivedOn: arrived, bothSidesConfirmedOn: addDays(arrived, 1) }
        : { channel: 'inPerson', submittedOn: arrived };
    const kind = rnd.pick(KINDS);
    const taken = await intakeRequest(
      storage,
      staff,
      {
        agencyId,
        applicant: { kind, name: `申请人${n}`, contact: { phone: '0591-0000000' } },
        content: { description: `请求公开第${n}号文件` },
        requestedForm: { medium: 'electronic', delivery: 'email' },
        ...(intake.channel === 'online'
          ? { channel: 'online', arrivedOn: intake.arrivedOn, receivedOn: intake.bothSidesConfirmedOn! }
          : { channel: 'inPerson', receivedOn: arrived }),
      },
      options,
    );
    assert.ok(taken.ok, JSON.stringify(taken));
    const { id, receivedOn } = taken.value;
    const events: RequestEvent[] = [{ kind: 'Received', at: receivedOn, by }];
    for (const event of rnd.pick(SCENARIOS)(receivedOn, rnd)) {
      const recorded = await recordRequestEvent(storage, staff, id, inputOf(event), options);
      assert.ok(recorded.ok, `${id} ${event.kind}: ${JSON.stringify(recorded)}`);
      events.push(event);
    }
    const last = events[events.length - 1]!;
    const outcome: OutcomeKind | undefined =
      last.kind === 'Decided'
        ? last.outcome
        : last.kind === 'Withdrawn'
          ? 'withdrawn'
          : last.kind === 'CorrectionLapsed'
            ? 'noCorrection'
            : last.kind === 'FeeLapsed'
              ? 'unpaidFee'
              : undefined;
    facts.set(id, { kind, receivedOn, ...(outcome ? { closedOn: last.at, outcome } : {}) });
    const request: DisclosureRequest = {
      id,
      agencyId: String(agencyId),
      applicant: { kind, name: `申请人${n}`, contact: {} },
      content: { description: '' },
      requestedForm: { medium: 'other', delivery: 'other' },
      intake,
      receivedOn,
    };
    entries.push({ request, events });
  }
  return { entries, facts };
}

const row = (report: AnnualReport, key: string) => report.requests[key as keyof AnnualReport['requests']];

for (const dialect of DIALECTS) {
  describe(`ledger use cases on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('random legal histories → reports that pass every rule, carry over, equal the domain’s, and explain every cell', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agency = await addAgency(storage, staff, { name: '平潭县人民政府办公室', kind: '部门' });
          assert.ok(agency.ok);
          const agencyId = agency.value.id;
          const other = await addAgency(storage, staff, { name: '别的机关' });
          assert.ok(other.ok);
          const made = await makeLedger(storage, agencyId, 60, 20241001);
          const elsewhere = await makeLedger(storage, other.value.id, 5, 7);

          // Section 四: a 复议 corrected, then litigation after it; a direct suit across a year end.
          const [first, second] = [...made.facts.keys()];
          const review = await storage.cases.add({
            agencyId,
            requestId: first!,
            kind: 'review',
            filedOn: d('2024-02-01'),
          });
          await storage.cases.close(review.id, d('2024-04-01'), 'corrected');
          const after = await storage.cases.add({
            agencyId,
            requestId: first!,
            kind: 'litigationAfterReview',
            filedOn: d('2024-05-01'),
          });
          const direct = await storage.cases.add({
            agencyId,
            requestId: second!,
            kind: 'litigationDirect',
            filedOn: d('2024-12-01'),
          });
          await storage.cases.close(direct.id, d('2025-03-01'), 'upheld');
          const cases: ReviewCase[] = [
            {
              id: review.id,
              agencyId: String(agencyId),
              requestId: first!,
              kind: 'review',
              filedOn: d('2024-02-01'),
              result: 'corrected',
              closedOn: d('2024-04-01'),
            },
            {
              id: after.id,
              agencyId: String(agencyId),
              requestId: first!,
              kind: 'litigation',
              afterReview: review.id,
              filedOn: d('2024-05-01'),
              result: 'pending',
            },
            {
              id: direct.id,
              agencyId: String(agencyId),
              requestId: second!,
              kind: 'litigation',
              filedOn: d('2024-12-01'),
              result: 'upheld',
              closedOn: d('2025-03-01'),
            },
          ];

          const reports = new Map<number, AnnualReport>();
          for (const year of YEARS) {
            const built = await buildLedgerReport(storage, agencyId, year, { calendar });
            assert.ok(built.ok);
            const ledger = built.value;
            const report = ledger.report;
            reports.set(year, report);
            assert.equal(report.agency, '平潭县人民政府办公室');
            assert.equal(report.format, formatForYear(year));
            assert.deepEqual(ledger.excluded, []);
            const findings = validateReport(report);
            assert.ok(
              !hasErrors(findings),
              `${year}: ${JSON.stringify(findings.filter((f) => f.severity === 'error'))}`,
            );

            const domain = reportFromLedger({
              year,
              agencyId: String(agencyId),
              agencyName: report.agency,
              entries: made.entries,
              cases,
              calendar,
            });
            assert.deepEqual(report, domain.report, `${year}: the domain's report from the same histories`);
            const verified = await buildLedgerReport(storage, agencyId, year, { calendar, verify: true });
            assert.ok(verified.ok);
            assert.deepEqual(verified.value.report, report, `${year}: replaying every log gives the same`);
            assert.deepEqual(verified.value.excluded, []);
            for (const id of verified.value.requestsIn('new', 'total'))
              assert.match(
                verified.value.request(id)!.applicantName,
                /^申请人\d+$/,
                'named by its Received event',
              );
            const counted = await buildAnnualReport(storage, staff, agencyId, year, { calendar });
            assert.ok(counted.ok);
            assert.deepEqual(counted.value.report, report, `${year}: the aggregation query gives the same`);
            assert.deepEqual(counted.value.excluded, []);

            // Every cell is the number of ids listed for it.
            for (const r of requestRows(report.format))
              for (const [i, column] of REQUEST_COLUMN_KEYS.entries())
                assert.equal(
                  ledger.requestsIn(r.key, column).length,
                  row(report, r.key)![i],
                  `${year} ${r.key}.${column}`,
                );
            for (const b of REVIEW_BLOCKS)
              for (const c of REVIEW_COLUMNS)
                assert.equal(
                  ledger.casesIn(b.key, c.key).length,
                  report.reviewLitigation[b.key][c.key],
                  `${year} ${b.key}.${c.key}`,
                );

            // The ids themselves, by the test's own oracle.
            const ids = (test: (f: Made['facts'] extends Map<string, infer F> ? F : never) => boolean) =>
              [...made.facts]
                .filter(([, f]) => test(f))
                .map(([id]) => id)
                .sort();
            const end = `${year}-12-31`;
            assert.deepEqual(
              ledger.requestsIn('new', 'total'),
              ids((f) => f.receivedOn.startsWith(`${year}-`)),
            );
            assert.deepEqual(
              ledger.requestsIn('carriedForward', 'total'),
              ids((f) => f.receivedOn <= end && (f.closedOn === undefined || f.closedOn > end)),
            );
            assert.deepEqual(
              ledger.requestsIn('granted', 'natural'),
              ids(
                (f) =>
                  f.kind === 'natural' &&
                  f.closedOn?.startsWith(`${year}-`) === true &&
                  reportRowOf(f.outcome!, report.format) === 'granted',
              ),
            );
          }
          for (const year of YEARS.slice(1))
            assert.deepEqual(
              row(reports.get(year)!, 'carriedOver'),
              row(reports.get(year - 1)!, 'carriedForward'),
              `${year - 1} 结转 = ${year} 上年结转`,
            );
          const total = [...YEARS].reduce((n, y) => n + row(reports.get(y)!, 'new')![6]!, 0);
          assert.equal(total, 60);
          assert.deepEqual(reports.get(2024)!.reviewLitigation.review, {
            upheld: 0,
            corrected: 1,
            other: 0,
            pending: 0,
            total: 1,
          });
          assert.deepEqual(reports.get(2024)!.reviewLitigation.litigationDirect.pending, 1);
          assert.deepEqual(reports.get(2025)!.reviewLitigation.litigationDirect.upheld, 1);
          assert.deepEqual(reports.get(2025)!.reviewLitigation.litigationAfterReview.pending, 1);

          // The use case itself, on a few cells.
          const explained = await explainReportCell(storage, staff, agencyId, 2024, 'new.total', {
            calendar,
          });
          assert.ok(explained.ok);
          assert.equal(explained.value.value, row(reports.get(2024)!, 'new')![6]);
          assert.equal(explained.value.items.length, explained.value.value);
          assert.equal(explained.value.rowLabel, '一、本年新收政府信息公开申请数量');
          for (const item of explained.value.items) {
            assert.equal(item.type, 'request');
            assert.match(item.line, new RegExp(`^${item.id}  申请人\\d+（.+）  收到 2024-`));
          }
          // Replaying the logs lists the same requests, the same way.
          const replayed = await explainReportCell(storage, staff, agencyId, 2024, 'new.total', {
            calendar,
            verify: true,
          });
          assert.ok(replayed.ok);
          assert.deepEqual(
            replayed.value.items.map((i) => i.line),
            explained.value.items.map((i) => i.line),
          );
          const cases2025 = await explainReportCell(
            storage,
            staff,
            agencyId,
            2025,
            'litigationDirect.upheld',
            {
              calendar,
            },
          );
          assert.ok(cases2025.ok);
          assert.deepEqual(
            cases2025.value.items.map((i) => i.id),
            [direct.id],
          );
          assert.match(cases2025.value.items[0]!.line, /行政诉讼 {2}立案 2024-12-01 {2}维持 2025-03-01/);
          assert.equal(cases2025.value.rowLabel, '行政诉讼 未经复议直接起诉');

          // The cached columns are what the whole logs derive (incremental = rebuild).
          assert.deepEqual((await storage.requests.verifyDerived()).mismatched, []);
          // Every write is audited: 65 intakes + each recorded event + 2 agencies.
          const audit = await storage.auditLog.list({ limit: 100_000 });
          const events = [...made.entries, ...elsewhere.entries].reduce((n, e) => n + e.events.length - 1, 0);
          assert.equal(audit.filter((a) => a.action === 'request.intake').length, 65);
          assert.equal(audit.filter((a) => a.action === 'request.event').length, events);
          assert.equal(audit.filter((a) => a.action === 'agency.add').length, 2);
        },
        { derive: ledgerDeriveStep },
      ));

    it('refuses illegal events as values with the domain’s code and reason, and writes nothing', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agency = await addAgency(storage, staff, { name: '某区' });
          assert.ok(agency.ok);
          const taken = await intakeRequest(
            storage,
            staff,
            {
              agencyId: agency.value.id,
              applicant: { kind: 'natural', name: '张三', contact: {} },
              content: { description: '某文件' },
              requestedForm: { medium: 'paper', delivery: 'post' },
              channel: 'postSigned',
              receivedOn: d('2025-03-03'),
            },
            options,
          );
          assert.ok(taken.ok);
          const id = taken.value.id;
          const stored = await storage.requests.get(id);
          // Stored as keys (migration 0002): the presenters put them in words.
          assert.equal(stored?.applicantKind, 'natural');
          assert.equal(stored?.channel, 'postSigned');
          const auditBefore = (await storage.auditLog.list()).length;

          const refusal = async (event: EventInput, opts = options) => {
            const result = await recordRequestEvent(storage, staff, id, event, opts);
            assert.equal(result.ok, false);
            return result.ok ? undefined : result.error;
          };
          const early = await refusal({ kind: 'Decided', at: d('2025-03-01'), outcome: 'disclosed' });
          assert.equal(early?.code, 'request.date-order');
          assert.match(early!.message, /^事件日期不能早于前一事件/);
          assert.equal(
            (await refusal({ kind: 'Decided', at: d('2025-03-05'), outcome: 'withdrawn' }))?.code,
            'request.outcome-by-event',
          );
          assert.equal(
            (await refusal({ kind: 'FeePaid', at: d('2025-03-05') }))?.code,
            'request.not-allowed',
          );
          assert.equal(
            (
              await refusal(
                { kind: 'Decided', at: d('2025-03-05'), outcome: 'disclosed' },
                { ...options, today: d('2025-03-04') },
              )
            )?.code,
            'request.event-after-today',
          );
          assert.equal((await storage.requests.events(id)).length, 1);
          assert.equal((await storage.auditLog.list()).length, auditBefore);

          const extended = await recordRequestEvent(
            storage,
            staff,
            id,
            { kind: 'Extended', at: d('2025-03-20'), workingDays: 20, approver: '主任' },
            options,
          );
          assert.ok(extended.ok);
          assert.equal(extended.value.seq, 2);
          assert.equal(
            (await refusal({ kind: 'Extended', at: d('2025-03-21'), workingDays: 5, approver: '主任' }))
              ?.code,
            'request.extension-twice',
          );
          assert.ok(
            (
              await recordRequestEvent(
                storage,
                staff,
                id,
                { kind: 'Decided', at: d('2025-04-01'), outcome: 'partial' },
                options,
              )
            ).ok,
          );
          assert.equal(
            (await refusal({ kind: 'Withdrawn', at: d('2025-04-02') }))?.code,
            'request.already-decided',
          );
          assert.deepEqual((await storage.requests.get(id))?.derived, {
            closedOn: '2025-04-01',
            closingType: 'Decided',
            outcome: 'partial',
          });

          const unknown = await recordRequestEvent(
            storage,
            staff,
            'no-such-id',
            { kind: 'Withdrawn', at: d('2025-04-02') },
            options,
          );
          assert.equal(unknown.ok ? undefined : unknown.error.code, 'request.unknown');
        },
        { derive: ledgerDeriveStep },
      ));

    it('refuses an intake the Regulation cannot date or no agency holds, writing nothing', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agency = await addAgency(storage, staff, { name: '某区' });
          assert.ok(agency.ok);
          const input = {
            agencyId: agency.value.id,
            applicant: { kind: 'commercial' as const, name: '某公司', contact: {} },
            content: { description: '某文件' },
            requestedForm: { medium: 'electronic' as const, delivery: 'online' as const },
          };
          // Art. 31 counts from the confirmation: an online request cannot arrive after it.
          const confirmedBeforeArrival = await intakeRequest(
            storage,
            staff,
            { ...input, channel: 'online', arrivedOn: d('2025-03-04'), receivedOn: d('2025-03-03') },
            options,
          );
          assert.equal(
            confirmedBeforeArrival.ok ? undefined : confirmedBeforeArrival.error.code,
            'intake.date-order',
          );
          // Handed in at the counter, or signed for: the receipt is the one day there is.
          const arrivalOfHanded = await intakeRequest(
            storage,
            staff,
            { ...input, channel: 'inPerson', arrivedOn: d('2025-03-01'), receivedOn: d('2025-03-03') },
            options,
          );
          assert.equal(
            arrivalOfHanded.ok ? undefined : arrivalOfHanded.error.code,
            'intake.arrival-not-kept',
          );
          const noAgency = await intakeRequest(
            storage,
            staff,
            { ...input, agencyId: 999, channel: 'inPerson', receivedOn: d('2025-03-03') },
            options,
          );
          assert.equal(noAgency.ok ? undefined : noAgency.error.code, 'agency.unknown');
          const future = await intakeRequest(
            storage,
            staff,
            { ...input, channel: 'inPerson', receivedOn: d('2025-03-03') },
            { today: d('2025-03-02') },
          );
          assert.equal(future.ok ? undefined : future.error.code, 'request.event-after-today');
          assert.equal((await storage.requests.reportRows([agency.value.id], 2025)).length, 0);
          assert.equal(
            (await storage.auditLog.list()).filter((a) => a.action === 'request.intake').length,
            0,
          );

          const again = {
            ...input,
            externalRef: 'ref-1',
            channel: 'inPerson' as const,
            receivedOn: d('2025-03-03'),
          };
          const once = await intakeRequest(storage, staff, again, options);
          const twice = await intakeRequest(storage, staff, again, options);
          assert.ok(once.ok && twice.ok);
          assert.deepEqual(
            [once.value.status, twice.value.status, twice.value.id],
            ['created', 'duplicate', once.value.id],
          );
        },
        { derive: ledgerDeriveStep },
      ));

    it('leaves out a log written around the ledger that the domain refuses, and says why', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agency = await addAgency(storage, staff, { name: '某区' });
          assert.ok(agency.ok);
          const agencyId = agency.value.id;
          const taken = await intakeRequest(
            storage,
            staff,
            {
              agencyId,
              applicant: { kind: 'natural', name: '张三', contact: {} },
              content: { description: '某文件' },
              requestedForm: { medium: 'paper', delivery: 'collect' },
              channel: 'inPerson',
              receivedOn: d('2024-05-06'),
            },
            options,
          );
          assert.ok(taken.ok);
          // Answered before it was received: appended straight to storage, no domain check.
          await storage.requests.appendEvent(taken.value.id, {
            type: 'Decided',
            kind: 'Decided',
            at: d('2024-05-05'),
            by,
            outcome: 'disclosed',
          });
          for (const verify of [false, true]) {
            const built = await buildLedgerReport(storage, agencyId, 2024, { calendar, verify });
            assert.ok(built.ok);
            assert.deepEqual(
              built.value.excluded.map((x) => [x.id, x.refusal.code]),
              [[taken.value.id, 'request.date-order']],
              verify ? 'replayed' : 'cached',
            );
            assert.equal(row(built.value.report, 'new')![6], 0);
            assert.ok(!hasErrors(validateReport(built.value.report)));
          }
          // A request row whose applicant column no report column holds is left out too.
          await storage.requests.intake(
            {
              agencyId,
              applicantKind: '公民',
              applicantName: '某',
              content: '某',
              channel: 'online',
              receivedOn: d('2024-06-01'),
            },
            { type: 'Received', at: d('2024-06-01') },
          );
          const odd = await buildLedgerReport(storage, agencyId, 2024, { calendar });
          assert.ok(odd.ok);
          assert.deepEqual(odd.value.excluded.map((x) => x.refusal.code).sort(), [
            'request.date-order',
            'request.stored-invalid',
          ]);
          // `report build`'s aggregation cannot place these rows: it counts by the register lines
          // instead, so that the same records are left out and listed.
          const counted = await buildAnnualReport(storage, staff, agencyId, 2024, { calendar });
          assert.ok(counted.ok);
          assert.deepEqual(counted.value.excluded, odd.value.excluded);
          assert.deepEqual(counted.value.report, odd.value.report);
        },
        { derive: ledgerDeriveStep },
      ));

    it('turns an unknown agency, year or cell away with a reason', () =>
      withStorage(
        dialect,
        async (storage) => {
          const noAgency = await buildAnnualReport(storage, staff, 42, 2024);
          assert.equal(noAgency.ok ? undefined : noAgency.error.code, 'agency.unknown');
          const agency = await addAgency(storage, staff, { name: '某区' });
          assert.ok(agency.ok);
          const badYear = await buildLedgerReport(storage, agency.value.id, 2018);
          assert.equal(badYear.ok ? undefined : badYear.error.code, 'report.year');
          const cell = await explainReportCell(storage, staff, agency.value.id, 2024, 'granted.people');
          assert.equal(cell.ok ? undefined : cell.error.code, 'report.unknown-cell');
          assert.match(cell.ok ? '' : cell.error.message, /未知的列 people.*natural, commercial/);
          const row2019 = await explainReportCell(storage, staff, agency.value.id, 2020, 'other.other.total');
          assert.match(row2019.ok ? '' : row2019.error.message, /未知的行 other\.other.*2019 年格式/);
          const ok2019 = await explainReportCell(storage, staff, agency.value.id, 2020, 'other.total');
          assert.ok(ok2019.ok);
          const dup = await addAgency(storage, staff, { name: '甲', code: 'X1' });
          const dup2 = await addAgency(storage, staff, { name: '乙', code: 'X1' });
          assert.ok(dup.ok);
          assert.equal(dup2.ok ? undefined : dup2.error.code, 'agency.code-taken');
          const orphan = await addAgency(storage, staff, { name: '丙', parentId: 77 });
          assert.equal(orphan.ok ? undefined : orphan.error.code, 'agency.parent-unknown');
        },
        { derive: ledgerDeriveStep },
      ));
  });
}
