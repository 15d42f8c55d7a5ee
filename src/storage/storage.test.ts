import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { localDate } from '../domain/calendar/local-date.js';
import { openDatabase } from './storage.js';
import { DIALECTS, withStorage } from './test-dialects.js';
import { parseStorageUrl } from './url.js';

const TABLES = [
  'agencies',
  'disclosure_requests',
  'request_events',
  'cases',
  'calendar_overrides',
  'calendar_complete_years',
  'audit_log',
  'users',
  'sessions',
  'api_tokens',
  'login_failures',
  'report_years',
  'register_headers',
  'catalogue_items',
  'catalogue_item_events',
  'catalogue_serials',
  'catalogue_index_numbers',
  'catalogue_column_events',
  'online_applications',
  'online_application_decisions',
  'portal_guides',
  'catalogue_attachments',
  'portal_rules',
  'visit_counts',
  'search_items',
  'published_reports',
] as const;

describe('parseStorageUrl', () => {
  it('takes a path, sqlite: or postgres URLs, and refuses other schemes', () => {
    assert.deepEqual(parseStorageUrl(), { dialect: 'sqlite', path: './data/gongkai.db' });
    assert.deepEqual(parseStorageUrl(''), { dialect: 'sqlite', path: './data/gongkai.db' });
    assert.deepEqual(parseStorageUrl('var/ledger.db'), { dialect: 'sqlite', path: 'var/ledger.db' });
    assert.deepEqual(parseStorageUrl('sqlite:var/x.db'), { dialect: 'sqlite', path: 'var/x.db' });
    assert.deepEqual(parseStorageUrl('sqlite:///srv/x.db'), { dialect: 'sqlite', path: '/srv/x.db' });
    assert.deepEqual(parseStorageUrl(':memory:'), { dialect: 'sqlite', path: ':memory:' });
    for (const url of ['postgres://u@h/db', 'postgresql://u:p@h:5433/db?sslmode=require'])
      assert.deepEqual(parseStorageUrl(url), { dialect: 'postgres', url });
    assert.throws(() => parseStorageUrl('mysql://root@localhost/x'), /unsupported/);
    assert.throws(() => parseStorageUrl('sqlite:'), /no file/);
  });
});

