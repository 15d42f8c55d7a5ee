/**
 * The audit log (操作日志) as a hash chain, on SQLite and (with GONGKAI_TEST_POSTGRES_URL) PostgreSQL:
 * every entry holds SHA-256 of the previous entry's hash and its own canonical content, so that an
 * entry edited or removed behind the application's back is named by `verify`; existing entries are
 * chained by migration 0003; appends racing each other still make one chain; the administrator's
 * page filters and pages newest first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { localDate } from '../domain/calendar/local-date.js';
import { openHandle, tamperAuditLog } from '../test-support/audit-log-tamper.js';
import { canonicalJson, chainHash, GENESIS_HASH, storedContent } from './audit-chain.js';
import type { AuditEntry, NewAuditEntry } from './audit-log.js';
import { migrateTo } from './migrations.js';
import { openDatabase, type Storage } from './storage.js';
import { DIALECTS, withStorage } from './test-dialects.js';

const SAMPLE: readonly NewAuditEntry[] = [
  { actor: 'cli:root', action: 'agency.add', subject: 'agency:1', detail: { name: '福建省', kind: '省' } },
  {
    actor: 'zhang',
    userId: 7,
    agencyId: 1,
    address: '203.0.113.9',
    action: 'request.intake',
    subject: 'request:a',
    detail: { receivedOn: '2026-03-02', channel: 'online', nested: { z: 1, a: [true, null] } },
  },
  { actor: 'li', userId: 8, agencyId: 2, action: 'request.record', subject: 'request:a' },
  { actor: 'zhang', userId: 7, agencyId: 1, action: 'calendar.override', subject: 'calendar:2027-01-01' },
  { actor: 'wang', userId: 9, agencyId: 1, action: 'case.add', subject: 'case:b', detail: ['复议', 1] },
];

async function appendAll(
  storage: Storage,
  entries: readonly NewAuditEntry[] = SAMPLE,
): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (const e of entries) out.push(await storage.auditLog.append(e));
  return out;
}

/** A clock that moves one hour each time it is read, from 2026-02-28 22:30 UTC (over midnight). */
function hourlyClock(): () => Date {
  let t = Date.parse('2026-02-28T22:30:00.000Z');
  return () => {
    const d = new Date(t);
    t += 3600_000;
    return d;
  };
}

describe('the canonical form (audit-chain.ts)', () => {
  it('sorts keys at every depth, keeps array order, writes no whitespace', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: '二' } }),
      '{"a":{"c":"二","d":[3,{"x":2,"y":1}]},"b":1}',
    );
    assert.equal(canonicalJson({ ['__proto__']: 1 }), '{"__proto__":1}');
    assert.throws(() => canonicalJson(undefined), TypeError);
    assert.throws(() => canonicalJson(Number.NaN), TypeError);
  });

  it('is the same text for the same JSON value, however its keys were ordered (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(value, (_k, v) => reverseKeys(v))) as unknown;
        assert.equal(canonicalJson(reordered), canonicalJson(value));
        assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('hash = sha256hex(prevHash + "\\n" + canonical content), the first prevHash 64 zeros', () => {
    const content = {
      id: 1,
      at: '2026-03-01T00:00:00.000Z',
      userId: null,
      actor: 'a',
      agencyId: null,
      address: null,
      action: 'x',
      subject: 's',
      detail: {},
    };
    assert.equal(GENESIS_HASH, '0'.repeat(64));
    // printf '%s\n%s' 000…000 '{"action":"x","actor":"a","address":null,"agencyId":null,"at":"2026-03-01T00:00:00.000Z","detail":{},"id":1,"subject":"s","userId":null}' | sha256sum
    assert.equal(
      chainHash(GENESIS_HASH, content),
      'ce4f46829f3496e53f5f3f564ec0fdd1d1499ec91fc3e350e3bf406bb6bc744f',
    );
    assert.notEqual(chainHash(GENESIS_HASH, content), chainHash(GENESIS_HASH, { ...content, id: 2 }));
    assert.notEqual(chainHash(GENESIS_HASH, content), chainHash('1'.repeat(64), content));
  });
});

function reverseKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).reverse());
}

