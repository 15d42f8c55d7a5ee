/**
 * The aggregation query against the domain's own counting: random registers of a few agencies are
 * stored (a receipt event, and for the closed ones a closing event carrying the outcome), then the
 * query's section 三 for every agency and every year around them must equal `sectionsFromLines` over
 * the same register lines, on each dialect.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, daysBetween, type LocalDate, localDate } from '../domain/calendar/local-date.js';
import type { LedgerLine } from '../domain/requests/carry-over.js';
import { OUTCOMES, type OutcomeKind } from '../domain/requests/outcomes.js';
import { sectionsFromLines } from '../domain/requests/report-from-ledger.js';
import { APPLICANT_KIND_LABELS, type ApplicantKind } from '../domain/requests/request.js';
import { aggregateRequestSections, UnmappableRequestError } from './report-aggregate.js';
import type { Storage } from './storage.js';
import { DIALECTS, withStorage } from './test-dialects.js';

const FIRST_YEAR = 2018;
const LAST_YEAR = 2026;
const KINDS = Object.keys(APPLICANT_KIND_LABELS) as ApplicantKind[];
const OUTCOME_KINDS = OUTCOMES.map((o) => o.kind);
const EPOCH = localDate(`${FIRST_YEAR}-01-01`);
const DAYS = 365 * (LAST_YEAR - FIRST_YEAR + 1);

interface GeneratedRequest {
  readonly agency: number;
  readonly kind: ApplicantKind;
  readonly receivedDay: number;
  /** Days from receipt to closing; null: still open. */
  readonly closedAfter: number | null;
  readonly outcome: OutcomeKind;
}

/** Days (from EPOCH) of every 12-31 and 01-01 in range: where the counting rule changes its mind. */
const YEAR_EDGES: number[] = [];
for (let year = FIRST_YEAR; year <= LAST_YEAR + 1; year++) {
  const firstDay = daysBetween(EPOCH, localDate(`${year}-01-01`));
  YEAR_EDGES.push(firstDay - 1, firstDay);
}

/** A day of the range, a third of the time on a year's edge. */
const day = fc.oneof(
  { weight: 2, arbitrary: fc.nat(DAYS - 1) },
  { weight: 1, arbitrary: fc.constantFrom(...YEAR_EDGES).filter((d) => d >= 0 && d < DAYS) },
);

const generatedRequest = (agencies: number): fc.Arbitrary<GeneratedRequest> =>
  fc
    .record({
      agency: fc.nat(agencies - 1),
      kind: fc.constantFrom(...KINDS),
      receivedDay: day,
      // The same day, within weeks, years later, or on a year's edge after receipt; a third stay open.
      closing: fc.option(
        fc.oneof(
          fc.constant({ after: 0 }),
          fc.nat(60).map((after) => ({ after })),
          fc.nat(900).map((after) => ({ after })),
          day.map((on) => ({ on })),
        ),
        { freq: 2 },
      ),
      outcome: fc.constantFrom(...OUTCOME_KINDS),
    })
    .map(({ closing, ...r }) => ({
      ...r,
      closedAfter:
        closing === null
          ? null
          : 'after' in closing
            ? closing.after
            : // An edge before receipt becomes the first edge after it.
              (closing.on >= r.receivedDay ? closing.on : YEAR_EDGES.find((d) => d >= r.receivedDay)!) -
              r.receivedDay,
    }));

const register = fc.integer({ min: 1, max: 3 }).chain((agencies) =>
  fc.record({
    agencies: fc.constant(agencies),
    requests: fc.array(generatedRequest(agencies), { maxLength: 40 }),
  }),
);

async function store(storage: Storage, agencyIds: readonly number[], requests: readonly GeneratedRequest[]) {
  const lines = new Map<number, LedgerLine[]>(agencyIds.map((id) => [id, []]));
  const items = requests.map((r, i) => {
    const agencyId = agencyIds[r.agency]!;
    const receivedOn = addDays(EPOCH, r.receivedDay);
    const closedOn = r.closedAfter === null ? undefined : addDays(receivedOn, r.closedAfter);
    const id = `00000000-0000-4000-8000-${String(agencyId).padStart(6, '0')}${String(i).padStart(6, '0')}`;
    lines.get(agencyId)!.push({
      requestId: id,
      agencyId: String(agencyId),
      applicantKind: r.kind,
      receivedOn,
      ...(closedOn ? { closedOn, outcome: r.outcome } : {}),
    });
    const events: { type: string; at: LocalDate; outcome?: string }[] = [
      { type: 'Received', at: receivedOn },
    ];
    if (closedOn) events.push({ type: 'Decided', at: closedOn, outcome: r.outcome });
    return {
      request: {
        id,
        agencyId,
        applicantKind: r.kind,
        applicantName: `申请人${i}`,
        content: '申请公开某项目的批复文件',
        channel: 'online',
        receivedOn,
      },
      events,
    };
  });
  await storage.requests.importMany(items);
  return lines;
}

