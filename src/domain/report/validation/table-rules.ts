/**
 * @module Rules on one report's tables: the 勾稽关系 of section 三 (R1–R3), section 四's totals (R4),
 * what a cell may hold (R5), and cells missing, blank or foreign to the format.
 */
import { isDecimalString, isNegativeDecimal } from '../../shared/decimal.js';
import {
  type CellKind,
  outcomeLeafRows,
  proactiveBlocks,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
  type RequestRowKey,
  requestRows,
  TOTAL_COLUMN_INDEX,
} from '../labels.js';
import { type AnnualReport, type CountCell, countOf } from '../model.js';
import { packedMap } from '../packed-map.js';
import { requestColumnName, requestRowName } from './cell-names.js';
import type { CellRef, Finding } from './finding.js';
import { finding } from './make-finding.js';

const req = (row: string, columnIndex: number): CellRef => ({
  section: '三',
  row,
  column: REQUEST_COLUMNS[columnIndex]!.key,
});

/** The cell's value, or undefined when the row or cell could not be read. */
function requestCell(report: AnnualReport, row: RequestRowKey, columnIndex: number): CountCell | undefined {
  const cells = report.requests[row];
  return cells === undefined ? undefined : cells[columnIndex];
}

function sumOf(values: readonly (CountCell | undefined)[]): number | undefined {
  let sum = 0;
  for (const v of values) {
    if (v === undefined) return undefined;
    sum += countOf(v);
  }
  return sum;
}

/** R1: for each column, 一 + 二 = （七）总计 + 四. */
export function checkBalance(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  REQUEST_COLUMNS.forEach((column, c) => {
    const left = sumOf([requestCell(report, 'new', c), requestCell(report, 'carriedOver', c)]);
    const right = sumOf([requestCell(report, 'total', c), requestCell(report, 'carriedForward', c)]);
    if (left === undefined || right === undefined || left === right) return;
    out.push(
      finding(
        'requests.balance',
        `第三部分“${column.label}”列：一＋二＝${left}，而（七）总计＋四＝${right}，两者应相等`,
        `Section 3, column ${column.key}: new + carried over = ${left} but total + carried forward = ${right}`,
        [req('new', c), req('carriedOver', c), req('total', c), req('carriedForward', c)],
        { expected: `一+二 = ${left}`, found: `（七）+四 = ${right}` },
      ),
    );
  });
  return out;
}

/** R2: for each row, 总计 = the six applicant columns. */
export function checkRowTotals(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const row of requestRows(report.format)) {
    const cells = report.requests[row.key];
    if (cells === undefined) continue;
    const parts = sumOf(cells.slice(0, TOTAL_COLUMN_INDEX));
    const total = cells[TOTAL_COLUMN_INDEX];
    if (parts === undefined || total === undefined || parts === countOf(total)) continue;
    out.push(
      finding(
        'requests.row-total',
        `第三部分“${requestRowName(row.key)}”行：各类申请人之和为 ${parts}，总计列为 ${countOf(total)}`,
        `Section 3, row ${row.key}: the applicant columns add up to ${parts}, the 总计 column says ${countOf(total)}`,
        [...REQUEST_COLUMNS.map((_, c) => req(row.key, c))],
        { expected: String(parts), found: String(countOf(total)) },
      ),
    );
  }
  return out;
}

/** R3: for each column, （七）总计 = every outcome row (（六） is one row in 2019, three in 2021). */
export function checkOutcomeTotals(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  const leaves = outcomeLeafRows(report.format);
  REQUEST_COLUMNS.forEach((column, c) => {
    const parts = sumOf(packedMap(leaves, (r) => requestCell(report, r.key, c)));
    const total = requestCell(report, 'total', c);
    if (parts === undefined || total === undefined || parts === countOf(total)) return;
    out.push(
      finding(
        'requests.outcome-total',
        `第三部分“${column.label}”列：各项办理结果之和为 ${parts}，（七）总计为 ${countOf(total)}`,
        `Section 3, column ${column.key}: the outcome rows add up to ${parts}, row （七）总计 says ${countOf(total)}`,
        [...leaves.map((r) => req(r.key, c)), req('total', c)],
        { expected: String(parts), found: String(countOf(total)) },
      ),
    );
  });
  return out;
}

