/**
 * @module The periods of a request, counted in working days from a day zero that is itself not counted
 * (the Regulation counts from the day after receipt): the reply period of Art. 33 with its one extension
 * and the days consultations (Arts. 32, 34) and a fee notice leave out, the 7-day window to ask for
 * correction (Art. 30), and the fee payment period.
 *
 * A pause leaves out the days after its first day up to and including its last day: the day a
 * consultation letter goes out is still the agency's working day, and the day the answer arrives is, like
 * a day of receipt, day zero for the rest of the count. A consultation the other side lets run past its
 * 15 working days pauses only until that 15th day: from then on the agency decides on its own.
 */
import { type LocalDate, localDate } from '../calendar/local-date.js';
import { addWorkingDays, type WorkingCalendar, type WorkingDayCount } from '../calendar/working-days.js';
import { type LedgerState, type Pause, type PauseKind, replyDayZero } from './ledger-state.js';
import type { DeadlinePolicy } from './policy.js';

export const PAUSE_REASONS: Readonly<Record<PauseKind, string>> = {
  thirdParty: '征求第三方意见，所需时间不计算在答复期限内（条例第三十二条、第三十三条）',
  agency: '征求其他机关意见，所需时间不计算在答复期限内（条例第三十三条、第三十四条）',
  fee: '等待缴纳信息处理费，收费通知至缴费期间不计算在答复期限内',
};

/** Short names of the pauses, for lists of skipped days. */
export const PAUSE_LABELS: Readonly<Record<PauseKind, string>> = {
  thirdParty: '暂停：征求第三方意见',
  agency: '暂停：征求其他机关意见',
  fee: '暂停：等待缴费',
};

/** The last day a pause covers, as seen on `asOf`: its end, its other side's limit, or `asOf` if open. */
export function pauseEnd(pause: Pause, asOf: LocalDate): LocalDate {
  const end = pause.to ?? asOf;
  return pause.limit !== undefined && pause.limit < end ? pause.limit : end;
}

/** True when the pause is still running on `asOf` (open, and its other side's time not yet over). */
export function pauseRunning(pause: Pause, asOf: LocalDate): boolean {
  return pause.to === undefined && (pause.limit === undefined || pause.limit >= asOf);
}

/** For each date, the pause that leaves it out of the count (the days after its first, up to its end). */
export function pauseOn(state: LedgerState, asOf: LocalDate): (date: LocalDate) => Pause | undefined {
  const spans = state.pauses.map((pause) => ({ pause, end: pauseEnd(pause, asOf) }));
  return (date) => spans.find((s) => s.pause.from < date && date <= s.end)?.pause;
}

export interface ReplyDeadline {
  /** The 20 working days of Art. 33, with pauses. */
  readonly base: WorkingDayCount;
  /** The count including the extension, when there is one. */
  readonly extended?: WorkingDayCount;
  readonly dueDate: LocalDate;
  /** A pause is still running on `asOf`: the date assumes it ends that day and moves if it goes on. */
  readonly provisional: boolean;
}

/** The reply due date (答复期限) as known on `asOf`. */
export function replyDeadline(
  state: LedgerState,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
  asOf: LocalDate,
): ReplyDeadline {
  const pauseOf = pauseOn(state, asOf);
  const paused = (date: LocalDate) => {
    const pause = pauseOf(date);
    return pause && PAUSE_REASONS[pause.kind];
  };
  const dayZero = replyDayZero(state).date;
  const base = addWorkingDays(calendar, dayZero, policy.replyWorkingDays, paused);
  const extended = state.extension
    ? addWorkingDays(calendar, dayZero, policy.replyWorkingDays + state.extension.workingDays, paused)
    : undefined;
  const provisional = state.pauses.some((p) => pauseRunning(p, asOf));
  return extended
    ? { base, extended, dueDate: extended.date, provisional }
    : { base, dueDate: base.date, provisional };
}

/** Art. 30: the last day to ask for correction, 7 working days after receipt. */
export function correctionNoticeBy(
  calendar: WorkingCalendar,
  receivedOn: LocalDate,
  policy: DeadlinePolicy,
): LocalDate {
  return addWorkingDays(calendar, receivedOn, policy.correctionNoticeWorkingDays).date;
}

/** The last day of a consultation's 15 working days, counted from the day it started. */
export function consultationLimit(
  calendar: WorkingCalendar,
  kind: 'thirdParty' | 'agency',
  from: LocalDate,
  policy: DeadlinePolicy,
): LocalDate {
  const days = kind === 'thirdParty' ? policy.thirdPartyWorkingDays : policy.agencyConsultationWorkingDays;
  return addWorkingDays(calendar, from, days).date;
}

/** Fee measure: pay within 20 working days, counted from the day after the applicant received the notice. */
export function feePayBy(
  calendar: WorkingCalendar,
  deliveredOn: LocalDate,
  policy: DeadlinePolicy,
): LocalDate {
  return addWorkingDays(calendar, deliveredOn, policy.feePaymentWorkingDays).date;
}

/** 12月31日 of a year: the cut-off for 结转. */
export const yearEnd = (year: number): LocalDate => localDate(`${year}-12-31`);
