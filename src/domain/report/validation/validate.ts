/**
 * @module validateReport: every rule of the rule catalogue over one report, and the cross-year rules
 * when the previous year's report of the same agency is given.
 */
import type { AnnualReport } from '../model.js';
import { checkAgainstPreviousYear } from './cross-year-rules.js';
import type { Finding } from './finding.js';
import { checkIdenticalToPreviousYear } from './identical-rule.js';
import {
  checkAgencyNamed,
  checkFeesReported,
  checkPublicationDate,
  checkTextSections,
  checkYearAndFormat,
} from './identity-rules.js';
import { checkNarrativeFigures } from './narrative-rule.js';
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
    ...checkAgencyNamed(report),
    ...checkYearAndFormat(report),
    ...checkPublicationDate(report),
    ...checkCells(report),
    ...checkBalance(report),
    ...checkRowTotals(report),
    ...checkOutcomeTotals(report),
    ...checkReviewTotals(report),
    ...checkTextSections(report),
    ...checkFeesReported(report),
    ...checkNarrativeFigures(report),
    ...(options.previous
      ? [
          ...checkAgainstPreviousYear(report, options.previous),
          ...checkIdenticalToPreviousYear(report, options.previous),
        ]
      : []),
  ];
}

/**
 * A report as a reader gave it: the reader's notes, then every rule, leaving out what the notes have
 * already said. A section the reader found missing (read.missing-section) is not also reported empty
 * (text.empty) or cell by cell (cell.missing): one finding per fact.
 */
export function validateReadReport(
  report: AnnualReport,
  notes: readonly Finding[],
  options: ValidationOptions = {},
): Finding[] {
  const missing = new Set(
    notes.filter((n) => n.rule === 'read.missing-section').flatMap((n) => n.cells.map((c) => c.section)),
  );
  const saidAlready = (f: Finding) =>
    (f.rule === 'text.empty' || f.rule === 'cell.missing') &&
    f.cells.length > 0 &&
    f.cells.every((c) => missing.has(c.section));
  return [...notes, ...validateReport(report, options).filter((f) => !saidAlready(f))];
}