for (const dialect of DIALECTS) {
  describe(`section 三 aggregated in the database on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('equals the domain’s count for every agency and year, on random registers', () =>
      withStorage(dialect, async (storage) => {
        await fc.assert(
          fc.asyncProperty(register, async ({ agencies, requests }) => {
            const agencyIds: number[] = [];
            for (let i = 0; i < agencies; i++)
              agencyIds.push((await storage.agencies.add({ name: `机关${i}`, kind: '区县' })).id);
            const lines = await store(storage, agencyIds, requests);
            for (let year = FIRST_YEAR - 1; year <= LAST_YEAR + 3; year++) {
              const tables = await aggregateRequestSections(storage.db, year, agencyIds);
              assert.deepEqual([...tables.keys()].sort(), [...agencyIds].sort());
              for (const id of agencyIds) {
                const expected = sectionsFromLines({
                  year,
                  agencyName: '机关',
                  lines: lines.get(id)!,
                  cases: [],
                }).report.requests;
                assert.deepEqual(tables.get(id), expected, `agency ${id}, ${year}`);
              }
            }
          }),
          { numRuns: 40 },
        );
      }));

    it('without a list, covers every agency with a request the year concerns', () =>
      withStorage(dialect, async (storage) => {
        const a = (await storage.agencies.add({ name: '甲', kind: '市' })).id;
        const b = (await storage.agencies.add({ name: '乙', kind: '区县', parentId: a })).id;
        const c = (await storage.agencies.add({ name: '丙', kind: '区县', parentId: a })).id;
        await store(
          storage,
          [a, b, c],
          [
            {
              agency: 0,
              kind: 'natural',
              receivedDay: 400,
              closedAfter: 10,
              outcome: 'partial',
            },
            {
              agency: 1,
              kind: 'legalService',
              receivedDay: 500,
              closedAfter: null,
              outcome: 'other',
            },
            // 2018: closed before 2019 began, so 2019 does not concern it.
            {
              agency: 2,
              kind: 'other',
              receivedDay: 5,
              closedAfter: 3,
              outcome: 'disclosed',
            },
          ],
        );
        const tables = await aggregateRequestSections(storage.db, 2019);
        assert.deepEqual([...tables.keys()].sort(), [a, b].sort());
        assert.equal(tables.get(a)?.partial?.[0], 1);
        assert.deepEqual(tables.get(b)?.carriedForward, [0, 0, 0, 0, 1, 0, 1]);
        assert.equal(tables.get(b)?.['other.other'], undefined, '2019 format: one （六）其他处理 row');
      }));

    it('refuses a stored applicant kind or outcome that no row holds', () =>
      withStorage(dialect, async (storage) => {
        /** A new agency with one request of that applicant kind and history (receipt first). */
        const agencyWith = async (
          applicantKind: string,
          events: { type: string; at: string; outcome?: string }[],
        ) => {
          const agencyId = (await storage.agencies.add({ name: `机关${applicantKind}`, kind: '市' })).id;
          await storage.requests.importMany([
            {
              request: {
                agencyId,
                applicantKind,
                applicantName: '张三',
                content: '…',
                channel: 'inPerson',
                receivedOn: localDate(events[0]!.at),
              },
              events,
            },
          ]);
          return agencyId;
        };
        const a = await agencyWith('natural', [
          { type: 'Received', at: '2024-03-01' },
          { type: 'Decided', at: '2024-03-05', outcome: '已答复' },
        ]);
        await assert.rejects(
          aggregateRequestSections(storage.db, 2024, [a]),
          (e) => e instanceof UnmappableRequestError && e.column === 'outcome' && e.value === '已答复',
        );
        // 2025 does not concern the request, so nothing needs mapping.
        assert.deepEqual(
          (await aggregateRequestSections(storage.db, 2025, [a])).get(a)?.new,
          [0, 0, 0, 0, 0, 0, 0],
        );
        await assert.rejects(aggregateRequestSections(storage.db, 2024.5, [a]), TypeError);
        // Closed before it was received: no transition writes that, and no row of the table counts it.
        const b = await agencyWith('natural', [
          { type: 'Received', at: '2024-03-10' },
          { type: 'Decided', at: '2024-03-05', outcome: 'disclosed' },
        ]);
        await assert.rejects(
          aggregateRequestSections(storage.db, 2024, [b]),
          (e) => e instanceof UnmappableRequestError && e.column === 'closed_on' && e.agencyId === b,
        );
        // An applicant kind that is not a column key, even on an open request; a label (自然人) is
        // not one either: migration 0002 turned the labels once stored into keys.
        for (const kind of ['个人', '自然人']) {
          const c = await agencyWith(kind, [{ type: 'Received', at: '2024-04-01' }]);
          await assert.rejects(
            aggregateRequestSections(storage.db, 2024, [c]),
            (e) => e instanceof UnmappableRequestError && e.column === 'applicant_kind' && e.value === kind,
          );
        }
      }));
  });
}
