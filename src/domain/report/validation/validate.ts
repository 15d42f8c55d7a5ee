/**
 * @module validateReport: every rule of the rule catalogue over one report, and the cross-year rules
 * when the previous year's report of the same agency is given.
 */
import type { AnnualReport } from '../model.js';
import { checkAgainstPreviousYear } from './cross-year-rules.js';
import type { Finding } from './finding.js';
import { checkIdenticalToPreviousYear } from './identical-rule.js';
import {
  checkFeesReported,
  checkPublicationDate,
  checkTextSections,
  checkYearAndFormat,
} from './identity-rules.js';
import {
  checkBalance,
  checkCells,
  checkOutcomeTotals,
  checkReviewTotals,
  checkRowTotals,
} from './table-rules.js';

export interface ValidationOptions {
  /** The same agency's report on the year before, for the cross-year rules. */
  readonly previous?: AnnualReport;
}

export function validateReport(report: AnnualReport, options: ValidationOptions = {}): Finding[] {
  return [
    ...checkYearAndFormat(report),
    ...checkPublicationDate(report),
    ...checkCells(report),
    ...checkBalance(report),
    ...checkRowTotals(report),
    ...checkOutcomeTotals(report),
    ...checkReviewTotals(report),
    ...checkTextSections(report),
    ...checkFeesReported(report),
    ...(options.previous
      ? [
          ...checkAgainstPreviousYear(report, options.previous),
          ...checkIdenticalToPreviousYear(report, options.previous),
        ]
      : []),
  ];
}
