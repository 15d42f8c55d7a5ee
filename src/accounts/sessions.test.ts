/**
 * Logging in and sessions, on SQLite and (with GONGKAI_TEST_POSTGRES_URL) PostgreSQL: one answer for
 * an unknown name and a wrong password; the account locked after 5 consecutive failures (and unlocked
 * by an administrator or by time); an address refused after 20 failures in 15 minutes; a new random
 * session id each login, kept only as its hash; idle and absolute expiry; logout; nothing secret in
 * the audit log. Every moment is passed in as `now`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { accountsWorld, assertNotStored, PASSWORD } from '../test-support/accounts-world.js';
import { DEFAULT_ACCOUNTS_CONFIG, MINUTE_MS } from './config.js';
import { sha256Hex } from './secrets.js';
import { type LoginInput, login, logout, purgeOldSessions, sessionActor } from './sessions.js';
import { setUserDisabled, unlockUser } from './users.js';

const T0 = new Date('2026-11-02T01:00:00.000Z');
const later = (minutes: number, from: Date = T0) => new Date(from.getTime() + minutes * MINUTE_MS);
const attempt = (name: string, password: string, address = '10.0.0.1'): LoginInput => ({
  name,
  password,
  address,
  userAgent: 'Mozilla/5.0 '.repeat(100),
});
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

async function loggedIn(storage: Storage, name: string, now = T0) {
  const result = await login(storage, attempt(name, PASSWORD), now);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

for (const dialect of DIALECTS) {
  describe(`login and sessions on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('logs a user in with a new random session id each time, acting for their agency and the ones below', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        const first = await loggedIn(storage, 'ADMIN1');
        const second = await loggedIn(storage, 'admin1');
        assert.notEqual(first.sessionId, second.sessionId);
        assert.notEqual(first.csrfToken, second.csrfToken);
        assert.match(first.sessionId, /^[A-Za-z0-9_-]{43}$/, '32 bytes, base64url');
        assert.deepEqual(first.actor, {
          kind: 'user',
          userId: world.admin.id,
          name: 'admin1',
          roles: ['admin'],
          agencyId: world.county,
          subordinateIds: [world.township],
          address: '10.0.0.1',
        });
        const stored = await storage.sessions.get(sha256Hex(first.sessionId));
        assert.equal(stored?.userId, world.admin.id);
        assert.equal(stored?.userAgent?.length, 256, 'the user agent is cut');
        await assertNotStored(storage, [first.sessionId, second.sessionId, PASSWORD]);
        const audited = (await storage.auditLog.list()).filter((e) => e.action === 'session.login');
        assert.equal(audited.length, 2);
        assert.equal(audited[0]?.address, '10.0.0.1');
      }));

    it('answers a wrong password exactly as a name without an account (用户名或密码错误), recording the name only when it is one', () =>
      withStorage(dialect, async (storage) => {
        await accountsWorld(storage);
        const wrong = await login(storage, attempt('admin1', 'wrong-password-1'), T0);
        const unknown = await login(storage, attempt('nobody', PASSWORD), T0);
        const typedPassword = await login(storage, attempt('my secret pw 9', 'x'), T0);
        assert.ok(!wrong.ok && !unknown.ok && !typedPassword.ok);
        assert.deepEqual(wrong.error, unknown.error);
        assert.deepEqual(typedPassword.error, unknown.error);
        assert.equal(wrong.error.code, 'login.failed');
        assert.equal(wrong.error.message, '用户名或密码错误 (wrong user name or password)');
        const failures = await storage.db
          .selectFrom('login_failures')
          .select('name_tried')
          .orderBy('id')
          .execute();
        assert.deepEqual(
          failures.map((f) => f.name_tried),
          ['admin1', null, null],
        );
        await assertNotStored(storage, ['wrong-password-1', 'nobody', 'my secret pw 9', PASSWORD]);
      }));

    it('locks an account after 5 consecutive failures, saying until when and that an administrator can unlock; unlocking lifts it', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        await world.addUser({ name: 'handler1' });
        for (let i = 1; i <= 4; i++)
          assert.equal(
            codeOf(await login(storage, attempt('handler1', `bad-${i}`), later(i))),
            'login.failed',
          );
        const fifth = await login(storage, attempt('handler1', 'bad-5'), later(5));
        assert.ok(!fifth.ok);
        assert.equal(fifth.error.code, 'login.locked');
        assert.equal(fifth.error.until, later(20).toISOString(), 'locked for 15 minutes');
        assert.match(fifth.error.message, /已被锁定.*2026-11-02 09:20（北京时间）.*管理员可提前解除锁定/);
        const right = await login(storage, attempt('handler1', PASSWORD), later(6));
        assert.equal(codeOf(right), 'login.locked', 'even the right password, while locked');

        const unlocked = await unlockUser(storage, world.adminActor, 'handler1', { now: later(7) });
        assert.ok(unlocked.ok);
        assert.equal(unlocked.value.lockedUntil, null);
        assert.equal(codeOf(await login(storage, attempt('handler1', PASSWORD), later(7))), 'ok');
        assert.ok(
          (await storage.auditLog.list()).some((e) => e.action === 'user.unlock' && e.actor === 'admin1'),
        );
      }));

    it('lets a lock run out after lockMinutes, and a success reset the count of failures', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        await world.addUser({ name: 'handler1' });
        for (let i = 0; i < 5; i++) await login(storage, attempt('handler1', 'bad'), T0);
        assert.equal(codeOf(await login(storage, attempt('handler1', PASSWORD), later(14))), 'login.locked');
        assert.equal(codeOf(await login(storage, attempt('handler1', PASSWORD), later(15))), 'ok');
        for (let i = 0; i < 4; i++) await login(storage, attempt('handler1', 'bad'), later(16));
        assert.equal(codeOf(await login(storage, attempt('handler1', PASSWORD), later(16))), 'ok');
        for (let i = 0; i < 4; i++)
          assert.equal(codeOf(await login(storage, attempt('handler1', 'bad'), later(17))), 'login.failed');
        assert.equal((await storage.users.byName('handler1'))?.failedLogins, 4);
      }));

    it('refuses an address after 20 failures within 15 minutes, whatever names it tried; other addresses and later times are not', () =>
      withStorage(dialect, async (storage) => {
        await accountsWorld(storage);
        for (let i = 0; i < 20; i++)
          assert.equal(
            codeOf(await login(storage, attempt(`guess${i}`, 'x', '203.0.113.9'), later(i / 2))),
            'login.failed',
          );
        const refused = await login(storage, attempt('admin1', PASSWORD, '203.0.113.9'), later(10));
        assert.equal(codeOf(refused), 'login.address-throttled');
        assert.ok(!refused.ok && /此地址近期登录失败次数过多/.test(refused.error.message));
        const before = await storage.auditLog.list();
        await login(storage, attempt('admin1', PASSWORD, '203.0.113.9'), later(10));
        assert.equal(
          (await storage.auditLog.list()).length,
          before.length,
          'a throttled attempt writes nothing',
        );
        assert.equal(codeOf(await login(storage, attempt('admin1', PASSWORD, '10.9.9.9'), later(10))), 'ok');
        assert.equal(
          codeOf(await login(storage, attempt('admin1', PASSWORD, '203.0.113.9'), later(25))),
          'ok',
        );
      }));

    it('forgets an account’s failures against its address when an administrator unlocks it', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        await world.addUser({ name: 'handler1' });
        const config = { maxAddressFailures: 3 };
        for (let i = 0; i < 3; i++) await login(storage, attempt('handler1', 'bad'), T0, config);
        assert.equal(
          codeOf(await login(storage, attempt('handler1', PASSWORD), T0, config)),
          'login.address-throttled',
        );
        assert.ok((await unlockUser(storage, world.adminActor, 'handler1', { now: T0 })).ok);
        assert.equal(codeOf(await login(storage, attempt('handler1', PASSWORD), T0, config)), 'ok');
      }));

    it('ends a session idle longer than 30 minutes, touching it at most once a minute', () =>
      withStorage(dialect, async (storage) => {
        await accountsWorld(storage);
        const { sessionId, csrfToken } = await loggedIn(storage, 'admin1');
        const hash = sha256Hex(sessionId);
        const soon = await sessionActor(storage, sessionId, later(0.5));
        assert.equal(soon?.csrfToken, csrfToken);
        assert.equal(
          (await storage.sessions.get(hash))?.lastSeenAt,
          T0.toISOString(),
          'not touched within a minute',
        );
        const seen = await sessionActor(storage, sessionId, later(29));
        assert.equal(seen?.actor.name, 'admin1');
        assert.deepEqual(seen?.expiresAt, later(59));
        assert.equal((await storage.sessions.get(hash))?.lastSeenAt, later(29).toISOString());
        assert.ok(await sessionActor(storage, sessionId, later(59)), 'exactly 30 minutes idle still counts');
        assert.equal(await sessionActor(storage, sessionId, later(89.5)), undefined);
        assert.ok((await storage.sessions.get(hash))?.endedAt, 'the idle session was ended');
        assert.equal(await sessionActor(storage, sessionId, later(90)), undefined);
        const expired = (await storage.auditLog.list()).filter((e) => e.action === 'session.expired');
        assert.deepEqual(
          expired.map((e) => (e.detail as { reason: string }).reason),
          ['idle'],
        );
      }));

    it('ends a session 12 hours after the login however busy, and says when a session expires', () =>
      withStorage(dialect, async (storage) => {
        await accountsWorld(storage);
        const { sessionId } = await loggedIn(storage, 'admin1');
        let last: Awaited<ReturnType<typeof sessionActor>>;
        for (let minutes = 20; minutes <= 12 * 60; minutes += 20) {
          last = await sessionActor(storage, sessionId, later(minutes));
          assert.ok(last, `alive at ${minutes} minutes`);
        }
        assert.deepEqual(last?.expiresAt, later(12 * 60), 'the absolute end comes first');
        assert.equal(await sessionActor(storage, sessionId, later(12 * 60 + 1)), undefined);
        assert.ok((await storage.sessions.get(sha256Hex(sessionId)))?.endedAt);
      }));

    it('ends the session at logout (audited), after which its id acts for nobody', () =>
      withStorage(dialect, async (storage) => {
        await accountsWorld(storage);
        const { sessionId } = await loggedIn(storage, 'admin1');
        const other = await loggedIn(storage, 'admin1');
        assert.equal(await logout(storage, sessionId, later(1), '10.0.0.7'), true);
        assert.equal(await logout(storage, sessionId, later(1)), false, 'once');
        assert.equal(await sessionActor(storage, sessionId, later(2)), undefined);
        assert.ok(await sessionActor(storage, other.sessionId, later(2)), 'the other session lives on');
        const entry = (await storage.auditLog.list()).find((e) => e.action === 'session.logout');
        assert.equal(entry?.actor, 'admin1');
        assert.equal(entry?.address, '10.0.0.7');
        assert.equal(await logout(storage, 'no-such-session', later(2)), false);
        assert.equal(await sessionActor(storage, '', later(2)), undefined);
        assert.equal(await sessionActor(storage, 'x'.repeat(10_000), later(2)), undefined);
      }));

    it('refuses a disabled account after its password (login.disabled) and ends its sessions', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        await world.addUser({ name: 'handler1' });
        const { sessionId } = await loggedIn(storage, 'handler1');
        assert.ok((await setUserDisabled(storage, world.adminActor, 'handler1', true, { now: later(1) })).ok);
        assert.equal(await sessionActor(storage, sessionId, later(2)), undefined);
        assert.equal(codeOf(await login(storage, attempt('handler1', PASSWORD), later(2))), 'login.disabled');
        assert.equal(codeOf(await login(storage, attempt('handler1', 'wrong-1'), later(2))), 'login.failed');
        assert.equal(codeOf(await setUserDisabled(storage, world.adminActor, 'admin1', true)), 'user.self');
        assert.ok(
          (await setUserDisabled(storage, world.adminActor, 'handler1', false, { now: later(3) })).ok,
        );
        assert.equal(codeOf(await login(storage, attempt('handler1', PASSWORD), later(3))), 'ok');
      }));

    it('deletes the rows of sessions ended or idle for over 30 days, and no session still open', () =>
      withStorage(dialect, async (storage) => {
        await accountsWorld(storage);
        const DAY = 24 * 60;
        const ended = await loggedIn(storage, 'admin1');
        await logout(storage, ended.sessionId, later(1));
        const idle = await loggedIn(storage, 'admin1');
        const recent = await loggedIn(storage, 'admin1', later(20 * DAY));
        const rows = async () => (await storage.db.selectFrom('sessions').select('id_hash').execute()).length;
        assert.equal(await rows(), 3);
        // 30 days after the logout and the last use: both still kept.
        assert.equal(await purgeOldSessions(storage, later(30 * DAY)), 0);
        assert.equal(await purgeOldSessions(storage, later(30 * DAY + 2)), 2);
        assert.equal(await rows(), 1);
        assert.ok(
          await sessionActor(storage, recent.sessionId, later(20 * DAY + 5)),
          'the recent one lives on',
        );
        assert.equal(await sessionActor(storage, idle.sessionId, later(30 * DAY + 3)), undefined);
        // The audit log keeps the sign-ins and the sign-out.
        const actions = (await storage.auditLog.list()).map((e) => e.action);
        assert.ok(actions.includes('session.logout'));
      }));
  });
}

describe('the lockout rule, as a property (SQLite)', () => {
  it('refuses as locked exactly when maxFailures failures came in a row since the last success or lock', () =>
    withStorage(DIALECTS[0]!, async (storage) => {
      const world = await accountsWorld(storage);
      const maxFailures = 3;
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }), async (rightPassword) => {
          run++;
          const name = `p${run}`;
          await world.addUser({ name });
          let failures = 0;
          let locked = false;
          for (const right of rightPassword) {
            const got = codeOf(
              await login(storage, attempt(name, right ? PASSWORD : 'bad', `198.51.100.${run}`), T0, {
                maxFailures,
              }),
            );
            let expected: string;
            if (locked) expected = 'login.locked';
            else if (right) {
              failures = 0;
              expected = 'ok';
            } else {
              failures++;
              locked = failures >= maxFailures;
              expected = locked ? 'login.locked' : 'login.failed';
            }
            assert.equal(got, expected);
          }
        }),
        { numRuns: 12 },
      );
      assert.equal(DEFAULT_ACCOUNTS_CONFIG.maxFailures, 5);
    }));
});
