/**
 * @module The register of 行政复议 and 行政诉讼 cases brought over a request (section 四 of the annual
 * report): a case is filed about a request of the ledger and counts for that request's agency; it is
 * closed once, with its result (维持 / 纠正 / 其他). The domain's checkCase decides what the register
 * may hold (a 复议后起诉 follows a 复议 case about the same request; a case does not close before it
 * was filed); storage keeps; every write is audited in its transaction.
 */
import { randomUUID } from 'node:crypto';
import { type Actor, actorName, auditedBy } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { CASE_RESULT_LABELS, type CaseResult, checkCase, type ReviewCase } from '../domain/requests/cases.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { Case, CaseKind, Repositories, Storage } from '../storage/index.js';
import { permit } from './access.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { completedYearsTouched } from './report-years.js';
import { resolveIdPrefix } from './requests.js';
import { todayInChina } from './today.js';

/** The kinds of case as section 四's blocks name them, shortest first. */
export const CASE_KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  review: '复议',
  litigationDirect: '直接起诉',
  litigationAfterReview: '复议后起诉',
};

export interface NewCaseInput {
  /** The request the case is about; the case counts for its agency. */
  readonly requestId: string;
  readonly kind: CaseKind;
  /** 立案日期 (or the day the application for reconsideration was received). */
  readonly filedOn: LocalDate;
  /** A UUID; one is made when absent. */
  readonly id?: string;
  /**
   * The register already holds a case of this kind about this request filed the same day: record this
   * one too (two applications really were filed), instead of refusing it as a likely duplicate.
   */
  readonly confirmDuplicate?: boolean;
}

export interface WithdrawCaseInput {
  readonly caseId: string;
  /** Why it was entered by mistake. */
  readonly reason: string;
}

export interface CloseCaseInput {
  readonly caseId: string;
  readonly result: Exclude<CaseResult, 'pending'>;
  /** 审结日期 */
  readonly closedOn: LocalDate;
}

export interface CaseOptions {
  /** Default: today in China. Dates after today are refused. */
  readonly today?: LocalDate;
  /**
   * Withdrawing: the approver confirms a withdrawal that changes a year whose report is marked
   * complete (report-years.ts); it is recorded, and that year's report lists it as a finding.
   */
  readonly confirmCompletedYear?: boolean;
}

type CaseFacts = Omit<Case, 'createdAt' | 'withdrawn'>;

/**
 * A stored case as the domain's register holds it. Storage records 复议后起诉 by its kind, not by a
 * link; the link is the 复议 case about the same request among `all`, else a marker naming the request
 * (the block of section 四 is what counts, and checkCase refuses a link it cannot find).
 */
export function reviewCaseOf(c: CaseFacts, all: readonly CaseFacts[]): ReviewCase {
  const base = {
    id: c.id,
    agencyId: String(c.agencyId),
    requestId: c.requestId ?? '',
    kind: c.kind === 'review' ? ('review' as const) : ('litigation' as const),
    filedOn: c.filedOn,
    result: c.result,
    ...(c.closedOn ? { closedOn: c.closedOn } : {}),
  };
  if (c.kind !== 'litigationAfterReview') return base;
  const review = all.find(
    (r) => r.kind === 'review' && r.id !== c.id && r.requestId !== null && r.requestId === c.requestId,
  );
  return { ...base, afterReview: review?.id ?? `review-of:${c.requestId ?? c.id}` };
}

/** 登记案件: a case filed about a request of the ledger, pending until closed. */
export async function addCase(
  storage: Storage,
  actor: Actor,
  input: NewCaseInput,
  options: CaseOptions = {},
): Promise<Result<Case, LedgerRefusal>> {
  const today = options.today ?? todayInChina();
  if (input.filedOn > today)
    return err(ledgerRefusal('case.date-after-today', `${input.filedOn} > ${today}`));
  return storage.transaction(async (tx) => {
    const request = await tx.requests.get(input.requestId);
    if (!request) return err(ledgerRefusal('request.unknown', input.requestId));
    const denied = permit(actor, 'case.record', request.agencyId, {
      code: 'request.unknown',
      what: input.requestId,
    });
    if (denied) return err(denied);
    if (input.filedOn < request.receivedOn)
      return err(
        ledgerRefusal('case.filed-before-request', `立案 ${input.filedOn}，收到申请 ${request.receivedOn}`),
      );
    const others = await tx.cases.forRequest(input.requestId);
    const twin = others.find((c) => c.kind === input.kind && c.filedOn === input.filedOn);
    if (twin && !input.confirmDuplicate)
      return err(
        ledgerRefusal(
          'case.likely-duplicate',
          `已登记 ${twin.id}（${CASE_KIND_LABELS[twin.kind]}，立案 ${twin.filedOn}）`,
        ),
      );
    const draft: CaseFacts = {
      id: input.id ?? randomUUID(),
      agencyId: request.agencyId,
      requestId: request.id,
      kind: input.kind,
      filedOn: input.filedOn,
      closedOn: null,
      result: 'pending',
    };
    const checked = checkCase(
      reviewCaseOf(draft, others),
      others.map((c) => reviewCaseOf(c, others)),
    );
    if (!checked.ok) return checked;
    const added = await tx.cases.add({
      id: draft.id,
      agencyId: draft.agencyId,
      requestId: draft.requestId,
      kind: draft.kind,
      filedOn: draft.filedOn,
    });
    await tx.auditLog.append({
      ...auditedBy(actor, added.agencyId),
      action: 'case.add',
      subject: `case:${added.id}`,
      detail: {
        requestId: added.requestId,
        agencyId: added.agencyId,
        kind: added.kind,
        filedOn: added.filedOn,
      },
    });
    return ok(added);
  });
}

