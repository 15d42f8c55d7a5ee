/**
 * The accounts' tables on SQLite and (with GONGKAI_TEST_POSTGRES_URL) PostgreSQL: a login name is one
 * whatever its case; the hash is read only by `credentials`; failures count up and a lock resets them;
 * sessions and tokens are found by their hash and end or are revoked once; an address's failures are
 * counted within a window and an account's can be forgotten.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Storage } from './storage.js';
import { DIALECTS, withStorage } from './test-dialects.js';

const T0 = '2026-11-02T01:00:00.000Z';
const T1 = '2026-11-02T01:05:00.000Z';
const T2 = '2026-11-02T01:10:00.000Z';

async function county(storage: Storage) {
  const a = await storage.agencies.add({ name: '平潭县', kind: '区县' });
  const b = await storage.agencies.add({ name: '别的县', kind: '区县' });
  const user = await storage.users.add({
    name: 'Li.Ming',
    displayName: '李明',
    agencyId: a.id,
    roles: ['admin', 'handler'],
    passwordHash: '$argon2id$fake',
    at: T0,
  });
  return { a, b, user };
}

for (const dialect of DIALECTS) {
  describe(`accounts storage on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('creates the four tables of migration 0004_accounts, empty', () =>
      withStorage(dialect, async (storage) => {
        const names = await storage.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute();
        assert.ok(names.some((r) => (r as { name: string }).name === '0004_accounts'));
        for (const table of ['users', 'sessions', 'api_tokens', 'login_failures'] as const)
          assert.deepEqual(await storage.db.selectFrom(table).selectAll().execute(), [], table);
      }));

    it('keeps a user with their roles, finds them by name in any case, and refuses the name again in another case', () =>
      withStorage(dialect, async (storage) => {
        const { a, user } = await county(storage);
        assert.deepEqual(user, {
          id: user.id,
          name: 'Li.Ming',
          displayName: '李明',
          agencyId: a.id,
          roles: ['admin', 'handler'],
          failedLogins: 0,
          lockedUntil: null,
          passwordChangedAt: T0,
          createdAt: T0,
          disabledAt: null,
        });
        assert.deepEqual(await storage.users.byName('li.ming'), user);
        assert.deepEqual(await storage.users.get(user.id), user);
        assert.equal(await storage.users.byName('li.min'), undefined);
        await assert.rejects(
          storage.users.add({
            name: 'LI.MING',
            displayName: 'x',
            agencyId: a.id,
            roles: ['handler'],
            passwordHash: 'h',
            at: T0,
          }),
        );
        assert.equal(await storage.users.count(), 1);
      }));

    it('returns the password hash from credentials only, never from a read or a list', () =>
      withStorage(dialect, async (storage) => {
        const { user } = await county(storage);
        assert.deepEqual(await storage.users.credentials('LI.ming'), {
          user,
          passwordHash: '$argon2id$fake',
        });
        for (const read of [await storage.users.get(user.id), ...(await storage.users.list())])
          assert.ok(!JSON.stringify(read).includes('argon2'), JSON.stringify(read));
        await storage.users.setPassword(user.id, '$argon2id$new', T1);
        assert.equal((await storage.users.credentials('li.ming'))?.passwordHash, '$argon2id$new');
        assert.equal((await storage.users.get(user.id))?.passwordChangedAt, T1);
      }));

    it('lists the users of the agencies asked for (all when none is named), with the agency’s name', () =>
      withStorage(dialect, async (storage) => {
        const { a, b, user } = await county(storage);
        const other = await storage.users.add({
          name: 'wang',
          displayName: '王',
          agencyId: b.id,
          roles: ['oversight'],
          passwordHash: 'h',
          at: T0,
        });
        assert.deepEqual(
          (await storage.users.list()).map((u) => [u.name, u.agencyName]),
          [
            [user.name, '平潭县'],
            [other.name, '别的县'],
          ],
        );
        assert.deepEqual(
          (await storage.users.list([b.id])).map((u) => u.name),
          ['wang'],
        );
        assert.deepEqual(await storage.users.list([]), []);
        assert.deepEqual((await storage.users.list([a.id, b.id])).length, 2);
      }));

    it('counts failed logins one by one; a lock resets the count; clearing lifts both', () =>
      withStorage(dialect, async (storage) => {
        const { user } = await county(storage);
        assert.equal(await storage.users.addFailedLogin(user.id), 1);
        assert.equal(await storage.users.addFailedLogin(user.id), 2);
        await storage.users.lock(user.id, T2);
        assert.deepEqual(
          (({ failedLogins, lockedUntil }) => ({ failedLogins, lockedUntil }))(
            (await storage.users.get(user.id))!,
          ),
          { failedLogins: 0, lockedUntil: T2 },
        );
        await storage.users.addFailedLogin(user.id);
        await storage.users.clearFailures(user.id);
        const cleared = (await storage.users.get(user.id))!;
        assert.equal(cleared.failedLogins, 0);
        assert.equal(cleared.lockedUntil, null);
        await storage.users.setDisabled(user.id, T1);
        assert.equal((await storage.users.get(user.id))?.disabledAt, T1);
      }));

    it('keeps sessions by hash; touches, ends once, and ends a user’s others', () =>
      withStorage(dialect, async (storage) => {
        const { user } = await county(storage);
        const base = { userId: user.id, csrfToken: 'c', address: '10.0.0.1', userAgent: 'UA' };
        const one = await storage.sessions.add({ ...base, idHash: 'h1', at: T0 });
        await storage.sessions.add({ ...base, idHash: 'h2', at: T1 });
        await storage.sessions.add({ ...base, idHash: 'h3', at: T2 });
        assert.deepEqual(one, {
          idHash: 'h1',
          userId: user.id,
          csrfToken: 'c',
          createdAt: T0,
          lastSeenAt: T0,
          endedAt: null,
          address: '10.0.0.1',
          userAgent: 'UA',
        });
        await storage.sessions.touch('h1', T1);
        assert.equal((await storage.sessions.get('h1'))?.lastSeenAt, T1);
        assert.equal(await storage.sessions.end('h1', T2), true);
        assert.equal(await storage.sessions.end('h1', T2), false, 'ends once');
        assert.equal(await storage.sessions.endForUser(user.id, T2, 'h3'), 1);
        assert.deepEqual(
          (await storage.sessions.openForUser(user.id)).map((s) => s.idHash),
          ['h3'],
        );
        assert.equal(await storage.sessions.endForUser(user.id, T2), 1);
        assert.equal(await storage.sessions.get('nope'), undefined);
      }));

    it('keeps API tokens by a unique hash; revokes once', () =>
      withStorage(dialect, async (storage) => {
        const { user } = await county(storage);
        const token = await storage.apiTokens.add({
          userId: user.id,
          tokenHash: 'th',
          label: '脚本',
          at: T0,
        });
        assert.deepEqual(await storage.apiTokens.byHash('th'), token);
        assert.equal(token.revokedAt, null);
        await assert.rejects(
          storage.apiTokens.add({ userId: user.id, tokenHash: 'th', label: null, at: T0 }),
        );
        await storage.apiTokens.touch(token.id, T1);
        assert.equal((await storage.apiTokens.get(token.id))?.lastUsedAt, T1);
        assert.equal(await storage.apiTokens.revoke(token.id, T2), true);
        assert.equal(await storage.apiTokens.revoke(token.id, T2), false);
        assert.equal((await storage.apiTokens.forUser(user.id))[0]?.revokedAt, T2);
      }));

    it('counts an address’s failures since a moment, forgets an account’s, and prunes old ones', () =>
      withStorage(dialect, async (storage) => {
        await county(storage);
        for (const [address, nameTried, at] of [
          ['10.0.0.1', null, T0],
          ['10.0.0.1', 'Li.Ming', T1],
          ['10.0.0.1', 'Li.Ming', T2],
          ['10.0.0.2', null, T2],
        ] as const)
          await storage.loginFailures.add({ address, nameTried, at });
        assert.equal(await storage.loginFailures.countSince('10.0.0.1', T0), 3);
        assert.equal(await storage.loginFailures.countSince('10.0.0.1', T1), 2);
        assert.equal(await storage.loginFailures.countSince('10.0.0.3', T0), 0);
        assert.equal(await storage.loginFailures.clearForName('Li.Ming'), 2);
        assert.equal(await storage.loginFailures.countSince('10.0.0.1', T0), 1);
        assert.equal(await storage.loginFailures.pruneBefore(T1), 1);
        assert.equal(await storage.loginFailures.countSince('10.0.0.1', T0), 0);
        assert.equal(await storage.loginFailures.countSince('10.0.0.2', T0), 1);
      }));

    it('writes the accounts’ tables inside a transaction, or not at all', () =>
      withStorage(dialect, async (storage) => {
        const { user } = await county(storage);
        await assert.rejects(
          storage.transaction(async (tx) => {
            await tx.sessions.add({
              idHash: 'tx',
              userId: user.id,
              csrfToken: 'c',
              at: T0,
              address: null,
              userAgent: null,
            });
            await tx.users.addFailedLogin(user.id);
            throw new Error('rolled back');
          }),
          /rolled back/,
        );
        assert.equal(await storage.sessions.get('tx'), undefined);
        assert.equal((await storage.users.get(user.id))?.failedLogins, 0);
      }));
  });
}
