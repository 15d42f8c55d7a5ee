/**
 * @module 更正, never erasure: a recorded event found wrong (a mistyped date, a wrong outcome, a decision
 * entered on the wrong request) is voided by a later entry of the log that names it and says why. The
 * voided event stays in the history; the request's state, its due date and the report are derived from
 * the effective log — the events no void names. A void may not leave a log the Regulation's rules
 * refuse (voiding a correction request while its corrected application stays, say): the later event
 * must be voided first. The receipt cannot be voided: a request entered by mistake is withdrawn or its
 * details corrected.
 *
 * 申请信息更正: the applicant's name or type, the channel or the receipt date entered wrong is corrected
 * by an entry that keeps the old value beside the new; the receipt event itself is never rewritten.
 * The effective log dates the receipt on the latest corrected receipt date, so every clock and every
 * report count follows the correction.
 */
import { isLocalDate, type LocalDate } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { hasControlCharacters } from '../shared/plain-text.js';
import { EVENT_LABELS, type RequestEvent } from './events.js';
import type { DeadlinePolicy } from './policy.js';
import { refuse } from './refusals.js';
import {
  APPLICANT_KIND_LABELS,
  type ApplicantKind,
  CHANNEL_LABELS,
  type Channel,
  type DisclosureRequest,
  EARLIEST_RECEIPT,
  intakeOf,
} from './request.js';
import { err, ok, type Result } from './result.js';
import { replay } from './transitions.js';

/** The particulars of a request that a correction (申请信息更正) may set. */
export interface RequestParticulars {
  readonly applicantName: string;
  readonly applicantKind: ApplicantKind;
  readonly channel: Channel;
  readonly receivedOn: LocalDate;
}

export type ParticularField = keyof RequestParticulars;

/** 更正的字段 in words, in the order a correction lists them. */
export const PARTICULAR_LABELS: Readonly<Record<ParticularField, string>> = {
  applicantName: '申请人姓名或名称',
  applicantKind: '申请人类型',
  channel: '申请渠道',
  receivedOn: '收到申请之日',
};

/**
 * One corrected field, the value it had and the value it has now. `from` is what the record held,
 * which for a request imported from a register may be a value the domain does not know (渠道 未记录).
 */
export type ParticularChange = {
  [F in ParticularField]: { readonly field: F; readonly from: string; readonly to: RequestParticulars[F] };
}[ParticularField];

/** One entry of a stored log: an event, the void of an earlier entry, or a correction of particulars. */
export type LogEntry =
  | { readonly seq: number; readonly kind: 'event'; readonly event: RequestEvent }
  | { readonly seq: number; readonly kind: 'void'; readonly voids: number; readonly reason: string }
  | {
      readonly seq: number;
      readonly kind: 'details';
      readonly changes: readonly ParticularChange[];
      readonly reason: string;
    };

/** The receipt date the latest correction set, if any correction set one. */
export function correctedReceipt(log: readonly LogEntry[]): LocalDate | undefined {
  let on: LocalDate | undefined;
  for (const e of log)
    if (e.kind === 'details') for (const c of e.changes) if (c.field === 'receivedOn') on = c.to;
  return on;
}

/** The seqs a log's voids name. */
export const voidedSeqs = (log: readonly LogEntry[]): ReadonlySet<number> =>
  new Set(log.flatMap((e) => (e.kind === 'void' ? [e.voids] : [])));

/**
 * The events that count: every event no void names, in log order, with their seqs; the receipt dated
 * on the corrected receipt date when a correction set one.
 */
export function effectiveEvents(log: readonly LogEntry[]): { seq: number; event: RequestEvent }[] {
  const voided = voidedSeqs(log);
  const receipt = correctedReceipt(log);
  return log.flatMap((e) => {
    if (e.kind !== 'event' || voided.has(e.seq)) return [];
    const event =
      receipt !== undefined && e.event.kind === 'Received' ? { ...e.event, at: receipt } : e.event;
    return [{ seq: e.seq, event }];
  });
}

/** The request with the corrections of `changes` applied (its intake rebuilt for channel and date). */
export function withParticulars(
  request: DisclosureRequest,
  changes: readonly ParticularChange[],
): Result<DisclosureRequest> {
  let current = request;
  for (const change of changes) {
    switch (change.field) {
      case 'applicantName':
        current = { ...current, applicant: { ...current.applicant, name: change.to } };
        break;
      case 'applicantKind':
        current = { ...current, applicant: { ...current.applicant, kind: change.to } };
        break;
      case 'channel':
      case 'receivedOn': {
        const channel = change.field === 'channel' ? change.to : current.intake.channel;
        const received = change.field === 'receivedOn' ? change.to : current.receivedOn;
        // The day a letter or an online request arrived is kept only while it still precedes the receipt.
        const arrived = 'arrivedOn' in current.intake ? current.intake.arrivedOn : undefined;
        const keeps =
          channel !== 'inPerson' && channel !== 'postSigned' && arrived !== undefined && arrived <= received;
        const intake = intakeOf(channel, received, keeps ? arrived : undefined);
        if (!intake.ok) return intake;
        current = { ...current, intake: intake.value, receivedOn: received };
        break;
      }
    }
  }
  return ok(current);
}

/** The corrections of particulars in a log, in order. */
export const particularChanges = (log: readonly LogEntry[]): ParticularChange[] =>
  log.flatMap((e) => (e.kind === 'details' ? e.changes : []));

