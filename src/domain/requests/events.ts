/**
 * @module The request's history (办理记录) as an append-only event log: what happened, on which day, who
 * recorded it. The current state and every due date are derived from this log, a calendar and today;
 * nothing derived is stored but as a cache of the log (storage's closing columns). Art. 45 of the
 * Regulation asks for exactly this register (申请登记、审核、办理、答复、归档).
 */
import type { LocalDate } from '../calendar/local-date.js';
import type { FeeBasis } from '../fees/charge.js';
import type { DecimalString } from '../shared/decimal.js';
import type { OutcomeKind } from './outcomes.js';

interface EventBase {
  /** The day it happened (not when it was typed in). */
  readonly at: LocalDate;
  /** Who recorded it: a staff member's id. */
  readonly by: string;
  readonly reason?: string;
}

/** 收到申请: opens the log, on the receipt date of Art. 31. */
export interface Received extends EventBase {
  readonly kind: 'Received';
}

/** 补正通知 (Art. 30): once, within 7 working days of receipt, with what to correct and a deadline. */
export interface CorrectionRequested extends EventBase {
  readonly kind: 'CorrectionRequested';
  /** 需要补正的事项 */
  readonly items: string;
  /** 合理的补正期限: the last day the applicant may correct. */
  readonly dueBy: LocalDate;
}

/** 收到补正申请: the reply period restarts; this day is the new day zero (Art. 30). */
export interface CorrectionReceived extends EventBase {
  readonly kind: 'CorrectionReceived';
}

/** 逾期不补正 (Art. 30): deemed abandoned after the deadline given; no longer processed. */
export interface CorrectionLapsed extends EventBase {
  readonly kind: 'CorrectionLapsed';
}

/** 延长答复期限 (Art. 33): once, at most 20 working days, with the office head's consent. */
export interface Extended extends EventBase {
  readonly kind: 'Extended';
  readonly workingDays: number;
  /** 政府信息公开工作机构负责人: who consented. */
  readonly approver: string;
}

/** 征求第三方意见 (Art. 32): the third party has 15 working days; the time is not counted (Art. 33). */
export interface ThirdPartyConsultationStarted extends EventBase {
  readonly kind: 'ThirdPartyConsultationStarted';
  readonly thirdParty: string;
}

export interface ThirdPartyConsultationEnded extends EventBase {
  readonly kind: 'ThirdPartyConsultationEnded';
}

/** 征求其他机关意见 (Art. 34, jointly made information): 15 working days; not counted (Art. 33). */
export interface AgencyConsultationStarted extends EventBase {
  readonly kind: 'AgencyConsultationStarted';
  readonly agency: string;
}

export interface AgencyConsultationEnded extends EventBase {
  readonly kind: 'AgencyConsultationEnded';
}

/** 收费通知 (fee measure, 国办函〔2020〕109号): one per request, one charging method. */
export interface FeeNoticeSent extends EventBase {
  readonly kind: 'FeeNoticeSent';
  /** 元 */
  readonly amount: DecimalString;
  readonly method: 'perPiece' | 'perVolume';
  /** The day the applicant received it, when known; the payment period counts from the day after. */
  readonly deliveredOn?: LocalDate;
  /**
   * What the amount was assessed on (件 this month before this request and in it, or pages), when the
   * ledger assessed it: the amount must then be the measure's, and later requests of the same applicant
   * count this request's 件.
   */
  readonly basis?: FeeBasis;
}

/** 缴纳信息处理费 */
export interface FeePaid extends EventBase {
  readonly kind: 'FeePaid';
}

/** 逾期未缴费: deemed abandoned; no longer processed. */
export interface FeeLapsed extends EventBase {
  readonly kind: 'FeeLapsed';
}

/** 撤回申请 */
export interface Withdrawn extends EventBase {
  readonly kind: 'Withdrawn';
}

/** 答复: the decision, on `at` (the 答复日期), with its outcome. */
export interface Decided extends EventBase {
  readonly kind: 'Decided';
  readonly outcome: OutcomeKind;
}

export type RequestEvent =
  | Received
  | CorrectionRequested
  | CorrectionReceived
  | CorrectionLapsed
  | Extended
  | ThirdPartyConsultationStarted
  | ThirdPartyConsultationEnded
  | AgencyConsultationStarted
  | AgencyConsultationEnded
  | FeeNoticeSent
  | FeePaid
  | FeeLapsed
  | Withdrawn
  | Decided;

export type EventKind = RequestEvent['kind'];

/** 中文 names of the events, for logs, explanations and refusals. */
export const EVENT_LABELS: Readonly<Record<EventKind, string>> = {
  Received: '收到申请',
  CorrectionRequested: '要求补正',
  CorrectionReceived: '收到补正申请',
  CorrectionLapsed: '逾期未补正',
  Extended: '延长答复期限',
  ThirdPartyConsultationStarted: '征求第三方意见',
  ThirdPartyConsultationEnded: '第三方意见征求结束',
  AgencyConsultationStarted: '征求其他机关意见',
  AgencyConsultationEnded: '其他机关意见征求结束',
  FeeNoticeSent: '发出收费通知',
  FeePaid: '缴纳信息处理费',
  FeeLapsed: '逾期未缴费',
  Withdrawn: '撤回申请',
  Decided: '作出答复',
};

/** The events that close a request; after one of them nothing more may be recorded. */
export const CLOSING_EVENTS = [
  'Decided',
  'CorrectionLapsed',
  'FeeLapsed',
  'Withdrawn',
] as const satisfies readonly EventKind[];

/** The outcome each closing event records, but for 答复, which carries its own (one table for every layer). */
export const OUTCOME_OF_CLOSING = {
  CorrectionLapsed: 'noCorrection',
  FeeLapsed: 'unpaidFee',
  Withdrawn: 'withdrawn',
} as const satisfies Readonly<Record<Exclude<(typeof CLOSING_EVENTS)[number], 'Decided'>, OutcomeKind>>;
