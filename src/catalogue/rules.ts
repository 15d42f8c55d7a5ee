/**
 * @module 政府信息公开制度, the use cases (条例第四条、第十七条、第四十五条): an approver or an administrator
 * publishes a new version of the agency's list of rule documents — refused, each problem named with
 * the document's place in the list, when the list cannot stand (domain/portal/rules) or names a
 * 目录 item that is not one of the agency's published items — and learns which statutory rule the list
 * shows nothing for (a finding, not a refusal). The portal shows the latest version (no sign-in:
 * 主动公开 information). Earlier versions stay as they were; each publication is audited.
 */
import { type Actor, actorName } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import {
  checkRules,
  type DisclosureRulesDraft,
  type RuleFinding,
  type RuleProblem,
  rulesFindings,
  trimRules,
} from '../domain/portal/rules.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { todayInChina } from '../ledger/today.js';
import type { Storage, StoredRules } from '../storage/index.js';
import { auditPublished, mayPublishPage, type PublicPage, publicPage } from './agency-page.js';
import type { CatalogueAppRefusal } from './refusals.js';

export type RulesRefusal =
  | {
      readonly code: 'rules.invalid';
      readonly message: string;
      readonly problems: readonly RuleProblem[];
    }
  | CatalogueAppRefusal;

/** A problem as one line of the refusal's message: the document's place first. */
export const ruleProblemText = (p: RuleProblem): string =>
  p.index === undefined ? p.message : `第 ${p.index + 1} 项：${p.message}`;

/** Each document whose 目录 item is not a published item of this agency (another's is not named as such). */
async function unlinkable(
  storage: Storage,
  agencyId: number,
  rules: DisclosureRulesDraft,
  skip: ReadonlySet<number | undefined>,
): Promise<RuleProblem[]> {
  const problems: RuleProblem[] = [];
  const asked = rules.documents.map((doc, index) => (skip.has(index) ? '' : (doc.itemId?.trim() ?? '')));
  const items = await storage.catalogue.getMany(asked.filter((id) => id !== ''));
  for (const [index, id] of asked.entries()) {
    if (id === '') continue;
    const item = items.get(id);
    if (item?.agencyId !== agencyId || item.status !== 'published')
      problems.push({
        index,
        field: 'itemId',
        message: `本机关的公开目录中没有已发布的信息“${id}”；请填写本机关已发布信息的编号，或留空`,
      });
  }
  return problems;
}

/** 发布制度: a new version, numbered after the latest, and what it lacks of the statutory rules. */
export async function publishRules(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  rules: DisclosureRulesDraft,
  today: LocalDate = todayInChina(),
): Promise<Result<{ readonly version: number; readonly findings: readonly RuleFinding[] }, RulesRefusal>> {
  const allowed = await mayPublishPage(storage, actor, 'rules.publish', agencyId);
  if (!allowed.ok) return allowed;
  const checked = checkRules(rules, today);
  // The 目录 is asked only about the ids that can be ids; the problems in the list's order.
  const malformed = new Set(checked.filter((p) => p.field === 'itemId').map((p) => p.index));
  const problems = [...checked, ...(await unlinkable(storage, agencyId, rules, malformed))].sort(
    (a, b) => (a.index ?? -1) - (b.index ?? -1),
  );
  if (problems.length > 0)
    return err({
      code: 'rules.invalid',
      message: `制度有 ${problems.length} 处需要补充或修改：${problems.map(ruleProblemText).join('；')}`,
      problems,
    });
  const kept = trimRules(rules);
  const findings = rulesFindings(kept);
  return storage.transaction(async (tx) => {
    const version = await tx.portal.publishRules(agencyId, kept, today, actorName(actor));
    await auditPublished(tx, actor, 'rules.publish', agencyId, 'rules', {
      version,
      publishedOn: today,
      documents: kept.documents.length,
      findings: findings.map((f) => f.topic),
    });
    return ok({ version, findings });
  });
}

export interface PublicRules extends PublicPage<StoredRules> {
  /** The current version's 目录 items that are published now (a withdrawn one is not linked). */
  readonly linked: ReadonlySet<string>;
}

/** The agency's 制度 as the portal shows it (主动公开: no actor). */
export async function publicRules(storage: Storage, agencyId: number): Promise<PublicRules | undefined> {
  const page = await publicPage(storage, agencyId, (id) => storage.portal.rulesVersions(id));
  if (!page) return undefined;
  const ids = (page.current?.rules.documents ?? []).flatMap((doc) =>
    doc.itemId === undefined ? [] : [doc.itemId],
  );
  const items = await storage.catalogue.getMany(ids);
  const linked = new Set(
    ids.filter((id) => items.get(id)?.agencyId === agencyId && items.get(id)?.status === 'published'),
  );
  return { ...page, linked };
}
