/**
 * The 行政复议 and 行政诉讼 register and section 四 of the report: three blocks (行政复议, 未经复议直接起诉,
 * 复议后起诉), four results (维持, 纠正, 其他, 尚未审结) as they stood on 12-31 of the report year.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate } from '../calendar/local-date.js';
import {
  checkCase,
  countsInYear,
  type ReviewCase,
  resultAsOf,
  reviewBlockOf,
  reviewColumnOf,
} from './cases.js';

const d = localDate;
const review: ReviewCase = {
  id: 'F-1',
  agencyId: 'A',
  requestId: 'R-1',
  kind: 'review',
  filedOn: d('2024-11-20'),
  result: 'upheld',
  closedOn: d('2025-01-15'),
};
const suitAfter: ReviewCase = {
  id: 'S-1',
  agencyId: 'A',
  requestId: 'R-1',
  kind: 'litigation',
  afterReview: 'F-1',
  filedOn: d('2025-02-01'),
  result: 'pending',
};
const suitDirect: ReviewCase = { ...suitAfter, id: 'S-2', afterReview: undefined, requestId: 'R-2' };

describe('which block a case counts in', () => {
  it('行政复议 / 复议后起诉 / 未经复议直接起诉', () => {
    assert.equal(reviewBlockOf(review), 'review');
    assert.equal(reviewBlockOf(suitAfter), 'litigationAfterReview');
    assert.equal(reviewBlockOf(suitDirect), 'litigationDirect');
  });
});

describe('results as of a year end', () => {
  it('a review filed in November 2024 and upheld in January 2025 is 尚未审结 in 2024 and 维持 in 2025', () => {
    assert.equal(resultAsOf(review, d('2024-12-31')), 'pending');
    assert.equal(reviewColumnOf(review, 2024), 'pending');
    assert.equal(reviewColumnOf(review, 2025), 'upheld');
  });

  it('by default (activeInYear) it counts in both years; by filing year only in 2024', () => {
    assert.equal(countsInYear(review, 2024), true);
    assert.equal(countsInYear(review, 2025), true);
    assert.equal(countsInYear(review, 2026), false);
    assert.equal(countsInYear(review, 2024, 'filedInYear'), true);
    assert.equal(countsInYear(review, 2025, 'filedInYear'), false);
  });

  it('a case still pending counts every year from its filing on', () => {
    for (const year of [2025, 2026, 2027]) assert.equal(countsInYear(suitAfter, year), true);
    assert.equal(countsInYear(suitAfter, 2024), false);
  });
});

describe('what the register accepts', () => {
  const all = [review, suitAfter, suitDirect];
  it('accepts consistent cases', () => {
    for (const c of all) assert.ok(checkCase(c, all).ok, c.id);
  });

  it('refuses a closed case without a date, a pending one with a date, and a close before filing', () => {
    const code = (c: ReviewCase) => {
      const r = checkCase(c, all);
      return r.ok ? 'ok' : r.error.code;
    };
    assert.equal(code({ ...review, closedOn: undefined }), 'case.pending-closed');
    assert.equal(code({ ...suitDirect, closedOn: d('2025-03-01') }), 'case.pending-closed');
    assert.equal(code({ ...review, closedOn: d('2024-11-01') }), 'case.dates');
  });

  it('refuses 复议后起诉 that does not follow a 行政复议 on the same request', () => {
    const r = checkCase({ ...suitAfter, requestId: 'R-9' }, all);
    assert.equal(r.ok ? 'ok' : r.error.code, 'case.link');
  });
});
