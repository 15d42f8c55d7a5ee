/**
 * 更正 as an invariant: any history with any voids the rules accept yields the same state, due date,
 * cached closing columns and annual-report counts as the same history with the voided events never
 * recorded — and the stored log still holds every event and every void (nothing erased).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { officialCalendar } from '../calendar/official-calendar.js';
import { systemActor } from '../domain/access/policy.js';
import { addDays, localDate } from '../domain/calendar/local-date.js';
import type { OutcomeKind } from '../domain/requests/outcomes.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, type TestDialect, withStorage } from '../storage/test-dialects.js';
import { addAgency } from './agencies.js';
import { voidRequestEvent } from './corrections.js';
import { ledgerDeriveStep } from './derive.js';
import type { EventInput } from './event-input.js';
import { buildAnnualReport } from './report.js';
import { viewRequest } from './request-view.js';
import { intakeRequest, recordRequestEvent } from './requests.js';

/** A fresh database opened as the ledger opens it (its derive step), as every command and the server do. */
const inLedger = (dialect: TestDialect, test: (storage: Storage) => Promise<void>) =>
  withStorage(dialect, test, { derive: ledgerDeriveStep });
const calendar = officialCalendar();
const TODAY = localDate('2025-06-30');
const RECEIVED = localDate('2025-03-03');
const options = { today: TODAY, calendar };
const actor = systemActor('t');
const OUTCOMES: readonly OutcomeKind[] = ['disclosed', 'partial', 'notHeld', 'stateSecret'];

/** A candidate event on day `day` after receipt; the domain decides whether it fits where it falls. */
const candidate = fc.oneof(
  fc.record({ day: fc.integer({ min: 1, max: 8 }) }).map(
    ({ day }): EventInput => ({
      kind: 'CorrectionRequested',
      at: addDays(RECEIVED, day),
      items: '请写明文件名称',
      dueBy: addDays(RECEIVED, day + 10),
    }),
  ),
  fc
    .integer({ min: 2, max: 15 })
    .map((day): EventInput => ({ kind: 'CorrectionReceived', at: addDays(RECEIVED, day) })),
  fc.integer({ min: 1, max: 25 }).map(
    (day): EventInput => ({
      kind: 'Extended',
      at: addDays(RECEIVED, day),
      workingDays: 15,
      approver: '主任',
    }),
  ),
  fc.integer({ min: 1, max: 20 }).map(
    (day): EventInput => ({
      kind: 'ThirdPartyConsultationStarted',
      at: addDays(RECEIVED, day),
      thirdParty: '某公司',
    }),
  ),
  fc
    .integer({ min: 2, max: 40 })
    .map((day): EventInput => ({ kind: 'ThirdPartyConsultationEnded', at: addDays(RECEIVED, day) })),
  fc
    .tuple(fc.integer({ min: 3, max: 60 }), fc.constantFrom(...OUTCOMES))
    .map(([day, outcome]): EventInput => ({ kind: 'Decided', at: addDays(RECEIVED, day), outcome })),
);

async function freshRequest(storage: Storage): Promise<{ agencyId: number; id: string }> {
  const agency = await addAgency(storage, actor, { name: '潭城镇' });
  assert.ok(agency.ok);
  const intake = await intakeRequest(
    storage,
    actor,
    {
      agencyId: agency.value.id,
      applicant: { kind: 'natural', name: '张三', contact: {} },
      content: { description: '某项目的批复文件' },
      channel: 'inPerson',
      receivedOn: RECEIVED,
    },
    options,
  );
  assert.ok(intake.ok);
  return { agencyId: agency.value.id, id: intake.value.id };
}

/** What a person and the report see of a request. */
async function observed(storage: Storage, agencyId: number, id: string) {
  const view = await viewRequest(storage, actor, id, { asOf: TODAY, calendar });
  assert.ok(view.ok, view.ok ? '' : view.error.message);
  const report = await buildAnnualReport(storage, actor, agencyId, 2025);
  assert.ok(report.ok);
  const row = await storage.requests.get(id);
  const s = view.value.status;
  return {
    state: s.state,
    dueDate: s.dueDate ?? null,
    closedOn: s.closedOn ?? null,
    outcome: s.outcome ?? null,
    allowed: view.value.allowed,
    derived: row?.derived,
    requests: report.value.report.requests,
  };
}

for (const dialect of DIALECTS.filter((d) => d.name === 'sqlite')) {
  describe(`更正 as an invariant on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('a history with voids is the history with the voided events never recorded, and keeps every entry', () =>
      fc.assert(
        fc.asyncProperty(
          fc.array(candidate, { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat(10), { maxLength: 4 }),
          async (events, voidPicks) => {
            await inLedger(dialect, async (storage) => {
              const { agencyId, id } = await freshRequest(storage);
              const recorded: { seq: number; input: EventInput }[] = [];
              for (const input of events) {
                const r = await recordRequestEvent(storage, actor, id, input, options);
                if (r.ok) recorded.push({ seq: r.value.seq, input });
              }
              const voided = new Set<number>();
              for (const pick of voidPicks) {
                const live = recorded.filter((e) => !voided.has(e.seq));
                if (live.length === 0) break;
                const target = live[pick % live.length]!;
                const r = await voidRequestEvent(storage, actor, id, target.seq, '录错', options);
                if (r.ok) voided.add(target.seq);
              }
              const withVoids = await observed(storage, agencyId, id);
              const stored = await storage.requests.events(id);
              assert.equal(
                stored.length,
                1 + recorded.length + voided.size,
                'nothing erased: events and voids all kept',
              );

              await inLedger(dialect, async (clean) => {
                const again = await freshRequest(clean);
                for (const e of recorded.filter((x) => !voided.has(x.seq))) {
                  const r = await recordRequestEvent(clean, actor, again.id, e.input, options);
                  assert.ok(r.ok, r.ok ? '' : `${e.input.kind}: ${r.error.message}`);
                }
                assert.deepEqual(withVoids, await observed(clean, again.agencyId, again.id));
              });
            });
          },
        ),
        { numRuns: 25 },
      ));
  });
}
