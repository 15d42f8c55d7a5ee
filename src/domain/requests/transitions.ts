/**
 * @module Which event may follow which state, as data (TRANSITIONS, ONCE_ONLY), and the rules an event
 * must meet on top (GUARDS): each refusal has a stable code and a Chinese reason citing the article.
 * `replay` folds a log into its facts; `recordEvent` is how storage and the CLI append to a log.
 */
import type { LocalDate } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { assessFee } from '../fees/charge.js';
import { compareDecimals, isDecimalString } from '../shared/decimal.js';
import { consultationLimit, correctionNoticeBy, feePayBy, replyDeadline } from './deadline.js';
import { EVENT_LABELS, type EventKind, OUTCOME_OF_CLOSING, type RequestEvent } from './events.js';
import {
  type DescribedState,
  describedState,
  initialState,
  type LedgerState,
  openPause,
  type PauseKind,
} from './ledger-state.js';
import { outcomeSpec } from './outcomes.js';
import { type DeadlinePolicy, REGULATION_2019 } from './policy.js';
import { type RefusalCode, refuse } from './refusals.js';
import type { DisclosureRequest } from './request.js';
import { err, ok, type Refusal, type Result } from './result.js';

/** Which events each described state accepts. Closed states accept none. */
export const TRANSITIONS: Readonly<Record<DescribedState, readonly EventKind[]>> = {
  new: ['Received'],
  awaitingCorrection: ['CorrectionReceived', 'CorrectionLapsed', 'Withdrawn'],
  inProgress: [
    'CorrectionRequested',
    'Extended',
    'ThirdPartyConsultationStarted',
    'AgencyConsultationStarted',
    'FeeNoticeSent',
    'Withdrawn',
    'Decided',
  ],
  consulting: [
    'ThirdPartyConsultationStarted',
    'ThirdPartyConsultationEnded',
    'AgencyConsultationStarted',
    'AgencyConsultationEnded',
    'Extended',
    'Withdrawn',
    'Decided',
  ],
  awaitingPayment: ['FeePaid', 'FeeLapsed', 'Withdrawn'],
  decided: [],
  lapsed: [],
  withdrawn: [],
};

/** Events the Regulation allows once per request, whatever the state. */
export const ONCE_ONLY: Readonly<
  Partial<Record<EventKind, { readonly used: (s: LedgerState) => boolean; readonly code: RefusalCode }>>
> = {
  // Art. 30: 一次性告知
  CorrectionRequested: { used: (s) => s.correction !== undefined, code: 'request.correction-twice' },
  // Art. 33: 延长的期限最长不得超过20个工作日 — one extension
  Extended: { used: (s) => s.extension !== undefined, code: 'request.extension-twice' },
  // Fee measure Art. 3: one method per request, never both
  FeeNoticeSent: { used: (s) => s.fee !== undefined, code: 'request.fee-notice-twice' },
};

const CLOSED: Readonly<Record<'decided' | 'lapsed' | 'withdrawn', RefusalCode>> = {
  decided: 'request.already-decided',
  lapsed: 'request.already-lapsed',
  withdrawn: 'request.already-withdrawn',
};

export const STATE_LABELS: Readonly<Record<DescribedState, string>> = {
  new: '未登记',
  awaitingCorrection: '等待补正',
  inProgress: '办理中',
  consulting: '征求意见中',
  awaitingPayment: '等待缴费',
  decided: '已答复',
  lapsed: '不再处理',
  withdrawn: '已撤回',
};

interface Context {
  readonly calendar: WorkingCalendar;
  readonly policy: DeadlinePolicy;
}

type Handlers<R> = {
  readonly [K in EventKind]: (
    state: LedgerState,
    event: Extract<RequestEvent, { kind: K }>,
    ctx: Context,
  ) => R;
};

function dispatch<R>(handlers: Handlers<R>, state: LedgerState, event: RequestEvent, ctx: Context): R {
  return (handlers[event.kind] as (s: LedgerState, e: RequestEvent, c: Context) => R)(state, event, ctx);
}

const none = () => undefined;
const startGuard = (kind: PauseKind) => (s: LedgerState) =>
  openPause(s, kind)
    ? refuse('request.consultation-open', `已于 ${openPause(s, kind)!.from} 开始`)
    : undefined;
const endGuard = (kind: PauseKind) => (s: LedgerState) =>
  openPause(s, kind) ? undefined : refuse('request.consultation-not-open');

