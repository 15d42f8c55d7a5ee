/**
 * @module Logging in (登录) and the sessions it opens. A login is refused the same way for a name
 * without an account and for a wrong password; an account is locked after `maxFailures` consecutive
 * failures for `lockMinutes`, and an address is refused after `maxAddressFailures` failures within
 * `addressWindowMinutes`. Every attempt the login answers is audited and counts against its address;
 * an attempt refused for its address is neither (it writes nothing, so a flood cannot fill the
 * append-only log). A session is a random id the client holds (stored as its SHA-256), new at each
 * login, ending when idle too long, when too old, at logout, or when the password changes.
 */
import type { Actor } from '../domain/access/policy.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { Repositories, Session, Storage, User } from '../storage/index.js';
import { actorOf } from './actor.js';
import { type AccountsConfig, accountsConfig, MINUTE_MS, minutesAfter } from './config.js';
import { nameAcceptable } from './password-rule.js';
import { dummyVerify, verifyPassword } from './passwords.js';
import { type AccountRefusal, accountRefusal, lockedRefusal } from './refusals.js';
import { MAX_SECRET_LENGTH, randomSecret, sha256Hex } from './secrets.js';
import { subjectOf } from './users.js';

export interface LoginInput {
  readonly name: string;
  readonly password: string;
  /** The client's address (IP), which the per-address throttle counts by. */
  readonly address: string;
  readonly userAgent?: string;
}

export interface LoginSuccess {
  /** The session's secret, for the cookie only: never logged, never stored. */
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly user: User;
  readonly actor: Actor & { kind: 'user' };
}

export interface SessionView {
  readonly actor: Actor & { kind: 'user' };
  readonly csrfToken: string;
  readonly user: User;
  /** When the session ends if unused (or at its absolute end, whichever is first). */
  readonly expiresAt: Date;
}

/** The audit log's actor for an attempt whose name is no account (the typed name is never recorded). */
export const UNKNOWN_ACTOR = '(unknown)';

const MAX_ADDRESS = 100;
const MAX_USER_AGENT = 256;
/** Failures older than this are forgotten whatever the window (a config may widen it later). */
const KEEP_FAILURES_MINUTES = 24 * 60;
/** last_seen_at and last_used_at move at most this often, to spare a write per request. */
export const TOUCH_INTERVAL_MS = MINUTE_MS;

const clip = (text: string, length: number) => [...text].slice(0, length).join('');

type FailureReason = 'unknown-user' | 'wrong-password' | 'locked' | 'disabled';

/** Records a failed attempt: counted against its address, audited, old failures pruned. */
async function recordFailure(
  tx: Repositories,
  attempt: { readonly address: string; readonly user: User | undefined; readonly at: string },
  reason: FailureReason,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const { address, user, at } = attempt;
  await tx.loginFailures.add({ address, nameTried: user?.name ?? null, at });
  await tx.loginFailures.pruneBefore(minutesAfter(new Date(at), -KEEP_FAILURES_MINUTES).toISOString());
  await tx.auditLog.append({
    actor: user?.name ?? UNKNOWN_ACTOR,
    userId: user?.id ?? null,
    agencyId: user?.agencyId ?? null,
    address,
    action: 'session.login-failed',
    subject: user ? subjectOf(user) : 'login',
    detail: { reason, ...extra },
  });
}

/** 登录: checks the throttles and the password, and opens a new session. */
export async function login(
  storage: Storage,
  input: LoginInput,
  now: Date,
  config: Partial<AccountsConfig> = {},
): Promise<Result<LoginSuccess, AccountRefusal>> {
  const c = accountsConfig(config);
  const at = now.toISOString();
  const address = clip(input.address, MAX_ADDRESS);
  const windowStart = minutesAfter(now, -c.addressWindowMinutes).toISOString();
  if ((await storage.loginFailures.countSince(address, windowStart)) >= c.maxAddressFailures)
    return err(accountRefusal('login.address-throttled'));

  const name = input.name.trim();
  const found = nameAcceptable(name) ? await storage.users.credentials(name) : undefined;
  if (!found) {
    await dummyVerify(input.password);
    await storage.transaction((tx) => recordFailure(tx, { address, user: undefined, at }, 'unknown-user'));
    return err(accountRefusal('login.failed'));
  }
  const { user, passwordHash } = found;
  const attempt = { address, user, at };
  if (user.lockedUntil !== null && user.lockedUntil > at) {
    // The password is not even checked while locked: guesses made now tell nothing.
    await storage.transaction((tx) =>
      recordFailure(tx, attempt, 'locked', { lockedUntil: user.lockedUntil }),
    );
    return err(lockedRefusal(user.lockedUntil));
  }
  if (!(await verifyPassword(passwordHash, input.password))) {
    return storage.transaction(async (tx) => {
      const failures = await tx.users.addFailedLogin(user.id);
      if (failures < c.maxFailures) {
        await recordFailure(tx, attempt, 'wrong-password', { failures });
        return err(accountRefusal('login.failed'));
      }
      const until = minutesAfter(now, c.lockMinutes).toISOString();
      await tx.users.lock(user.id, until);
      await recordFailure(tx, attempt, 'wrong-password', { failures, lockedUntil: until });
      return err(lockedRefusal(until));
    });
  }
  if (user.disabledAt !== null) {
    await storage.transaction((tx) => recordFailure(tx, attempt, 'disabled'));
    return err(accountRefusal('login.disabled'));
  }

  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  const idHash = sha256Hex(sessionId);
  const opened = await storage.transaction(async (tx) => {
    if (user.failedLogins > 0 || user.lockedUntil !== null) await tx.users.clearFailures(user.id);
    await tx.sessions.add({
      idHash,
      userId: user.id,
      csrfToken,
      at,
      address,
      userAgent: input.userAgent === undefined ? null : clip(input.userAgent, MAX_USER_AGENT),
    });
    await tx.auditLog.append({
      actor: user.name,
      userId: user.id,
      agencyId: user.agencyId,
      address,
      action: 'session.login',
      subject: subjectOf(user),
      // A prefix of the hash, to match a logout with its login: neither the id nor the whole hash.
      detail: { session: idHash.slice(0, 12) },
    });
    return (await tx.users.get(user.id)) ?? user;
  });
  return ok({ sessionId, csrfToken, user: opened, actor: await actorOf(storage, opened, address) });
}

