/**
 * API tokens, on SQLite and (with GONGKAI_TEST_POSTGRES_URL) PostgreSQL: 'gk_' and 32 random bytes,
 * shown once and stored only hashed (the raw token is in no row); a token acts as its user until
 * revoked or the user is disabled; last use is written at most once a minute; only an administrator
 * of the user's agency issues one; the user may revoke their own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { accountsWorld, assertNotStored } from '../test-support/accounts-world.js';
import { actorOf } from './actor.js';
import { MINUTE_MS } from './config.js';
import { sha256Hex } from './secrets.js';
import { issueApiToken, listApiTokens, revokeApiToken, tokenActor } from './tokens.js';
import { setUserDisabled } from './users.js';

const T0 = new Date('2026-11-02T01:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE_MS);
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

for (const dialect of DIALECTS) {
  describe(`API tokens on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('issues a token that acts as its user until revoked, stored only as its hash', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        const handler = await world.addUser({ name: 'script.user', agencyId: world.township });
        const issued = await issueApiToken(storage, world.adminActor, 'script.user', ' 台账同步 ', {
          now: T0,
        });
        assert.ok(issued.ok);
        const { id, token } = issued.value;
        assert.match(token, /^gk_[A-Za-z0-9_-]{43}$/);
        await assertNotStored(storage, [token, token.slice(3)]);
        assert.equal((await storage.apiTokens.get(id))?.tokenHash, sha256Hex(token));

        const acting = await tokenActor(storage, token, later(1), '10.0.0.5');
        assert.equal(acting?.user.id, handler.id);
        assert.deepEqual(acting?.actor, {
          kind: 'user',
          userId: handler.id,
          name: 'script.user',
          roles: ['handler'],
          agencyId: world.township,
          subordinateIds: [],
          address: '10.0.0.5',
        });
        const listed = await listApiTokens(storage, world.adminActor, 'script.user');
        assert.ok(listed.ok);
        assert.deepEqual(
          listed.value.map((t) => [t.id, t.label]),
          [[id, '台账同步']],
        );
        assert.doesNotMatch(JSON.stringify(listed.value), /tokenHash/);

        const revoked = await revokeApiToken(storage, world.adminActor, id, { now: later(2) });
        assert.ok(revoked.ok);
        assert.equal(revoked.value.revokedAt, later(2).toISOString());
        assert.equal(await tokenActor(storage, token, later(3)), undefined);
        assert.ok((await revokeApiToken(storage, world.adminActor, id)).ok, 'revoking again changes nothing');
        const actions = (await storage.auditLog.list()).map((e) => e.action);
        assert.deepEqual(
          actions.filter((a) => a.startsWith('token.')),
          ['token.issue', 'token.revoke'],
        );
      }));

    it('writes the last use at most once a minute', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        const issued = await issueApiToken(storage, world.root, 'admin1');
        assert.ok(issued.ok);
        const lastUsed = async () => (await storage.apiTokens.get(issued.value.id))?.lastUsedAt;
        assert.equal(await lastUsed(), null);
        await tokenActor(storage, issued.value.token, T0);
        assert.equal(await lastUsed(), T0.toISOString());
        await tokenActor(storage, issued.value.token, later(0.5));
        assert.equal(await lastUsed(), T0.toISOString());
        await tokenActor(storage, issued.value.token, later(1));
        assert.equal(await lastUsed(), later(1).toISOString());
      }));

    it('acts for nobody with an unknown or malformed token, or for a disabled user', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        await world.addUser({ name: 'h1' });
        const issued = await issueApiToken(storage, world.root, 'h1');
        assert.ok(issued.ok);
        for (const token of ['', 'gk_', 'gk_unknown', issued.value.token.slice(3), `gk_${'a'.repeat(5000)}`])
          assert.equal(await tokenActor(storage, token, T0), undefined, token.slice(0, 10));
        assert.ok((await setUserDisabled(storage, world.adminActor, 'h1', true)).ok);
        assert.equal(await tokenActor(storage, issued.value.token, T0), undefined);
      }));

    it('lets only an administrator of the user’s agency issue one, and a user revoke their own', () =>
      withStorage(dialect, async (storage) => {
        const world = await accountsWorld(storage);
        const far = await world.addUser({ name: 'far.away', agencyId: world.otherCounty });
        const h1 = await actorOf(storage, await world.addUser({ name: 'h1' }));
        const h2 = await actorOf(storage, await world.addUser({ name: 'h2' }));
        assert.equal(codeOf(await issueApiToken(storage, world.adminActor, far.name)), 'user.unknown');
        assert.equal(codeOf(await issueApiToken(storage, h1, 'h1')), 'access.forbidden');
        const issued = await issueApiToken(storage, world.adminActor, 'h1');
        assert.ok(issued.ok);
        assert.equal(codeOf(await revokeApiToken(storage, h2, issued.value.id)), 'access.forbidden');
        const farToken = await issueApiToken(storage, world.root, far.name);
        assert.ok(farToken.ok);
        assert.equal(
          codeOf(await revokeApiToken(storage, world.adminActor, farToken.value.id)),
          'token.unknown',
        );
        assert.equal(codeOf(await revokeApiToken(storage, world.root, 999)), 'token.unknown');
        assert.equal(codeOf(await revokeApiToken(storage, h1, issued.value.id)), 'ok');
        assert.equal(await tokenActor(storage, issued.value.token, T0), undefined);
      }));
  });
}
