/** @module Builds findings with the catalogue's severity, so no rule picks its own. */
import type { CellRef, Finding } from './finding.js';
import { RULES, type RuleId } from './rule-catalogue.js';

export function finding(
  rule: RuleId,
  message: string,
  messageEn: string,
  cells: readonly CellRef[] = [],
  values: { expected?: string; found?: string } = {},
): Finding {
  return { rule, severity: RULES[rule].severity, message, messageEn, cells, ...values };
}