/** The rules an allowed event must still meet. */
const GUARDS: Handlers<Refusal | undefined> = {
  Received: (s, e) =>
    e.at === s.receivedOn ? undefined : refuse('request.receipt-mismatch', `${e.at} ≠ ${s.receivedOn}`),
  CorrectionRequested: (s, e, ctx) => {
    const last = correctionNoticeBy(ctx.calendar, s.receivedOn, ctx.policy);
    if (e.at > last) return refuse('request.correction-too-late', `收到申请 ${s.receivedOn}，最迟 ${last}`);
    if (e.dueBy <= e.at) return refuse('request.correction-deadline', `通知 ${e.at}，期限 ${e.dueBy}`);
    return undefined;
  },
  CorrectionReceived: none,
  CorrectionLapsed: (s, e) =>
    e.at > s.correction!.dueBy
      ? undefined
      : refuse('request.correction-not-lapsed', `期限至 ${s.correction!.dueBy}`),
  Extended: (s, e, ctx) => {
    if (!Number.isInteger(e.workingDays) || e.workingDays < 1)
      return refuse('request.extension-days', String(e.workingDays));
    if (e.workingDays > ctx.policy.maxExtensionWorkingDays)
      return refuse('request.extension-too-long', `${e.workingDays} 个工作日`);
    if (e.approver.trim() === '') return refuse('request.extension-no-approver');
    const due = replyDeadline(s, ctx.calendar, ctx.policy, e.at).dueDate;
    return e.at > due ? refuse('request.extension-after-due', `答复期限 ${due}`) : undefined;
  },
  ThirdPartyConsultationStarted: startGuard('thirdParty'),
  ThirdPartyConsultationEnded: endGuard('thirdParty'),
  AgencyConsultationStarted: startGuard('agency'),
  AgencyConsultationEnded: endGuard('agency'),
  FeeNoticeSent: (_, e) => {
    if (!isDecimalString(e.amount) || compareDecimals(e.amount, '0') <= 0)
      return refuse('request.fee-amount', e.amount);
    if (e.deliveredOn !== undefined && e.deliveredOn < e.at)
      return refuse('request.date-order', `送达 ${e.deliveredOn} 早于发出 ${e.at}`);
    if (e.basis !== undefined) {
      if (e.basis.method !== e.method)
        return refuse('request.fee-basis', `计收方式 ${e.method}，依据 ${e.basis.method}`);
      const counts =
        e.basis.method === 'perPiece' ? [e.basis.pieces, e.basis.piecesEarlierThisMonth] : [e.basis.pages];
      if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0))
        return refuse('request.fee-basis', `计收依据 ${counts.join('、')}`);
      const due = assessFee(e.basis).amount;
      if (compareDecimals(due, e.amount) !== 0)
        return refuse('request.fee-basis', `应收 ${due} 元，通知 ${e.amount} 元`);
    }
    return undefined;
  },
  FeePaid: none,
  FeeLapsed: (s, e) =>
    e.at > s.fee!.payBy ? undefined : refuse('request.fee-not-lapsed', `缴费期限至 ${s.fee!.payBy}`),
  Withdrawn: none,
  Decided: (s, e) => {
    if (outcomeSpec(e.outcome).byEvent) return refuse('request.outcome-by-event', e.outcome);
    if (e.outcome === 'unclearAfterCorrection' && s.correction?.receivedOn === undefined)
      return refuse('request.unclear-without-correction');
    return undefined;
  },
};

const endPause = (s: LedgerState, kind: PauseKind, at: LocalDate): LedgerState => ({
  ...s,
  pauses: s.pauses.map((p) => (p.kind === kind && p.to === undefined ? { ...p, to: at } : p)),
});

const close = (
  s: LedgerState,
  at: LocalDate,
  state: 'decided' | 'lapsed' | 'withdrawn',
  outcome: NonNullable<LedgerState['closure']>['outcome'],
): LedgerState => ({
  ...s,
  pauses: s.pauses.map((p) => (p.to === undefined ? { ...p, to: at } : p)),
  closure: { state, on: at, outcome },
});

