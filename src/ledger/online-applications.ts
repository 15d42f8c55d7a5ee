/**
 * @module 网上申请, the use cases (issue 11): a citizen or a government-service platform submits an
 * application (no sign-in: the 查询码 is the applicant's only key), a handler of the agency sees the
 * ones waiting and confirms each — it then enters the ledger as a request with channel 网上, arrived on
 * the day it was submitted and received on the day of the confirmation (条例第三十一条(三): 双方确认之日)
 * — or declines it with a reason the applicant will read. The public lookup shows the state and its
 * dates, never who applied.
 *
 * The same idempotency key is one application: sent again with the same contents it gives the first
 * code back and writes nothing; with other contents it is refused. Every write is audited without the
 * applicant's name, ID number or contact.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Actor, actorName, auditedBy, systemActor } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../domain/calendar/working-days.js';
import { LOOKUP_RANDOM_BYTES, newLookupCode, parseLookupCode } from '../domain/requests/lookup-code.js';
import {
  checkOnlineApplication,
  type FieldProblem,
  maskIdNumber,
  ONLINE_STATE_LABELS,
  type OnlineApplicationInput,
  type OnlineApplicationState,
} from '../domain/requests/online-application.js';
import type { OutcomeKind } from '../domain/requests/outcomes.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { RequestState } from '../domain/requests/status.js';
import { hasControlCharacters } from '../domain/shared/plain-text.js';
import { AlreadyDecidedError, type Storage, type StoredOnlineApplication } from '../storage/index.js';
import { permit } from './access.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { viewRequest } from './request-view.js';
import { intakeRequest } from './requests.js';
import { todayInChina } from './today.js';

/** Printable ASCII, as platforms make keys (UUIDs, their own serials); long enough for any of them. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;

export interface SubmitInput {
  /** The agency as the caller names it: its code (机关代码) or its number. */
  readonly agency: string;
  readonly form: OnlineApplicationInput;
  readonly idempotencyKey: string;
  /** The portal's own form, or the JSON API. */
  readonly via: 'portal' | 'api';
  /** The caller's address, for the audit log. */
  readonly address?: string;
}

export type SubmitRefusal =
  | { readonly code: 'online.invalid'; readonly message: string; readonly problems: readonly FieldProblem[] }
  | LedgerRefusal;

export interface SubmitOutcome {
  readonly code: string;
  readonly agencyName: string;
  readonly submittedOn: LocalDate;
  /** 'replayed': the key had been sent before with the same contents; nothing was written. */
  readonly status: 'created' | 'replayed';
}

const invalid = (problems: readonly FieldProblem[]): SubmitRefusal => ({
  code: 'online.invalid',
  message: `申请表有 ${problems.length} 处需要修改：${problems.map((p) => p.message).join('；')}`,
  problems,
});

/** 提交网上申请: checked by Art. 29, kept under a new 查询码 until the office confirms it. */
export async function submitOnlineApplication(
  storage: Storage,
  input: SubmitInput,
  now: Date = new Date(),
): Promise<Result<SubmitOutcome, SubmitRefusal>> {
  const agencyText = input.agency.trim();
  const agency =
    agencyText === ''
      ? undefined
      : ((await storage.agencies.byCode(agencyText)) ??
        (/^[1-9]\d{0,9}$/.test(agencyText) ? await storage.agencies.get(Number(agencyText)) : undefined));
  const checked = checkOnlineApplication(input.form);
  const problems: FieldProblem[] = checked.ok ? [] : [...checked.problems];
  if (!agency)
    problems.unshift({
      field: 'agency',
      message: agencyText === '' ? '请选择受理申请的机关' : '没有这个机关，请从列表中选择受理申请的机关',
    });
  if (problems.length > 0 || !checked.ok || !agency) return err(invalid(problems));
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey))
    return err(ledgerRefusal('online.idempotency-key', input.idempotencyKey.slice(0, 20)));
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ agencyId: agency.id, form: checked.value }))
    .digest('hex');
  const submittedOn = todayInChina(now);
  const code = newLookupCode(randomBytes(LOOKUP_RANDOM_BYTES)) ?? newLookupCode(randomBytes(64))!;
  return storage.transaction(async (tx) => {
    const outcome = await tx.onlineApplications.submit({
      code,
      agencyId: agency.id,
      submittedAt: now.toISOString(),
      submittedOn,
      idempotencyKey: `${input.via}:${input.idempotencyKey}`,
      fingerprint,
      via: input.via,
      form: checked.value,
    });
    if (outcome.status === 'conflict') return err(ledgerRefusal('online.idempotency-conflict'));
    if (outcome.status === 'replayed') {
      const first = await tx.onlineApplications.get(outcome.code);
      return ok({
        code: outcome.code,
        agencyName: agency.name,
        submittedOn: first?.submittedOn ?? submittedOn,
        status: 'replayed',
      });
    }
    await tx.auditLog.append({
      ...auditedBy({ ...systemActor(`public:${input.via}`), ...addressOf(input.address) }, agency.id),
      action: 'online.submit',
      subject: `online:${code}`,
      detail: { agencyId: agency.id, via: input.via, submittedOn },
    });
    return ok({ code, agencyName: agency.name, submittedOn, status: 'created' });
  });
}

