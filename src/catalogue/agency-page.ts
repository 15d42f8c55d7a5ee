/**
 * @module What the use cases of an agency's versioned portal pages share (the 指南 of 条例第十二条, the
 * 制度 of 第四条、第十七条、第四十五条): the policy's answer and the agency's existence before a version
 * is published, the audit entry written with it, and the page as the portal shows it — the latest
 * version and how many there are (主动公开 information: no actor).
 */
import { type Action, type Actor, auditedBy, authorize } from '../domain/access/policy.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { Storage, VersionOf } from '../storage/index.js';
import { type CatalogueAppRefusal, catalogueRefusal } from './refusals.js';

/** An agency the actor may not publish for is "no such agency", as one that does not exist. */
export async function mayPublishPage(
  storage: Storage,
  actor: Actor,
  action: Action,
  agencyId: number,
): Promise<Result<void, CatalogueAppRefusal>> {
  const allowed = authorize(actor, action, agencyId);
  if (!allowed.ok)
    return err(
      allowed.error.code === 'access.not-found'
        ? catalogueRefusal('agency.unknown', String(agencyId))
        : { code: allowed.error.code, message: allowed.error.message },
    );
  if (!(await storage.agencies.get(agencyId)))
    return err(catalogueRefusal('agency.unknown', String(agencyId)));
  return ok(undefined);
}

/** The audit entry of a published version: `${kind}:${agencyId}`, with its number and day. */
export const auditPublished = (
  storage: Pick<Storage, 'auditLog'>,
  actor: Actor,
  action: Action,
  agencyId: number,
  kind: string,
  detail: { readonly version: number; readonly publishedOn: string } & Record<string, unknown>,
) =>
  storage.auditLog.append({
    ...auditedBy(actor, agencyId),
    action,
    subject: `${kind}:${agencyId}`,
    detail,
  });

export interface PublicPage<V extends VersionOf> {
  readonly agency: { readonly id: number; readonly name: string };
  /** Undefined: the agency has not published one yet. */
  readonly current?: V;
  /** How many versions there are (the current one included). */
  readonly versions: number;
}

/** The agency's page as the portal shows it; undefined when there is no such agency. */
export async function publicPage<V extends VersionOf>(
  storage: Storage,
  agencyId: number,
  versionsOf: (agencyId: number) => Promise<V[]>,
): Promise<PublicPage<V> | undefined> {
  const agency = await storage.agencies.get(agencyId);
  if (!agency) return undefined;
  const versions = await versionsOf(agencyId);
  const current = versions.at(-1);
  return {
    agency: { id: agency.id, name: agency.name },
    ...(current ? { current } : {}),
    versions: versions.length,
  };
}
