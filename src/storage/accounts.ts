/**
 * @module The platform's accounts as stored: users (one agency each, their roles, an argon2id hash),
 * sessions and API tokens (by the SHA-256 of their secret: the secret itself is never written), and
 * failed logins by address. Moments are handed in by the caller (src/accounts decides expiry by the
 * `now` it is given, so that the same clock writes and reads them). Nothing here decides policy.
 */
import type { Selectable } from 'kysely';
import { ROLES, type Role } from '../domain/access/policy.js';
import { chunks } from './query-util.js';
import type { ApiTokensTable, Executor, SessionsTable, UsersTable } from './schema.js';

export interface User {
  readonly id: number;
  readonly name: string;
  readonly displayName: string;
  readonly agencyId: number;
  readonly roles: readonly Role[];
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
  readonly passwordChangedAt: string;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

/** A user as a list shows it: with the agency's name. */
export interface UserSummary extends User {
  readonly agencyName: string;
}

export interface NewUser {
  readonly name: string;
  readonly displayName: string;
  readonly agencyId: number;
  readonly roles: readonly Role[];
  readonly passwordHash: string;
  readonly at: string;
}

export interface Session {
  readonly idHash: string;
  readonly userId: number;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly endedAt: string | null;
  readonly address: string | null;
  readonly userAgent: string | null;
}

export interface NewSession {
  readonly idHash: string;
  readonly userId: number;
  readonly csrfToken: string;
  readonly at: string;
  readonly address: string | null;
  readonly userAgent: string | null;
}

export interface ApiToken {
  readonly id: number;
  readonly userId: number;
  readonly tokenHash: string;
  readonly label: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface UserRepository {
  /** Adds a user; a name taken in any case throws (the use case looks first). */
  add(user: NewUser): Promise<User>;
  get(id: number): Promise<User | undefined>;
  /** By login name, whatever its case. */
  byName(name: string): Promise<User | undefined>;
  /** The user and the password hash, for checking a password: the one read that returns the hash. */
  credentials(name: string): Promise<{ readonly user: User; readonly passwordHash: string } | undefined>;
  /** Users of these agencies (every one when `agencyIds` is absent), by agency, then name. */
  list(agencyIds?: readonly number[]): Promise<UserSummary[]>;
  count(): Promise<number>;
  setPassword(id: number, passwordHash: string, at: string): Promise<void>;
  /** Counts one more failed login and returns the count. */
  addFailedLogin(id: number): Promise<number>;
  /** Locks the account until `until`; the count of failures starts again. */
  lock(id: number, until: string): Promise<void>;
  /** No failures counted, no lock. */
  clearFailures(id: number): Promise<void>;
  setDisabled(id: number, at: string | null): Promise<void>;
}

export interface SessionRepository {
  add(session: NewSession): Promise<Session>;
  get(idHash: string): Promise<Session | undefined>;
  touch(idHash: string, at: string): Promise<void>;
  /** Ends the session if it is open; whether it was. */
  end(idHash: string, at: string): Promise<boolean>;
  /** Ends the user's open sessions (but `exceptIdHash`); how many. */
  endForUser(userId: number, at: string, exceptIdHash?: string): Promise<number>;
  /** The user's open sessions, newest first. */
  openForUser(userId: number): Promise<Session[]>;
  /** Deletes the sessions ended, or last seen, before `before`; how many. */
  purge(before: string): Promise<number>;
}

export interface ApiTokenRepository {
  add(token: {
    readonly userId: number;
    readonly tokenHash: string;
    readonly label: string | null;
    readonly at: string;
  }): Promise<ApiToken>;
  get(id: number): Promise<ApiToken | undefined>;
  byHash(tokenHash: string): Promise<ApiToken | undefined>;
  forUser(userId: number): Promise<ApiToken[]>;
  touch(id: number, at: string): Promise<void>;
  /** Revokes the token if it is not yet; whether it was live. */
  revoke(id: number, at: string): Promise<boolean>;
  /** Revokes every live token of the user; how many there were. */
  revokeForUser(userId: number, at: string): Promise<number>;
}

export interface LoginFailureRepository {
  add(failure: {
    readonly address: string;
    readonly nameTried: string | null;
    readonly at: string;
  }): Promise<void>;
  /** Failures from `address` at or after `since`. */
  countSince(address: string, since: string): Promise<number>;
  /** Forgets the failures against one account (its name as stored); how many. */
  clearForName(name: string): Promise<number>;
  /** Forgets failures before `before`; how many. */
  pruneBefore(before: string): Promise<number>;
}

/** The roles column, read back: unknown keys (a role since removed) are dropped, not trusted. */
function parseRoles(text: string): Role[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) return [];
  return ROLES.filter((role) => parsed.includes(role));
}

function toUser(row: Omit<Selectable<UsersTable>, 'password_hash'>): User {
  return {
    id: Number(row.id),
    name: row.name,
    displayName: row.display_name,
    agencyId: Number(row.agency_id),
    roles: parseRoles(row.roles),
    failedLogins: Number(row.failed_logins),
    lockedUntil: row.locked_until,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

const USER_COLUMNS = [
  'users.id',
  'users.name',
  'users.display_name',
  'users.agency_id',
  'users.roles',
  'users.failed_logins',
  'users.locked_until',
  'users.password_changed_at',
  'users.created_at',
  'users.disabled_at',
] as const;

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    idHash: row.id_hash,
    userId: Number(row.user_id),
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    endedAt: row.ended_at,
    address: row.address,
    userAgent: row.user_agent,
  };
}

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    tokenHash: row.token_hash,
    label: row.label,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function userRepository(db: Executor): UserRepository {
  const named = (name: string) =>
    db
      .selectFrom('users')
      .where((eb) => eb(eb.fn('lower', ['users.name']), '=', eb.fn('lower', [eb.val(name)])));
  return {
    async add(user) {
      const row = await db
        .insertInto('users')
        .values({
          name: user.name,
          display_name: user.displayName,
          agency_id: user.agencyId,
          roles: JSON.stringify(user.roles),
          password_hash: user.passwordHash,
          password_changed_at: user.at,
          created_at: user.at,
        })
        .returning(USER_COLUMNS)
        .executeTakeFirstOrThrow();
      return toUser(row);
    },

    async get(id) {
      const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async byName(name) {
      const row = await named(name).select(USER_COLUMNS).executeTakeFirst();
      return row && toUser(row);
    },

    async credentials(name) {
      const row = await named(name)
        .select([...USER_COLUMNS, 'users.password_hash'])
        .executeTakeFirst();
      return row && { user: toUser(row), passwordHash: row.password_hash };
    },

    async list(agencyIds) {
      const query = db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .select([...USER_COLUMNS, 'agencies.name as agency_name']);
      const rows =
        agencyIds === undefined
          ? await query.execute()
          : (
              await Promise.all(
                chunks(agencyIds).map((ids) => query.where('users.agency_id', 'in', ids).execute()),
              )
            ).flat();
      return rows
        .map((row) => ({ ...toUser(row), agencyName: row.agency_name }))
        .sort((a, b) => a.agencyId - b.agencyId || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    async count() {
      const { n } = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    async setPassword(id, passwordHash, at) {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, password_changed_at: at })
        .where('id', '=', id)
        .execute();
    },

    async addFailedLogin(id) {
      const row = await db
        .updateTable('users')
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
        .where('id', '=', id)
        .returning('failed_logins')
        .executeTakeFirstOrThrow();
      return Number(row.failed_logins);
    },

    async lock(id, until) {
      await db
        .updateTable('users')
        .set({ locked_until: until, failed_logins: 0 })
        .where('id', '=', id)
        .execute();
    },

    async clearFailures(id) {
      await db
        .updateTable('users')
        .set({ locked_until: null, failed_logins: 0 })
        .where('id', '=', id)
        .execute();
    },

    async setDisabled(id, at) {
      await db.updateTable('users').set({ disabled_at: at }).where('id', '=', id).execute();
    },
  };
}

export function sessionRepository(db: Executor): SessionRepository {
  return {
    async add(session) {
      const row = await db
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          csrf_token: session.csrfToken,
          created_at: session.at,
          last_seen_at: session.at,
          address: session.address,
          user_agent: session.userAgent,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSession(row);
    },

    async get(idHash) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row && toSession(row);
    },

    async touch(idHash, at) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },

    async end(idHash, at) {
      const rows = await db
        .updateTable('sessions')
        .set({ ended_at: at })
        .where('id_hash', '=', idHash)
        .where('ended_at', 'is', null)
        .returning('id_hash')
        .execute();
      return rows.length > 0;
    },

    async endForUser(userId, at, exceptIdHash) {
      let query = db
        .updateTable('sessions')
        .set({ ended_at: at })
        .where('user_id', '=', userId)
        .where('ended_at', 'is', null);
      if (exceptIdHash !== undefined) query = query.where('id_hash', '!=', exceptIdHash);
      return (await query.returning('id_hash').execute()).length;
    },

    async purge(before) {
      const result = await db
        .deleteFrom('sessions')
        .where((eb) => eb(eb.fn.coalesce('ended_at', 'last_seen_at'), '<', before))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async openForUser(userId) {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('ended_at', 'is', null)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toSession);
    },
  };
}

export function apiTokenRepository(db: Executor): ApiTokenRepository {
  return {
    async add(token) {
      const row = await db
        .insertInto('api_tokens')
        .values({
          user_id: token.userId,
          token_hash: token.tokenHash,
          label: token.label,
          created_at: token.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toToken(row);
    },

    async get(id) {
      const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toToken(row);
    },

    async byHash(tokenHash) {
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && toToken(row);
    },

    async forUser(userId) {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute();
      return rows.map(toToken);
    },

    async touch(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },

    async revoke(id, at) {
      const rows = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .execute();
      return rows.length > 0;
    },

    async revokeForUser(userId, at) {
      const rows = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .returning('id')
        .execute();
      return rows.length;
    },
  };
}

export function loginFailureRepository(db: Executor): LoginFailureRepository {
  return {
    async add(failure) {
      await db
        .insertInto('login_failures')
        .values({ address: failure.address, name_tried: failure.nameTried, at: failure.at })
        .execute();
    },

    async countSince(address, since) {
      const { n } = await db
        .selectFrom('login_failures')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('address', '=', address)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(n);
    },

    async clearForName(name) {
      const result = await db.deleteFrom('login_failures').where('name_tried', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async pruneBefore(before) {
      const result = await db.deleteFrom('login_failures').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
