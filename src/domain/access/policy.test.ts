import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EVENT_LABELS, type EventKind } from '../requests/events.js';
import {
  ACTIONS,
  type Actor,
  actionOfEvent,
  authorize,
  POLICY,
  ROLES,
  type Role,
  reachOf,
  systemActor,
} from './policy.js';

// A county (1) with a township (2) below it, and another county (3).
const user = (roles: Role[], agencyId = 1, subordinateIds: number[] = agencyId === 1 ? [2] : []): Actor => ({
  kind: 'user',
  userId: 7,
  name: 'u',
  roles,
  agencyId,
  subordinateIds,
});

const allowed = (actor: Actor, action: (typeof ACTIONS)[number], agencyId?: number) =>
  authorize(actor, action, agencyId).ok;
const code = (actor: Actor, action: (typeof ACTIONS)[number], agencyId?: number) => {
  const r = authorize(actor, action, agencyId);
  return r.ok ? 'ok' : r.error.code;
};

describe('the policy table: who may do what', () => {
  it('gives every action at least one role, and the roles are the five of the office', () => {
    for (const action of ACTIONS) assert.ok(POLICY[action].roles.length > 0, action);
    assert.deepEqual([...ROLES], ['admin', 'handler', 'approver', 'liaison', 'oversight']);
  });

  it('lets a handler register and handle its own agency’s requests, not approve them (条例第三十三条)', () => {
    const handler = user(['handler']);
    assert.equal(code(handler, 'request.register', 1), 'ok');
    assert.equal(code(handler, 'request.record', 1), 'ok');
    assert.equal(code(handler, 'request.extend', 1), 'access.forbidden');
    assert.equal(code(handler, 'request.decide', 1), 'access.forbidden');
  });

  it('lets an approver extend and decide, not register', () => {
    const approver = user(['approver']);
    assert.equal(code(approver, 'request.extend', 1), 'ok');
    assert.equal(code(approver, 'request.decide', 1), 'ok');
    assert.equal(code(approver, 'request.register', 1), 'access.forbidden');
  });

  it('hides a subordinate’s and another agency’s requests from a handler as not found', () => {
    const handler = user(['handler']);
    assert.equal(code(handler, 'request.read', 2), 'access.not-found');
    assert.equal(code(handler, 'request.read', 3), 'access.not-found');
  });

  it('lets oversight read its agency and the agencies below it, and change nothing', () => {
    const oversight = user(['oversight']);
    assert.equal(code(oversight, 'request.read', 1), 'ok');
    assert.equal(code(oversight, 'request.read', 2), 'ok');
    assert.equal(code(oversight, 'report.build', 2), 'ok');
    assert.equal(code(oversight, 'request.read', 3), 'access.not-found');
    for (const action of ['request.register', 'request.record', 'request.extend', 'request.decide'] as const)
      assert.equal(code(oversight, action, 2), 'access.forbidden', action);
  });

  it('keeps a liaison away from request data but lets it change its own password', () => {
    const liaison = user(['liaison']);
    assert.equal(code(liaison, 'request.read', 1), 'access.forbidden');
    assert.equal(code(liaison, 'account.self'), 'ok');
  });

  it('gives the administrator agencies, users and the one calendar, not requests', () => {
    const admin = user(['admin']);
    assert.equal(code(admin, 'user.manage', 2), 'ok');
    assert.equal(code(admin, 'user.manage', 3), 'access.not-found');
    assert.equal(code(admin, 'calendar.manage'), 'ok');
    assert.equal(reachOf(admin, 'calendar.manage'), 'all');
    assert.equal(code(admin, 'request.read', 1), 'access.forbidden');
  });

  it('lets a liaison or a handler draft catalogue items, and only an approver publish, repeal or amend them (条例第十七条)', () => {
    for (const roles of [['liaison'], ['handler']] as Role[][]) {
      const drafter = user(roles);
      assert.equal(code(drafter, 'catalogue.draft', 1), 'ok', roles[0]);
      assert.equal(code(drafter, 'catalogue.read', 1), 'ok', roles[0]);
      assert.equal(code(drafter, 'catalogue.publish', 1), 'access.forbidden', roles[0]);
      assert.equal(code(drafter, 'catalogue.repeal', 1), 'access.forbidden', roles[0]);
    }
    const approver = user(['approver']);
    assert.equal(code(approver, 'catalogue.publish', 1), 'ok');
    assert.equal(code(approver, 'catalogue.repeal', 1), 'ok');
    assert.equal(code(approver, 'catalogue.draft', 1), 'access.forbidden');
    assert.equal(code(user(['admin']), 'catalogue.draft', 1), 'access.forbidden');
  });

  it('keeps an agency’s catalogue its own: another agency’s items are not found, oversight reads those below', () => {
    for (const action of [
      'catalogue.draft',
      'catalogue.publish',
      'catalogue.repeal',
      'catalogue.read',
    ] as const) {
      const all = user(['liaison', 'handler', 'approver']);
      assert.equal(code(all, action, 2), 'access.not-found', action);
      assert.equal(code(all, action, 3), 'access.not-found', action);
    }
    const oversight = user(['oversight']);
    assert.equal(code(oversight, 'catalogue.read', 2), 'ok');
    assert.equal(code(oversight, 'catalogue.publish', 2), 'access.forbidden');
    assert.equal(code(oversight, 'catalogue.read', 3), 'access.not-found');
  });

  it('lets an approver or an administrator publish the agency’s own 指南 (条例第十二条) and 制度 (第四条), no one else’s', () => {
    for (const action of ['guide.publish', 'rules.publish'] as const) {
      for (const roles of [['approver'], ['admin']] as Role[][]) {
        assert.equal(code(user(roles), action, 1), 'ok', `${action} ${roles[0]}`);
        assert.equal(code(user(roles), action, 3), 'access.not-found', `${action} ${roles[0]}`);
        assert.notEqual(code(user(roles), action, 2), 'ok', `${action} ${roles[0]}: not a subordinate's`);
      }
      for (const roles of [['handler'], ['liaison'], ['oversight']] as Role[][])
        assert.equal(code(user(roles), action, 1), 'access.forbidden', `${action} ${roles[0]}`);
    }
  });

  it('lets an administrator or an approver keep the agency’s own column tree (栏目), no one else’s', () => {
    for (const roles of [['approver'], ['admin']] as Role[][]) {
      assert.equal(code(user(roles), 'catalogue.columns', 1), 'ok', roles[0]);
      assert.equal(code(user(roles), 'catalogue.columns', 3), 'access.not-found', roles[0]);
      assert.notEqual(
        code(user(roles), 'catalogue.columns', 2),
        'ok',
        `${roles[0]}: not a subordinate's tree`,
      );
    }
    for (const roles of [['handler'], ['liaison'], ['oversight']] as Role[][])
      assert.equal(code(user(roles), 'catalogue.columns', 1), 'access.forbidden', roles[0]);
  });

  it('lets only an approver publish the agency’s annual report, on its own agency (条例第四十九条)', () => {
    assert.equal(code(user(['approver']), 'report.publish', 1), 'ok');
    for (const roles of [['admin'], ['handler'], ['liaison'], ['oversight']] as Role[][])
      assert.equal(code(user(roles), 'report.publish', 1), 'access.forbidden', roles[0]);
    // Not the township's below, nor another county's: to the approver those are not found.
    assert.equal(code(user(['approver']), 'report.publish', 2), 'access.not-found');
    assert.equal(code(user(['approver']), 'report.publish', 3), 'access.not-found');
    // Oversight sees the township's report being built, and may not publish it.
    assert.equal(code(user(['oversight']), 'report.publish', 2), 'access.forbidden');
    assert.match(POLICY['report.publish'].basis, /第四十九条/);
  });

  it('lets the system actor (the command line’s operator) do everything everywhere', () => {
    for (const action of ACTIONS) assert.ok(allowed(systemActor('cli:root'), action, 99), action);
  });

  it('asks an approver for the extension and the decision, a handler for every other event', () => {
    const kinds = Object.keys(EVENT_LABELS) as EventKind[];
    assert.deepEqual(
      kinds.filter((k) => actionOfEvent(k) !== 'request.record'),
      ['Extended', 'Decided'],
    );
  });

  it('never lets a role reach further than its grant: an actor with more roles may do at least as much', () => {
    const roles = fc.subarray([...ROLES]);
    fc.assert(
      fc.property(
        roles,
        roles,
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(1, 2, 3),
        (a, b, action, agency) => {
          const some = user(a);
          const more = user([...new Set([...a, ...b])]);
          if (allowed(some, action, agency)) assert.ok(allowed(more, action, agency));
          // Nothing reaches the other county.
          assert.ok(!allowed(more, action, 3) || reachOf(more, action) === 'all');
        },
      ),
    );
  });
});
