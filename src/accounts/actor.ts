/**
 * @module The domain's Actor for a stored user: the policy (src/domain/access) needs the agencies below
 * the user's own, which only storage knows.
 */
import type { Actor } from '../domain/access/policy.js';
import type { Repositories, User } from '../storage/index.js';

export async function actorOf(
  storage: Pick<Repositories, 'agencies'>,
  user: User,
  address?: string,
): Promise<Actor & { kind: 'user' }> {
  const subtree = await storage.agencies.subtreeIds(user.agencyId);
  return {
    kind: 'user',
    userId: user.id,
    name: user.name,
    roles: user.roles,
    agencyId: user.agencyId,
    subordinateIds: subtree.filter((id) => id !== user.agencyId),
    ...(address !== undefined ? { address } : {}),
  };
}