/** What the particulars are now, as a record shows them (for `from` values and for comparisons). */
export const particularsOf = (request: DisclosureRequest): RequestParticulars => ({
  applicantName: request.applicant.name,
  applicantKind: request.applicant.kind,
  channel: request.intake.channel,
  receivedOn: request.receivedOn,
});

/**
 * The earliest day corrections of particulars change report figures from: a receipt date moved (the
 * earlier of the two), or an applicant type changed (its column from the receipt on); undefined when
 * only a name or a channel changed, which no figure counts.
 */
export function figuresChangedFrom(
  changes: readonly ParticularChange[],
  receivedOn: LocalDate,
): LocalDate | undefined {
  const dates = changes.flatMap((c) =>
    c.field === 'receivedOn' ? [c.from as LocalDate, c.to] : c.field === 'applicantKind' ? [receivedOn] : [],
  );
  return dates.sort()[0];
}

/** A value of a particular in words (申请人类型 and 渠道 by their labels). */
export function particularText(field: ParticularField, value: string): string {
  if (field === 'applicantKind') return APPLICANT_KIND_LABELS[value as ApplicantKind] ?? value;
  if (field === 'channel')
    return CHANNEL_LABELS[value as Channel] ?? (value === 'unrecorded' ? '未记录' : value);
  return value;
}

/**
 * May these particulars be corrected so? `request` is the request as corrected so far, `recorded` the
 * particulars as the record shows them (the `from` of each change), `log` its log. Refused when nothing
 * changes, a name is blank, a receipt date is impossible, or the effective log would no longer hold on
 * the corrected request (an event dated before a later receipt date, say).
 */
export function checkParticulars(
  request: DisclosureRequest,
  recorded: { readonly [F in ParticularField]: string },
  log: readonly LogEntry[],
  wanted: Partial<RequestParticulars>,
  reason: string,
  today: LocalDate,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
): Result<{ readonly changes: readonly ParticularChange[]; readonly request: DisclosureRequest }> {
  if (!reason.trim()) return err(refuse('correct.reason-empty'));
  const name = wanted.applicantName?.trim();
  if (wanted.applicantName !== undefined && !name) return err(refuse('correct.name-empty'));
  if (name && hasControlCharacters(name)) return err(refuse('intake.control-characters'));
  const received = wanted.receivedOn;
  if (received !== undefined && (!isLocalDate(received) || received < EARLIEST_RECEIPT || received > today))
    return err(refuse('correct.receipt-date', `${received}（应在 ${EARLIEST_RECEIPT} 至 ${today} 之间）`));
  const changes: ParticularChange[] = [];
  const differs = <F extends ParticularField>(field: F, to: RequestParticulars[F] | undefined) => {
    if (to !== undefined && to !== recorded[field])
      changes.push({ field, from: recorded[field], to } as ParticularChange);
  };
  differs('applicantName', name);
  differs('applicantKind', wanted.applicantKind);
  differs('channel', wanted.channel);
  differs('receivedOn', received);
  if (changes.length === 0) return err(refuse('correct.nothing'));
  const corrected = withParticulars(request, changes);
  if (!corrected.ok) return corrected;
  const events = effectiveEvents(log).map((e) =>
    e.event.kind === 'Received' ? { ...e.event, at: corrected.value.receivedOn } : e.event,
  );
  const replayed = replay(corrected.value, events, calendar, policy);
  if (!replayed.ok) {
    const blocking = effectiveEvents(log)[replayed.error.eventIndex ?? 0];
    return err(
      refuse(
        'correct.breaks-log',
        `第 ${blocking?.seq ?? '?'} 条（${blocking ? EVENT_LABELS[blocking.event.kind] : ''}）不再成立：${replayed.error.message}`,
      ),
    );
  }
  return ok({ changes, request: corrected.value });
}

/**
 * May entry `seq` be voided? It must be an event of the log, not the receipt, not voided already, and
 * the effective log without it must still be one the rules accept. On success: whether the void reopens
 * the request (the voided event was the one that closed it).
 */
export function checkVoid(
  request: DisclosureRequest,
  log: readonly LogEntry[],
  seq: number,
  reason: string,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
): Result<{ readonly reopens: boolean; readonly voided: RequestEvent }> {
  if (!reason.trim()) return err(refuse('void.reason-empty'));
  const entry = log.find((e) => e.seq === seq);
  if (!entry) return err(refuse('void.unknown-entry', `第 ${seq} 条`));
  if (entry.kind === 'void') return err(refuse('void.of-void', `第 ${seq} 条`));
  if (entry.kind === 'details') return err(refuse('void.of-correction', `第 ${seq} 条`));
  if (voidedSeqs(log).has(seq)) return err(refuse('void.already', `第 ${seq} 条`));
  if (entry.event.kind === 'Received') return err(refuse('void.receipt'));
  const before = replay(
    request,
    effectiveEvents(log).map((e) => e.event),
    calendar,
    policy,
  );
  const remaining = effectiveEvents(log).filter((e) => e.seq !== seq);
  const after = replay(
    request,
    remaining.map((e) => e.event),
    calendar,
    policy,
  );
  if (!after.ok) {
    const blocking = remaining[after.error.eventIndex ?? 0];
    return err(
      refuse(
        'void.breaks-log',
        `作废第 ${seq} 条（${EVENT_LABELS[entry.event.kind]}）后，第 ${blocking?.seq ?? '?'} 条（${blocking ? EVENT_LABELS[blocking.event.kind] : ''}）不再成立：${after.error.message}；请先作废后者`,
      ),
    );
  }
  const wasClosed = before.ok && before.value.closure !== undefined;
  return ok({ reopens: wasClosed && after.value.closure === undefined, voided: entry.event });
}
