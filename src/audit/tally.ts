/**
 * @module The small aggregates a batch keeps while it runs (counts by status, by rule, by reason a file
 * could not be read) and the summary they make at the end, with the exit code.
 */
import type { Finding, Severity } from '../domain/report/validation/finding.js';
import { RULES, type RuleInfo } from '../domain/report/validation/rule-catalogue.js';
import type { DuplicateReport } from './duplicates.js';
import type { FileBrief } from './types.js';

/** The pseudo-rule of CSV rows and tables for a file that could not be read. */
export const UNREADABLE_RULE = 'read.unreadable';

/** A rule's severity and titles, also for the ids not (yet) in the catalogue. */
export function ruleInfo(rule: string): Pick<RuleInfo, 'severity' | 'title' | 'titleEn'> {
  const known = (RULES as Readonly<Record<string, RuleInfo>>)[rule];
  if (known) return known;
  return { severity: 'warning', title: rule, titleEn: rule };
}

export interface RuleCount {
  readonly rule: string;
  /** The catalogue's severity; a reader may lower it for a finding (`errors`/`warnings`/`info` say). */
  readonly severity: Severity;
  readonly title: string;
  /** Findings of this rule in the batch, and how many of them at each severity. */
  readonly count: number;
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
  /** Files with at least one finding of this rule. */
  readonly files: number;
}

export interface AuditSummary {
  /** Files read or tried (reports + unreadable). */
  readonly files: number;
  readonly read: number;
  readonly clean: number;
  readonly withFindings: number;
  readonly unreadable: number;
  /** Files in the folders passed over by extension (images, archives, programs, media). */
  readonly skipped: number;
  readonly agencies: number;
  /** Pairs of consecutive years of one agency that the cross-year rules compared. */
  readonly yearPairs: number;
  readonly findings: { readonly errors: number; readonly warnings: number; readonly info: number };
  /** Most frequent first, then by id. */
  readonly byRule: readonly RuleCount[];
  /** Why files could not be read: reader error code → files. */
  readonly unreadableByCode: Readonly<Record<string, number>>;
  /**
   * The same agency's report for the same year more than once: each later file (by path) with the
   * first, and whether their numbers agree. Flagged, not counted as findings nor in the exit code.
   */
  readonly duplicates: readonly DuplicateReport[];
  /** 2 when a file was unreadable, else 1 when any finding is an error, else 0. */
  readonly exitCode: 0 | 1 | 2;
}

export class Tally {
  read = 0;
  clean = 0;
  unreadable = 0;
  yearPairs = 0;
  private readonly severities = { error: 0, warning: 0, info: 0 };
  private readonly rules = new Map<string, { count: number; files: number } & Record<Severity, number>>();
  private readonly reasons = new Map<string, number>();

  /** A file's result as read (before the cross-year rules). */
  addFile(result: FileBrief): void {
    if (result.status === 'unreadable') {
      this.unreadable++;
      const code = result.error?.code ?? 'input.io';
      this.reasons.set(code, (this.reasons.get(code) ?? 0) + 1);
      return;
    }
    this.read++;
    if (result.status === 'clean') this.clean++;
    this.addFindings(result.findings);
  }

  /** Findings added to a file afterwards (cross-year); `wasClean` says how the file stood before. */
  addLaterFindings(findings: readonly Finding[], wasClean: boolean): void {
    this.addFindings(findings);
    if (wasClean && findings.some((f) => f.severity !== 'info')) this.clean--;
  }

  private addFindings(findings: readonly Pick<Finding, 'rule' | 'severity'>[]): void {
    const seen = new Set<string>();
    for (const f of findings) {
      this.severities[f.severity]++;
      const entry = this.rules.get(f.rule) ?? { count: 0, files: 0, error: 0, warning: 0, info: 0 };
      entry.count++;
      entry[f.severity]++;
      if (!seen.has(f.rule)) {
        entry.files++;
        seen.add(f.rule);
      }
      this.rules.set(f.rule, entry);
    }
  }

  summary(extra: {
    skipped: number;
    agencies: number;
    duplicates?: readonly DuplicateReport[];
  }): AuditSummary {
    const byRule = [...this.rules]
      .map(([rule, n]) => {
        const { severity, title } = ruleInfo(rule);
        return {
          rule,
          severity,
          title,
          count: n.count,
          errors: n.error,
          warnings: n.warning,
          info: n.info,
          files: n.files,
        };
      })
      .sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    const exitCode = this.unreadable > 0 ? 2 : this.severities.error > 0 ? 1 : 0;
    return {
      files: this.read + this.unreadable,
      read: this.read,
      clean: this.clean,
      withFindings: this.read - this.clean,
      unreadable: this.unreadable,
      skipped: extra.skipped,
      agencies: extra.agencies,
      yearPairs: this.yearPairs,
      findings: {
        errors: this.severities.error,
        warnings: this.severities.warning,
        info: this.severities.info,
      },
      byRule,
      unreadableByCode: Object.fromEntries([...this.reasons].sort(([a], [b]) => (a < b ? -1 : 1))),
      duplicates: extra.duplicates ?? [],
      exitCode,
    };
  }
}
