/**
 * @module For the account tests: a county (平潭县) with a township (潭城镇) below it and another county
 * (别的县), an administrator of the first county, and a check that no secret reached the audit log or
 * a table it must not be in. For tests only.
 */
import assert from 'node:assert/strict';
import { actorOf } from '../accounts/actor.js';
import { createUser, type NewUserInput } from '../accounts/users.js';
import { type Actor, systemActor } from '../domain/access/policy.js';
import type { Storage, User } from '../storage/index.js';

export const PASSWORD = 'correct-horse-42';

export interface AccountsWorld {
  readonly county: number;
  readonly township: number;
  readonly otherCounty: number;
  readonly root: Actor;
  /** 管理员 of the county. */
  readonly admin: User;
  readonly adminActor: Actor & { kind: 'user' };
  /** Adds a user as the system actor (password PASSWORD unless given). */
  addUser(input: Partial<NewUserInput> & Pick<NewUserInput, 'name'>): Promise<User>;
}

export async function accountsWorld(storage: Storage): Promise<AccountsWorld> {
  const county = (await storage.agencies.add({ name: '平潭县', kind: '区县' })).id;
  const township = (await storage.agencies.add({ name: '潭城镇', kind: '乡镇/街道', parentId: county })).id;
  const otherCounty = (await storage.agencies.add({ name: '别的县', kind: '区县' })).id;
  const root = systemActor('cli:test');
  const addUser = async (input: Partial<NewUserInput> & Pick<NewUserInput, 'name'>) => {
    const added = await createUser(storage, root, {
      agencyId: county,
      roles: ['handler'],
      password: PASSWORD,
      ...input,
    });
    assert.ok(added.ok, JSON.stringify(added));
    return added.value;
  };
  const admin = await addUser({ name: 'admin1', roles: ['admin'] });
  return { county, township, otherCounty, root, admin, adminActor: await actorOf(storage, admin), addUser };
}

/** Every row of these tables, as text, lacks every one of `secrets`. */
export async function assertNotStored(
  storage: Storage,
  secrets: readonly string[],
  tables: readonly ('audit_log' | 'sessions' | 'api_tokens' | 'users' | 'login_failures')[] = [
    'audit_log',
    'sessions',
    'api_tokens',
    'users',
    'login_failures',
  ],
): Promise<void> {
  for (const table of tables) {
    const rows = JSON.stringify(await storage.db.selectFrom(table).selectAll().execute());
    for (const secret of secrets) assert.ok(!rows.includes(secret), `${table} holds a secret: ${secret}`);
  }
}
