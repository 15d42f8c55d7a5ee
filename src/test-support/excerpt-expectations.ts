/**
 * @module The corpus excerpts' expected values (../shared/corpus/excerpts/*.expected.json, conventions
 * in its SOURCES.md) against what the reader made of the page: year, format, agency, every section 二
 * cell keyed `row label|column label` by the standard labels, and whole section 三 rows. For the
 * excerpt test and scripts/score-excerpts.ts alike.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Big from 'big.js';
import { proactiveBlocks, requestRows } from '../domain/report/labels.js';
import type { AnnualReport } from '../domain/report/model.js';
import { SHARED_DIR } from './shared-files.js';

export interface ExcerptExpectation {
  readonly year: number;
  readonly format: '2019' | '2021';
  readonly agencyContains: string | null;
  readonly section2: Readonly<Record<string, number | null>>;
  readonly section3Rows?: Readonly<Record<string, readonly (number | null)[]>>;
  readonly notes?: string;
}

export interface Excerpt {
  readonly name: string;
  readonly path: string;
  readonly expected: ExcerptExpectation;
}

export const EXCERPTS_DIR = `${SHARED_DIR}corpus/excerpts/`;

/** Every excerpt with its expectation, in file order (none when the shared corpus is absent). */
export function excerpts(dir: string = EXCERPTS_DIR): Excerpt[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({
      name,
      path: join(dir, name),
      expected: JSON.parse(
        readFileSync(join(dir, name.replace(/\.txt$/, '.expected.json')), 'utf8'),
      ) as ExcerptExpectation,
    }));
}

/** Labels compared as the expectations write them: no whitespace, halfwidth brackets and colon. */
const plain = (label: string) =>
  label.replace(/\s+/g, '').replaceAll('（', '(').replaceAll('）', ')').replaceAll('：', ':');

/** The two printed variants SOURCES.md keeps as keys: 规范性文件 in 2021 tables, the fee in 元. */
const ROW_VARIANTS: Readonly<Record<string, string>> = { 规范性文件: '行政规范性文件' };
const YUAN_FEE = '本年收费金额(单位:元)';

function proactiveCell(
  report: AnnualReport,
  rowLabel: string,
  columnLabel: string,
): { found: false } | { found: true; value: number | string | null; yuan: boolean } {
  const yuan = columnLabel === YUAN_FEE;
  const column = yuan ? '本年收费金额(单位:万元)' : columnLabel;
  for (const block of proactiveBlocks(report.format)) {
    const row =
      block.rows.find((r) => plain(r.label) === rowLabel) ??
      block.rows.find((r) => plain(r.label) === ROW_VARIANTS[rowLabel]);
    const col = block.columns.find((c) => plain(c.label) === column);
    if (row && col) {
      const value = report.proactive[row.key]?.[col.key];
      return { found: true, value: value === undefined ? null : value, yuan };
    }
  }
  return { found: false };
}

function sameNumber(value: number | string | null, expected: number | null, yuan: boolean): boolean {
  if (value === null || expected === null) return value === expected;
  const read = new Big(value);
  return (yuan ? read.times(10000) : read).eq(expected);
}

/** The differences between what was read and what is expected, one line each (empty: all right). */
export function excerptMismatches(report: AnnualReport | undefined, expected: ExcerptExpectation): string[] {
  if (!report) return ['nothing read'];
  const problems: string[] = [];
  if (report.year !== expected.year) problems.push(`year ${report.year}, expected ${expected.year}`);
  if (report.format !== expected.format)
    problems.push(`format ${report.format}, expected ${expected.format}`);
  if (expected.agencyContains === null) {
    if (report.agency.trim() !== '') problems.push(`agency "${report.agency}", expected none`);
  } else if (!report.agency.includes(expected.agencyContains))
    problems.push(`agency "${report.agency}", expected to contain "${expected.agencyContains}"`);
  if (report.format !== expected.format) return problems;
  for (const [key, value] of Object.entries(expected.section2)) {
    const [rowLabel = '', columnLabel = ''] = key.split('|');
    const cell = proactiveCell(report, rowLabel, columnLabel);
    if (!cell.found) problems.push(`二 ${key}: no such cell in the ${report.format} format`);
    else if (!sameNumber(cell.value, value, cell.yuan))
      problems.push(`二 ${key}: read ${JSON.stringify(cell.value)}, expected ${JSON.stringify(value)}`);
  }
  for (const [label, values] of Object.entries(expected.section3Rows ?? {})) {
    const spec = requestRows(report.format).find((r) => plain(r.label).includes(label));
    if (!spec) {
      problems.push(`三 ${label}: no such row`);
      continue;
    }
    const read = report.requests[spec.key];
    if (JSON.stringify(read ?? null) !== JSON.stringify(values))
      problems.push(`三 ${label}: read ${JSON.stringify(read ?? null)}, expected ${JSON.stringify(values)}`);
  }
  return problems;
}
