/**
 * @module 更正, never erasure: a recorded event found wrong (a mistyped date, a wrong outcome, a decision
 * entered on the wrong request) is voided by a later entry of the log that names it and says why. The
 * voided event stays in the history; the request's state, its due date and the report are derived from
 * the effective log — the events no void names. A void may not leave a log the Regulation's rules
 * refuse (voiding a correction request while its corrected application stays, say): the later event
 * must be voided first. The receipt cannot be voided: a request entered by mistake is withdrawn or its
 * details corrected.
 */
import type { WorkingCalendar } from '../calendar/working-days.js';
import { EVENT_LABELS, type RequestEvent } from './events.js';
import type { DeadlinePolicy } from './policy.js';
import { refuse } from './refusals.js';
import type { DisclosureRequest } from './request.js';
import { err, ok, type Result } from './result.js';
import { replay } from './transitions.js';

/** One entry of a stored log: an event, or the void of an earlier entry. */
export type LogEntry =
  | { readonly seq: number; readonly kind: 'event'; readonly event: RequestEvent }
  | { readonly seq: number; readonly kind: 'void'; readonly voids: number; readonly reason: string };

/** The seqs a log's voids name. */
export const voidedSeqs = (log: readonly LogEntry[]): ReadonlySet<number> =>
  new Set(log.flatMap((e) => (e.kind === 'void' ? [e.voids] : [])));

/** The events that count: every event no void names, in log order, with their seqs. */
export function effectiveEvents(log: readonly LogEntry[]): { seq: number; event: RequestEvent }[] {
  const voided = voidedSeqs(log);
  return log.flatMap((e) =>
    e.kind === 'event' && !voided.has(e.seq) ? [{ seq: e.seq, event: e.event }] : [],
  );
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
