/**
 * @module The register of 行政复议 (administrative reconsideration) and 行政诉讼 (litigation, direct or
 * after reconsideration) brought over a request, and which cell of section 四 a case counts in.
 *
 * Counting (a choice the national notice leaves open [U], so a parameter): by default a year's section 四
 * counts every case *active* in the year — filed in it, or filed earlier and still pending on 1 January —
 * with its result as of 12-31 (尚未审结 if not closed by then). A case pending across a year end thus
 * appears as 尚未审结 in the first year and with its result in the year it closes, so every result is
 * reported once; the price is that a long case is counted in more than one year. `filedInYear` counts
 * each case once, in its filing year, with its result as of that year's 12-31; a result reached later is
 * then never reported.
 */
import type { LocalDate } from '../calendar/local-date.js';
import type { ReviewBlockKey, ReviewColumnKey } from '../report/labels.js';
import { yearEnd } from './deadline.js';
import { refuse } from './refusals.js';
import { err, ok, type Result } from './result.js';

/** 行政复议 (review) or 行政诉讼 (litigation); storage's CaseKind also says which block of section 四. */
export type ProceedingKind = 'review' | 'litigation';

/** 结果维持, 结果纠正, 其他结果, 尚未审结 */
export type CaseResult = 'upheld' | 'corrected' | 'other' | 'pending';

export const CASE_RESULT_LABELS: Readonly<Record<CaseResult, string>> = {
  upheld: '维持',
  corrected: '纠正',
  other: '其他',
  pending: '尚未审结',
};

export interface ReviewCase {
  readonly id: string;
  readonly agencyId: string;
  /** The disclosure request the case is about. */
  readonly requestId: string;
  /** 行政复议 or 行政诉讼 */
  readonly kind: ProceedingKind;
  /** Litigation only: the 行政复议 case it follows (复议后起诉); absent means 未经复议直接起诉. */
  readonly afterReview?: string;
  readonly filedOn: LocalDate;
  readonly result: CaseResult;
  /** 审结日期: present exactly when the result is not 'pending'. */
  readonly closedOn?: LocalDate;
}

export type CaseCounting = 'activeInYear' | 'filedInYear';

/** A case whose dates and links the register can hold; `all` is the agency's register for the links. */
export function checkCase(c: ReviewCase, all: readonly ReviewCase[]): Result<ReviewCase> {
  if ((c.result === 'pending') !== (c.closedOn === undefined))
    return err(refuse('case.pending-closed', c.id));
  if (c.closedOn !== undefined && c.closedOn < c.filedOn)
    return err(refuse('case.dates', `${c.id}：立案 ${c.filedOn}，结案 ${c.closedOn}`));
  if (c.afterReview !== undefined) {
    const review = all.find((r) => r.id === c.afterReview);
    if (c.kind !== 'litigation' || review?.kind !== 'review' || review.requestId !== c.requestId)
      return err(refuse('case.link', c.id));
  }
  return ok(c);
}

/** The block of section 四: 行政复议, 未经复议直接起诉, or 复议后起诉. */
export function reviewBlockOf(c: ReviewCase): ReviewBlockKey {
  if (c.kind === 'review') return 'review';
  return c.afterReview === undefined ? 'litigationDirect' : 'litigationAfterReview';
}

/** The result as it stood on `date`: 尚未审结 until the day it closed. */
export function resultAsOf(c: ReviewCase, date: LocalDate): CaseResult {
  return c.closedOn !== undefined && c.closedOn <= date ? c.result : 'pending';
}

/** Whether the case counts in section 四 of `year`'s report. */
export function countsInYear(c: ReviewCase, year: number, counting: CaseCounting = 'activeInYear'): boolean {
  const filedBy = c.filedOn <= yearEnd(year);
  if (counting === 'filedInYear') return c.filedOn.startsWith(`${year}-`);
  return filedBy && (c.closedOn === undefined || c.closedOn > yearEnd(year - 1));
}

/** The section 四 column the case counts in for `year` (the block's 总计 counts it too). */
export function reviewColumnOf(c: ReviewCase, year: number): Exclude<ReviewColumnKey, 'total'> {
  return resultAsOf(c, yearEnd(year));
}
