/**
 * @module 政府信息公开指南, the use cases (条例第十二条): an approver or an administrator publishes a
 * new version of the agency's guide — refused, each missing item named, when it lacks what Art. 12 ¶2
 * requires — and the portal shows the latest (no sign-in: the guide is 主动公开 information). Earlier
 * versions stay as they were; each publication is audited.
 */
import { type Actor, actorName } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { checkGuide, type DisclosureGuide, type GuideProblem } from '../domain/portal/guide.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { todayInChina } from '../ledger/today.js';
import type { Storage, StoredGuide } from '../storage/index.js';
import { auditPublished, mayPublishPage, type PublicPage, publicPage } from './agency-page.js';
import type { CatalogueAppRefusal } from './refusals.js';

export type GuideRefusal =
  | {
      readonly code: 'guide.incomplete';
      readonly message: string;
      readonly problems: readonly GuideProblem[];
    }
  | CatalogueAppRefusal;

/** 发布指南: a new version, numbered after the latest. */
export async function publishGuide(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  guide: DisclosureGuide,
  today: LocalDate = todayInChina(),
): Promise<Result<{ readonly version: number }, GuideRefusal>> {
  const allowed = await mayPublishPage(storage, actor, 'guide.publish', agencyId);
  if (!allowed.ok) return allowed;
  const problems = checkGuide(guide);
  if (problems.length > 0)
    return err({
      code: 'guide.incomplete',
      message: `指南有 ${problems.length} 处需要补充或修改：${problems.map((p) => p.message).join('；')}`,
      problems,
    });
  const trimmed = trimGuide(guide);
  return storage.transaction(async (tx) => {
    const version = await tx.portal.publishGuide(agencyId, trimmed, today, actorName(actor));
    await auditPublished(tx, actor, 'guide.publish', agencyId, 'guide', { version, publishedOn: today });
    return ok({ version });
  });
}

const trimGuide = (g: DisclosureGuide): DisclosureGuide => ({
  office: {
    name: g.office.name.trim(),
    address: g.office.address.trim(),
    hours: g.office.hours.trim(),
    phone: g.office.phone.trim(),
    fax: g.office.fax.trim(),
    online: g.office.online.trim(),
  },
  classification: g.classification.trim(),
  howToObtain: g.howToObtain.trim(),
  requestProcedure: g.requestProcedure.trim(),
  fees: g.fees.trim(),
  supervision: g.supervision.trim(),
});

export type PublicGuide = PublicPage<StoredGuide>;

/** The agency's guide as the portal shows it (主动公开: no actor). */
export const publicGuide = (storage: Storage, agencyId: number): Promise<PublicGuide | undefined> =>
  publicPage(storage, agencyId, (id) => storage.portal.guideVersions(id));

/** Page views the server counted, added to their days. */
export const countVisits = (storage: Storage, counts: ReadonlyMap<string, number>): Promise<void> =>
  storage.portal.addVisits(counts);

/** All page views counted so far (访问量). */
export const visitTotal = (storage: Storage): Promise<number> => storage.portal.visitTotal();
