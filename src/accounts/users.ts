/**
 * @module Users (用户) as an administrator manages them: adding one to an agency the administrator
 * reaches (their own and those below, POLICY['user.manage']), listing them, resetting a password,
 * lifting a lockout, disabling; and a user changing their own password. A user of an agency the actor
 * cannot see is refused as unknown, exactly as a name nobody has. Every change is audited in its
 * transaction; no password or hash ever goes into the audit log.
 */
import { type Actor, auditedBy, authorize, ROLES, type Role, reachOf } from '../domain/access/policy.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { Repositories, Storage, User, UserSummary } from '../storage/index.js';
import type { AccountOptions } from './config.js';
import { nameAcceptable, passwordAcceptable } from './password-rule.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { type AccountRefusal, accountRefusal } from './refusals.js';
import { sha256Hex } from './secrets.js';

export interface NewUserInput {
  readonly name: string;
  /** 姓名 as pages show it; the login name when absent. */
  readonly displayName?: string;
  readonly agencyId: number;
  readonly roles: readonly Role[];
  readonly password: string;
}

const MAX_DISPLAY_NAME = 100;

export const subjectOf = (user: Pick<User, 'name'>): string => `user:${user.name}`;

const momentOf = (options: AccountOptions): string => (options.now ?? new Date()).toISOString();

/** The user named, if the actor may manage them; one the actor cannot see is 'user.unknown'. */
export async function manageableUser(
  repositories: Pick<Repositories, 'users'>,
  actor: Actor,
  userName: string,
): Promise<Result<User, AccountRefusal>> {
  const user = await repositories.users.byName(userName.trim());
  if (!user) return err(accountRefusal('user.unknown', userName));
  const allowed = authorize(actor, 'user.manage', user.agencyId);
  if (allowed.ok) return ok(user);
  return err(
    allowed.error.code === 'access.not-found' ? accountRefusal('user.unknown', userName) : allowed.error,
  );
}

/**
 * An administrator's change to one user: found and authorized (manageableUser), `change` done and
 * audited as `action` (with what `change` returns as detail) in one transaction; the user as it is now.
 */
async function changeUser(
  storage: Storage,
  actor: Actor,
  userName: string,
  options: AccountOptions,
  action: string,
  change: (tx: Repositories, user: User, at: string) => Promise<Record<string, unknown>>,
): Promise<Result<User, AccountRefusal>> {
  const found = await manageableUser(storage, actor, userName);
  if (!found.ok) return found;
  const user = found.value;
  const at = momentOf(options);
  return storage.transaction(async (tx) => {
    const detail = await change(tx, user, at);
    await tx.auditLog.append({
      ...auditedBy(actor, user.agencyId),
      action,
      subject: subjectOf(user),
      detail: { userId: user.id, ...detail },
    });
    return ok((await tx.users.get(user.id)) ?? user);
  });
}

function checkRoles(roles: readonly string[]): Result<Role[], AccountRefusal> {
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) return err(accountRefusal('user.role-unknown', unknown.join('、')));
  const known = ROLES.filter((r) => roles.includes(r));
  return known.length > 0 ? ok(known) : err(accountRefusal('user.no-role'));
}

/** 添加用户: to an agency the actor administers. */
export async function createUser(
  storage: Storage,
  actor: Actor,
  input: NewUserInput,
  options: AccountOptions = {},
): Promise<Result<User, AccountRefusal>> {
  const name = input.name.trim();
  if (!nameAcceptable(name)) return err(accountRefusal('user.name-invalid', name));
  const displayName = input.displayName?.trim() || name;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if ([...displayName].length > MAX_DISPLAY_NAME || /[\u0000-\u001f\u007f]/.test(displayName))
    return err(accountRefusal('user.display-name-invalid'));
  const roles = checkRoles(input.roles);
  if (!roles.ok) return roles;
  if (!passwordAcceptable(input.password)) return err(accountRefusal('password.weak'));
  const allowed = authorize(actor, 'user.manage', input.agencyId);
  if (!allowed.ok) return allowed;
  const passwordHash = await hashPassword(input.password);
  const at = momentOf(options);
  return storage.transaction(async (tx) => {
    if (!(await tx.agencies.get(input.agencyId)))
      return err(accountRefusal('agency.unknown', String(input.agencyId)));
    const holder = await tx.users.byName(name);
    if (holder) return err(accountRefusal('user.name-taken', holder.name));
    const user = await tx.users.add({
      name,
      displayName,
      agencyId: input.agencyId,
      roles: roles.value,
      passwordHash,
      at,
    });
    await tx.auditLog.append({
      ...auditedBy(actor, user.agencyId),
      action: 'user.add',
      subject: subjectOf(user),
      detail: { userId: user.id, displayName, agencyId: user.agencyId, roles: user.roles },
    });
    return ok(user);
  });
}

