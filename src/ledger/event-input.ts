/**
 * @module What a front end (the command line's `requests record`, the back office's forms, the API's
 * `POST …/events`) hands the ledger to record: the domain's event without `by` (the actor is who records
 * it), and for a fee notice the measure instead of, or beside, the amount: the ledger assesses the amount
 * by 《政府信息公开信息处理费管理办法》 and refuses an amount the measure does not give.
 */
import { assessFee, basisText, type FeeAssessment, type FeeBasis } from '../domain/fees/charge.js';
import type { FeeNoticeSent, RequestEvent } from '../domain/requests/events.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { canonicalDecimal, compareDecimals, isDecimalString } from '../domain/shared/decimal.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';

type WithoutBy<E> = E extends unknown ? Omit<E, 'by'> : never;

/** 收费通知 as a front end gives it: the method, and the amount or the measure (or both, which must agree). */
export interface FeeNoticeInput {
  readonly kind: 'FeeNoticeSent';
  readonly at: FeeNoticeSent['at'];
  readonly reason?: string;
  readonly method: FeeNoticeSent['method'];
  /** 元, as written ('100', '12.50'). */
  readonly amount?: string;
  /** 按量计收: pages (《办法》第五条). */
  readonly pages?: number;
  /** 按件计收: 件 in this request (《办法》第四条). */
  readonly pieces?: number;
  /** 按件计收: the applicant's 件 earlier this month; absent: the ledger counts them. */
  readonly earlier?: number;
  readonly deliveredOn?: FeeNoticeSent['deliveredOn'];
}

/** Every event but the receipt (which intake records), as a front end gives it. */
export type EventInput =
  | WithoutBy<Exclude<RequestEvent, { kind: 'Received' | 'FeeNoticeSent' }>>
  | FeeNoticeInput;

export type RecordableKind = EventInput['kind'];

/** The measure a fee notice gives, if any; both measures at once is refused (one method a request). */
export function feeBasisOf(
  input: Omit<FeeNoticeInput, 'kind' | 'at' | 'method'>,
): Result<FeeBasis | undefined, LedgerRefusal> {
  if (input.pages !== undefined && input.pieces !== undefined) return err(ledgerRefusal('fee.one-measure'));
  if (input.pages !== undefined) {
    if (input.earlier !== undefined) return err(ledgerRefusal('fee.earlier-without-pieces'));
    return ok({ method: 'perVolume', pages: input.pages });
  }
  if (input.pieces !== undefined)
    return ok({ method: 'perPiece', pieces: input.pieces, piecesEarlierThisMonth: input.earlier ?? 0 });
  if (input.earlier !== undefined) return err(ledgerRefusal('fee.earlier-without-pieces'));
  return ok(undefined);
}

/** The fee notice event: the amount as given (canonical), or assessed from the measure; both must agree. */
export function feeNoticeOf(
  input: FeeNoticeInput,
  by: string,
): Result<{ readonly event: FeeNoticeSent; readonly assessed?: FeeAssessment }, LedgerRefusal> {
  const basis = feeBasisOf(input);
  if (!basis.ok) return basis;
  if (basis.value && basis.value.method !== input.method)
    return err(
      ledgerRefusal(basis.value.method === 'perVolume' ? 'fee.pages-per-piece' : 'fee.pieces-per-volume'),
    );
  const written = input.amount?.normalize('NFKC').trim().replace(/元$/u, '').trim();
  // What is not a decimal goes to the domain, which refuses it with its own reason.
  const given =
    written === undefined ? undefined : isDecimalString(written) ? canonicalDecimal(written) : written;
  const assessed = basis.value ? assessFee(basis.value) : undefined;
  if (!assessed && given === undefined) return err(ledgerRefusal('fee.amount-needed'));
  if (
    assessed &&
    given !== undefined &&
    isDecimalString(given) &&
    compareDecimals(given, assessed.amount) !== 0
  )
    return err(
      ledgerRefusal(
        'fee.amount-disagrees',
        `按${assessed.basis}，${basisText(basis.value!)}应收 ${assessed.amount} 元，写明的是 ${given} 元`,
      ),
    );
  if (assessed && given === undefined && compareDecimals(assessed.amount, '0') === 0)
    return err(ledgerRefusal('fee.nothing-due', `按${assessed.basis}，${basisText(basis.value!)}应收 0 元`));
  const event: FeeNoticeSent = {
    kind: 'FeeNoticeSent',
    at: input.at,
    by,
    ...(input.reason ? { reason: input.reason } : {}),
    amount: given ?? assessed!.amount,
    method: input.method,
    ...(basis.value ? { basis: basis.value } : {}),
    ...(input.deliveredOn ? { deliveredOn: input.deliveredOn } : {}),
  };
  return ok({ event, ...(assessed ? { assessed } : {}) });
}

/** Each recordable event's name on the command line (`requests record ID NAME`) and in the API. */
export const EVENT_NAMES: Readonly<Record<RecordableKind, string>> = {
  CorrectionRequested: 'correction-requested',
  CorrectionReceived: 'correction-received',
  CorrectionLapsed: 'correction-lapsed',
  Extended: 'extended',
  ThirdPartyConsultationStarted: 'third-party-started',
  ThirdPartyConsultationEnded: 'third-party-ended',
  AgencyConsultationStarted: 'agency-consultation-started',
  AgencyConsultationEnded: 'agency-consultation-ended',
  FeeNoticeSent: 'fee-notice',
  FeePaid: 'fee-paid',
  FeeLapsed: 'fee-lapsed',
  Withdrawn: 'withdrawn',
  Decided: 'decided',
};

export const RECORDABLE = Object.keys(EVENT_NAMES) as RecordableKind[];

/** The event a name stands for: its name (EVENT_NAMES), its Chinese label, or its kind. */
export function recordableKindOf(
  text: string,
  labels: Readonly<Record<RecordableKind, string>>,
): RecordableKind | undefined {
  const wanted = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return RECORDABLE.find(
    (k) => EVENT_NAMES[k] === wanted || k.toLowerCase() === wanted || labels[k].normalize('NFKC') === wanted,
  );
}
