/**
 * @module What the replay of a request's log knows at a point in the log: the facts each event left
 * (receipt, correction, extension, pauses, fee, closure). The described state is read off these facts,
 * so there is one source of truth; deadlines are computed from them in deadline.ts.
 */
import type { LocalDate } from '../calendar/local-date.js';
import type { OutcomeKind } from './outcomes.js';

/**
 * The state the log describes, before time is taken into account (Alaveteli's described state). The
 * derived status (overdue, paused…) adds today and the calendar.
 */
export type DescribedState =
  /** nothing recorded yet: only 收到申请 may come */
  | 'new'
  /** 补正 asked for, not yet received */
  | 'awaitingCorrection'
  | 'inProgress'
  /** a third party or another agency is being consulted: the clock stands still */
  | 'consulting'
  /** a 收费通知 went out, not yet paid */
  | 'awaitingPayment'
  | 'decided'
  /** no longer processed: correction or fee overdue */
  | 'lapsed'
  | 'withdrawn';

export type PauseKind = 'thirdParty' | 'agency' | 'fee';

/** A stretch of days not counted in the reply period. */
export interface Pause {
  readonly kind: PauseKind;
  /** Started on this day; the days after it are not counted. */
  readonly from: LocalDate;
  /** Ended on this day (counted as part of the pause); absent while open. */
  readonly to?: LocalDate;
  /** The last day of the other side's time to answer (15 working days for a consultation). */
  readonly limit?: LocalDate;
}

export interface LedgerState {
  readonly received: boolean;
  /** 收到申请之日 (Art. 31). */
  readonly receivedOn: LocalDate;
  readonly lastEventOn?: LocalDate;
  readonly correction?: {
    readonly requestedOn: LocalDate;
    readonly dueBy: LocalDate;
    readonly receivedOn?: LocalDate;
  };
  readonly extension?: { readonly on: LocalDate; readonly workingDays: number; readonly approver: string };
  readonly pauses: readonly Pause[];
  /** The amount and method stay in the 收费通知 event: nothing after it depends on them. */
  readonly fee?: {
    readonly sentOn: LocalDate;
    /** Last day to pay: 20 working days counted from the day after delivery. */
    readonly payBy: LocalDate;
    readonly paidOn?: LocalDate;
  };
  readonly closure?: {
    readonly state: 'decided' | 'lapsed' | 'withdrawn';
    readonly on: LocalDate;
    readonly outcome: OutcomeKind;
  };
}

export function initialState(receivedOn: LocalDate): LedgerState {
  return { received: false, receivedOn, pauses: [] };
}

/**
 * The day the reply period counts from (day zero, itself not counted): receipt (Art. 31), or receipt of
 * the corrected application (Art. 30: 答复期限自行政机关收到补正的申请之日起计算).
 */
export function replyDayZero(state: LedgerState): {
  readonly date: LocalDate;
  readonly basis: 'receipt' | 'correction';
} {
  const corrected = state.correction?.receivedOn;
  return corrected === undefined
    ? { date: state.receivedOn, basis: 'receipt' }
    : { date: corrected, basis: 'correction' };
}

export const openPause = (state: LedgerState, kind: PauseKind): Pause | undefined =>
  state.pauses.find((p) => p.kind === kind && p.to === undefined);

/**
 * A correction was asked for and never came in (still awaited, or the request closed meanwhile): the
 * reply period has not started again, so there is no reply due date (Art. 30).
 */
export const replyClockStopped = (state: LedgerState): boolean =>
  state.correction !== undefined && state.correction.receivedOn === undefined;

export function describedState(state: LedgerState): DescribedState {
  if (state.closure) return state.closure.state;
  if (!state.received) return 'new';
  if (replyClockStopped(state)) return 'awaitingCorrection';
  if (state.fee && state.fee.paidOn === undefined) return 'awaitingPayment';
  if (state.pauses.some((p) => p.to === undefined)) return 'consulting';
  return 'inProgress';
}
