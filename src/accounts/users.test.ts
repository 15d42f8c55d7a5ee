/**
 * Users as administrators manage them (POLICY['user.manage']: 管理员, own agency and below), on SQLite
 * and (with GONGKAI_TEST_POSTGRES_URL) PostgreSQL: a county's administrator adds users to its township
 * and not to another county (not found); a handler adds none (forbidden); the name, role and password
 * rules; the list reaches the administrator's agencies only and never holds a hash; a reset ends the
 * user's sessions, a change of one's own password the other sessions; nothing secret is audited.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../domain/access/policy.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { accountsWorld, assertNotStored, PASSWORD } from '../test-support/accounts-world.js';
import { actorOf } from './actor.js';
import { login, sessionActor } from './sessions.js';
import { issueApiToken, tokenActor } from './tokens.js';
import { changeOwnPassword, countUsers, createUser, listUsers, resetPassword } from './users.js';

const NOW = new Date('2026-11-02T01:00:00.000Z');
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const attempt = (name: string, password: string) => ({ name, password, address: '10.0.0.1' });

for (const dialect of DIALECTS) {
  describe(`users on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('stores an argon2id hash ($argon2id$), never the password', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        const stored = await storage.users.credentials(world.admin.name);
        assert.match(stored?.passwordHash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        await assertNotStored(storage, [PASSWORD]);
        assert.equal(await countUsers(storage), 1);
      }));

    it('lets a county’s administrator add a user to its township, and not to another county (not found)', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        const input = {
          name: 'zhang.san',
          displayName: ' 张三 ',
          roles: ['handler'] as Role[],
          password: PASSWORD,
        };
        const added = await createUser(storage, world.adminActor, { ...input, agencyId: world.township });
        assert.ok(added.ok, JSON.stringify(added));
        assert.equal(added.value.agencyId, world.township);
        assert.equal(added.value.displayName, '张三');
        const elsewhere = await createUser(storage, world.adminActor, {
          ...input,
          name: 'li.si',
          agencyId: world.otherCounty,
        });
        assert.equal(codeOf(elsewhere), 'access.not-found');
        assert.equal(await storage.users.byName('li.si'), undefined);
        const entry = (await storage.auditLog.list()).find((e) => e.subject === 'user:zhang.san');
        assert.equal(entry?.action, 'user.add');
        assert.equal(entry?.actor, 'admin1');
        assert.equal(entry?.userId, world.admin.id);
        assert.equal(entry?.agencyId, world.township);
      }));

    it('does not let a handler add users (forbidden), even to their own agency', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        const handler = await actorOf(storage, await world.addUser({ name: 'handler1' }));
        const added = await createUser(storage, handler, {
          name: 'new.one',
          agencyId: world.county,
          roles: ['handler'],
          password: PASSWORD,
        });
        assert.equal(codeOf(added), 'access.forbidden');
        assert.equal(codeOf(await listUsers(storage, handler)), 'access.forbidden');
      }));

    it('refuses a bad name, no role, an unknown role, a weak password (in Chinese), a taken name in any case, an unknown agency', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        const base = {
          name: 'wang.wu',
          agencyId: world.county,
          roles: ['approver'] as Role[],
          password: PASSWORD,
        };
        const refused = async (change: Partial<typeof base> | Record<string, unknown>) =>
          codeOf(await createUser(storage, world.root, { ...base, ...change } as typeof base));
        for (const name of ['x', 'a'.repeat(65), '王五', 'wang wu', 'cli:root', 'a@b'])
          assert.equal(await refused({ name }), 'user.name-invalid', name);
        assert.equal(await refused({ roles: [] }), 'user.no-role');
        assert.equal(await refused({ roles: ['boss'] }), 'user.role-unknown');
        for (const password of ['short1a', 'onlyletters', '1234567890', ''])
          assert.equal(await refused({ password }), 'password.weak', password);
        const weak = await createUser(storage, world.root, { ...base, password: 'abc' });
        assert.ok(!weak.ok);
        assert.match(weak.error.message, /^密码至少 10 个字符，且须同时包含字母和数字 \(/);
        assert.equal(await refused({ name: 'ADMIN1' }), 'user.name-taken');
        assert.equal(await refused({ agencyId: 999 }), 'agency.unknown');
        assert.equal(await refused({}), 'ok');
      }));

    it('lists the users of the agencies the administrator reaches (own and below), never a hash', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        await world.addUser({ name: 'town.handler', agencyId: world.township });
        await world.addUser({ name: 'far.away', agencyId: world.otherCounty, roles: ['admin'] });
        const mine = await listUsers(storage, world.adminActor);
        assert.ok(mine.ok);
        assert.deepEqual(
          mine.value.map((u) => [u.name, u.agencyName]),
          [
            ['admin1', '平潭县'],
            ['town.handler', '潭城镇'],
          ],
        );
        const all = await listUsers(storage, world.root);
        assert.ok(all.ok);
        assert.equal(all.value.length, 3);
        assert.doesNotMatch(JSON.stringify(all.value), /argon2|password_hash|passwordHash/);
      }));

    it('resets a password (administrator): the old one stops working, the user’s sessions and API tokens end, a lock is lifted', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        await world.addUser({ name: 'town.handler', agencyId: world.township });
        const far = await world.addUser({ name: 'far.away', agencyId: world.otherCounty });
        const session = await login(storage, attempt('town.handler', PASSWORD), NOW);
        assert.ok(session.ok);
        for (let i = 0; i < 5; i++) await login(storage, attempt('town.handler', 'bad'), NOW);
        const token = await issueApiToken(storage, world.root, 'town.handler', 'script');
        assert.ok(token.ok);
        assert.ok(await tokenActor(storage, token.value.token, NOW), 'the token works before the reset');
        const reset = await resetPassword(storage, world.adminActor, 'town.handler', 'new-secret-77', {
          now: NOW,
        });
        assert.ok(reset.ok);
        assert.equal(reset.value.lockedUntil, null);
        assert.equal(await sessionActor(storage, session.value.sessionId, NOW), undefined);
        assert.equal(
          await tokenActor(storage, token.value.token, NOW),
          undefined,
          'its API token no longer works',
        );
        assert.equal(codeOf(await login(storage, attempt('town.handler', PASSWORD), NOW)), 'login.failed');
        assert.equal(codeOf(await login(storage, attempt('town.handler', 'new-secret-77'), NOW)), 'ok');
        assert.equal(
          codeOf(await resetPassword(storage, world.adminActor, far.name, 'new-secret-77')),
          'user.unknown',
          'another county’s user is as unknown as nobody',
        );
        assert.equal(
          codeOf(await resetPassword(storage, world.adminActor, 'nobody', 'new-secret-77')),
          'user.unknown',
        );
        assert.equal(
          codeOf(await resetPassword(storage, world.adminActor, 'town.handler', 'weak')),
          'password.weak',
        );
        await assertNotStored(storage, [PASSWORD, 'new-secret-77'], ['audit_log']);
      }));

    it('changes one’s own password knowing the old one, ending the other sessions but this one', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        const here = await login(storage, attempt('admin1', PASSWORD), NOW);
        const there = await login(storage, attempt('admin1', PASSWORD), NOW);
        assert.ok(here.ok && there.ok);
        const actor = here.value.actor;
        assert.equal(
          codeOf(await changeOwnPassword(storage, actor, 'not-it-123', 'next-secret-88')),
          'password.wrong',
        );
        assert.equal(codeOf(await changeOwnPassword(storage, actor, PASSWORD, 'weak')), 'password.weak');
        assert.equal(codeOf(await changeOwnPassword(storage, actor, PASSWORD, PASSWORD)), 'password.same');
        assert.equal(
          codeOf(await changeOwnPassword(storage, world.root, PASSWORD, 'next-secret-88')),
          'user.not-a-user',
        );
        const changed = await changeOwnPassword(storage, actor, PASSWORD, 'next-secret-88', {
          now: NOW,
          currentSessionId: here.value.sessionId,
        });
        assert.equal(codeOf(changed), 'ok');
        assert.ok(await sessionActor(storage, here.value.sessionId, NOW), 'this session stays');
        assert.equal(await sessionActor(storage, there.value.sessionId, NOW), undefined, 'the other ends');
        assert.equal(codeOf(await login(storage, attempt('admin1', 'next-secret-88'), NOW)), 'ok');
        await assertNotStored(storage, [PASSWORD, 'next-secret-88', 'not-it-123'], ['audit_log']);
        assert.ok((await storage.auditLog.list()).some((e) => e.action === 'user.password-change'));
      }));
  });
}
