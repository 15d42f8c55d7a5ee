/**
 * @module The status of a request on a given day (Alaveteli's computed status): the described state
 * from the log, plus the due date and whether it is overdue, from the calendar and today. Overdue is
 * decided by date: a request is overdue from the day after its due date, never on the due date itself.
 */
import type { LocalDate } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { correctionNoticeBy, pauseRunning, replyDeadline } from './deadline.js';
import type { RequestEvent } from './events.js';
import {
  type DescribedState,
  describedState,
  type LedgerState,
  type PauseKind,
  replyClockStopped,
} from './ledger-state.js';
import type { OutcomeKind } from './outcomes.js';
import { type DeadlinePolicy, REGULATION_2019 } from './policy.js';
import { refuse } from './refusals.js';
import type { DisclosureRequest } from './request.js';
import { err, ok, type Result } from './result.js';
import { replay } from './transitions.js';

export type RequestState =
  | 'awaitingCorrection'
  | 'inProgress'
  | 'paused'
  | 'decided'
  | 'lapsed'
  | 'withdrawn';

export interface RequestStatus {
  readonly state: RequestState;
  readonly described: DescribedState;
  /** What the clock waits for while `paused`. */
  readonly pausedFor: readonly PauseKind[];
  /**
   * 答复期限: the last day to answer. Absent while awaiting correction (the period restarts when the
   * corrected application arrives). For a closed request, the due date as it stood when it closed.
   */
  readonly dueDate?: LocalDate;
  /** A pause runs today: the due date assumes it ends today and moves on if it goes on. */
  readonly provisional: boolean;
  /** Open and past the due date (from the day after it). */
  readonly overdue: boolean;
  /** While correction may still be asked for (Art. 30): the last day to ask. */
  readonly correctionNoticeBy?: LocalDate;
  /** The applicant's deadline: to correct (Art. 30) or to pay (fee measure). */
  readonly applicantDueBy?: LocalDate;
  /** The applicant's deadline has passed: the request may be recorded as lapsed. */
  readonly applicantDeadlinePassed: boolean;
  readonly outcome?: OutcomeKind;
  readonly closedOn?: LocalDate;
  /** Answered after the due date (decided requests only). */
  readonly answeredLate?: boolean;
  /** Years the count crosses whose holiday schedule is not known: the dates may move. */
  readonly unknownYears: readonly number[];
}

const STATE_OF: Readonly<Record<DescribedState, RequestState>> = {
  new: 'inProgress',
  awaitingCorrection: 'awaitingCorrection',
  inProgress: 'inProgress',
  consulting: 'paused',
  awaitingPayment: 'paused',
  decided: 'decided',
  lapsed: 'lapsed',
  withdrawn: 'withdrawn',
};

/** Replays the log as known on `today`: events after today are refused as a data error. */
export function replayAsOf(
  request: DisclosureRequest,
  events: readonly RequestEvent[],
  calendar: WorkingCalendar,
  today: LocalDate,
  policy: DeadlinePolicy,
): Result<LedgerState> {
  const future = events.findIndex((e) => e.at > today);
  if (future >= 0)
    return err(refuse('request.event-after-today', `${events[future]!.at} > ${today}`, future));
  const state = replay(request, events, calendar, policy);
  if (state.ok && !state.value.received) return err(refuse('request.not-received'));
  return state;
}

/** The status of a request on `today`, derived from its log and the calendar. */
export function deriveStatus(
  request: DisclosureRequest,
  events: readonly RequestEvent[],
  calendar: WorkingCalendar,
  today: LocalDate,
  policy: DeadlinePolicy = REGULATION_2019,
): Result<RequestStatus> {
  const replayed = replayAsOf(request, events, calendar, today, policy);
  return replayed.ok ? ok(statusOf(replayed.value, calendar, today, policy)) : replayed;
}

export function statusOf(
  s: LedgerState,
  calendar: WorkingCalendar,
  today: LocalDate,
  policy: DeadlinePolicy,
): RequestStatus {
  const described = describedState(s);
  const pausedFor = s.closure ? [] : s.pauses.filter((p) => pauseRunning(p, today)).map((p) => p.kind);
  // A consultation past the other side's 15 working days no longer stops the clock (Arts. 32, 34).
  const state = described === 'consulting' && pausedFor.length === 0 ? 'inProgress' : STATE_OF[described];
  const asOf = s.closure?.on ?? today;
  const awaitingCorrection = described === 'awaitingCorrection';
  const reply = replyClockStopped(s) ? undefined : replyDeadline(s, calendar, policy, asOf);
  const noticeBy = correctionNoticeBy(calendar, s.receivedOn, policy);
  const applicantDueBy = awaitingCorrection
    ? s.correction!.dueBy
    : described === 'awaitingPayment'
      ? s.fee!.payBy
      : undefined;
  const open = !s.closure;
  return {
    state,
    described,
    pausedFor,
    ...(reply ? { dueDate: reply.dueDate } : {}),
    provisional: open && (reply?.provisional ?? false),
    overdue: open && reply !== undefined && today > reply.dueDate,
    ...(described === 'inProgress' && !s.correction && today <= noticeBy
      ? { correctionNoticeBy: noticeBy }
      : {}),
    ...(applicantDueBy ? { applicantDueBy } : {}),
    applicantDeadlinePassed: applicantDueBy !== undefined && today > applicantDueBy,
    ...(s.closure ? { outcome: s.closure.outcome, closedOn: s.closure.on } : {}),
    ...(s.closure?.state === 'decided' && reply ? { answeredLate: s.closure.on > reply.dueDate } : {}),
    // The count that gives the due date (the extended one covers the base count's days too), as explain.ts.
    unknownYears: reply ? (reply.extended ?? reply.base).unknownYears : [],
  };
}