/** The users of every agency the actor administers (all of them for the system actor). */
export async function listUsers(
  storage: Storage,
  actor: Actor,
): Promise<Result<UserSummary[], AccountRefusal>> {
  const allowed = authorize(actor, 'user.manage');
  if (!allowed.ok) return allowed;
  const reach = reachOf(actor, 'user.manage');
  return ok(await storage.users.list(reach === 'all' ? undefined : reach));
}

/** How many accounts there are (the server creates the first administrator on an empty database). */
export const countUsers = (storage: Storage): Promise<number> => storage.users.count();

/**
 * 重置密码: an administrator sets a new password; the user's sessions end, their API tokens are revoked
 * (a reset is how a stolen account is taken back, and a token is as good as the password for the API),
 * and a lockout is lifted.
 */
export async function resetPassword(
  storage: Storage,
  actor: Actor,
  userName: string,
  newPassword: string,
  options: AccountOptions = {},
): Promise<Result<User, AccountRefusal>> {
  if (!passwordAcceptable(newPassword)) return err(accountRefusal('password.weak'));
  // Hashed before the transaction: argon2 takes tens of milliseconds, a write lock should not wait on it.
  const passwordHash = await hashPassword(newPassword);
  return changeUser(storage, actor, userName, options, 'user.password-reset', async (tx, user, at) => {
    await tx.users.setPassword(user.id, passwordHash, at);
    await tx.users.clearFailures(user.id);
    return {
      sessionsEnded: await tx.sessions.endForUser(user.id, at),
      tokensRevoked: await tx.apiTokens.revokeForUser(user.id, at),
    };
  });
}

export interface ChangeOwnPasswordOptions extends AccountOptions {
  /** The session the change is made in: it stays; the user's other sessions end. */
  readonly currentSessionId?: string;
}

/** 修改密码: the user, knowing the current password, sets a new one; their other sessions end. */
export async function changeOwnPassword(
  storage: Storage,
  actor: Actor,
  oldPassword: string,
  newPassword: string,
  options: ChangeOwnPasswordOptions = {},
): Promise<Result<void, AccountRefusal>> {
  if (actor.kind !== 'user') return err(accountRefusal('user.not-a-user'));
  const allowed = authorize(actor, 'account.self');
  if (!allowed.ok) return allowed;
  const self = await storage.users.get(actor.userId);
  const credentials = self && (await storage.users.credentials(self.name));
  if (!credentials) return err(accountRefusal('user.unknown', actor.name));
  if (!(await verifyPassword(credentials.passwordHash, oldPassword)))
    return err(accountRefusal('password.wrong'));
  if (!passwordAcceptable(newPassword)) return err(accountRefusal('password.weak'));
  if (newPassword === oldPassword) return err(accountRefusal('password.same'));
  const passwordHash = await hashPassword(newPassword);
  const at = momentOf(options);
  const keep = options.currentSessionId === undefined ? undefined : sha256Hex(options.currentSessionId);
  return storage.transaction(async (tx) => {
    const user = credentials.user;
    await tx.users.setPassword(user.id, passwordHash, at);
    const sessionsEnded = await tx.sessions.endForUser(user.id, at, keep);
    await tx.auditLog.append({
      ...auditedBy(actor, user.agencyId),
      action: 'user.password-change',
      subject: subjectOf(user),
      detail: { userId: user.id, sessionsEnded },
    });
    return ok(undefined);
  });
}

/** 解除锁定: no failures counted, no lock, and the account's failures no longer count against addresses. */
export async function unlockUser(
  storage: Storage,
  actor: Actor,
  userName: string,
  options: AccountOptions = {},
): Promise<Result<User, AccountRefusal>> {
  return changeUser(storage, actor, userName, options, 'user.unlock', async (tx, user, at) => {
    await tx.users.clearFailures(user.id);
    return {
      wasLockedUntil: user.lockedUntil !== null && user.lockedUntil > at ? user.lockedUntil : null,
      failedLogins: user.failedLogins,
      addressFailuresCleared: await tx.loginFailures.clearForName(user.name),
    };
  });
}

/** 停用 / 启用: a disabled user cannot log in, and their sessions end; their records stay. */
export async function setUserDisabled(
  storage: Storage,
  actor: Actor,
  userName: string,
  disabled: boolean,
  options: AccountOptions = {},
): Promise<Result<User, AccountRefusal>> {
  // Login names are one whatever their case (ASCII only): an administrator cannot lock themselves out.
  if (disabled && actor.kind === 'user' && actor.name.toLowerCase() === userName.trim().toLowerCase())
    return err(accountRefusal('user.self'));
  return changeUser(
    storage,
    actor,
    userName,
    options,
    disabled ? 'user.disable' : 'user.enable',
    async (tx, user, at) => {
      await tx.users.setDisabled(user.id, disabled ? at : null);
      return { sessionsEnded: disabled ? await tx.sessions.endForUser(user.id, at) : 0 };
    },
  );
}
