/** @module A finding as the JSON outputs write it (report check --json, audit --json): keys and order fixed. */
import type { Finding } from '../../domain/report/validation/finding.js';

export function findingJson(f: Finding) {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    messageEn: f.messageEn,
    cells: f.cells,
    ...(f.expected === undefined ? {} : { expected: f.expected }),
    ...(f.found === undefined ? {} : { found: f.found }),
  };
}
