/**
 * @module What a batch audit prints for a person: the summary tables and the year-over-year tables, and
 * the labels the HTML page shares with them. Text that comes from the reports or the file system
 * (agency and file names, reasons that quote a file) goes through `terminalText`.
 */
import Table from 'cli-table3';
import { COMPARE_FIGURES } from './digest.js';
import { type DuplicateReport, duplicateVerdict } from './duplicates.js';
import type { AuditSummary } from './tally.js';
import { terminalText } from './terminal-text.js';

export { unreadableLine, unreadableReason } from './terminal-text.js';

const plain = { head: [] as string[], border: [] as string[] };

/** A figure of the year-over-year tables; "—" where the report's cells could not be read. */
export const figure = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? '—' : String(n);

/** A number of the summary. */
type CountKey = { [K in keyof AuditSummary]: AuditSummary[K] extends number ? K : never }[keyof AuditSummary];

/** The counts of a summary, as the terminal and the HTML page list them: key, Chinese, English. */
export const COUNTS: readonly (readonly [key: CountKey, zh: string, en: string])[] = [
  ['files', '文件', 'files'],
  ['read', '读取的报告', 'reports read'],
  ['clean', '无问题', 'clean'],
  ['withFindings', '有问题', 'with findings'],
  ['unreadable', '无法读取', 'unreadable'],
  ['skipped', '跳过的非报告文件', 'skipped'],
  ['agencies', '机关', 'agencies'],
  ['yearPairs', '相邻年度比较', 'year pairs'],
];

/** The columns of the findings-by-rule table (terminal and HTML page). */
export const RULE_HEADERS = ['规则', '说明', '条数', '错误', '警告', '提示', '文件数'] as const;

export function exitMeaning(code: 0 | 1 | 2): string {
  if (code === 2) return '有文件无法读取 (some files could not be read)';
  if (code === 1) return '有错误级别的问题 (error findings)';
  return '未发现错误 (no errors)';
}

export function summaryText(s: AuditSummary): string {
  const counts = new Table({ style: plain });
  counts.push(...COUNTS.map(([key, zh, en]) => [`${zh} (${en})`, s[key]]));
  const parts = [`批量检查结果 (audit summary)\n${counts.toString()}`];
  if (s.byRule.length > 0) {
    const rules = new Table({
      head: [...RULE_HEADERS],
      colWidths: [26, 40, 8, 8, 8, 8, 8],
      wordWrap: true,
      wrapOnWordBoundary: false,
      style: plain,
    });
    for (const r of s.byRule)
      rules.push([
        terminalText(r.rule),
        terminalText(r.title),
        r.count,
        r.errors,
        r.warnings,
        r.info,
        r.files,
      ]);
    parts.push(`按规则统计 (findings by rule)\n${rules.toString()}`);
  }
  if (s.duplicates.length > 0) parts.push(duplicatesText(s.duplicates));
  if (s.unreadable > 0) {
    const reasons = Object.entries(s.unreadableByCode)
      .map(([code, n]) => `${code} ${n} 个`)
      .join('，');
    parts.push(`无法读取的原因 (why files could not be read)：${reasons}`);
  }
  parts.push(
    `结果：错误 ${s.findings.errors} 项，警告 ${s.findings.warnings} 项，提示 ${s.findings.info} 项；无法读取 ${s.unreadable} 个文件；退出码 ${s.exitCode}：${exitMeaning(s.exitCode)}`,
  );
  return `${parts.join('\n')}\n`;
}

/** The heading of the duplicates' list (terminal and HTML page). */
export const DUPLICATES_HEADING =
  "同一机关同一年度的报告不止一份 (the same agency's report for the same year, more than once)";

/** One line per duplicate: the agency and year, both files, and whether their numbers agree. */
export function duplicatesText(duplicates: readonly DuplicateReport[]): string {
  const lines = duplicates.map(
    (d) =>
      `- ${terminalText(d.agency)} ${d.year} 年度：${terminalText(d.files[0])} 与 ${terminalText(d.files[1])}：${terminalText(duplicateVerdict(d))}`,
  );
  return `${DUPLICATES_HEADING}：\n${lines.join('\n')}`;
}

/** One agency's year-over-year table: rows are the figures, columns the years. */
export function comparisonText(agency: string, comparison: { years: number[]; figures: number[][] }): string {
  const table = new Table({ head: ['项目', ...comparison.years.map((y) => `${y} 年度`)], style: plain });
  COMPARE_FIGURES.forEach((f, i) => {
    table.push([f.label, ...comparison.figures.map((values) => figure(values[i]))]);
  });
  return `${terminalText(agency)}：逐年比较 (year over year)\n${table.toString()}\n`;
}
