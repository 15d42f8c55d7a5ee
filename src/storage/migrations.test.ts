/**
 * The schema's versions, run when a database opens.
 * - They run in the order of their names; the Migrator compares names by code point (not
 *   localeCompare, which costs start-up), so a name keeps code-point order and locale order the same:
 *   four digits, an underscore, lowercase ASCII.
 * - A database at the latest version is recognised by one query and left alone; one that is behind is
 *   brought forward; one that has run a migration this code does not know (a newer Gongkai wrote it) is
 *   refused, not silently used.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MIGRATION_TABLE, type Kysely } from 'kysely';
import { openHandle } from '../test-support/audit-log-tamper.js';
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from './migrations.js';
import { DIALECTS } from './test-dialects.js';

describe('migration names', () => {
  it('are numbered 0001, 0002, … in ASCII, so every ordering of them agrees', () => {
    // One after another from 0001, no number skipped (branches that hold numbers merge before release).
    MIGRATION_NAMES.forEach((name, i) => {
      assert.match(name, /^\d{4}_[a-z0-9_]+$/, name);
      assert.equal(Number(name.slice(0, 4)), i + 1, name);
    });
    const byCodePoint = [...MIGRATION_NAMES].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const byLocale = [...MIGRATION_NAMES].sort((a, b) => a.localeCompare(b));
    assert.deepEqual(byCodePoint, MIGRATION_NAMES);
    assert.deepEqual(byLocale, MIGRATION_NAMES);
  });
});

for (const dialect of DIALECTS) {
  describe(`bringing a database up to date (${dialect.name})`, { skip: dialect.skip }, () => {
    it('runs every migration on an empty database, then nothing on the next open', async () => {
      const fresh = await dialect.create();
      const handle = await openHandle(fresh.url);
      try {
        assert.deepEqual(await migrateToLatest(handle), MIGRATION_NAMES);
        assert.deepEqual(await migrateToLatest(handle), []);
      } finally {
        await handle.close();
        await fresh.drop();
      }
    });

    it('runs only the missing ones on a database left at an older version', async () => {
      const fresh = await dialect.create();
      const handle = await openHandle(fresh.url);
      try {
        await migrateTo(handle, '0004_accounts');
        assert.deepEqual(await migrateToLatest(handle), MIGRATION_NAMES.slice(4));
        assert.deepEqual(await migrateToLatest(handle), []);
      } finally {
        await handle.close();
        await fresh.drop();
      }
    });

    it('refuses a database that ran a migration this version does not have', async () => {
      const fresh = await dialect.create();
      const handle = await openHandle(fresh.url);
      try {
        await migrateToLatest(handle);
        const db = handle.db as unknown as Kysely<{
          [DEFAULT_MIGRATION_TABLE]: { name: string; timestamp: string };
        }>;
        await db
          .insertInto(DEFAULT_MIGRATION_TABLE)
          .values({ name: '9999_from_a_newer_version', timestamp: new Date().toISOString() })
          .execute();
        await assert.rejects(migrateToLatest(handle), /9999_from_a_newer_version/);
      } finally {
        await handle.close();
        await fresh.drop();
      }
    });
  });
}
