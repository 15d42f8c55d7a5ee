/**
 * The inbox (待办), on SQLite and PostgreSQL: an agency's open requests, sorted by reply due date in
 * SQL over the schedule cache and paged, as the back office reads it.
 * - Open requests only, the most pressing first: overdue, then by due date; those awaiting the
 *   applicant's correction (Art. 30: no reply period runs) last. `total` counts every page.
 * - Filters: state, channel, applicant kind, year of receipt, urgency (overdue; due soon, within
 *   DUE_SOON_WORKING_DAYS = 3 working days; on time) and text (a piece of the applicant's name or the
 *   content, Latin letters in either case, or the id's beginning), where a '%' or '_' typed is that
 *   character, not a wildcard.
 * - A due date that moves by itself is kept fresh: while a third-party consultation runs (Art. 32) the
 *   date is provisional and is recomputed on the next day the inbox is read.
 * - A change of the working calendar moves every open due date, and the inbox shows the new ones.
 * - Paging through the inbox gives each open request exactly once, in due-date order (a property).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { officialCalendar } from '../calendar/official-calendar.js';
import { systemActor } from '../domain/access/policy.js';
import { addDays, type LocalDate, localDate } from '../domain/calendar/local-date.js';
import { addWorkingDays } from '../domain/calendar/working-days.js';
import type { ApplicantKind, Channel } from '../domain/requests/request.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { addAgency } from './agencies.js';
import { setCalendarDay, unsetCalendarDay } from './calendar.js';
import { ledgerDeriveStep } from './derive.js';
import type { EventInput } from './event-input.js';
import { DUE_SOON_WORKING_DAYS, type InboxFilters, inbox } from './request-view.js';
import { intakeRequest, recordRequestEvent } from './requests.js';

const d = localDate;
/** A Wednesday; 2025-01-20 (Monday) is three working days on. */
const TODAY = d('2025-01-15');
const staff = systemActor('staff-1');
const admin = systemActor('admin-1');

interface Given {
  readonly name: string;
  readonly kind?: ApplicantKind;
  readonly content?: string;
  readonly channel?: Channel;
  readonly receivedOn: string;
  readonly arrivedOn?: string;
  readonly events?: readonly EventInput[];
}

/** Takes a request in at the agency (on TODAY, by the stored calendar) and records its events. */
async function given(storage: Storage, agencyId: number, g: Given): Promise<string> {
  const taken = await intakeRequest(
    storage,
    staff,
    {
      agencyId,
      applicant: { kind: g.kind ?? 'natural', name: g.name, contact: {} },
      content: { description: g.content ?? '某项目的批复文件' },
      channel: g.channel ?? 'inPerson',
      receivedOn: d(g.receivedOn),
      ...(g.arrivedOn ? { arrivedOn: d(g.arrivedOn) } : {}),
    },
    { today: TODAY },
  );
  assert.ok(taken.ok, JSON.stringify(taken));
  for (const event of g.events ?? []) {
    const recorded = await recordRequestEvent(storage, staff, taken.value.id, event, { today: TODAY });
    assert.ok(recorded.ok, `${g.name} ${event.kind}: ${JSON.stringify(recorded)}`);
  }
  return taken.value.id;
}

async function agency(storage: Storage, name: string): Promise<number> {
  const added = await addAgency(storage, staff, { name });
  assert.ok(added.ok);
  return added.value.id;
}

