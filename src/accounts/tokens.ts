/**
 * @module API tokens (接口令牌) for scripts: 'gk_' and 32 random bytes (base64url), shown once when
 * issued and stored only as SHA-256; a token acts as its user until revoked. An administrator issues
 * them for the users they manage; a user may revoke their own.
 */
import { type Actor, auditedBy, authorize } from '../domain/access/policy.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { ApiToken, Storage, User } from '../storage/index.js';
import { actorOf } from './actor.js';
import type { AccountOptions } from './config.js';
import { type AccountRefusal, accountRefusal } from './refusals.js';
import { MAX_SECRET_LENGTH, randomSecret, sha256Hex } from './secrets.js';
import { TOUCH_INTERVAL_MS } from './sessions.js';
import { manageableUser, subjectOf } from './users.js';

export const TOKEN_PREFIX = 'gk_';
const MAX_LABEL = 100;

/** A token as lists show it: everything but its hash. */
export type ApiTokenInfo = Omit<ApiToken, 'tokenHash'>;

const infoOf = ({ tokenHash: _hash, ...info }: ApiToken): ApiTokenInfo => info;

/** 签发令牌: `token` is the only copy; give it to the script and forget it. */
export async function issueApiToken(
  storage: Storage,
  actor: Actor,
  userName: string,
  label?: string,
  options: AccountOptions = {},
): Promise<Result<{ readonly id: number; readonly token: string }, AccountRefusal>> {
  const found = await manageableUser(storage, actor, userName);
  if (!found.ok) return found;
  const user = found.value;
  const token = `${TOKEN_PREFIX}${randomSecret()}`;
  const at = (options.now ?? new Date()).toISOString();
  const cleanLabel = label?.trim() ? [...label.trim()].slice(0, MAX_LABEL).join('') : null;
  return storage.transaction(async (tx) => {
    const stored = await tx.apiTokens.add({
      userId: user.id,
      tokenHash: sha256Hex(token),
      label: cleanLabel,
      at,
    });
    await tx.auditLog.append({
      ...auditedBy(actor, user.agencyId),
      action: 'token.issue',
      subject: subjectOf(user),
      detail: { userId: user.id, tokenId: stored.id, label: cleanLabel },
    });
    return ok({ id: stored.id, token });
  });
}

/** The tokens of a user the actor manages, newest last, without their hashes. */
export async function listApiTokens(
  storage: Storage,
  actor: Actor,
  userName: string,
): Promise<Result<ApiTokenInfo[], AccountRefusal>> {
  const found = await manageableUser(storage, actor, userName);
  if (!found.ok) return found;
  return ok((await storage.apiTokens.forUser(found.value.id)).map(infoOf));
}

/** 吊销令牌: from then on it acts for nobody. Revoking a revoked token changes nothing. */
export async function revokeApiToken(
  storage: Storage,
  actor: Actor,
  tokenId: number,
  options: AccountOptions = {},
): Promise<Result<ApiTokenInfo, AccountRefusal>> {
  const token = await storage.apiTokens.get(tokenId);
  const user = token && (await storage.users.get(token.userId));
  if (!token || !user) return err(accountRefusal('token.unknown', String(tokenId)));
  const own = actor.kind === 'user' && actor.userId === user.id && authorize(actor, 'account.self').ok;
  if (!own) {
    const allowed = authorize(actor, 'user.manage', user.agencyId);
    if (!allowed.ok)
      return err(
        allowed.error.code === 'access.not-found'
          ? accountRefusal('token.unknown', String(tokenId))
          : allowed.error,
      );
  }
  const at = (options.now ?? new Date()).toISOString();
  return storage.transaction(async (tx) => {
    if (await tx.apiTokens.revoke(token.id, at))
      await tx.auditLog.append({
        ...auditedBy(actor, user.agencyId),
        action: 'token.revoke',
        subject: subjectOf(user),
        detail: { userId: user.id, tokenId: token.id },
      });
    return ok(infoOf((await tx.apiTokens.get(token.id)) ?? token));
  });
}

/** The actor a token acts as, or undefined (unknown, revoked, or its user disabled). */
export async function tokenActor(
  storage: Storage,
  token: string,
  now: Date,
  address?: string,
): Promise<
  { readonly actor: Actor & { kind: 'user' }; readonly user: User; readonly tokenId: number } | undefined
> {
  if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX) || token.length > MAX_SECRET_LENGTH)
    return undefined;
  const stored = await storage.apiTokens.byHash(sha256Hex(token));
  if (!stored || stored.revokedAt !== null) return undefined;
  const user = await storage.users.get(stored.userId);
  if (!user || user.disabledAt !== null) return undefined;
  if (
    stored.lastUsedAt === null ||
    now.getTime() - new Date(stored.lastUsedAt).getTime() >= TOUCH_INTERVAL_MS
  )
    await storage.apiTokens.touch(stored.id, now.toISOString());
  return { actor: await actorOf(storage, user, address), user, tokenId: stored.id };
}
