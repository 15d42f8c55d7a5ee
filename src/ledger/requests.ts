/**
 * @module The request use cases: take in a request (intakeRequest) and record what happens to it
 * (recordRequestEvent). The domain decides; storage keeps. An event is appended only after the domain's
 * transition rules accepted it on the log as stored, with the seq that log implies, so a concurrent
 * writer can never slip an event in between the check and the write. Refusals come back as values:
 * the domain's code and Chinese reason, or the ledger's. Every write is audited in its transaction.
 */
import { randomUUID } from 'node:crypto';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../domain/calendar/working-days.js';
import type { RequestEvent } from '../domain/requests/events.js';
import { type DeadlinePolicy, REGULATION_2019 } from '../domain/requests/policy.js';
import { refuse } from '../domain/requests/refusals.js';
import {
  APPLICANT_KIND_LABELS,
  type Applicant,
  type Intake,
  type RequestedContent,
  type RequestedForm,
  registerRequest,
} from '../domain/requests/request.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { recordEvent } from '../domain/requests/transitions.js';
import { loadCalendar, SeqConflictError, type Storage } from '../storage/index.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { CHANNEL_LABELS, entryFromStored, toStoredEvent } from './stored.js';
import { todayInChina } from './today.js';

export interface IntakeInput {
  readonly agencyId: number;
  readonly applicant: Applicant;
  readonly content: RequestedContent;
  readonly requestedForm: RequestedForm;
  readonly intake: Intake;
  /** Who records it (a staff member's id). */
  readonly by: string;
  /** A UUID; one is made when absent. */
  readonly id?: string;
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
  input: IntakeInput,
  options: UseCaseOptions = {},
): Promise<Result<IntakeOutcome, LedgerRefusal>> {
  const id = input.id ?? randomUUID();
  const registered = registerRequest({
    id,
    agencyId: String(input.agencyId),
    applicant: input.applicant,
    content: input.content,
    requestedForm: input.requestedForm,
    intake: input.intake,
  });
  if (!registered.ok) return registered;
  const request = registered.value;
  const today = options.today ?? todayInChina();
  if (request.receivedOn > today)
    return err(refuse('request.event-after-today', `${request.receivedOn} > ${today}`));
  const received: RequestEvent = { kind: 'Received', at: request.receivedOn, by: input.by };
  return storage.transaction(async (tx) => {
    if (!(await tx.agencies.get(input.agencyId)))
      return err(ledgerRefusal('agency.unknown', String(input.agencyId)));
    const result = await tx.requests.intake(
      {
        id,
        agencyId: input.agencyId,
        applicantKind: APPLICANT_KIND_LABELS[input.applicant.kind],
        applicantName: input.applicant.name,
        content: input.content.description,
        channel: CHANNEL_LABELS[input.intake.channel],
        receivedOn: request.receivedOn,
        externalRef: input.externalRef ?? null,
      },
      toStoredEvent(received, {
        applicant: input.applicant,
        content: input.content,
        requestedForm: input.requestedForm,
        intake: input.intake,
      }),
      { actor: input.by },
    );
    if (result.status === 'duplicate')
      return ok({ id: result.id, receivedOn: request.receivedOn, status: 'duplicate' });
    await tx.auditLog.append({
      actor: input.by,
      action: 'request.intake',
      subject: `request:${result.id}`,
      detail: { agencyId: input.agencyId, receivedOn: request.receivedOn, channel: input.intake.channel },
    });
    return ok({ id: result.id, receivedOn: request.receivedOn, status: 'created' });
  });
}

export interface RecordedEvent {
  /** Where the event stands in the request's log. */
  readonly seq: number;
}

/** Attempts before a lost race for the next seq is reported as 'request.concurrent'. */
const ATTEMPTS = 3;

/** Records one event on a request, if the domain's transition rules accept it on the stored log. */
export async function recordRequestEvent(
  storage: Storage,
  requestId: string,
  event: RequestEvent,
  options: UseCaseOptions = {},
): Promise<Result<RecordedEvent, LedgerRefusal>> {
  const today = options.today ?? todayInChina();
  if (event.at > today) return err(refuse('request.event-after-today', `${event.at} > ${today}`));
  const calendar = options.calendar ?? (await loadCalendar(storage));
  const policy = options.policy ?? REGULATION_2019;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = await storage.requests.get(requestId);
    if (!row) return err(ledgerRefusal('request.unknown', requestId));
    const stored = await storage.requests.events(requestId);
    const entry = entryFromStored(row, stored);
    if (!entry.ok) return entry;
    const checked = recordEvent(entry.value.request, entry.value.events, event, calendar, policy);
    if (!checked.ok) return checked;
    try {
      const seq = await storage.transaction(async (tx) => {
        const appended = await tx.requests.appendEvent(requestId, toStoredEvent(event), {
          expectedSeq: stored.length + 1,
          actor: event.by,
          reason: event.reason ?? null,
        });
        await tx.auditLog.append({
          actor: event.by,
          action: 'request.event',
          subject: `request:${requestId}`,
          detail: { seq: appended.seq, kind: event.kind, at: event.at },
        });
        return appended.seq;
      });
      return ok({ seq });
    } catch (e) {
      if (!(e instanceof SeqConflictError)) throw e;
    }
  }
  return err(ledgerRefusal('request.concurrent', requestId));
}

/** The fewest leading characters of an id that `resolveRequestId` looks up by prefix. */
export const MIN_ID_PREFIX = 6;

/**
 * The request an id as typed names: the whole id, or its first characters (at least six) when exactly
 * one request begins with them. Several matches are refused with the ids they could be.
 */
export async function resolveRequestId(
  storage: Storage,
  typed: string,
): Promise<Result<string, LedgerRefusal>> {
  const text = typed.trim();
  if (await storage.requests.get(text)) return ok(text);
  if (text.length < MIN_ID_PREFIX) return err(ledgerRefusal('request.unknown', text));
  const shown = 5;
  const ids = await storage.requests.idsStartingWith(text, shown + 1);
  if (ids.length === 1) return ok(ids[0]!);
  if (ids.length === 0) return err(ledgerRefusal('request.unknown', text));
  const more = ids.length > shown ? ' 等' : '';
  return err(ledgerRefusal('request.ambiguous', `${text}：${ids.slice(0, shown).join('、')}${more}`));
}
