import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LocalDate, localDate } from '../domain/calendar/local-date.js';
import { type DeriveStep, defaultDeriveStep, deriveAll } from './derived.js';
import { type NewRequest, SeqConflictError, UnknownRequestError } from './requests.js';
import type { Storage } from './storage.js';
import { DIALECTS, withStorage } from './test-dialects.js';

/** A stand-in for the domain's event union: storage only needs `type` (and `at`). */
type LedgerEvent =
  | { readonly type: 'Received'; readonly at: LocalDate }
  | { readonly type: 'Extended'; readonly at: LocalDate; readonly reason: string; readonly actor: string }
  | { readonly type: 'Answered'; readonly at: LocalDate; readonly outcome: string }
  | { readonly type: 'Reopened'; readonly at: LocalDate; readonly reopened: true };

const d = localDate;

async function agency(storage: Storage, name = '平潭县') {
  return (await storage.agencies.add({ name, kind: '区县' })).id;
}

function request(agencyId: number, receivedOn: string, extra: Partial<NewRequest> = {}): NewRequest {
  return {
    agencyId,
    applicantKind: '自然人',
    applicantName: '张三',
    content: '请求公开某路段拓宽工程的征收补偿方案',
    channel: '网上',
    receivedOn: d(receivedOn),
    ...extra,
  };
}

async function intake(
  storage: Storage,
  agencyId: number,
  receivedOn: string,
  extra: Partial<NewRequest> = {},
) {
  const result = await storage.requests.intake<LedgerEvent>(request(agencyId, receivedOn, extra), {
    type: 'Received',
    at: d(receivedOn),
  });
  assert.equal(result.status, 'created');
  return result.id;
}