function expiryOf(session: Session, lastSeen: Date, c: AccountsConfig): Date {
  const idleEnd = minutesAfter(lastSeen, c.idleMinutes);
  const absoluteEnd = minutesAfter(new Date(session.createdAt), c.absoluteHours * 60);
  return new Date(Math.min(idleEnd.getTime(), absoluteEnd.getTime()));
}

const sessionHashOf = (sessionId: string): string | undefined =>
  typeof sessionId === 'string' && sessionId.length > 0 && sessionId.length <= MAX_SECRET_LENGTH
    ? sha256Hex(sessionId)
    : undefined;

/**
 * The actor of a live session, or undefined: no such session, ended, idle longer than `idleMinutes`,
 * older than `absoluteHours`, or its user disabled (the last three end it, audited).
 */
export async function sessionActor(
  storage: Storage,
  sessionId: string,
  now: Date,
  config: Partial<AccountsConfig> = {},
  address?: string,
): Promise<SessionView | undefined> {
  const c = accountsConfig(config);
  const idHash = sessionHashOf(sessionId);
  const session = idHash === undefined ? undefined : await storage.sessions.get(idHash);
  if (!session || session.endedAt !== null) return undefined;
  const user = await storage.users.get(session.userId);
  const lastSeen = new Date(session.lastSeenAt);
  const idle = now.getTime() - lastSeen.getTime() > c.idleMinutes * MINUTE_MS;
  const old = now.getTime() - new Date(session.createdAt).getTime() > c.absoluteHours * 60 * MINUTE_MS;
  const reason =
    !user || user.disabledAt !== null ? 'disabled' : idle ? 'idle' : old ? 'absolute' : undefined;
  if (reason !== undefined || !user) {
    await endSession(storage, session, user, now, { action: 'session.expired', reason });
    return undefined;
  }
  let seen = lastSeen;
  if (now.getTime() - lastSeen.getTime() >= TOUCH_INTERVAL_MS) {
    await storage.sessions.touch(session.idHash, now.toISOString());
    seen = now;
  }
  return {
    actor: await actorOf(storage, user, address),
    csrfToken: session.csrfToken,
    user,
    expiresAt: expiryOf(session, seen, c),
  };
}

async function endSession(
  storage: Storage,
  session: Session,
  user: User | undefined,
  now: Date,
  how: {
    readonly action: 'session.logout' | 'session.expired';
    readonly reason?: string;
    readonly address?: string;
  },
): Promise<boolean> {
  return storage.transaction(async (tx) => {
    if (!(await tx.sessions.end(session.idHash, now.toISOString()))) return false;
    await tx.auditLog.append({
      actor: user?.name ?? UNKNOWN_ACTOR,
      userId: user?.id ?? null,
      agencyId: user?.agencyId ?? null,
      address: how.address ?? session.address,
      action: how.action,
      subject: user ? subjectOf(user) : 'session',
      detail: { session: session.idHash.slice(0, 12), ...(how.reason ? { reason: how.reason } : {}) },
    });
    return true;
  });
}

/** 退出登录: ends the session (audited with the address it was ended from); whether one was open. */
export async function logout(
  storage: Storage,
  sessionId: string,
  now: Date,
  address?: string,
): Promise<boolean> {
  const idHash = sessionHashOf(sessionId);
  const session = idHash === undefined ? undefined : await storage.sessions.get(idHash);
  if (!session || session.endedAt !== null) return false;
  const user = await storage.users.get(session.userId);
  return endSession(storage, session, user, now, {
    action: 'session.logout',
    ...(address !== undefined ? { address: clip(address, MAX_ADDRESS) } : {}),
  });
}

/**
 * How long a session's row is kept after it ended (or was last used): it holds the address and the
 * browser it came from (personal information, kept no longer than needed; 个人信息保护法 第十九条),
 * and the audit log keeps every sign-in and sign-out for good.
 */
export const SESSION_RETENTION_DAYS = 30;

/**
 * 清理会话: deletes the rows of sessions ended or idle for over SESSION_RETENTION_DAYS. A session last
 * used that long ago is past any idle limit the configuration allows (at most a day), so none of them
 * is still open. The number deleted.
 */
export function purgeOldSessions(storage: Storage, now: Date): Promise<number> {
  return storage.sessions.purge(
    new Date(now.getTime() - SESSION_RETENTION_DAYS * 24 * 60 * MINUTE_MS).toISOString(),
  );
}
