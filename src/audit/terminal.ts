/** @module What a batch audit prints for a person: the summary tables and the year-over-year tables. */
import Table from 'cli-table3';
import { COMPARE_FIGURES } from './digest.js';
import type { AuditSummary } from './tally.js';

const plain = { head: [] as string[], border: [] as string[] };

/** A figure of the year-over-year tables; "—" where the report's cells could not be read. */
export const figure = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? '—' : String(n);

export function exitMeaning(code: 0 | 1 | 2): string {
  if (code === 2) return '有文件无法读取 (some files could not be read)';
  if (code === 1) return '有错误级别的问题 (error findings)';
  return '未发现错误 (no errors)';
}

export function summaryText(s: AuditSummary): string {
  const counts = new Table({ style: plain });
  counts.push(
    ['文件 (files)', s.files],
    ['读取的报告 (reports read)', s.read],
    ['无问题 (clean)', s.clean],
    ['有问题 (with findings)', s.withFindings],
    ['无法读取 (unreadable)', s.unreadable],
    ['跳过的非报告文件 (skipped)', s.skipped],
    ['机关 (agencies)', s.agencies],
    ['相邻年度比较 (year pairs)', s.yearPairs],
  );
  const parts = [`批量检查结果 (audit summary)\n${counts.toString()}`];
  if (s.byRule.length > 0) {
    const rules = new Table({
      head: ['规则', '说明', '条数', '错误', '警告', '提示', '文件数'],
      colWidths: [26, 40, 8, 8, 8, 8, 8],
      wordWrap: true,
      wrapOnWordBoundary: false,
      style: plain,
    });
    for (const r of s.byRule) rules.push([r.rule, r.title, r.count, r.errors, r.warnings, r.info, r.files]);
    parts.push(`按规则统计 (findings by rule)\n${rules.toString()}`);
  }
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

/** One agency's year-over-year table: rows are the figures, columns the years. */
export function comparisonText(agency: string, comparison: { years: number[]; figures: number[][] }): string {
  const table = new Table({ head: ['项目', ...comparison.years.map((y) => `${y} 年度`)], style: plain });
  COMPARE_FIGURES.forEach((f, i) => {
    table.push([f.label, ...comparison.figures.map((values) => figure(values[i]))]);
  });
  return `${agency}：逐年比较 (year over year)\n${table.toString()}\n`;
}
