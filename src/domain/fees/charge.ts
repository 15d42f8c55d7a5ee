/**
 * @module 信息处理费: the amount for one request under one charging method (never both, Art. 3),
 * with the bands it crossed, in exact decimals (元).
 *
 * 按件计收 (Art. 4) is cumulative per applicant per natural month: a request's pieces are numbered after
 * the pieces the same applicant already had that month, and each piece pays its band's rate.
 * 按量计收 (Art. 5) counts the pages of the one request.
 */
import Big from 'big.js';
import type { LocalDate } from '../calendar/local-date.js';
import { addDecimals, type DecimalString } from '../shared/decimal.js';
import { FEE_SCHEDULES_2020, type FeeSchedules, type ProgressiveSchedule } from './schedule.js';

/** One band a charge crossed: units `from`–`to` (1-based positions) at `rate` each. */
export interface FeeLine {
  readonly from: number;
  readonly to: number;
  readonly units: number;
  readonly rate: DecimalString;
  readonly subtotal: DecimalString;
}

export interface FeeQuote {
  readonly amount: DecimalString;
  readonly lines: readonly FeeLine[];
}

/** What the fee is assessed on: one method, never both. */
export type FeeBasis =
  | {
      readonly method: 'perPiece';
      /** 件 the same applicant already had in this natural month. */
      readonly piecesEarlierThisMonth: number;
      /** 件 in this request (one application may be several 件 under 一事一申请). */
      readonly pieces: number;
    }
  | { readonly method: 'perVolume'; readonly pages: number };

export interface FeeAssessment extends FeeQuote {
  readonly method: FeeBasis['method'];
  readonly basis: string;
  /** 中文, one line per band, e.g. "第31–35件，每件200元，计1000元". */
  readonly explanation: readonly string[];
}

function wholeNumber(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0: ${n}`);
}

/** The bands of a schedule as far as `last`, `beyond` unrolled. */
function bandsUpTo(schedule: ProgressiveSchedule, last: number): { from: number; to: number; rate: Big }[] {
  const out: { from: number; to: number; rate: Big }[] = [];
  let from = 1;
  let rate = new Big(0);
  for (const band of schedule.bands) {
    rate = new Big(band.rate);
    const to = band.upTo ?? Number.POSITIVE_INFINITY;
    out.push({ from, to, rate });
    if (to >= last) return out;
    from = to + 1;
  }
  if (!schedule.beyond) throw new Error(`fee schedule ends at ${from - 1} ${schedule.unit}`);
  while (from <= last) {
    rate = rate.plus(schedule.beyond.raiseBy);
    out.push({ from, to: from + schedule.beyond.width - 1, rate });
    from += schedule.beyond.width;
  }
  return out;
}

/** The charge for units at positions first … first+count−1 of a progressive schedule. */
export function chargeUnits(schedule: ProgressiveSchedule, first: number, count: number): FeeQuote {
  wholeNumber('count', count);
  if (!Number.isInteger(first) || first < 1) throw new RangeError(`first unit must be ≥ 1: ${first}`);
  if (count === 0) return { amount: '0', lines: [] };
  const last = first + count - 1;
  const lines: FeeLine[] = [];
  for (const band of bandsUpTo(schedule, last)) {
    const from = Math.max(first, band.from);
    const to = Math.min(last, band.to);
    if (from > to) continue;
    const units = to - from + 1;
    lines.push({ from, to, units, rate: band.rate.toFixed(), subtotal: band.rate.times(units).toFixed() });
  }
  return { amount: addDecimals(lines.map((l) => l.subtotal)), lines };
}

/** The fee for one request. */
export function assessFee(basis: FeeBasis, schedules: FeeSchedules = FEE_SCHEDULES_2020): FeeAssessment {
  const schedule = basis.method === 'perPiece' ? schedules.perPiece : schedules.perVolume;
  let quote: FeeQuote;
  if (basis.method === 'perPiece') {
    wholeNumber('piecesEarlierThisMonth', basis.piecesEarlierThisMonth);
    quote = chargeUnits(schedule, basis.piecesEarlierThisMonth + 1, basis.pieces);
  } else {
    quote = chargeUnits(schedule, 1, basis.pages);
  }
  const u = schedule.unit;
  const explanation = quote.lines.map((l) => {
    const span = l.from === l.to ? `第${l.from}${u}` : `第${l.from}–${l.to}${u}`;
    return l.rate === '0' ? `${span}，免费` : `${span}，每${u}${l.rate}元，计${l.subtotal}元`;
  });
  explanation.push(`合计${quote.amount}元（${schedule.basis}）`);
  return { ...quote, method: basis.method, basis: schedule.basis, explanation };
}

/** What the charge was assessed on, in words: "150 页" or "本次 10 件（本月此前 25 件）". */
export function basisText(basis: FeeBasis): string {
  return basis.method === 'perVolume'
    ? `${basis.pages} 页`
    : `本次 ${basis.pieces} 件（同一申请人本月此前 ${basis.piecesEarlierThisMonth} 件）`;
}

/** 件 an applicant already had in the natural month of `on`, from the same applicant's earlier requests. */
export function piecesEarlierInMonth(
  earlier: readonly { readonly on: LocalDate; readonly pieces: number }[],
  on: LocalDate,
): number {
  const month = on.slice(0, 7);
  return earlier.filter((e) => e.on.slice(0, 7) === month && e.on <= on).reduce((n, e) => n + e.pieces, 0);
}