for (const dialect of DIALECTS) {
  describe(`the audit log's hash chain on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('an empty log is whole: 0 entries checked', () =>
      withStorage(dialect, async (storage) => {
        assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 0 });
      }));

    it('each entry holds the previous entry’s hash (the first: 64 zeros) and the hash of its own content', () =>
      withStorage(dialect, async (storage) => {
        const written = await appendAll(storage);
        const read = await storage.auditLog.list();
        assert.deepEqual(read, written);
        assert.deepEqual(
          read.map((e) => e.id),
          [1, 2, 3, 4, 5],
        );
        let prev = GENESIS_HASH;
        for (const e of read) {
          assert.equal(e.prevHash, prev);
          assert.equal(e.hash, chainHash(prev, { ...e }));
          prev = e.hash;
        }
        assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 5 });
      }));

    it('records who (name and account), for which agency, from where; callers giving only {actor, action, subject, detail} get nulls', () =>
      withStorage(dialect, async (storage) => {
        const [first, second] = await appendAll(storage);
        assert.deepEqual([first?.userId, first?.agencyId, first?.address], [null, null, null]);
        assert.deepEqual(
          [second?.actor, second?.userId, second?.agencyId, second?.address],
          ['zhang', 7, 1, '203.0.113.9'],
        );
        assert.deepEqual(second?.detail, SAMPLE[1]?.detail);
        // Stored in canonical form.
        const row = await storage.db
          .selectFrom('audit_log')
          .select('detail')
          .where('id', '=', 2)
          .executeTakeFirstOrThrow();
        assert.equal(row.detail, canonicalJson(SAMPLE[1]?.detail));
      }));

    it('hashes the detail as it will be read: undefined members dropped, a Date as its text', () =>
      withStorage(dialect, async (storage) => {
        const e = await storage.auditLog.append({
          actor: 'a',
          action: 'x',
          subject: 's',
          detail: { gone: undefined, on: new Date('2026-01-02T03:04:05.000Z') },
        });
        assert.deepEqual(e.detail, { on: '2026-01-02T03:04:05.000Z' });
        assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 1 });
      }));

    it('any text and any JSON detail verify whole after being stored, lone surrogates included (property)', () =>
      withStorage(dialect, async (storage) => {
        // No NUL: PostgreSQL text cannot hold one (refused at the insert, not a chain matter).
        const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\u0000'));
        let n = 0;
        await fc.assert(
          fc.asyncProperty(
            text,
            text,
            fc.option(text, { nil: undefined }),
            fc.jsonValue({ maxDepth: 3 }),
            async (actor, subject, address, detail) => {
              await storage.auditLog.append({ actor, action: 'p.q', subject, address, detail });
              n++;
              assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: n });
            },
          ),
          { numRuns: 40 },
        );
      }));

    it('an edited detail is named: the entry’s content no longer gives its hash', () =>
      withStorage(dialect, async (storage, url) => {
        await appendAll(storage);
        await tamperAuditLog(url, (db) =>
          sql`update audit_log set detail = ${'{"name":"福州市","kind":"省"}'} where id = 1`
            .execute(db)
            .then(() => {}),
        );
        assert.deepEqual(await storage.auditLog.verify(), {
          whole: false,
          checked: 1,
          firstBad: { id: 1, problem: 'hash' },
        });
      }));

    it('an edited actor, agency, address or time is named by its id; put back, the log is whole again', () =>
      withStorage(dialect, async (storage, url) => {
        await appendAll(storage);
        for (const [column, value, id] of [
          ['actor', 'someone else', 3],
          ['agency_id', 2, 2],
          ['address', '198.51.100.1', 2],
          ['at', '2020-01-01T00:00:00.000Z', 4],
        ] as const) {
          const { rows } = await sql<{
            v: unknown;
          }>`select ${sql.ref(column)} as v from audit_log where id = ${id}`.execute(storage.db);
          const original = rows[0]?.v;
          const set = (v: unknown) =>
            tamperAuditLog(url, (db) =>
              sql`update audit_log set ${sql.ref(column)} = ${v} where id = ${id}`.execute(db).then(() => {}),
            );
          await set(value);
          assert.deepEqual(
            await storage.auditLog.verify(),
            { whole: false, checked: id, firstBad: { id, problem: 'hash' } },
            column,
          );
          await set(original);
          assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 5 }, column);
        }
      }));

    it('a detail rewritten as text that is not JSON is named, and the entry still lists', () =>
      withStorage(dialect, async (storage, url) => {
        await appendAll(storage);
        await tamperAuditLog(url, (db) =>
          sql`update audit_log set detail = ${'not json'} where id = 4`.execute(db).then(() => {}),
        );
        assert.deepEqual(await storage.auditLog.verify(), {
          whole: false,
          checked: 4,
          firstBad: { id: 4, problem: 'hash' },
        });
        assert.equal(
          (await storage.auditLog.list({ subject: 'calendar:2027-01-01' }))[0]?.detail,
          'not json',
        );
      }));

    it('a removed middle entry is named at the entry after it: its link no longer matches', () =>
      withStorage(dialect, async (storage, url) => {
        await appendAll(storage);
        await tamperAuditLog(url, (db) => sql`delete from audit_log where id = 3`.execute(db).then(() => {}));
        assert.deepEqual(await storage.auditLog.verify(), {
          whole: false,
          checked: 3,
          firstBad: { id: 4, problem: 'link' },
        });
      }));

    it('a removed first entry is named at the new first entry: it does not chain onto 64 zeros', () =>
      withStorage(dialect, async (storage, url) => {
        await appendAll(storage);
        await tamperAuditLog(url, (db) => sql`delete from audit_log where id = 1`.execute(db).then(() => {}));
        assert.deepEqual(await storage.auditLog.verify(), {
          whole: false,
          checked: 1,
          firstBad: { id: 2, problem: 'link' },
        });
      }));

    it('two entries’ contents swapped (reordered) are named at the first: the id is hashed', () =>
      withStorage(dialect, async (storage, url) => {
        const [, second, third] = await appendAll(storage);
        await tamperAuditLog(url, async (db) => {
          for (const [id, from] of [
            [2, third],
            [3, second],
          ] as const)
            await sql`update audit_log set at = ${from!.at}, actor = ${from!.actor}, user_id = ${from!.userId},
              agency_id = ${from!.agencyId}, address = ${from!.address}, action = ${from!.action},
              subject = ${from!.subject}, detail = ${canonicalJson(from!.detail)}, prev_hash = ${from!.prevHash},
              hash = ${from!.hash} where id = ${id}`.execute(db);
        });
        assert.deepEqual(await storage.auditLog.verify(), {
          whole: false,
          checked: 2,
          firstBad: { id: 2, problem: 'hash' },
        });
      }));

    it('an entry rewritten with its own hash recomputed is named at the next entry, whose link breaks', () =>
      withStorage(dialect, async (storage, url) => {
        const [, second] = await appendAll(storage);
        const forged = { ...second!, actor: 'nobody' };
        await tamperAuditLog(url, (db) =>
          sql`update audit_log set actor = ${forged.actor}, hash = ${chainHash(forged.prevHash, forged)}
            where id = 2`
            .execute(db)
            .then(() => {}),
        );
        assert.deepEqual(await storage.auditLog.verify(), {
          whole: false,
          checked: 3,
          firstBad: { id: 3, problem: 'link' },
        });
      }));

    it('reads the log in batches: 2,500 entries verify whole, and an edit in the third batch is found', () =>
      withStorage(dialect, async (storage, url) => {
        await storage.transaction(async (tx) => {
          for (let i = 0; i < 2500; i++)
            await tx.auditLog.append({ actor: 'a', action: 'x', subject: `s:${i}` });
        });
        assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 2500 });
        await tamperAuditLog(url, (db) =>
          sql`update audit_log set subject = ${'s:x'} where id = 2222`.execute(db).then(() => {}),
        );
        assert.deepEqual(await storage.auditLog.verify(), {
          whole: false,
          checked: 2222,
          firstBad: { id: 2222, problem: 'hash' },
        });
      }));

    it('still refuses UPDATE and DELETE after migration 0003, and an entry without a hash', () =>
      withStorage(dialect, async (storage) => {
        const entry = await storage.auditLog.append({ actor: 'a', action: 'x', subject: 's' });
        await assert.rejects(
          storage.db.updateTable('audit_log').set({ actor: 'b' }).where('id', '=', entry.id).execute(),
          /append-only/,
        );
        await assert.rejects(storage.db.deleteFrom('audit_log').execute(), /append-only/);
        await assert.rejects(
          sql`insert into audit_log (id, at, actor, action, subject, detail, prev_hash)
            values (2, 't', 'a', 'x', 's', '{}', ${entry.hash})`.execute(storage.db),
          /not[- ]null/i,
        );
        assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 1 });
      }));

    it('50 appends racing, each in its own transaction, make one whole chain with ids 1–50', () =>
      withStorage(dialect, async (storage) => {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            storage.transaction(async (tx) => {
              await tx.agencies.add({ name: `机关${i}`, kind: '区县' });
              await tx.auditLog.append({ actor: `u${i}`, action: 'agency.add', subject: `agency:${i}` });
            }),
          ),
        );
        const all = await storage.auditLog.list();
        assert.deepEqual(
          all.map((e) => e.id),
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
        assert.equal(new Set(all.map((e) => e.prevHash)).size, 50, 'no two entries chain onto one');
        assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 50 });
      }));

    it('50 appends racing outside any transaction are each made atomic, and chain whole too', () =>
      withStorage(dialect, async (storage) => {
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            storage.auditLog.append({ actor: `u${i}`, action: 'x', subject: `s:${i}` }),
          ),
        );
        assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 50 });
      }));

    it('an entry whose transaction rolled back leaves no gap: the next one takes its id and chains on', () =>
      withStorage(dialect, async (storage) => {
        const first = await storage.auditLog.append({ actor: 'a', action: 'x', subject: 's' });
        await assert.rejects(
          storage.transaction(async (tx) => {
            await tx.auditLog.append({ actor: 'a', action: 'y', subject: 's' });
            throw new Error('changed my mind');
          }),
          /changed my mind/,
        );
        const next = await storage.auditLog.append({ actor: 'a', action: 'z', subject: 's' });
        assert.deepEqual([next.id, next.prevHash], [2, first.hash]);
        assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 2 });
      }));
  });

  describe(`migration 0003 on ${dialect.name}: entries written before it are chained`, {
    skip: dialect.skip,
  }, () => {
    it('a database with entries from before 0003 (ids with a gap, details laid out freely) verifies whole after it, and appends chain on', async () => {
      const fresh = await dialect.create();
      try {
        const before = await openHandle(fresh.url);
        try {
          await migrateTo(before, '0001_ledger');
          // 1,203 entries: more than two of the migration's batches.
          const rows = Array.from({ length: 1203 }, (_, i) => ({
            id: i < 2 ? i + 1 : i + 3,
            at: `2025-0${1 + (i % 9)}-01T00:00:00.000Z`,
            actor: i % 2 ? 'cli:root' : '管理员',
            action: 'agency.add',
            subject: `agency:${i}`,
            detail: i === 0 ? '{ "name": "福建省",\n "kind": "省", "a": [2, 1] }' : JSON.stringify({ n: i }),
          }));
          const values = rows.map(
            (r) => sql`(${r.id}, ${r.at}, ${r.actor}, ${r.action}, ${r.subject}, ${r.detail})`,
          );
          await sql`insert into audit_log (id, at, actor, action, subject, detail) values ${sql.join(values)}`.execute(
            before.db,
          );
        } finally {
          await before.close();
        }

        const storage = await openDatabase(fresh.url);
        try {
          assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 1203 });
          const [first, second, third] = await storage.auditLog.list({ limit: 3 });
          assert.deepEqual([first?.id, second?.id, third?.id], [1, 2, 5]);
          assert.equal(first?.prevHash, GENESIS_HASH);
          assert.equal(third?.prevHash, second?.hash);
          assert.deepEqual(first?.detail, { name: '福建省', kind: '省', a: [2, 1] });
          assert.deepEqual([first?.userId, first?.agencyId, first?.address], [null, null, null]);

          const next = await storage.auditLog.append({ actor: 'a', action: 'x', subject: 's', agencyId: 3 });
          assert.equal(next.id, 1206);
          assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 1204 });
          await assert.rejects(
            storage.db.updateTable('audit_log').set({ actor: 'b' }).where('id', '=', 1).execute(),
            /append-only/,
          );
          // What the migration chained is what the chain's definition says.
          const row = await storage.db
            .selectFrom('audit_log')
            .selectAll()
            .where('id', '=', 1)
            .executeTakeFirstOrThrow();
          assert.equal(row.hash, chainHash(GENESIS_HASH, storedContent(row)!));
        } finally {
          await storage.close();
        }
      } finally {
        await fresh.drop();
      }
    });

    it('an empty log migrates to an empty chain', async () => {
      const fresh = await dialect.create();
      try {
        const before = await openHandle(fresh.url);
        try {
          await migrateTo(before, '0001_ledger');
        } finally {
          await before.close();
        }
        const storage = await openDatabase(fresh.url);
        try {
          assert.deepEqual(await storage.auditLog.verify(), { whole: true, checked: 0 });
          assert.equal((await storage.auditLog.append({ actor: 'a', action: 'x', subject: 's' })).id, 1);
        } finally {
          await storage.close();
        }
      } finally {
        await fresh.drop();
      }
    });
  });

  describe(`the administrator's page of the audit log on ${dialect.name}`, { skip: dialect.skip }, () => {
    const withSample = (test: (storage: Storage) => Promise<void>) =>
      withStorage(
        dialect,
        async (storage) => {
          await appendAll(storage);
          await test(storage);
        },
        { clock: hourlyClock() },
      );
    const ids = (entries: readonly AuditEntry[]) => entries.map((e) => e.id);

    it('lists newest first with the number of entries in all', () =>
      withSample(async (storage) => {
        const page = await storage.auditLog.page();
        assert.deepEqual(ids(page.entries), [5, 4, 3, 2, 1]);
        assert.equal(page.total, 5);
      }));

    it('filters by agencies (an administrator’s subtree), actor, subject and action, exact or by prefix', () =>
      withSample(async (storage) => {
        const page = (q: Parameters<Storage['auditLog']['page']>[0]) =>
          storage.auditLog.page(q).then((p) => [ids(p.entries), p.total]);
        assert.deepEqual(await page({ agencyIds: [1] }), [[5, 4, 2], 3]);
        assert.deepEqual(await page({ agencyIds: [1, 2] }), [[5, 4, 3, 2], 4]);
        assert.deepEqual(await page({ agencyIds: [] }), [[], 0]);
        assert.deepEqual(await page({ actor: 'zhang' }), [[4, 2], 2]);
        assert.deepEqual(await page({ subject: 'request:a' }), [[3, 2], 2]);
        assert.deepEqual(await page({ action: 'request.' }), [[3, 2], 2]);
        assert.deepEqual(await page({ action: 'request' }), [[], 0], 'no dot: exact');
        assert.deepEqual(await page({ action: 'Request.' }), [[], 0], 'case counts');
        assert.deepEqual(await page({ action: 'case.add' }), [[5], 1]);
        assert.deepEqual(await page({ agencyIds: [1], actor: 'zhang', action: 'calendar.' }), [[4], 1]);
      }));

    it('filters by UTC days, both ends inclusive', () =>
      withSample(async (storage) => {
        // The clock gave 22:30 and 23:30 on 02-28, then 00:30, 01:30, 02:30 on 03-01 (UTC).
        const page = (from?: string, to?: string) =>
          storage.auditLog
            .page({
              ...(from ? { from: localDate(from) } : {}),
              ...(to ? { to: localDate(to) } : {}),
            })
            .then((p) => ids(p.entries));
        assert.deepEqual(await page('2026-03-01', '2026-03-01'), [5, 4, 3]);
        assert.deepEqual(await page('2026-02-28', '2026-02-28'), [2, 1]);
        assert.deepEqual(await page(undefined, '2026-02-28'), [2, 1]);
        assert.deepEqual(await page('2026-02-28'), [5, 4, 3, 2, 1]);
        assert.deepEqual(await page('2026-03-02'), []);
        assert.deepEqual(await page(undefined, '2026-02-27'), []);
      }));

    it('pages by offset or after the last id seen (keyset), the total unchanged', () =>
      withSample(async (storage) => {
        const first = await storage.auditLog.page({ limit: 2 });
        assert.deepEqual([ids(first.entries), first.total], [[5, 4], 5]);
        const second = await storage.auditLog.page({ limit: 2, offset: 2 });
        assert.deepEqual(ids(second.entries), [3, 2]);
        const keyset = await storage.auditLog.page({ limit: 2, beforeId: first.entries.at(-1)!.id });
        assert.deepEqual([ids(keyset.entries), keyset.total], [[3, 2], 5]);
        const filtered = await storage.auditLog.page({ agencyIds: [1], limit: 1, beforeId: 5 });
        assert.deepEqual([ids(filtered.entries), filtered.total], [[4], 3]);
      }));

    it('keeps list() for the existing callers: oldest first, by subject, after an id, at most limit', () =>
      withSample(async (storage) => {
        assert.deepEqual(ids(await storage.auditLog.list()), [1, 2, 3, 4, 5]);
        assert.deepEqual(ids(await storage.auditLog.list({ subject: 'request:a' })), [2, 3]);
        assert.deepEqual(ids(await storage.auditLog.list({ afterId: 3 })), [4, 5]);
        assert.deepEqual(ids(await storage.auditLog.list({ limit: 2 })), [1, 2]);
        assert.deepEqual(ids(await storage.auditLog.list({ agencyIds: [1], action: 'request.' })), [2]);
      }));
  });
}
