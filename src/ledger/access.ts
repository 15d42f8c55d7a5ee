/**
 * @module The ledger's side of the policy table (src/domain/access/policy.ts): every use case asks
 * `permit` before it reads or writes, and turns the answer into its own refusal. A record the actor may
 * not see is refused exactly as one that does not exist, so that nobody learns another agency's ids.
 */
import { type Action, type Actor, authorize, reachOf } from '../domain/access/policy.js';
import type { Storage } from '../storage/index.js';
import { type LedgerCode, type LedgerRefusal, ledgerRefusal } from './refusals.js';

/**
 * Undefined when the actor may do `action` (on a record of `agencyId`); else the refusal: for a record
 * outside the actor's agencies, `unknown` (the refusal a missing record gets) with `what` as detail.
 */
export function permit(
  actor: Actor,
  action: Action,
  agencyId?: number,
  unknown?: { readonly code: LedgerCode; readonly what: string },
): LedgerRefusal | undefined {
  const allowed = authorize(actor, action, agencyId);
  if (allowed.ok) return undefined;
  if (allowed.error.code === 'access.not-found' && unknown) return ledgerRefusal(unknown.code, unknown.what);
  return { code: allowed.error.code, message: allowed.error.message };
}

/**
 * The agencies an actor's `action` reaches at and below `agencyId` (ascending ids): the
 * agency's subtree, cut to what the policy lets the actor reach. Empty when it reaches none of them.
 */
export async function agenciesWithin(
  storage: Storage,
  actor: Actor,
  action: Action,
  agencyId: number,
): Promise<number[]> {
  const subtree = await storage.agencies.subtreeIds(agencyId);
  const reach = reachOf(actor, action);
  if (reach === 'all') return subtree;
  const reachable = new Set(reach);
  return subtree.filter((id) => reachable.has(id));
}