/** The county's register on TODAY: six open requests, two closed, and one of another county. */
async function county(storage: Storage) {
  const agencyId = await agency(storage, '平潭县人民政府办公室');
  const other = await agency(storage, '闽侯县人民政府办公室');
  const ids = {
    // Due 2024-12-18: overdue.
    overdue: await given(storage, agencyId, {
      name: '张三',
      content: '2024年城区道路维修项目的招标文件',
      receivedOn: '2024-11-20',
    }),
    // Due 2025-01-20, the third working day after TODAY: due soon.
    dueSoon: await given(storage, agencyId, {
      name: '福建ABC科技有限公司',
      kind: 'commercial',
      content: '某地块的国有土地使用权出让合同',
      channel: 'online',
      arrivedOn: '2024-12-19',
      receivedOn: '2024-12-20',
    }),
    // Due 2025-01-21, one working day past that: on time.
    nextDay: await given(storage, agencyId, {
      name: '赵六',
      content: '某小区加装电梯的审批意见',
      channel: 'postOrdinary',
      receivedOn: '2024-12-23',
    }),
    // Due 2025-02-13 (the Spring Festival holidays skipped).
    later: await given(storage, agencyId, {
      name: '李四',
      content: '完成率100%的民生项目清单',
      channel: 'postSigned',
      receivedOn: '2025-01-10',
    }),
    // Paused: the consultation runs, so 2025-02-17 holds for today only.
    consulting: await given(storage, agencyId, {
      name: '某律师事务所',
      kind: 'legalService',
      content: '某路段拓宽工程的征收补偿方案',
      channel: 'fax',
      receivedOn: '2025-01-13',
      events: [{ kind: 'ThirdPartyConsultationStarted', at: d('2025-01-14'), thirdParty: '某建设公司' }],
    }),
    // Awaiting correction: no reply due date.
    correction: await given(storage, agencyId, {
      name: '某研究所_课题组',
      kind: 'research',
      content: '课题经费的使用情况',
      channel: 'email',
      receivedOn: '2025-01-06',
      events: [
        { kind: 'CorrectionRequested', at: d('2025-01-08'), items: '请写明年份', dueBy: d('2025-01-22') },
      ],
    }),
    decided: await given(storage, agencyId, {
      name: '张三',
      receivedOn: '2024-12-02',
      events: [{ kind: 'Decided', at: d('2024-12-20'), outcome: 'disclosed' }],
    }),
    withdrawn: await given(storage, agencyId, {
      name: '某协会',
      kind: 'publicInterest',
      receivedOn: '2024-12-16',
      events: [{ kind: 'Withdrawn', at: d('2024-12-18') }],
    }),
    elsewhere: await given(storage, other, { name: '张三', receivedOn: '2025-01-08' }),
  };
  return { agencyId, ids };
}

type Ids = Awaited<ReturnType<typeof county>>['ids'];
/** Open, by due date: the order the inbox must give. */
const OPEN: readonly (keyof Ids)[] = ['overdue', 'dueSoon', 'nextDay', 'later', 'consulting', 'correction'];

async function read(storage: Storage, agencyId: number, filters: InboxFilters = {}, asOf = TODAY) {
  const got = await inbox(storage, staff, { agencyId, ...filters }, { asOf });
  assert.ok(got.ok, JSON.stringify(got));
  assert.deepEqual(got.value.excluded, []);
  return got.value;
}

/** The schedule the inbox sorts by in SQL, as stored for each of the agency's open requests. */
async function schedules(storage: Storage, agencyId: number) {
  const page = await storage.schedules.page({ agencyIds: [agencyId], open: true, offset: 0, limit: 100 });
  return new Map(page.rows.map((r) => [r.id, r.schedule]));
}