const addressOf = (address: string | undefined) => (address === undefined ? {} : { address });

/** What anyone holding the 查询码 may see: the state and its dates. Nothing names the applicant. */
export interface PublicStanding {
  readonly code: string;
  readonly agencyName: string;
  readonly submittedOn: LocalDate;
  readonly state: OnlineApplicationState;
  readonly stateLabel: string;
  /** Once confirmed: 收到申请之日 (the day of the confirmation). */
  readonly receivedOn?: LocalDate;
  /** Once confirmed: the request's state in the ledger. */
  readonly requestState?: RequestState;
  /** 答复期限, while the request is open and has one. */
  readonly dueOn?: LocalDate;
  readonly closedOn?: LocalDate;
  readonly outcome?: OutcomeKind;
  /** Why the office declined it (written for the applicant to read). */
  readonly declinedReason?: string;
}

export type LookupRefusal =
  | { readonly code: 'lookup.malformed' | 'lookup.check-failed'; readonly message: string }
  | LedgerRefusal;

/** 查询办理进度 by 查询码. */
export async function lookupOnlineApplication(
  storage: Storage,
  typed: string,
  options: { readonly today?: LocalDate; readonly calendar?: WorkingCalendar } = {},
): Promise<Result<PublicStanding, LookupRefusal>> {
  const parsed = parseLookupCode(typed);
  if (!parsed.ok) return parsed;
  const application = await storage.onlineApplications.get(parsed.value);
  if (!application) return err(ledgerRefusal('online.unknown'));
  const agency = await storage.agencies.get(application.agencyId);
  const base = {
    code: application.code,
    agencyName: agency?.name ?? '',
    submittedOn: application.submittedOn,
  };
  const decision = application.decision;
  if (!decision)
    return ok({
      ...base,
      state: 'awaitingConfirmation',
      stateLabel: ONLINE_STATE_LABELS.awaitingConfirmation,
    });
  if (decision.decision === 'declined')
    return ok({
      ...base,
      state: 'declined',
      stateLabel: ONLINE_STATE_LABELS.declined,
      declinedReason: decision.reason,
    });
  // The lookup is the public's policy (state and dates only): it reads the request as the system.
  const view = await viewRequest(storage, systemActor('public:lookup'), decision.requestId, {
    ...(options.today === undefined ? {} : { asOf: options.today }),
    ...(options.calendar === undefined ? {} : { calendar: options.calendar }),
  });
  if (!view.ok) return view;
  const status = view.value.status;
  return ok({
    ...base,
    state: 'confirmed',
    stateLabel: ONLINE_STATE_LABELS.confirmed,
    receivedOn: view.value.receivedOn,
    requestState: status.state,
    ...(status.closedOn === undefined && status.dueDate !== undefined ? { dueOn: status.dueDate } : {}),
    ...(status.closedOn === undefined ? {} : { closedOn: status.closedOn }),
    ...(status.outcome === undefined ? {} : { outcome: status.outcome }),
  });
}

/** An application as the handler's list shows it: the ID number masked. */
export interface AwaitingApplication {
  readonly code: string;
  readonly agencyId: number;
  readonly submittedAt: string;
  readonly submittedOn: LocalDate;
  readonly via: 'portal' | 'api';
  readonly applicantName: string;
  readonly applicantKind: StoredOnlineApplication['form']['applicant']['kind'];
  readonly idType: string;
  readonly idNumberMasked: string;
  readonly contact: StoredOnlineApplication['form']['applicant']['contact'];
  readonly content: string;
  readonly requestedForm: StoredOnlineApplication['form']['requestedForm'];
}

const awaitingOf = (a: StoredOnlineApplication): AwaitingApplication => ({
  code: a.code,
  agencyId: a.agencyId,
  submittedAt: a.submittedAt,
  submittedOn: a.submittedOn,
  via: a.via,
  applicantName: a.form.applicant.name,
  applicantKind: a.form.applicant.kind,
  idType: a.form.applicant.idDocument?.type ?? '',
  idNumberMasked: maskIdNumber(a.form.applicant.idDocument?.number ?? ''),
  contact: a.form.applicant.contact,
  content: a.form.content.description,
  requestedForm: a.form.requestedForm,
});

/** 待确认的网上申请 of the handler's agency, oldest first. Nobody else has them to confirm. */
export async function awaitingOnlineApplications(
  storage: Storage,
  actor: Actor,
): Promise<Result<readonly AwaitingApplication[], LedgerRefusal>> {
  const agencyId = actor.kind === 'user' ? actor.agencyId : undefined;
  const denied = permit(actor, 'request.register', agencyId);
  if (denied) return err(denied);
  const agencyIds =
    agencyId === undefined
      ? (
          await Promise.all((await storage.agencies.roots()).map((r) => storage.agencies.subtreeIds(r.id)))
        ).flat()
      : [agencyId];
  return ok((await storage.onlineApplications.awaiting(agencyIds)).map(awaitingOf));
}

