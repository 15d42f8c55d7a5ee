/**
 * @module A finding (检查结果): one broken rule, the exact cells involved, expected against found.
 * Findings are values, never exceptions: a report with findings is still a report.
 */
import type { SectionNumber } from '../labels.js';
import type { RuleId } from './rule-catalogue.js';

export type Severity = 'error' | 'warning' | 'info';

/** A cell named by its section, row key and column key, as in the report JSON. */
export interface CellRef {
  readonly section: SectionNumber;
  readonly row: string;
  readonly column: string;
  /** Set when the cell belongs to the previous year's report of a cross-year rule. */
  readonly previousYear?: true;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** 中文说明 */
  readonly message: string;
  readonly messageEn: string;
  readonly cells: readonly CellRef[];
  readonly expected?: string;
  readonly found?: string;
}

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