for (const dialect of DIALECTS) {
  describe(`the inbox (待办) on ${dialect.name}`, { skip: dialect.skip }, () => {
    const withCounty = (test: (storage: Storage, c: Awaited<ReturnType<typeof county>>) => Promise<void>) =>
      withStorage(dialect, async (storage) => test(storage, await county(storage)), {
        derive: ledgerDeriveStep,
      });

    it('lists the open requests only, overdue first, then by due date, awaiting correction last', () =>
      withCounty(async (storage, { agencyId, ids }) => {
        const box = await read(storage, agencyId);
        const name = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
        assert.deepEqual(
          box.lines.map((l) => name.get(l.id)),
          OPEN,
        );
        assert.equal(box.total, OPEN.length);
        assert.deepEqual(
          box.lines.map((l) => l.status.dueDate),
          ['2024-12-18', '2025-01-20', '2025-01-21', '2025-02-13', '2025-02-17', undefined],
        );
        assert.deepEqual(
          box.lines.map((l) => l.urgency),
          ['overdue', 'dueSoon', 'onTime', 'onTime', 'onTime', 'noDueDate'],
        );
        assert.deepEqual(
          box.lines.map((l) => l.channel),
          ['inPerson', 'online', 'postOrdinary', 'postSigned', 'fax', 'email'],
        );
        assert.equal(box.lines[3]!.content, '完成率100%的民生项目清单');
        assert.deepEqual([box.today, box.dueSoonBy], [TODAY, '2025-01-20']);
        assert.deepEqual(box.agencyIds, [agencyId], 'not the other county');
      }));

    it('pages with the total of all pages; a page past the end is empty and still says the total', () =>
      withCounty(async (storage, { agencyId, ids }) => {
        const pages = [];
        for (const page of [1, 2, 3, 4]) {
          const box = await read(storage, agencyId, { page, pageSize: 2 });
          assert.deepEqual([box.page, box.pageSize, box.total], [page, 2, OPEN.length]);
          pages.push(box.lines.map((l) => l.id));
        }
        assert.deepEqual(pages, [
          [ids.overdue, ids.dueSoon],
          [ids.nextDay, ids.later],
          [ids.consulting, ids.correction],
          [],
        ]);
        const filtered = await read(storage, agencyId, { urgency: 'onTime', page: 2, pageSize: 2 });
        assert.deepEqual([filtered.total, filtered.lines.map((l) => l.id)], [3, [ids.consulting]]);
      }));

    it('filters by state, channel, applicant kind and year of receipt, and by several at once', () =>
      withCounty(async (storage, { agencyId, ids }) => {
        const found = async (filters: InboxFilters) => {
          const box = await read(storage, agencyId, filters);
          assert.equal(box.total, box.lines.length);
          return box.lines.map((l) => l.id);
        };
        assert.deepEqual(await found({ state: 'inProgress' }), [
          ids.overdue,
          ids.dueSoon,
          ids.nextDay,
          ids.later,
        ]);
        assert.deepEqual(await found({ state: 'paused' }), [ids.consulting]);
        assert.deepEqual(await found({ state: 'awaitingCorrection' }), [ids.correction]);
        assert.deepEqual(await found({ channel: 'online' }), [ids.dueSoon]);
        assert.deepEqual(await found({ channel: 'email' }), [ids.correction]);
        assert.deepEqual(await found({ channel: 'unrecorded' }), []);
        assert.deepEqual(await found({ applicantKind: 'natural' }), [ids.overdue, ids.nextDay, ids.later]);
        assert.deepEqual(await found({ applicantKind: 'publicInterest' }), [], 'withdrawn: closed');
        assert.deepEqual(await found({ year: 2024 }), [ids.overdue, ids.dueSoon, ids.nextDay]);
        assert.deepEqual(await found({ year: 2025 }), [ids.later, ids.consulting, ids.correction]);
        assert.deepEqual(await found({ year: 2025, state: 'inProgress', applicantKind: 'natural' }), [
          ids.later,
        ]);
      }));

    it(`filters by urgency: overdue; due soon (within ${DUE_SOON_WORKING_DAYS} working days); on time — awaiting correction is none of them`, () =>
      withCounty(async (storage, { agencyId, ids }) => {
        const found = async (urgency: InboxFilters['urgency']) =>
          (await read(storage, agencyId, { urgency })).lines.map((l) => l.id);
        assert.deepEqual(await found('overdue'), [ids.overdue]);
        assert.deepEqual(await found('dueSoon'), [ids.dueSoon]);
        assert.deepEqual(await found('onTime'), [ids.nextDay, ids.later, ids.consulting]);
        // On the due day itself a request is due soon, not overdue; the day after, overdue.
        assert.deepEqual(
          (await read(storage, agencyId, { urgency: 'dueSoon' }, d('2025-01-20'))).lines.map((l) => l.id),
          [ids.dueSoon, ids.nextDay],
        );
        assert.deepEqual(
          (await read(storage, agencyId, { urgency: 'overdue' }, d('2025-01-21'))).lines.map((l) => l.id),
          [ids.overdue, ids.dueSoon],
        );
      }));

    it('finds by a piece of the name or the content, or by the id’s beginning; % and _ typed are themselves', () =>
      withCounty(async (storage, { agencyId, ids }) => {
        const found = async (text: string) =>
          (await read(storage, agencyId, { text })).lines.map((l) => l.id);
        assert.deepEqual(await found('张三'), [ids.overdue], 'not the closed one, not the other county’s');
        assert.deepEqual(await found('科技'), [ids.dueSoon]);
        assert.deepEqual(await found('abc'), [ids.dueSoon], 'Latin letters in either case, on both dialects');
        assert.deepEqual(await found('征收补偿'), [ids.consulting]);
        assert.deepEqual(await found(ids.nextDay.slice(0, 8)), [ids.nextDay]);
        assert.deepEqual(await found(ids.nextDay.slice(0, 8).toUpperCase()), [ids.nextDay]);
        assert.deepEqual(await found('%'), [ids.later]);
        assert.deepEqual(await found('100%'), [ids.later]);
        assert.deepEqual(await found('_'), [ids.correction]);
        assert.deepEqual(await found('研究所_'), [ids.correction]);
        assert.deepEqual(await found('李%'), [], 'not “李 then anything”');
        assert.deepEqual(await found('某_'), [], 'not “某 then any one character”');
        assert.equal((await read(storage, agencyId, { text: '  ' })).total, OPEN.length, 'blank: no filter');
      }));

    it('Art. 32: while a consultation runs, the due date is provisional and is recomputed the next day', () =>
      withCounty(async (storage, { agencyId, ids }) => {
        const today = (await read(storage, agencyId)).lines.find((l) => l.id === ids.consulting)!;
        assert.deepEqual([today.status.dueDate, today.status.provisional], ['2025-02-17', true]);
        assert.deepEqual((await schedules(storage, agencyId)).get(ids.consulting), {
          state: 'paused',
          dueOn: '2025-02-17',
          provisional: true,
          on: TODAY,
        });

        const tomorrow = d('2025-01-16');
        const next = await read(storage, agencyId, {}, tomorrow);
        const line = next.lines.find((l) => l.id === ids.consulting)!;
        assert.equal(line.status.dueDate, '2025-02-18', 'one more working day paused');
        const stored = await schedules(storage, agencyId);
        assert.deepEqual(stored.get(ids.consulting), {
          state: 'paused',
          dueOn: '2025-02-18',
          provisional: true,
          on: tomorrow,
        });
        // A date that does not move is not computed again.
        assert.deepEqual(stored.get(ids.later), {
          state: 'inProgress',
          dueOn: '2025-02-13',
          provisional: false,
          on: TODAY,
        });
        // The next day's urgency: the request due 2025-01-21 is now due soon.
        assert.deepEqual(
          (await read(storage, agencyId, { urgency: 'dueSoon' }, tomorrow)).lines.map((l) => l.id),
          [ids.dueSoon, ids.nextDay],
        );
      }));

    it('a day the administrator closes moves every open due date one working day on, and back when removed', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agencyId = await agency(storage, '潭城镇人民政府');
          for (const receivedOn of ['2025-01-06', '2025-01-08', '2025-01-10'])
            await given(storage, agencyId, { name: `申请人${receivedOn}`, receivedOn });
          await given(storage, agencyId, {
            name: '某公司',
            receivedOn: '2025-01-13',
            events: [{ kind: 'ThirdPartyConsultationStarted', at: d('2025-01-14'), thirdParty: '某' }],
          });
          await given(storage, agencyId, {
            name: '待补正',
            receivedOn: '2025-01-07',
            events: [
              {
                kind: 'CorrectionRequested',
                at: d('2025-01-08'),
                items: '请写明年份',
                dueBy: d('2025-01-22'),
              },
            ],
          });
          const closed = await given(storage, agencyId, {
            name: '已答复',
            receivedOn: '2025-01-02',
            events: [{ kind: 'Decided', at: d('2025-01-09'), outcome: 'disclosed' }],
          });
          const dueDates = async () =>
            new Map((await read(storage, agencyId)).lines.map((l) => [l.id, l.status.dueDate]));
          const before = await dueDates();
          assert.equal(before.size, 5);
          assert.ok(!before.has(closed));

          const closure = { date: d('2025-01-17'), working: false, reason: '台风，全县机关停止办公' };
          assert.ok((await setCalendarDay(storage, admin, closure)).ok);
          assert.equal((await storage.schedules.stale([agencyId], TODAY, 100)).length, 5, 'every open one');

          const after = await dueDates();
          const official = officialCalendar();
          for (const [id, due] of before) {
            const expected = due === undefined ? undefined : addWorkingDays(official, due, 1).date;
            assert.equal(after.get(id), expected, id);
          }
          const stored = await schedules(storage, agencyId);
          for (const [id, due] of after) assert.equal(stored.get(id)?.dueOn ?? undefined, due, id);
          assert.equal((await storage.schedules.stale([agencyId], TODAY, 100)).length, 0);

          const removed = await unsetCalendarDay(storage, admin, closure.date);
          assert.deepEqual(removed, { ok: true, value: true });
          assert.deepEqual(await dueDates(), before);
        },
        { derive: ledgerDeriveStep },
      ));

    it('paging through the inbox gives exactly the open requests, each once, in due-date order (property)', () =>
      withStorage(
        dialect,
        async (storage) => {
          type Scenario = 'none' | 'decided' | 'withdrawn' | 'correction' | 'consultation' | 'extended';
          const closing = new Set<Scenario>(['decided', 'withdrawn']);
          const eventsOf = (scenario: Scenario, at: LocalDate): EventInput[] => {
            switch (scenario) {
              case 'none':
                return [];
              case 'decided':
                return [{ kind: 'Decided', at, outcome: 'partial' }];
              case 'withdrawn':
                return [{ kind: 'Withdrawn', at }];
              case 'correction':
                return [{ kind: 'CorrectionRequested', at, items: '请写明文件名称', dueBy: addDays(at, 15) }];
              case 'consultation':
                return [{ kind: 'ThirdPartyConsultationStarted', at, thirdParty: '某公司' }];
              case 'extended':
                return [{ kind: 'Extended', at, workingDays: 10, approver: '办公室主任' }];
            }
          };
          const request = fc.record({
            daysBefore: fc.nat(80),
            scenario: fc.constantFrom<Scenario>(
              'none',
              'decided',
              'withdrawn',
              'correction',
              'consultation',
              'extended',
            ),
            channel: fc.constantFrom<Channel>('inPerson', 'postSigned', 'online'),
          });
          let run = 0;
          await fc.assert(
            fc.asyncProperty(
              fc.array(request, { maxLength: 12 }),
              fc.integer({ min: 1, max: 5 }),
              fc.nat(4),
              async (requests, pageSize, daysLater) => {
                const agencyId = await agency(storage, `机关${run++}`);
                const open = new Set<string>();
                for (const [i, r] of requests.entries()) {
                  const receivedOn = addDays(TODAY, -r.daysBefore);
                  const id = await given(storage, agencyId, {
                    name: `申请人${i}`,
                    channel: r.channel,
                    receivedOn,
                    events: eventsOf(r.scenario, receivedOn),
                  });
                  if (!closing.has(r.scenario)) open.add(id);
                }
                // Read on a later day too: provisional dates are recomputed before the page is cut.
                const asOf = addDays(TODAY, daysLater);
                const seen: string[] = [];
                const due: (LocalDate | undefined)[] = [];
                for (let page = 1; ; page++) {
                  const box = await read(storage, agencyId, { page, pageSize }, asOf);
                  assert.equal(box.total, open.size);
                  assert.ok(box.lines.length <= pageSize);
                  seen.push(...box.lines.map((l) => l.id));
                  due.push(...box.lines.map((l) => l.status.dueDate));
                  if (box.lines.length < pageSize) break;
                }
                assert.equal(new Set(seen).size, seen.length, 'each once');
                assert.deepEqual([...seen].sort(), [...open].sort());
                for (let i = 1; i < due.length; i++) {
                  const [a, b] = [due[i - 1], due[i]];
                  assert.ok(b === undefined || (a !== undefined && a <= b), `${a} then ${b}`);
                }
              },
            ),
            { numRuns: 25 },
          );
        },
        { derive: ledgerDeriveStep },
      ));
  });
}
