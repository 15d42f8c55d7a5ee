/**
 * @module text.figure-mismatch: what the words of sections 一 and 六 say against what the tables say.
 * Each statement that findFigureStatements could tie to one cell or one defined sum is compared with
 * that cell or sum; a difference is a warning naming both.
 *
 * One finding per fact: a target stated twice with the same wrong figure is reported once. When the
 * words state one target with two different figures and one of them agrees with the table, the others
 * are taken to be about a part the words did not name, and are left alone.
 */
import {
  OUTCOME_GROUP_LABELS,
  OUTCOMES_LABEL,
  type RequestRowKey,
  requestRowSpec,
  requestRows,
  TOTAL_COLUMN_INDEX,
} from '../labels.js';
import type { AnnualReport } from '../model.js';
import { countOf } from '../model.js';
import { emptyList, packedMap } from '../packed-map.js';
import type { CellRef, Finding } from './finding.js';
import { finding } from './make-finding.js';
import {
  type CaseBlock,
  type CaseColumn,
  type FigureStatement,
  type FigureTarget,
  findFigureStatements,
} from './narrative-figures.js';

/** The table's side of a target: its value, the cells it is read from, and its printed name. */
export interface TableFigure {
  readonly value: number;
  readonly cells: readonly CellRef[];
  /** As printed: “三、本年度办理结果（七）总计·总计”. */
  readonly label: string;
  readonly labelEn: string;
}

const TOTAL = 'total';

function requestSum(report: AnnualReport, rows: readonly RequestRowKey[]): number | undefined {
  let sum = 0;
  for (const row of rows) {
    const cells = report.requests[row];
    const cell = cells === undefined ? undefined : cells[TOTAL_COLUMN_INDEX];
    if (cell === undefined) return undefined;
    sum += countOf(cell);
  }
  return sum;
}

function requestFigure(
  report: AnnualReport,
  target: Exclude<FigureTarget, `${CaseBlock}.${CaseColumn}`>,
): TableFigure | undefined {
  let rows: RequestRowKey[];
  let label: string;
  if (target === 'new' || target === 'carriedOver' || target === 'carriedForward') {
    rows = [target];
    label = requestRowSpec(target).label;
  } else if (target === 'total' || target === 'granted' || target === 'partial') {
    rows = [target];
    label = `${OUTCOMES_LABEL}${requestRowSpec(target).label}`;
  } else {
    const inFormat = requestRows(report.format);
    rows = inFormat.filter((r) => r.group === target).map((r) => r.key);
    // The 2019 format prints （六）其他处理 as one row, not a group.
    if (rows.length === 0) rows = inFormat.filter((r) => r.key === target).map((r) => r.key);
    label = `${OUTCOMES_LABEL}${OUTCOME_GROUP_LABELS[target]}${rows.length > 1 ? '（各项之和）' : ''}`;
  }
  const value = requestSum(report, rows);
  if (value === undefined) return undefined;
  return {
    value,
    cells: packedMap(rows, (row) => ({ section: '三', row, column: TOTAL })),
    label: `第三部分“${label}·总计”`,
    labelEn: `section 3, ${rows.join(' + ')}, column total`,
  };
}

const CASE_BLOCK_ROWS: Readonly<
  Record<CaseBlock, readonly ('review' | 'litigationDirect' | 'litigationAfterReview')[]>
> = {
  review: ['review'],
  litigation: ['litigationDirect', 'litigationAfterReview'],
  litigationDirect: ['litigationDirect'],
  litigationAfterReview: ['litigationAfterReview'],
};
const CASE_BLOCK_LABEL: Readonly<Record<CaseBlock, string>> = {
  review: '行政复议',
  litigation: '行政诉讼（未经复议直接起诉＋复议后起诉）',
  litigationDirect: '行政诉讼·未经复议直接起诉',
  litigationAfterReview: '行政诉讼·复议后起诉',
};
const CASE_COLUMN_LABEL: Readonly<Record<CaseColumn, string>> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