/** What each event leaves in the facts. */
const EFFECTS: Handlers<LedgerState> = {
  Received: (s) => ({ ...s, received: true }),
  CorrectionRequested: (s, e) => ({ ...s, correction: { requestedOn: e.at, dueBy: e.dueBy } }),
  // Art. 30: 答复期限自行政机关收到补正的申请之日起计算 (replyDayZero)
  CorrectionReceived: (s, e) => ({ ...s, correction: { ...s.correction!, receivedOn: e.at } }),
  CorrectionLapsed: (s, e) => close(s, e.at, 'lapsed', OUTCOME_OF_CLOSING.CorrectionLapsed),
  Extended: (s, e) => ({ ...s, extension: { on: e.at, workingDays: e.workingDays, approver: e.approver } }),
  ThirdPartyConsultationStarted: (s, e, ctx) => ({
    ...s,
    pauses: [
      ...s.pauses,
      {
        kind: 'thirdParty',
        from: e.at,
        limit: consultationLimit(ctx.calendar, 'thirdParty', e.at, ctx.policy),
      },
    ],
  }),
  ThirdPartyConsultationEnded: (s, e) => endPause(s, 'thirdParty', e.at),
  AgencyConsultationStarted: (s, e, ctx) => ({
    ...s,
    pauses: [
      ...s.pauses,
      { kind: 'agency', from: e.at, limit: consultationLimit(ctx.calendar, 'agency', e.at, ctx.policy) },
    ],
  }),
  AgencyConsultationEnded: (s, e) => endPause(s, 'agency', e.at),
  FeeNoticeSent: (s, e, ctx) => ({
    ...s,
    fee: { sentOn: e.at, payBy: feePayBy(ctx.calendar, e.deliveredOn ?? e.at, ctx.policy) },
    pauses: ctx.policy.feeNoticePausesDeadline ? [...s.pauses, { kind: 'fee', from: e.at }] : s.pauses,
  }),
  FeePaid: (s, e) => endPause({ ...s, fee: { ...s.fee!, paidOn: e.at } }, 'fee', e.at),
  FeeLapsed: (s, e) => close(s, e.at, 'lapsed', OUTCOME_OF_CLOSING.FeeLapsed),
  Withdrawn: (s, e) => close(s, e.at, 'withdrawn', OUTCOME_OF_CLOSING.Withdrawn),
  Decided: (s, e) => close(s, e.at, 'decided', e.outcome),
};

/** The events the log accepts next, before the date and content rules of each are checked. */
export function allowedEvents(state: LedgerState): readonly EventKind[] {
  return TRANSITIONS[describedState(state)].filter((kind) => !ONCE_ONLY[kind]?.used(state));
}

/** One event on top of the facts so far, or the reason it is refused. */
export function applyEvent(
  state: LedgerState,
  event: RequestEvent,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy = REGULATION_2019,
): Result<LedgerState> {
  const described = describedState(state);
  if (state.lastEventOn !== undefined && event.at < state.lastEventOn)
    return err(refuse('request.date-order', `${event.at} 早于 ${state.lastEventOn}`));
  if (described === 'decided' || described === 'lapsed' || described === 'withdrawn')
    return err(refuse(CLOSED[described], EVENT_LABELS[event.kind]));
  if (described === 'new' && event.kind !== 'Received') return err(refuse('request.not-received'));
  const once = ONCE_ONLY[event.kind];
  if (once?.used(state)) return err(refuse(once.code));
  if (!TRANSITIONS[described].includes(event.kind))
    return err(
      refuse(
        'request.not-allowed',
        `当前状态“${STATE_LABELS[described]}”，事件“${EVENT_LABELS[event.kind]}”`,
      ),
    );
  const ctx: Context = { calendar, policy };
  const refusal = dispatch(GUARDS, state, event, ctx);
  if (refusal) return err(refusal);
  return ok({ ...dispatch(EFFECTS, state, event, ctx), lastEventOn: event.at });
}

/** The facts of a whole log, or the first event refused (with its index). */
export function replay(
  request: DisclosureRequest,
  events: readonly RequestEvent[],
  calendar: WorkingCalendar,
  policy: DeadlinePolicy = REGULATION_2019,
): Result<LedgerState> {
  let state = initialState(request.receivedOn);
  for (const [index, event] of events.entries()) {
    const next = applyEvent(state, event, calendar, policy);
    if (!next.ok) return err({ ...next.error, eventIndex: index });
    state = next.value;
  }
  return ok(state);
}

/** Appends `next` to a log if the log and the Regulation allow it: the one way to write to a log. */
export function recordEvent(
  request: DisclosureRequest,
  events: readonly RequestEvent[],
  next: RequestEvent,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy = REGULATION_2019,
): Result<{ readonly events: readonly RequestEvent[]; readonly state: LedgerState }> {
  const before = replay(request, events, calendar, policy);
  if (!before.ok) return before;
  const after = applyEvent(before.value, next, calendar, policy);
  if (!after.ok) return err({ ...after.error, eventIndex: events.length });
  return ok({ events: [...events, next], state: after.value });
}