for (const dialect of DIALECTS) {
  describe(`storage on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('migrates an empty database to the latest version, and reopening changes nothing', async () => {
      const fresh = await dialect.create();
      const applied: string[][] = [];
      try {
        for (let round = 0; round < 2; round++) {
          const storage = await openDatabase(fresh.url);
          assert.equal(storage.dialect, dialect.name);
          for (const table of TABLES) {
            const { n } = await storage.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow();
            assert.equal(Number(n), 0, table);
          }
          const migrations = await sql<{
            name: string;
          }>`select name from kysely_migration order by name`.execute(storage.db);
          const names = migrations.rows.map((r) => r.name);
          assert.deepEqual(names.slice(0, 2), ['0001_ledger', '0002_stored_keys']);
          applied.push(names);
          await storage.close();
          await storage.close();
        }
        assert.deepEqual(applied[1], applied[0], 'reopening runs no migration again');
      } finally {
        await fresh.drop();
      }
    });

    it('commits a transaction whole or not at all', () =>
      withStorage(dialect, async (storage) => {
        const province = await storage.agencies.add({ name: '福建省', kind: '省' });
        await assert.rejects(
          storage.transaction(async (tx) => {
            await tx.agencies.add({ name: '福州市', kind: '市', parentId: province.id });
            await tx.auditLog.append({ actor: 'admin', action: 'agency.add', subject: 'agency:福州市' });
            throw new Error('changed my mind');
          }),
          /changed my mind/,
        );
        assert.deepEqual(await storage.agencies.children(province.id), []);
        assert.deepEqual(await storage.auditLog.list(), []);

        const added = await storage.transaction(async (tx) => {
          const city = await tx.agencies.add({ name: '福州市', kind: '市', parentId: province.id });
          await tx.auditLog.append({
            actor: 'admin',
            action: 'agency.add',
            subject: `agency:${city.id}`,
            detail: { name: city.name },
          });
          return city;
        });
        assert.deepEqual(
          (await storage.agencies.children(province.id)).map((a) => a.name),
          ['福州市'],
        );
        const [entry] = await storage.auditLog.list({ subject: `agency:${added.id}` });
        assert.deepEqual(entry?.detail, { name: '福州市' });
      }));

    it(
      'routes a call on the storage made inside its transaction to the transaction (no deadlock)',
      { timeout: 10_000 },
      () =>
        withStorage(dialect, async (storage) => {
          const province = await storage.agencies.add({ name: '福建省', kind: '省' });
          const seen = await storage
            .transaction(async () => {
              // Called on `storage`, not on the transaction's repositories: on SQLite this used to wait forever.
              const city = await storage.agencies.add({ name: '福州市', kind: '市', parentId: province.id });
              // A nested transaction joins the outer one.
              await storage.transaction((tx) =>
                tx.agencies.add({ name: '厦门市', kind: '市', parentId: province.id }),
              );
              const names = (await storage.agencies.children(province.id)).map((a) => a.name).sort();
              if (city.name === '福州市') throw new Error(`rolled back after seeing ${names.join('、')}`);
              return names;
            })
            .catch((e: Error) => e.message);
          assert.equal(seen, 'rolled back after seeing 厦门市、福州市');
          // Both writes were the transaction's: neither survived its rollback.
          assert.deepEqual(await storage.agencies.children(province.id), []);
          // Outside any transaction, calls go to the database again.
          const city = await storage.agencies.add({ name: '泉州市', kind: '市', parentId: province.id });
          assert.equal((await storage.agencies.get(city.id))?.name, '泉州市');
        }),
    );

    it('keeps the audit log append-only', () =>
      withStorage(dialect, async (storage) => {
        const entry = await storage.auditLog.append({
          actor: 'a',
          action: 'x',
          subject: 's',
          detail: [1, '二'],
        });
        assert.deepEqual(
          (await storage.auditLog.list()).map((e) => e.detail),
          [[1, '二']],
        );
        await assert.rejects(
          storage.db.updateTable('audit_log').set({ actor: 'b' }).where('id', '=', entry.id).execute(),
          /append-only/,
        );
        await assert.rejects(storage.db.deleteFrom('audit_log').execute(), /append-only/);
        assert.equal((await storage.auditLog.list({ afterId: entry.id })).length, 0);
        assert.equal((await storage.auditLog.list())[0]?.actor, 'a');
      }));

    it('records review and litigation cases and finds those concerning a year', () =>
      withStorage(dialect, async (storage) => {
        const agency = await storage.agencies.add({ name: '平潭县', kind: '区县' });
        const early = await storage.cases.add({
          agencyId: agency.id,
          kind: 'review',
          filedOn: localDate('2024-11-02'),
        });
        const closedEarly = await storage.cases.add({
          agencyId: agency.id,
          kind: 'litigationDirect',
          filedOn: localDate('2024-03-02'),
        });
        await storage.cases.close(closedEarly.id, localDate('2024-09-01'), 'upheld');
        const late = await storage.cases.add({
          agencyId: agency.id,
          kind: 'litigationAfterReview',
          filedOn: localDate('2025-05-06'),
        });
        const closed = await storage.cases.close(late.id, localDate('2025-08-01'), 'corrected');
        assert.equal(closed?.result, 'corrected');
        assert.equal(early.result, 'pending');
        assert.deepEqual(
          (await storage.cases.forYear([agency.id], 2025)).map((c) => c.id),
          [early.id, late.id],
        );
        await assert.rejects(
          storage.db
            .updateTable('cases')
            .set({ result: 'won' as never })
            .where('id', '=', late.id)
            .execute(),
          /cases_result/,
        );
        assert.equal(await storage.cases.close('no-such-case', localDate('2025-08-01'), 'other'), undefined);
      }));
  });
}

describe('storage on postgres: one schema among many on the same server', {
  skip: DIALECTS.find((d) => d.name === 'postgres')!.skip,
}, () => {
  const postgres = DIALECTS.find((d) => d.name === 'postgres')!;

  it('introspects only its own schema, so that another schema dropped meanwhile cannot fail a migration', async () => {
    const [mine, other] = [await postgres.create(), await postgres.create()];
    try {
      const otherStorage = await openDatabase(other.url);
      await otherStorage.close();
      const storage = await openDatabase(mine.url);
      try {
        const schema = new URL(mine.url).searchParams.get('options')!.replace('-c search_path=', '');
        const tables = await storage.db.introspection.getTables({ withInternalKyselyTables: true });
        assert.deepEqual(new Set(tables.map((t) => t.schema)), new Set([schema]));
        assert.deepEqual(
          tables.map((t) => t.name).sort(),
          [...TABLES, 'kysely_migration', 'kysely_migration_lock'].sort(),
        );
        assert.deepEqual(
          (await storage.db.introspection.getTables()).map((t) => t.name).sort(),
          [...TABLES].sort(),
        );
        assert.deepEqual(await storage.db.introspection.getSchemas(), [{ name: schema }]);
      } finally {
        await storage.close();
      }
      // Many databases opened and migrated while others are dropped, as parallel test runs do.
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          const fresh = await postgres.create();
          const opened = openDatabase(fresh.url).then((s) => s.close());
          const dropping = (await postgres.create()).drop();
          await Promise.all([opened, dropping]);
          await fresh.drop();
        }),
      );
    } finally {
      await mine.drop();
      await other.drop();
    }
  });
});