async function undecided(
  storage: Storage,
  actor: Actor,
  typed: string,
): Promise<Result<StoredOnlineApplication, LedgerRefusal>> {
  const parsed = parseLookupCode(typed);
  const application = parsed.ok ? await storage.onlineApplications.get(parsed.value) : undefined;
  const denied = application
    ? permit(actor, 'request.register', application.agencyId, { code: 'online.unknown', what: typed })
    : ledgerRefusal('online.unknown', typed);
  if (denied || !application) return err(denied ?? ledgerRefusal('online.unknown', typed));
  if (application.decision) return err(ledgerRefusal('online.decided', application.code));
  return ok(application);
}

export interface ConfirmOutcome {
  readonly code: string;
  readonly requestId: string;
  readonly receivedOn: LocalDate;
}

/**
 * 确认网上申请: the day both sides confirmed it (by phone, say) is its receipt date (Art. 31(三)); it
 * enters the ledger with channel 网上, its 查询码 as the agency's reference.
 */
export async function confirmOnlineApplication(
  storage: Storage,
  actor: Actor,
  typed: string,
  confirmedOn: LocalDate,
  options: { readonly today?: LocalDate; readonly calendar?: WorkingCalendar } = {},
): Promise<Result<ConfirmOutcome, LedgerRefusal>> {
  const found = await undecided(storage, actor, typed);
  if (!found.ok) return found;
  const application = found.value;
  try {
    return await storage.transaction(async (tx) => {
      const intake = await intakeRequest(
        storage,
        actor,
        {
          agencyId: application.agencyId,
          applicant: application.form.applicant,
          content: application.form.content,
          requestedForm: application.form.requestedForm,
          channel: 'online',
          receivedOn: confirmedOn,
          arrivedOn: application.submittedOn,
          externalRef: `网上申请 ${application.code}`,
        },
        options,
      );
      if (!intake.ok) return intake;
      if (intake.value.status === 'duplicate') return err(ledgerRefusal('online.decided', application.code));
      await tx.onlineApplications.decide(application.code, {
        decision: 'confirmed',
        decidedOn: confirmedOn,
        requestId: intake.value.id,
        actor: actorName(actor),
      });
      await tx.auditLog.append({
        ...auditedBy(actor, application.agencyId),
        action: 'online.confirm',
        subject: `online:${application.code}`,
        detail: { requestId: intake.value.id, receivedOn: intake.value.receivedOn },
      });
      return ok({ code: application.code, requestId: intake.value.id, receivedOn: intake.value.receivedOn });
    });
  } catch (error) {
    if (error instanceof AlreadyDecidedError) return err(ledgerRefusal('online.decided', application.code));
    throw error;
  }
}

/** 不予受理 an online application (not a request for government information, sent twice…). */
export async function declineOnlineApplication(
  storage: Storage,
  actor: Actor,
  typed: string,
  reason: string,
  today: LocalDate = todayInChina(),
): Promise<Result<{ readonly code: string }, LedgerRefusal>> {
  const found = await undecided(storage, actor, typed);
  if (!found.ok) return found;
  const application = found.value;
  const why = reason.trim();
  if (!why) return err(ledgerRefusal('online.reason-empty'));
  if ([...why].length > 500 || hasControlCharacters(why, { lines: true }))
    return err(ledgerRefusal('online.reason-long'));
  try {
    return await storage.transaction(async (tx) => {
      await tx.onlineApplications.decide(application.code, {
        decision: 'declined',
        decidedOn: today,
        reason: why,
        actor: actorName(actor),
      });
      await tx.auditLog.append({
        ...auditedBy(actor, application.agencyId),
        action: 'online.decline',
        subject: `online:${application.code}`,
        detail: { reason: why },
      });
      return ok({ code: application.code });
    });
  } catch (error) {
    if (error instanceof AlreadyDecidedError) return err(ledgerRefusal('online.decided', application.code));
    throw error;
  }
}

/** An agency as the form's list offers it: its number, name, code and depth in the hierarchy. */
export interface ReceivingAgency {
  readonly id: number;
  readonly name: string;
  readonly code: string | null;
  readonly depth: number;
}

/** The agencies an online application may be sent to, each under its parent (the site's whole tree). */
export async function receivingAgencies(storage: Storage): Promise<readonly ReceivingAgency[]> {
  const out: ReceivingAgency[] = [];
  const visit = async (
    agencies: readonly { id: number; name: string; code: string | null }[],
    depth: number,
  ) => {
    for (const a of agencies) {
      out.push({ id: a.id, name: a.name, code: a.code, depth });
      await visit(await storage.agencies.children(a.id), depth + 1);
    }
  };
  await visit(await storage.agencies.roots(), 0);
  return out;
}
