/**
 * @module The domain's requests and events as storage keeps them, and back. Storage knows an event by
 * its `type`, `at`, `actor` and a JSON payload; the ledger writes the domain event itself as the payload
 * with `type` (= `kind`) and `actor` (= `by`) beside it, and the Received event also carries the
 * intake form (applicant, content, requested form, intake dates), so that the domain request can be
 * rebuilt and its receipt date re-derived by Art. 31 when the log is read. Rows written by other tools
 * (a bulk generator, an older import) without those details are read with what the row holds.
 */
import { isLocalDate, type LocalDate } from '../domain/calendar/local-date.js';
import {
  effectiveEvents,
  type LogEntry,
  PARTICULAR_LABELS,
  type ParticularChange,
  particularChanges,
  withParticulars,
} from '../domain/requests/corrections.js';
import { EVENT_LABELS, type EventKind, type RequestEvent } from '../domain/requests/events.js';
import { OUTCOMES, type OutcomeKind, outcomeSpec } from '../domain/requests/outcomes.js';
import {
  APPLICANT_KIND_LABELS,
  type Applicant,
  type ApplicantKind,
  CHANNEL_LABELS,
  type Channel,
  type DisclosureRequest,
  type Intake,
  type RequestedContent,
  type RequestedForm,
  registerRequest,
} from '../domain/requests/request.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { StoredEvent } from '../storage/index.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';

/** 申请渠道 as the `channel` column holds it: the domain's key, or `unrecorded` for a register row. */
export type StoredChannel = Channel | 'unrecorded';

/** The channel column of a request imported from a register that does not record the channel. */
export const UNRECORDED_CHANNEL: StoredChannel = 'unrecorded';

const STORED_CHANNELS = new Set<string>([...Object.keys(CHANNEL_LABELS), UNRECORDED_CHANNEL]);

/** The channel column of a stored request, or undefined when it holds something else. */
export const channelOf = (stored: string): StoredChannel | undefined =>
  STORED_CHANNELS.has(stored) ? (stored as StoredChannel) : undefined;

const APPLICANT_KINDS = new Set<string>(Object.keys(APPLICANT_KIND_LABELS));

/** The applicant column of a stored request: its key ('natural'; migration 0002 turned labels into keys). */
export function applicantKindOf(stored: string): ApplicantKind | undefined {
  return APPLICANT_KINDS.has(stored) ? (stored as ApplicantKind) : undefined;
}

const EVENT_KINDS = new Set<string>(Object.keys(EVENT_LABELS));
const OUTCOME_KINDS = new Set<string>(OUTCOMES.map((o) => o.kind));

export const isEventKind = (value: unknown): value is EventKind =>
  typeof value === 'string' && EVENT_KINDS.has(value);
export const isOutcomeKind = (value: unknown): value is OutcomeKind =>
  typeof value === 'string' && OUTCOME_KINDS.has(value);

/** What the intake form gave beyond the request row's columns. */
export interface StoredRequestDetails {
  readonly applicant: Applicant;
  readonly content: RequestedContent;
  readonly requestedForm?: RequestedForm;
  /** Absent for imported requests: the register gives the receipt date only. */
  readonly intake?: Intake;
}

/** The payload storage keeps for a domain event. */
export type StoredLedgerEvent = RequestEvent & {
  readonly type: EventKind;
  readonly actor: string;
  /** On the Received event only. */
  readonly request?: StoredRequestDetails;
};