/** R4: in each block of section 四, 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
export function checkReviewTotals(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const block of REVIEW_BLOCKS) {
    const cells = report.reviewLitigation[block.key] ?? {};
    const parts = sumOf(
      packedMap(
        REVIEW_COLUMNS.filter((c) => c.key !== 'total'),
        (c) => cells[c.key],
      ),
    );
    const total = cells.total;
    if (parts === undefined || total === undefined || parts === countOf(total)) continue;
    out.push(
      finding(
        'review.block-total',
        `第四部分“${block.label}”：结果维持＋结果纠正＋其他结果＋尚未审结＝${parts}，总计为 ${countOf(total)}`,
        `Section 4, ${block.key}: upheld + corrected + other + pending = ${parts}, total says ${countOf(total)}`,
        REVIEW_COLUMNS.map((c) => ({ section: '四', row: block.key, column: c.key })),
        { expected: String(parts), found: String(countOf(total)) },
      ),
    );
  }
  return out;
}

function badValueReason(value: unknown, kind: CellKind): string | undefined {
  if (value === null) return undefined;
  if (kind === 'amount') {
    if (typeof value !== 'string' || !isDecimalString(value)) return '金额应为十进制数';
    return isNegativeDecimal(value) ? '金额不能为负数' : undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return '应为整数';
  return kind === 'count' && value < 0 ? '不能为负数' : undefined;
}

/** R5 plus missing, blank and foreign cells, over all three tables. */
export function checkCells(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  const missing: Record<'二' | '三' | '四', CellRef[]> = { 二: [], 三: [], 四: [] };
  const blank: CellRef[] = [];
  const bad = (ref: CellRef, value: unknown, reason: string, label: string) =>
    out.push(
      finding(
        'cell.value',
        `${label}：${reason}，读到“${String(value)}”`,
        `${ref.section}.${ref.row}.${ref.column}: invalid value ${JSON.stringify(value)}`,
        [ref],
        { found: String(value) },
      ),
    );

  // Section 二
  const knownProactive = new Set<string>();
  for (const block of proactiveBlocks(report.format)) {
    for (const row of block.rows) {
      knownProactive.add(row.key);
      const cells = report.proactive[row.key];
      if (cells === undefined) {
        if (!row.optional)
          missing.二.push(
            ...block.columns.map((c) => ({ section: '二' as const, row: row.key, column: c.key })),
          );
        continue;
      }
      // A cell's reference is made only for a cell that is reported: most are neither missing, blank nor bad.
      for (const column of block.columns) {
        if (!(column.key in cells)) {
          missing.二.push({ section: '二', row: row.key, column: column.key });
          continue;
        }
        const value = cells[column.key];
        if (value === null) blank.push({ section: '二', row: row.key, column: column.key });
        const reason = badValueReason(value, column.kind);
        if (reason)
          bad(
            { section: '二', row: row.key, column: column.key },
            value,
            reason,
            `第二部分“${row.label}”“${column.label}”`,
          );
      }
      for (const key of Object.keys(cells)) {
        if (!block.columns.some((c) => c.key === key))
          out.push(foreign({ section: '二', row: row.key, column: key }));
      }
    }
  }
  for (const key of Object.keys(report.proactive)) {
    if (!knownProactive.has(key)) out.push(foreign({ section: '二', row: key, column: '*' }));
  }

  // Section 三
  const rows = requestRows(report.format);
  for (const row of rows) {
    const cells = report.requests[row.key];
    if (cells === undefined) {
      missing.三.push(...REQUEST_COLUMNS.map((_, c) => req(row.key, c)));
      continue;
    }
    for (let c = 0; c < REQUEST_COLUMNS.length; c++) {
      const value = cells[c];
      if (value === undefined) missing.三.push(req(row.key, c));
      else if (value === null) blank.push(req(row.key, c));
      const reason = value === undefined ? undefined : badValueReason(value, 'count');
      if (reason)
        bad(
          req(row.key, c),
          value,
          reason,
          `第三部分“${requestRowName(row.key)}”“${requestColumnName(REQUEST_COLUMNS[c]!.key)}”`,
        );
    }
  }
  for (const key of Object.keys(report.requests)) {
    if (!rows.some((r) => r.key === key)) out.push(foreign({ section: '三', row: key, column: '*' }));
  }

  // Section 四
  for (const block of REVIEW_BLOCKS) {
    const cells = report.reviewLitigation[block.key] ?? {};
    for (const column of REVIEW_COLUMNS) {
      const value = cells[column.key];
      if (value === undefined) missing.四.push({ section: '四', row: block.key, column: column.key });
      else if (value === null) blank.push({ section: '四', row: block.key, column: column.key });
      const reason = value === undefined ? undefined : badValueReason(value, 'count');
      if (reason)
        bad(
          { section: '四', row: block.key, column: column.key },
          value,
          reason,
          `第四部分“${block.label}”“${column.label}”`,
        );
    }
  }

  for (const section of ['二', '三', '四'] as const) {
    const cells = missing[section];
    if (cells.length === 0) continue;
    const f = finding(
      'cell.missing',
      `第${section}部分有 ${cells.length} 个单元格未读到数据`,
      `Section ${section}: ${cells.length} cell(s) missing`,
      cells,
    );
    // Section 二 rows are often trimmed by agencies; a gap there is worth a warning, not a failure.
    out.push(section === '二' ? { ...f, severity: 'warning' } : f);
  }
  if (blank.length > 0) {
    out.push(
      finding(
        'cell.blank',
        `${blank.length} 个单元格留空，按 0 计算`,
        `${blank.length} blank cell(s), counted as 0`,
        blank,
      ),
    );
  }
  return out;

  function foreign(ref: CellRef): Finding {
    return finding(
      'format.foreign-row',
      `第${ref.section}部分的“${ref.row}${ref.column === '*' ? '' : `.${ref.column}`}”不属于${report.format}年格式`,
      `Section ${ref.section}: ${ref.row}${ref.column === '*' ? '' : `.${ref.column}`} is not part of the ${report.format} format`,
      [ref],
    );
  }
}
