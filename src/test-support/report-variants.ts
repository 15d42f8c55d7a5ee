/**
 * @module Reports altered the way tests need them, for tests only.
 */
import type { AnnualReport, CountCell } from '../domain/report/model.js';

/**
 * The report with `by` more requests carried over into 自然人 (and 总计), and as many fewer new ones: its
 * own tables still balance, but its 上年结转 no longer equals last year's 结转下年度 (R6 breaks, alone).
 */
export function withBrokenCarryOver(report: AnnualReport, by = 3): AnnualReport {
  const bump = (cells: readonly CountCell[] | undefined, n: number) =>
    (cells ?? []).map((v, c) => (c === 0 || c === 6 ? (v ?? 0) + n : v));
  return {
    ...report,
    requests: {
      ...report.requests,
      carriedOver: bump(report.requests.carriedOver, by),
      new: bump(report.requests.new, -by),
    },
  };
}