export function toStoredEvent(event: RequestEvent, details?: StoredRequestDetails): StoredLedgerEvent {
  return { type: event.kind, actor: event.by, ...event, ...(details ? { request: details } : {}) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The domain event behind a stored one, or why it cannot be one. */
export function fromStoredEvent(stored: StoredEvent<unknown>): Result<RequestEvent, LedgerRefusal> {
  const payload = isObject(stored.event) ? stored.event : {};
  const kind = payload.kind ?? stored.type;
  if (!isEventKind(kind))
    return err(ledgerRefusal('request.stored-invalid', `事件 ${stored.seq}：未知类型 ${String(kind)}`));
  if (kind === 'Decided' && !isOutcomeKind(payload.outcome))
    return err(
      ledgerRefusal('request.stored-invalid', `事件 ${stored.seq}：未知办理结果 ${String(payload.outcome)}`),
    );
  const { type: _type, actor: _actor, request: _request, ...rest } = payload;
  const by = typeof payload.by === 'string' ? payload.by : (stored.actor ?? '');
  const reason = typeof payload.reason === 'string' ? payload.reason : (stored.reason ?? undefined);
  const event = { ...rest, kind, at: stored.at, by, ...(reason !== undefined ? { reason } : {}) };
  return ok(event as unknown as RequestEvent);
}

/** The intake details on a stored Received event, when the ledger wrote them. */
export function detailsOf(stored: StoredEvent<unknown> | undefined): StoredRequestDetails | undefined {
  const payload = stored && isObject(stored.event) ? stored.event : undefined;
  const details = payload?.request;
  if (!isObject(details) || !isObject(details.applicant) || !isObject(details.content)) return undefined;
  return details as unknown as StoredRequestDetails;
}

/**
 * What a request recorded without its intake form (a register row) is taken to have said: no form
 * asked for, and handed in on its receipt date, so that Art. 31 gives that date back. The import checks
 * a row's history on the request built this way, and the request is read back this way.
 */
export const UNRECORDED_FORM: RequestedForm = { medium: 'other', delivery: 'other' };
export const intakeOnReceipt = (receivedOn: LocalDate): Intake => ({
  channel: 'inPerson',
  submittedOn: receivedOn,
});

/** The columns of a request row the domain request is rebuilt from. */
export interface RequestRowLike {
  readonly id: string;
  readonly agencyId: number;
  readonly applicantKind: string;
  readonly applicantName?: string;
  readonly content?: string;
  readonly receivedOn: LocalDate;
}

/** The `type` of a stored void (更正: corrections.ts); its payload names the entry voided. */
export const VOID_TYPE = 'Voided';

/** What storage keeps for a void: the entry it voids, why, and whether it reopens the request. */
export interface StoredVoid {
  readonly type: typeof VOID_TYPE;
  readonly actor: string;
  readonly at: LocalDate;
  readonly voids: number;
  readonly reason: string;
  /** The voided event had closed the request (the derive step opens it again). */
  readonly reopened: boolean;
  /** Completed report years it changes, confirmed by the approver (a finding on those reports). */
  readonly completedYears?: readonly number[];
}

/** The `type` of a stored correction of a request's particulars (申请信息更正: corrections.ts). */
export const DETAILS_TYPE = 'DetailsCorrected';

/** What storage keeps for a correction of particulars: each field's old and new value, and why. */
export interface StoredDetailsCorrection {
  readonly type: typeof DETAILS_TYPE;
  readonly actor: string;
  readonly at: LocalDate;
  readonly changes: readonly ParticularChange[];
  readonly reason: string;
  /** Completed report years it changes, confirmed by the approver (a finding on those reports). */
  readonly completedYears?: readonly number[];
}

/** The stored types that are not domain events: they correct the log rather than add to it. */
export const isCorrectionType = (type: string): boolean => type === VOID_TYPE || type === DETAILS_TYPE;

/** One request of the register as the domain sees it, with the applicant's name for explanations. */
export interface LoadedEntry {
  readonly request: DisclosureRequest;
  /** The effective log: the events no void names (what every rule is applied to). */
  readonly events: readonly RequestEvent[];
  /** The stored record of each of `events`, in the same order (seq, when typed in, who). */
  readonly records: readonly StoredEvent<unknown>[];
  /** Every entry of the stored log, voids and voided events included (the history). */
  readonly log: readonly LogEntry[];
}

/** A stored void as the domain's log entry, or why it cannot be read. */
function voidEntry(stored: StoredEvent<unknown>): Result<LogEntry, LedgerRefusal> {
  const payload = isObject(stored.event) ? stored.event : {};
  const voids = payload.voids;
  if (typeof voids !== 'number' || !Number.isSafeInteger(voids))
    return err(ledgerRefusal('request.stored-invalid', `事件 ${stored.seq}：作废记录未指明所作废的条目`));
  return ok({
    seq: stored.seq,
    kind: 'void',
    voids,
    reason: typeof payload.reason === 'string' ? payload.reason : '',
  });
}

function isParticularChange(value: unknown): value is ParticularChange {
  if (!isObject(value) || typeof value.from !== 'string') return false;
  const field = value.field;
  if (typeof field !== 'string' || !(field in PARTICULAR_LABELS)) return false;
  const to = value.to;
  if (field === 'applicantKind') return typeof to === 'string' && APPLICANT_KINDS.has(to);
  if (field === 'channel') return typeof to === 'string' && to in CHANNEL_LABELS;
  if (field === 'receivedOn') return typeof to === 'string' && isLocalDate(to);
  return typeof to === 'string';
}

/** A stored correction of particulars as the domain's log entry, or why it cannot be read. */
function detailsEntry(stored: StoredEvent<unknown>): Result<LogEntry, LedgerRefusal> {
  const payload = isObject(stored.event) ? stored.event : {};
  const changes = payload.changes;
  if (!Array.isArray(changes) || changes.length === 0 || !changes.every(isParticularChange))
    return err(ledgerRefusal('request.stored-invalid', `事件 ${stored.seq}：申请信息更正的内容无法读取`));
  return ok({
    seq: stored.seq,
    kind: 'details',
    changes,
    reason: typeof payload.reason === 'string' ? payload.reason : '',
  });
}

/** The domain request and log behind a stored request, or why the stored record cannot be one. */
export function entryFromStored(
  row: RequestRowLike,
  stored: readonly StoredEvent<unknown>[],
): Result<LoadedEntry, LedgerRefusal> {
  const kind = applicantKindOf(row.applicantKind);
  if (!kind) return err(ledgerRefusal('request.stored-invalid', `申请人类型“${row.applicantKind}”`));
  if (!isLocalDate(row.receivedOn))
    return err(ledgerRefusal('request.stored-invalid', `收到日期“${row.receivedOn}”`));
  const log: LogEntry[] = [];
  for (const s of stored) {
    if (isCorrectionType(s.type)) {
      const entry = s.type === VOID_TYPE ? voidEntry(s) : detailsEntry(s);
      if (!entry.ok) return entry;
      log.push(entry.value);
      continue;
    }
    const event = fromStoredEvent(s);
    if (!event.ok) return event;
    log.push({ seq: s.seq, kind: 'event', event: event.value });
  }
  const effective = effectiveEvents(log);
  const bySeq = new Map(stored.map((s) => [s.seq, s]));
  const events = effective.map((e) => e.event);
  const records = effective.map((e) => bySeq.get(e.seq)!);
  const details = detailsOf(stored[0]);
  const draft = {
    id: row.id,
    agencyId: String(row.agencyId),
    applicant: { ...(details?.applicant ?? { name: row.applicantName ?? '', contact: {} }), kind },
    content: details?.content ?? { description: row.content ?? '' },
    requestedForm: details?.requestedForm ?? UNRECORDED_FORM,
    intake: details?.intake ?? intakeOnReceipt(row.receivedOn),
  };
  const original = registerRequest(draft);
  if (!original.ok) return original;
  // The row's columns are a cache of the corrected particulars; the receipt keeps what was entered.
  const registered = withParticulars(original.value, particularChanges(log));
  if (!registered.ok) return registered;
  if (registered.value.receivedOn !== row.receivedOn)
    return err(
      ledgerRefusal(
        'request.stored-invalid',
        `按条例第三十一条收到申请之日为 ${registered.value.receivedOn}，记录为 ${row.receivedOn}`,
      ),
    );
  return ok({ request: registered.value, events, records, log });
}

/** A decision's outcome must be one a 答复 can have (a lapse or withdrawal is its own event). */
export const isDecisionOutcome = (value: unknown): value is OutcomeKind =>
  isOutcomeKind(value) && outcomeSpec(value).byEvent !== true;
