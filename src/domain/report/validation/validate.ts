/**
 * @module validateReport: every rule of the rule catalogue over one report, and the cross-year rules
 * when the previous year's report of the same agency is given.
 */
import type { AnnualReport } from '../model.js';
import { emptyList } from '../packed-map.js';
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

/** The rules of one report, in the order their findings are listed. */
const REPORT_RULES: readonly ((report: AnnualReport) => readonly Finding[])[] = [
  checkAgencyNamed,
  checkYearAndFormat,
  checkPublicationDate,
  checkCells,
  checkBalance,
  checkRowTotals,
  checkOutcomeTotals,
  checkReviewTotals,
  checkTextSections,
  checkFeesReported,
  checkNarrativeFigures,
];

/**
 * Every rule's findings appended at one place, not spread rule by rule into a literal: a rule's list may
 * be empty (one array shape) for a thousand reports and then hold a finding (another), and a spread
 * of that rule alone, compiled for the first shape, would be thrown away and compiled again; one place
 * sees every shape from the first report on.
 */
function appendAll(out: Finding[], found: readonly Finding[]): void {
  for (let i = 0; i < found.length; i++) out.push(found[i]!);
}

export function validateReport(report: AnnualReport, options: ValidationOptions = {}): Finding[] {
  const out = emptyList<Finding>();
  for (const rule of REPORT_RULES) appendAll(out, rule(report));
  if (options.previous) {
    appendAll(out, checkAgainstPreviousYear(report, options.previous));
    appendAll(out, checkIdenticalToPreviousYear(report, options.previous));
  }
  return out;
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
