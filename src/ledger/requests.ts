/**
 * @module The request use cases: take in a request (intakeRequest, 收到申请) and record what happens to
 * it (recordRequestEvent). Each takes the Actor and asks the policy table first; the domain decides;
 * storage keeps. An event is appended only after the domain's transition rules accepted it on the log
 * as stored, with the seq that log implies, so a concurrent writer can never slip an event in between
 * the check and the write. Refusals come back as values: the domain's code and Chinese reason, or the
 * ledger's. Every write is audited in its transaction, and the request's schedule (the inbox's cache)
 * is written with it.
 */
import { randomUUID } from 'node:crypto';
import { type Actor, actionOfEvent, actorName, auditedBy } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../domain/calendar/working-days.js';
import type { FeeAssessment } from '../domain/fees/charge.js';
import { EVENT_LABELS, type RequestEvent } from '../domain/requests/events.js';
import { type DeadlinePolicy, REGULATION_2019 } from '../domain/requests/policy.js';
import { refuse } from '../domain/requests/refusals.js';
import {
  type Applicant,
  type Channel,
  checkNewRequest,
  intakeOf,
  type RequestedContent,
  type RequestedForm,
  registerRequest,
} from '../domain/requests/request.js';
import { err, ok, type Refusal, type Result } from '../domain/requests/result.js';
import { allowedEvents, recordEvent, replay } from '../domain/requests/transitions.js';
import { loadCalendar, SeqConflictError, type Storage } from '../storage/index.js';
import { permit } from './access.js';
import { EVENT_NAMES, type EventInput, type FeeNoticeInput, feeNoticeOf } from './event-input.js';
import { type EarlierPieces, piecesEarlierThisMonth } from './fees.js';
import { type LedgerCode, type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { scheduleOf } from './schedule.js';
import { entryFromStored, type LoadedEntry, toStoredEvent, UNRECORDED_FORM } from './stored.js';
import { todayInChina } from './today.js';

/** What a request form (paper, counter, fax, e-mail, the API) gives. */
export interface IntakeInput {
  readonly agencyId: number;
  readonly applicant: Applicant;
  readonly content: RequestedContent;
  /** Default: not stated (其他). */
  readonly requestedForm?: RequestedForm;
  readonly channel: Channel;
  /** 收到申请之日 (Art. 31): handed in, signed for, or confirmed with the applicant. */
  readonly receivedOn: LocalDate;
  /** Letters and online, fax or e-mail requests: the day it arrived (default: the receipt date). */
  readonly arrivedOn?: LocalDate;
  /** A UUID; one is made when absent. */
  readonly id?: string;
  /** The agency's own number for it: the same number at the same agency is registered once. */
  readonly externalRef?: string;
}

export interface IntakeOutcome {
  readonly id: string;
  readonly receivedOn: LocalDate;
  /** 'duplicate': a request with the same externalRef exists at the agency; nothing was written. */
  readonly status: 'created' | 'duplicate';
}

export interface UseCaseOptions {
  /** Default: today in China. Events (and receipts) after today are refused. */
  readonly today?: LocalDate;
  /** Default: the official calendar with the stored overrides. */
  readonly calendar?: WorkingCalendar;
  readonly policy?: DeadlinePolicy;
}

/** 收到申请: registers the request by Art. 31 and writes it with its Received event. */
export async function intakeRequest(
  storage: Storage,
  actor: Actor,
  input: IntakeInput,
  options: UseCaseOptions = {},
): Promise<Result<IntakeOutcome, LedgerRefusal>> {
  const denied = permit(actor, 'request.register', input.agencyId, {
    code: 'agency.unknown',
    what: String(input.agencyId),
  });
  if (denied) return err(denied);
  const intake = intakeOf(input.channel, input.receivedOn, input.arrivedOn);
  if (!intake.ok) return intake;
  const id = input.id ?? randomUUID();
  const requestedForm = input.requestedForm ?? UNRECORDED_FORM;
  const registered = registerRequest({
    id,
    agencyId: String(input.agencyId),
    applicant: input.applicant,
    content: input.content,
    requestedForm,
    intake: intake.value,
  });
  if (!registered.ok) return registered;
  const fresh = checkNewRequest(registered.value);
  if (!fresh.ok) return fresh;
  const request = fresh.value;
  const today = options.today ?? todayInChina();
  if (request.receivedOn > today)
    return err(refuse('request.event-after-today', `${request.receivedOn} > ${today}`));
  const by = actorName(actor);
  const received: RequestEvent = { kind: 'Received', at: request.receivedOn, by };
  const calendar = options.calendar ?? (await loadCalendar(storage));
  const schedule = scheduleOf(request, [received], calendar, today, options.policy ?? REGULATION_2019);
  return storage.transaction(async (tx) => {
    if (!(await tx.agencies.get(input.agencyId)))
      return err(ledgerRefusal('agency.unknown', String(input.agencyId)));
    const result = await tx.requests.intake(
      {
        id,
        agencyId: input.agencyId,
        applicantKind: input.applicant.kind,
        applicantName: input.applicant.name,
        content: input.content.description,
        channel: input.channel,
        receivedOn: request.receivedOn,
        externalRef: input.externalRef ?? null,
      },
      toStoredEvent(received, {
        applicant: input.applicant,
        content: input.content,
        requestedForm,
        intake: intake.value,
      }),
      { actor: by },
    );
    if (result.status === 'duplicate')
      return ok({ id: result.id, receivedOn: request.receivedOn, status: 'duplicate' });
    if (schedule) await tx.schedules.set(result.id, schedule);
    await tx.auditLog.append({
      ...auditedBy(actor, input.agencyId),
      action: 'request.intake',
      subject: `request:${result.id}`,
      detail: { agencyId: input.agencyId, receivedOn: request.receivedOn, channel: input.channel },
    });
    return ok({ id: result.id, receivedOn: request.receivedOn, status: 'created' });
  });
}

export interface RecordedEvent {
  /** Where the event stands in the request's log. */
  readonly seq: number;
  /** The event as recorded (a fee notice with the amount the ledger assessed). */
  readonly event: RequestEvent;
  /** A fee notice whose amount the ledger assessed from its measure: how. */
  readonly assessed?: FeeAssessment;
  /** 按件计收 without a stated count: the applicant's earlier 件 this month the ledger found. */
  readonly counted?: EarlierPieces;
}

/**
 * A refused event's reason, with what the request's state accepts now, so that the clerk knows what
 * to do instead: the events that may be recorded, or that none may and a wrong entry is voided.
 */
function withAllowedNow(
  refusal: Refusal,
  entry: LoadedEntry,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
): LedgerRefusal {
  const state = replay(entry.request, entry.events, calendar, policy);
  if (!state.ok) return refusal;
  const allowed = allowedEvents(state.value).filter((kind) => kind !== 'Received');
  const now =
    allowed.length > 0
      ? `现在可以记录 (allowed now)：${allowed.map((k) => `${EVENT_LABELS[k]}（${EVENT_NAMES[k]}）`).join('、')}`
      : '该申请已办结，不能再记录办理事件；记录有误时请作废该条后重新记录 (closed: void a wrong entry, then record it again)';
  return { ...refusal, message: `${refusal.message}。${now}` };
}

/** Attempts before a lost race for the next seq is reported as 'request.concurrent'. */
const ATTEMPTS = 3;

/** The fee notice's earlier 件: as stated, or counted by the ledger (《办法》第四条). */
async function withEarlierPieces(
  storage: Storage,
  requestId: string,
  input: FeeNoticeInput,
): Promise<Result<{ readonly input: FeeNoticeInput; readonly counted?: EarlierPieces }, LedgerRefusal>> {
  if (input.pieces === undefined || input.earlier !== undefined) return ok({ input });
  const counted = await piecesEarlierThisMonth(storage, requestId);
  if (!counted.ok) return counted;
  return ok({ input: { ...input, earlier: counted.value.pieces }, counted: counted.value });
}

/**
 * Records one event on a request, if the actor's role may record it (an extension and a decision are
 * the approver's) and the domain's transition rules accept it on the stored log.
 */
export async function recordRequestEvent(
  storage: Storage,
  actor: Actor,
  requestId: string,
  input: EventInput,
  options: UseCaseOptions = {},
): Promise<Result<RecordedEvent, LedgerRefusal>> {
  const first = await storage.requests.get(requestId);
  const denied = first
    ? permit(actor, actionOfEvent(input.kind), first.agencyId, { code: 'request.unknown', what: requestId })
    : ledgerRefusal('request.unknown', requestId);
  if (denied) return err(denied);
  const today = options.today ?? todayInChina();
  if (input.at > today) return err(refuse('request.event-after-today', `${input.at} > ${today}`));
  let counted: EarlierPieces | undefined;
  let assessed: FeeAssessment | undefined;
  let event: RequestEvent;
  const by = actorName(actor);
  if (input.kind === 'FeeNoticeSent') {
    const earlier = await withEarlierPieces(storage, requestId, input);
    if (!earlier.ok) return earlier;
    counted = earlier.value.counted;
    const notice = feeNoticeOf(earlier.value.input, by);
    if (!notice.ok) return notice;
    event = notice.value.event;
    assessed = notice.value.assessed;
  } else event = { ...input, by } as RequestEvent;
  const calendar = options.calendar ?? (await loadCalendar(storage));
  const policy = options.policy ?? REGULATION_2019;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await storage.requests.get(requestId);
    if (!row) return err(ledgerRefusal('request.unknown', requestId));
    const stored = await storage.requests.events(requestId);
    const entry = entryFromStored(row, stored);
    if (!entry.ok) return entry;
    const checked = recordEvent(entry.value.request, entry.value.events, event, calendar, policy);
    if (!checked.ok) return err(withAllowedNow(checked.error, entry.value, calendar, policy));
    const schedule = scheduleOf(entry.value.request, [...entry.value.events, event], calendar, today, policy);
    try {
      const seq = await storage.transaction(async (tx) => {
        const appended = await tx.requests.appendEvent(requestId, toStoredEvent(event), {
          expectedSeq: stored.length + 1,
          actor: by,
          reason: event.reason ?? null,
        });
        if (schedule) await tx.schedules.set(requestId, schedule);
        await tx.auditLog.append({
          ...auditedBy(actor, row.agencyId),
          action: 'request.event',
          subject: `request:${requestId}`,
          detail: { seq: appended.seq, kind: event.kind, at: event.at },
        });
        return appended.seq;
      });
      return ok({ seq, event, ...(assessed ? { assessed } : {}), ...(counted ? { counted } : {}) });
    } catch (e) {
      if (!(e instanceof SeqConflictError)) throw e;
    }
  }
  return err(ledgerRefusal('request.concurrent', requestId));
}