/**
 * A case still in the register that the actor may record on: one of an agency they cannot see is
 * refused as unknown; a withdrawn one takes nothing more.
 */
async function registeredCase(
  tx: Repositories,
  actor: Actor,
  caseId: string,
): Promise<Result<Case, LedgerRefusal>> {
  const stored = await tx.cases.get(caseId);
  if (!stored) return err(ledgerRefusal('case.unknown', caseId));
  const denied = permit(actor, 'case.record', stored.agencyId, { code: 'case.unknown', what: caseId });
  if (denied) return err(denied);
  if (stored.withdrawn)
    return err(ledgerRefusal('case.already-withdrawn', `${stored.withdrawn.on}：${stored.withdrawn.reason}`));
  return ok(stored);
}

/** The 复议/诉讼 cases about a request still in the register, for whoever may read the request. */
export async function casesOfRequest(
  storage: Storage,
  actor: Actor,
  requestId: string,
): Promise<Result<Case[], LedgerRefusal>> {
  const row = await storage.requests.get(requestId);
  const denied = row
    ? permit(actor, 'request.read', row.agencyId, { code: 'request.unknown', what: requestId })
    : ledgerRefusal('request.unknown', requestId);
  if (denied) return err(denied);
  return ok(await storage.cases.forRequest(requestId));
}

/** The case an id as typed names: the whole id, or its first six or more characters (resolveIdPrefix). */
export function resolveCaseId(storage: Storage, typed: string): Promise<Result<string, LedgerRefusal>> {
  return resolveIdPrefix(
    typed,
    {
      exists: async (id) => (await storage.cases.get(id)) !== undefined,
      startingWith: (prefix, limit) => storage.cases.idsStartingWith(prefix, limit),
    },
    { unknown: 'case.unknown', ambiguous: 'case.ambiguous' },
  );
}

/** 审结: records a pending case's result and closing date, once. */
export async function closeCase(
  storage: Storage,
  actor: Actor,
  input: CloseCaseInput,
  options: CaseOptions = {},
): Promise<Result<Case, LedgerRefusal>> {
  const today = options.today ?? todayInChina();
  if (input.closedOn > today)
    return err(ledgerRefusal('case.date-after-today', `${input.closedOn} > ${today}`));
  return storage.transaction(async (tx) => {
    const found = await registeredCase(tx, actor, input.caseId);
    if (!found.ok) return found;
    const stored = found.value;
    if (stored.result !== 'pending')
      return err(
        ledgerRefusal(
          'case.already-closed',
          `${stored.closedOn ?? ''} 审结，结果${CASE_RESULT_LABELS[stored.result]}`.trim(),
        ),
      );
    const closed: CaseFacts = { ...stored, result: input.result, closedOn: input.closedOn };
    // The link of a 复议后起诉 was checked when it was filed; closing adds the result and its date.
    const checked = checkCase({ ...reviewCaseOf(closed, []), afterReview: undefined }, []);
    if (!checked.ok) return checked;
    const updated = await tx.cases.close(input.caseId, input.closedOn, input.result);
    if (!updated) return err(ledgerRefusal('case.unknown', input.caseId));
    await tx.auditLog.append({
      ...auditedBy(actor, updated.agencyId),
      action: 'case.close',
      subject: `case:${updated.id}`,
      detail: { result: updated.result, closedOn: updated.closedOn },
    });
    return ok(updated);
  });
}

/**
 * 撤销登记: a case entered by mistake leaves the register's counts (section 四) but stays in it, with
 * when, by whom and why. A 复议 case a 复议后起诉 follows cannot go first: withdraw the lawsuit, or keep both.
 */
export async function withdrawCase(
  storage: Storage,
  actor: Actor,
  input: WithdrawCaseInput,
  options: CaseOptions = {},
): Promise<Result<Case, LedgerRefusal>> {
  const reason = input.reason.trim();
  if (!reason) return err(ledgerRefusal('case.reason-empty'));
  const today = options.today ?? todayInChina();
  return storage.transaction(async (tx) => {
    const found = await registeredCase(tx, actor, input.caseId);
    if (!found.ok) return found;
    const stored = found.value;
    if (stored.kind === 'review' && stored.requestId !== null) {
      const others = await tx.cases.forRequest(stored.requestId);
      const reviews = others.filter((c) => c.kind === 'review');
      const lawsuit = others.find((c) => c.kind === 'litigationAfterReview');
      if (lawsuit && reviews.length === 1)
        return err(ledgerRefusal('case.followed', `${lawsuit.id}（复议后起诉，立案 ${lawsuit.filedOn}）`));
    }
    const years = await completedYearsTouched(
      tx,
      stored.agencyId,
      stored.filedOn,
      options.confirmCompletedYear === true,
    );
    if (!years.ok) return years;
    const withdrawn = await tx.cases.withdraw(input.caseId, today, actorName(actor), reason);
    if (!withdrawn) return err(ledgerRefusal('case.already-withdrawn'));
    await tx.auditLog.append({
      ...auditedBy(actor, withdrawn.agencyId),
      action: 'case.withdraw',
      subject: `case:${withdrawn.id}`,
      detail: {
        reason,
        kind: withdrawn.kind,
        filedOn: withdrawn.filedOn,
        result: withdrawn.result,
        ...(years.value.length ? { completedYears: years.value } : {}),
      },
    });
    return ok(withdrawn);
  });
}
