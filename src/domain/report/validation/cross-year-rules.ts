/**
 * @module Rules between one agency's reports of consecutive years: carry-over (R6), documents in force
 * (R7, 2021 format) and item counts (R8, 2019 format).
 */
import { REQUEST_COLUMNS } from '../labels.js';
import { type AnnualReport, countOf, type ProactiveCell } from '../model.js';
import type { CellRef, Finding } from './finding.js';
import { finding } from './make-finding.js';

const num = (cell: ProactiveCell | undefined): number | undefined =>
  cell === undefined ? undefined : typeof cell === 'number' ? cell : cell === null ? 0 : undefined;

export function checkAgainstPreviousYear(report: AnnualReport, previous: AnnualReport): Finding[] {
  if (previous.year !== report.year - 1) {
    return [
      finding(
        'cross-year.sequence',
        `上年报告为 ${previous.year} 年度，而本报告为 ${report.year} 年度，应相差一年`,
        `The previous report is on ${previous.year}, this one on ${report.year}; they must be consecutive`,
        [],
        { expected: String(report.year - 1), found: String(previous.year) },
      ),
    ];
  }
  const out: Finding[] = [];
  if (previous.agency.trim() !== report.agency.trim()) {
    out.push(
      finding(
        'cross-year.agency',
        `两份报告的机关名称不同：“${previous.agency}”与“${report.agency}”`,
        `The reports name different agencies: "${previous.agency}" and "${report.agency}"`,
        [],
        { expected: previous.agency, found: report.agency },
      ),
    );
  }
  out.push(...checkCarryOver(report, previous));
  if (report.format === '2021' && previous.format === '2021') out.push(...checkInForce(report, previous));
  if (report.format === '2019' && previous.format === '2019') out.push(...checkItemCounts(report, previous));
  return out;
}

/** R6: this year's 二、上年结转 = last year's 四、结转下年度继续办理, column by column. */
function checkCarryOver(report: AnnualReport, previous: AnnualReport): Finding[] {
  const out: Finding[] = [];
  const forward = previous.requests.carriedForward;
  const over = report.requests.carriedOver;
  if (!forward || !over) return out;
  REQUEST_COLUMNS.forEach((column, c) => {
    const last = forward[c];
    const now = over[c];
    if (last === undefined || now === undefined || countOf(last) === countOf(now)) return;
    out.push(
      finding(
        'cross-year.carry-over',
        `“${column.label}”列：本年上年结转为 ${countOf(now)}，上年结转下年度继续办理为 ${countOf(last)}`,
        `Column ${column.key}: carried over ${countOf(now)} this year, carried forward ${countOf(last)} last year`,
        [
          { section: '三', row: 'carriedOver', column: column.key },
          { section: '三', row: 'carriedForward', column: column.key, previousYear: true },
        ],
        { expected: String(countOf(last)), found: String(countOf(now)) },
      ),
    );
  });
  return out;
}

/** R7: 现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y). */
function checkInForce(report: AnnualReport, previous: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const row of [
    { key: 'rules', label: '规章' },
    { key: 'normativeDocuments', label: '行政规范性文件' },
  ]) {
    const now = report.proactive[row.key];
    const last = previous.proactive[row.key];
    if (!now || !last) continue;
    const [lastInForce, issued, repealed, inForce] = [
      num(last.inForce),
      num(now.issued),
      num(now.repealed),
      num(now.inForce),
    ];
    if ([lastInForce, issued, repealed, inForce].some((v) => v === undefined)) continue;
    const expected = lastInForce! + issued! - repealed!;
    if (expected === inForce) continue;
    const cell = (column: string, previousYear = false): CellRef => ({
      section: '二',
      row: row.key,
      column,
      ...(previousYear ? { previousYear: true as const } : {}),
    });
    out.push(
      finding(
        'cross-year.in-force',
        `${row.label}：上年现行有效 ${lastInForce}＋本年制发 ${issued}－本年废止 ${repealed}＝${expected}，本年现行有效为 ${inForce}`,
        `${row.key}: ${lastInForce} + ${issued} − ${repealed} = ${expected}, but in force says ${inForce}`,
        [cell('inForce', true), cell('issued'), cell('repealed'), cell('inForce')],
        { expected: String(expected), found: String(inForce) },
      ),
    );
  }
  return out;
}

/** R8: 上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1). */
function checkItemCounts(report: AnnualReport, previous: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const row of ['licensing', 'otherServices', 'penalty', 'coercion', 'fees']) {
    const before = num(previous.proactive[row]?.previousItems);
    const change = num(previous.proactive[row]?.change);
    const now = num(report.proactive[row]?.previousItems);
    if (before === undefined || change === undefined || now === undefined) continue;
    if (before + change === now) continue;
    out.push(
      finding(
        'cross-year.item-count',
        `${row}：上年的上一年项目数量 ${before}＋本年增/减 ${change}＝${before + change}，本年上一年项目数量为 ${now}`,
        `${row}: ${before} + ${change} = ${before + change}, but this year's previous-year count is ${now}`,
        [
          { section: '二', row, column: 'previousItems', previousYear: true },
          { section: '二', row, column: 'change', previousYear: true },
          { section: '二', row, column: 'previousItems' },
        ],
        { expected: String(before + change), found: String(now) },
      ),
    );
  }
  return out;
}