for (const dialect of DIALECTS) {
  describe(`requests and events on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('takes in a request with its Received event, then appends events with the next seq', () =>
      withStorage(dialect, async (storage) => {
        const agencyId = await agency(storage);
        const result = await storage.requests.intake<LedgerEvent>(request(agencyId, '2025-03-03'), {
          type: 'Received',
          at: d('2025-03-03'),
        });
        assert.equal(result.status, 'created');
        if (result.status !== 'created') return;
        assert.equal(result.received.seq, 1);
        assert.deepEqual(result.received.event, { type: 'Received', at: '2025-03-03' });

        const extended = await storage.requests.appendEvent<LedgerEvent>(result.id, {
          type: 'Extended',
          at: d('2025-03-20'),
          reason: '需要调取档案',
          actor: '李四',
        });
        assert.deepEqual([extended.seq, extended.actor, extended.reason], [2, '李四', '需要调取档案']);
        const answered = await storage.requests.appendEvent<LedgerEvent>(
          result.id,
          { type: 'Answered', at: d('2025-04-15'), outcome: 'disclosed' },
          { actor: '王五' },
        );
        assert.equal(answered.seq, 3);
        assert.equal(answered.actor, '王五');

        const events = await storage.requests.events<LedgerEvent>(result.id);
        assert.deepEqual(
          events.map((e) => [e.seq, e.type, e.at]),
          [
            [1, 'Received', '2025-03-03'],
            [2, 'Extended', '2025-03-20'],
            [3, 'Answered', '2025-04-15'],
          ],
        );
        const last = events[2]!.event;
        assert.equal(last.type === 'Answered' && last.outcome, 'disclosed');

        const stored = await storage.requests.get(result.id);
        assert.equal(stored?.lastSeq, 3);
        assert.equal(stored?.receivedOn, '2025-03-03');
        assert.deepEqual(stored?.derived, {
          closedOn: '2025-04-15',
          closingType: 'Answered',
          outcome: 'disclosed',
        });
      }));

    it('refuses to change or delete an event', () =>
      withStorage(dialect, async (storage) => {
        const id = await intake(storage, await agency(storage), '2025-03-03');
        await assert.rejects(
          storage.db
            .updateTable('request_events')
            .set({ type: 'Answered' })
            .where('request_id', '=', id)
            .execute(),
          /append-only/,
        );
        await assert.rejects(
          storage.db.deleteFrom('request_events').where('request_id', '=', id).execute(),
          /append-only/,
        );
        await assert.rejects(
          storage.db
            .insertInto('request_events')
            .values({
              request_id: id,
              seq: 1,
              type: 'X',
              at: '2025-03-04',
              payload: '{}',
              recorded_at: 'now',
            })
            .execute(),
          /unique/i,
          'the same seq twice',
        );
        assert.equal((await storage.requests.events(id)).length, 1);
      }));

    it('refuses a duplicate external_ref at the same agency, inside a transaction too', () =>
      withStorage(dialect, async (storage) => {
        const a = await agency(storage, '甲县');
        const b = await agency(storage, '乙县');
        const first = await intake(storage, a, '2025-03-03', { externalRef: 'sha256:abc' });
        const again = await storage.requests.intake(request(a, '2025-03-04', { externalRef: 'sha256:abc' }), {
          type: 'Received',
          at: d('2025-03-04'),
        });
        assert.deepEqual(again, { status: 'duplicate', id: first });
        // A whole import in one transaction: the duplicate does not spoil the rest.
        const results = await storage.transaction(async (tx) => [
          await tx.requests.intake(request(a, '2025-03-05', { externalRef: 'sha256:abc' }), {
            type: 'Received',
            at: d('2025-03-05'),
          }),
          await tx.requests.intake(request(a, '2025-03-05', { externalRef: 'sha256:def' }), {
            type: 'Received',
            at: d('2025-03-05'),
          }),
        ]);
        assert.deepEqual(
          results.map((r) => r.status),
          ['duplicate', 'created'],
        );
        // The same source row at another agency is another request.
        await intake(storage, b, '2025-03-03', { externalRef: 'sha256:abc' });
        assert.equal((await storage.requests.findByExternalRef(a, 'sha256:abc'))?.id, first);
        assert.equal((await storage.requests.events(first)).length, 1);
        const { n } = await storage.db
          .selectFrom('disclosure_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(n), 3);
        await assert.rejects(
          storage.db
            .insertInto('disclosure_requests')
            .values({
              id: 'manual',
              agency_id: a,
              applicant_kind: '自然人',
              applicant_name: 'x',
              content: 'x',
              channel: 'x',
              received_on: '2025-03-03',
              external_ref: 'sha256:abc',
              created_at: 'now',
            })
            .execute(),
          /unique/i,
        );
      }));

    it('imports requests with their histories in bulk, skipping duplicates', () =>
      withStorage(dialect, async (storage) => {
        const agencyId = await agency(storage);
        const old = await intake(storage, agencyId, '2024-05-05', { externalRef: 'ref-0' });
        const history = (received: string, closed?: string): LedgerEvent[] =>
          closed
            ? [
                { type: 'Received', at: d(received) },
                { type: 'Answered', at: d(closed), outcome: 'disclosed' },
              ]
            : [{ type: 'Received', at: d(received) }];
        const items = [
          {
            request: request(agencyId, '2025-01-02', { externalRef: 'ref-1' }),
            events: history('2025-01-02', '2025-01-20'),
          },
          {
            request: request(agencyId, '2025-01-03', { externalRef: 'ref-0' }),
            events: history('2025-01-03'),
          },
          {
            request: request(agencyId, '2025-01-04', { externalRef: 'ref-2' }),
            events: history('2025-01-04'),
          },
          {
            request: request(agencyId, '2025-01-05', { externalRef: 'ref-2' }),
            events: history('2025-01-05'),
          },
          { request: request(agencyId, '2025-01-06'), events: history('2025-01-06', '2025-02-01') },
        ];
        const results = await storage.requests.importMany(items);
        assert.deepEqual(
          results.map((r) => r.status),
          ['created', 'duplicate', 'created', 'duplicate', 'created'],
        );
        assert.equal(results[1]?.id, old);
        assert.equal(results[3]?.id, results[2]?.id);
        const first = await storage.requests.get(results[0]!.id);
        assert.equal(first?.lastSeq, 2);
        assert.deepEqual(first?.derived, {
          closedOn: '2025-01-20',
          closingType: 'Answered',
          outcome: 'disclosed',
        });
        assert.deepEqual(
          (await storage.requests.events(results[4]!.id)).map((e) => [e.seq, e.type]),
          [
            [1, 'Received'],
            [2, 'Answered'],
          ],
        );
        // Importing the same source again adds nothing.
        const again = await storage.requests.importMany(items.filter((i) => i.request.externalRef));
        assert.ok(again.every((r) => r.status === 'duplicate'));
        assert.deepEqual((await storage.requests.verifyDerived()).mismatched, []);
        assert.equal((await storage.requests.reportRows([agencyId], 2025)).length, 4);
        assert.deepEqual(await storage.requests.importMany([]), []);
      }));

    it('writes neither request nor event when the Received event is unusable', () =>
      withStorage(dialect, async (storage) => {
        const agencyId = await agency(storage);
        await assert.rejects(
          storage.requests.intake(request(agencyId, '2025-03-03', { id: 'r-1' }), { type: 'Received' }),
          /at must be a date/,
        );
        assert.equal(await storage.requests.get('r-1'), undefined);
        await assert.rejects(
          storage.requests.intake(request(4242, '2025-03-03'), { type: 'Received', at: '2025-03-03' }),
          /foreign key/i,
          'unknown agency',
        );
      }));

    it('detects a lost update with expectedSeq and an unknown request', () =>
      withStorage(dialect, async (storage) => {
        const id = await intake(storage, await agency(storage), '2025-03-03');
        const ok = await storage.requests.appendEvent(
          id,
          { type: 'Extended', at: '2025-03-20' },
          { expectedSeq: 2 },
        );
        assert.equal(ok.seq, 2);
        await assert.rejects(
          storage.requests.appendEvent(
            id,
            { type: 'Answered', at: '2025-03-21', outcome: 'x' },
            { expectedSeq: 2 },
          ),
          SeqConflictError,
        );
        assert.equal((await storage.requests.get(id))?.lastSeq, 2);
        assert.equal((await storage.requests.events(id)).length, 2);
        await assert.rejects(
          storage.requests.appendEvent('nope', { type: 'Answered', at: '2025-03-21' }),
          UnknownRequestError,
        );
      }));

    it('gives concurrent appends to one request distinct, consecutive seqs', () =>
      withStorage(dialect, async (storage) => {
        const id = await intake(storage, await agency(storage), '2025-03-03');
        const stored = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            storage.requests.appendEvent(id, { type: 'Noted', at: '2025-03-04', n: i }),
          ),
        );
        assert.deepEqual(
          stored.map((e) => e.seq).sort((x, y) => x - y),
          Array.from({ length: 20 }, (_, i) => i + 2),
        );
      }));

    it('keeps the derived columns equal to a rebuild from the events', () =>
      withStorage(dialect, async (storage) => {
        const agencyId = await agency(storage);
        const ids: string[] = [];
        for (let i = 0; i < 12; i++) {
          const id = await intake(storage, agencyId, `2025-0${1 + (i % 9)}-1${i % 10}`);
          ids.push(id);
          if (i % 3 >= 1)
            await storage.requests.appendEvent(id, {
              type: 'Answered',
              at: `2025-10-0${1 + (i % 9)}`,
              outcome: `o${i % 4}`,
            });
          if (i % 4 === 3)
            await storage.requests.appendEvent(id, { type: 'Reopened', at: '2025-11-01', reopened: true });
          if (i % 8 === 7)
            await storage.requests.appendEvent(id, { type: 'Answered', at: '2025-12-01', outcome: 'again' });
        }
        const before = await Promise.all(ids.map((id) => storage.requests.get(id)));
        for (const [i, id] of ids.entries()) {
          const events = await storage.requests.events(id);
          const expected = deriveAll(
            defaultDeriveStep,
            events.map((e) => ({ type: e.type, at: e.at, payload: e.event })),
          );
          assert.deepEqual(before[i]?.derived, expected, id);
        }
        assert.deepEqual(await storage.requests.verifyDerived({ pageSize: 5 }), {
          checked: 12,
          mismatched: [],
        });

        // Spoil the cache behind the repository's back; verify finds it, rebuild repairs it.
        await storage.db
          .updateTable('disclosure_requests')
          .set({ closed_on: '2000-01-01', outcome: 'bogus', last_seq: 99 })
          .where('id', 'in', [ids[1]!, ids[4]!])
          .execute();
        await storage.db
          .updateTable('disclosure_requests')
          .set({ closed_on: null })
          .where('id', '=', ids[2]!)
          .execute();
        // (Sorted here: PostgreSQL orders text by its collation, not by code point.)
        const spoiled = [ids[1]!, ids[2]!, ids[4]!].sort();
        const verified = await storage.requests.verifyDerived({ pageSize: 5 });
        assert.deepEqual([verified.checked, [...verified.mismatched].sort()], [12, spoiled]);
        const rebuilt = await storage.requests.rebuildDerived({ pageSize: 5 });
        assert.deepEqual([rebuilt.checked, [...rebuilt.mismatched].sort()], [12, spoiled]);
        const after = await Promise.all(ids.map((id) => storage.requests.get(id)));
        assert.deepEqual(after, before);
        assert.deepEqual((await storage.requests.rebuildDerived()).mismatched, []);
      }));

    it('derives with the step openDatabase was given', () =>
      withStorage(
        dialect,
        async (storage) => {
          const id = await intake(storage, await agency(storage), '2025-03-03');
          await storage.requests.appendEvent(id, { type: 'Withdrawn', at: '2025-03-09' });
          assert.deepEqual((await storage.requests.get(id))?.derived, {
            closedOn: '2025-03-09',
            closingType: 'Withdrawn',
            outcome: 'withdrawn',
          });
          assert.deepEqual((await storage.requests.verifyDerived()).mismatched, []);
        },
        {
          derive: ((state, event) =>
            event.type === 'Withdrawn'
              ? { closedOn: event.at, closingType: event.type, outcome: 'withdrawn' }
              : state) satisfies DeriveStep,
        },
      ));

    it('reads the report rows for a year from the request rows alone', () =>
      withStorage(dialect, async (storage) => {
        const a = await agency(storage, '甲县');
        const b = await agency(storage, '乙县');
        const close = (id: string, at: string, outcome: string) =>
          storage.requests.appendEvent(id, { type: 'Answered', at, outcome });
        const carriedIn = await intake(storage, a, '2024-12-20');
        await close(carriedIn, '2025-01-10', 'disclosed');
        const closedBefore = await intake(storage, a, '2024-11-01');
        await close(closedBefore, '2024-12-01', 'disclosed');
        const stillOpen = await intake(storage, a, '2024-06-01');
        const newAndClosed = await intake(storage, b, '2025-06-01', { applicantKind: '商业企业' });
        await close(newAndClosed, '2025-06-20', 'partly');
        const carriedOut = await intake(storage, a, '2025-12-30');
        const nextYear = await intake(storage, a, '2026-01-02');
        const elsewhere = await intake(storage, await agency(storage, '丙县'), '2025-05-05');

        const rows = await storage.requests.reportRows([a, b, a], 2025);
        assert.deepEqual(
          rows.map((r) => r.id),
          [stillOpen, carriedIn, newAndClosed, carriedOut],
        );
        assert.deepEqual(
          rows.find((r) => r.id === newAndClosed),
          {
            id: newAndClosed,
            agencyId: b,
            applicantKind: '商业企业',
            receivedOn: '2025-06-01',
            closedOn: '2025-06-20',
            closingType: 'Answered',
            outcome: 'partly',
          },
        );
        assert.ok(![closedBefore, nextYear, elsewhere].some((id) => rows.some((r) => r.id === id)));
        assert.deepEqual(await storage.requests.reportRows([], 2025), []);
      }));

    it('streams the events of several agencies page by page, each request in seq order', () =>
      withStorage(dialect, async (storage) => {
        const a = await agency(storage, '甲县');
        const b = await agency(storage, '乙县');
        const c = await agency(storage, '丙县');
        // Agency a: five requests, three received the same day (the pages break ties by id).
        const dates = ['2025-01-02', '2025-01-05', '2025-01-05', '2025-01-05', '2025-01-09'];
        const ofA = [];
        for (const on of [...dates].reverse()) ofA.push(await intake(storage, a, on));
        const ofB = await intake(storage, b, '2025-01-01');
        await intake(storage, c, '2025-02-03');
        const ids = [...ofA, ofB];
        for (const id of ids)
          for (const at of ['2025-02-10', '2025-03-10', '2025-04-10'])
            await storage.requests.appendEvent(id, { type: 'Noted', at });
        const all = [];
        for await (const e of storage.requests.eventsForAgencies([a, b, a], { pageSize: 2 })) all.push(e);
        assert.equal(all.length, ids.length * 4);
        // Each request once, its events together in seq order; a's requests by receipt date, then b's.
        const requestOrder = all.filter((e) => e.seq === 1).map((e) => e.requestId);
        assert.equal(new Set(requestOrder).size, ids.length);
        assert.deepEqual(new Set(requestOrder), new Set(ids));
        assert.deepEqual(
          all.map((e) => [e.requestId, e.seq]),
          requestOrder.flatMap((id) => [1, 2, 3, 4].map((seq) => [id, seq])),
        );
        assert.equal(requestOrder[requestOrder.length - 1], ofB);
        const received = await Promise.all(requestOrder.slice(0, 5).map((id) => storage.requests.get(id)));
        assert.deepEqual(
          received.map((r) => r?.receivedOn),
          dates,
        );
        const march = [];
        for await (const e of storage.requests.eventsForAgencies([a, b], {
          from: d('2025-02-05'),
          to: d('2025-03-31'),
          pageSize: 3,
        }))
          march.push(e.at);
        assert.deepEqual(march.sort(), [
          ...Array<string>(ids.length).fill('2025-02-10'),
          ...Array<string>(ids.length).fill('2025-03-10'),
        ]);
      }));
  });
}
