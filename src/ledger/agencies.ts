/**
 * @module Agencies (行政机关) of the ledger: adding one under its parent (audited), and the hierarchy
 * as a tree (省 › 市 › 区县 › 乡镇/街道, 部门 under any level).
 */
import { type Actor, auditedBy } from '../domain/access/policy.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { Agency, Storage } from '../storage/index.js';
import { permit } from './access.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';

/** The kinds the hierarchy knows; a kind is free text in storage. */
export const AGENCY_KINDS = ['省', '市', '区县', '乡镇/街道', '部门', '机关'] as const;
/** The kind of an agency added without one. */
export const DEFAULT_AGENCY_KIND = '机关';

export interface NewAgencyInput {
  readonly name: string;
  readonly parentId?: number;
  readonly code?: string;
  readonly kind?: string;
}

/** 添加机关: under its parent, which the actor administers (a top-level agency: the system actor only). */
export async function addAgency(
  storage: Storage,
  actor: Actor,
  input: NewAgencyInput,
): Promise<Result<Agency, LedgerRefusal>> {
  if (input.parentId === undefined && actor.kind !== 'system') return err(ledgerRefusal('access.forbidden'));
  if (input.parentId !== undefined) {
    const denied = permit(actor, 'agency.manage', input.parentId, {
      code: 'agency.parent-unknown',
      what: String(input.parentId),
    });
    if (denied) return err(denied);
  }
  const name = input.name.trim();
  if (!name) return err(ledgerRefusal('agency.name-empty'));
  const code = input.code?.trim() || undefined;
  return storage.transaction(async (tx) => {
    if (input.parentId !== undefined && !(await tx.agencies.get(input.parentId)))
      return err(ledgerRefusal('agency.parent-unknown', String(input.parentId)));
    if (code !== undefined) {
      const holder = await tx.agencies.byCode(code);
      if (holder) return err(ledgerRefusal('agency.code-taken', `${code}（${holder.name}，${holder.id}）`));
    }
    const agency = await tx.agencies.add({
      name,
      kind: input.kind?.trim() || DEFAULT_AGENCY_KIND,
      code: code ?? null,
      parentId: input.parentId ?? null,
    });
    await tx.auditLog.append({
      ...auditedBy(actor, agency.id),
      action: 'agency.add',
      subject: `agency:${agency.id}`,
      detail: { name: agency.name, kind: agency.kind, code: agency.code, parentId: agency.parentId },
    });
    return ok(agency);
  });
}

export interface AgencyNode extends Agency {
  readonly children: readonly AgencyNode[];
}

/** Every agency, as trees from the agencies without a parent, children in the order added. */
export async function agencyTree(storage: Storage): Promise<AgencyNode[]> {
  const grow = async (agency: Agency): Promise<AgencyNode> => ({
    ...agency,
    children: await Promise.all((await storage.agencies.children(agency.id)).map(grow)),
  });
  const roots = await storage.agencies.roots();
  const out: AgencyNode[] = [];
  for (const root of roots) out.push(await grow(root));
  return out;
}