function caseFigure(report: AnnualReport, block: CaseBlock, column: CaseColumn): TableFigure | undefined {
  const blocks = CASE_BLOCK_ROWS[block];
  let value = 0;
  for (const b of blocks) {
    const cell = report.reviewLitigation[b]?.[column];
    if (cell === undefined) return undefined;
    value += countOf(cell);
  }
  return {
    value,
    cells: packedMap(blocks, (row) => ({ section: '四', row, column })),
    label: `第四部分“${CASE_BLOCK_LABEL[block]}·${CASE_COLUMN_LABEL[column]}”`,
    labelEn: `section 4, ${blocks.join(' + ')}, column ${column}`,
  };
}

/** The table's value of a target, or undefined when a cell it needs could not be read. */
export function tableFigure(report: AnnualReport, target: FigureTarget): TableFigure | undefined {
  const dot = target.indexOf('.');
  if (dot < 0) return requestFigure(report, target as Exclude<FigureTarget, `${CaseBlock}.${CaseColumn}`>);
  return caseFigure(report, target.slice(0, dot) as CaseBlock, target.slice(dot + 1) as CaseColumn);
}

/** The other reading a figure of 收到 may have: new plus carried over, when the sentence says so. */
function countsCarriedOver(report: AnnualReport, statement: FigureStatement, table: TableFigure): boolean {
  if (statement.target !== 'new' || !statement.mentionsCarriedOver) return false;
  const carriedOver = requestSum(report, ['carriedOver']);
  return carriedOver !== undefined && statement.figure === table.value + carriedOver;
}

/** A hint when the words' figure is another sum of the table: what the words probably counted. */
function hint(
  report: AnnualReport,
  statement: FigureStatement,
  table: TableFigure,
): [string, string] | undefined {
  if (statement.target === 'new') {
    const carriedOver = requestSum(report, ['carriedOver']);
    if (carriedOver !== undefined && carriedOver > 0 && statement.figure === table.value + carriedOver)
      return ['；文字的数字等于本年新收＋上年结转', '; the words’ figure is new + carried over'];
  }
  if (statement.target === 'total') {
    const forward = requestSum(report, ['carriedForward']);
    if (forward !== undefined && forward > 0 && statement.figure === table.value + forward)
      return ['；文字的数字等于（七）总计＋结转下年度', '; the words’ figure is total + carried forward'];
  }
  return undefined;
}

const TEXT_SECTIONS = [
  { key: 'overview', section: '一', en: '1' },
  { key: 'otherMatters', section: '六', en: '6' },
] as const;

export function checkNarrativeFigures(report: AnnualReport): Finding[] {
  const out = emptyList<Finding>();
  for (const part of TEXT_SECTIONS) {
    const statements = findFigureStatements(report.text[part.key], report);
    const byTarget = new Map<FigureTarget, FigureStatement[]>();
    for (const s of statements) byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), s]);
    for (const [target, said] of byTarget) {
      const table = tableFigure(report, target);
      if (table === undefined) continue;
      const agrees = (s: FigureStatement) => s.figure === table.value || countsCarriedOver(report, s, table);
      if (said.some(agrees)) continue;
      const reported = new Set<number>();
      for (const s of said) {
        if (reported.has(s.figure)) continue;
        reported.add(s.figure);
        const [extra, extraEn] = hint(report, s, table) ?? ['', ''];
        out.push(
          finding(
            'text.figure-mismatch',
            `第${part.section}部分说“${s.words}”（${s.figure}），而${table.label}为 ${table.value}${extra}`,
            `Section ${part.en} says ${s.figure} ("${s.words}"), but ${table.labelEn} is ${table.value}${extraEn}`,
            [{ section: part.section, row: part.key, column: 'text' }, ...table.cells],
            { expected: String(table.value), found: String(s.figure) },
          ),
        );
      }
    }
  }
  return out;
}