/** The fewest leading characters of an id that an id option looks up by prefix. */
export const MIN_ID_PREFIX = 6;

/**
 * The record an id as typed names: the whole id, or its first characters (at least six) when exactly
 * one record begins with them. Several matches are refused with the ids they could be.
 */
export async function resolveIdPrefix(
  typed: string,
  lookup: {
    readonly exists: (id: string) => Promise<boolean>;
    readonly startingWith: (prefix: string, limit: number) => Promise<string[]>;
  },
  codes: { readonly unknown: LedgerCode; readonly ambiguous: LedgerCode },
): Promise<Result<string, LedgerRefusal>> {
  const text = typed.trim();
  if (await lookup.exists(text)) return ok(text);
  if (text.length < MIN_ID_PREFIX) return err(ledgerRefusal(codes.unknown, text));
  const shown = 5;
  const ids = await lookup.startingWith(text, shown + 1);
  if (ids.length === 1) return ok(ids[0]!);
  if (ids.length === 0) return err(ledgerRefusal(codes.unknown, text));
  const more = ids.length > shown ? ' 等' : '';
  return err(ledgerRefusal(codes.ambiguous, `${text}：${ids.slice(0, shown).join('、')}${more}`));
}

/**
 * The request an id as typed names (resolveIdPrefix). For the command line's operator: the use case
 * called next checks what the actor may see.
 */
export function resolveRequestId(storage: Storage, typed: string): Promise<Result<string, LedgerRefusal>> {
  return resolveIdPrefix(
    typed,
    {
      exists: async (id) => (await storage.requests.get(id)) !== undefined,
      startingWith: (prefix, limit) => storage.requests.idsStartingWith(prefix, limit),
    },
    { unknown: 'request.unknown', ambiguous: 'request.ambiguous' },
  );
}
