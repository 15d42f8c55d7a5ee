/** @module A signed-in member of staff as the use cases see them, for tests of the application layer. */
import type { Actor, Role } from '../domain/access/policy.js';

export const staffActor = (
  name: string,
  roles: Role[],
  agencyId: number,
  subordinateIds: number[] = [],
): Actor & { kind: 'user' } => ({ kind: 'user', userId: 1, name, roles, agencyId, subordinateIds });
