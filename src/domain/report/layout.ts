/**
 * @module The report as the national format lays it out: a heading, six sections, and the tables of
 * sections 二, 三 and 四 as grids of cells with their merges (rowspan / colspan). Every renderer (HTML,
 * PDF, DOCX, XLSX, plain text) draws this one layout, so the documents cannot disagree on a label or
 * a merge; the text reader expects the cell order it produces.
 */
import {
  APPLICANT_HEADER,
  BALANCE_NOTE,
  type CellKind,
  CONTENT_HEADER,
  LITIGATION_HEADER,
  ORGANISATION_HEADER,
  OUTCOME_GROUP_LABELS,
  OUTCOMES_LABEL,
  PROACTIVE_VALUE_COLUMNS,
  proactiveBlocks,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
  reportHeading,
  requestRows,
  type SectionNumber,
  sectionTitle,
} from './labels.js';
import type { AnnualReport, ProactiveCell } from './model.js';

export type GridCellRole = 'caption' | 'header' | 'label' | 'value';

export interface GridCell {
  readonly role: GridCellRole;
  /** The text as printed; a blank value cell prints as "". */
  readonly text: string;
  readonly rowSpan?: number;
  readonly colSpan?: number;
  /** For value cells: the value and how it is written (counts as numbers, amounts as decimal strings). */
  readonly value?: ProactiveCell;
  readonly kind?: CellKind;
  /** For value cells: which cell of the report JSON this is ("requests.new.0", "proactive.rules.issued"). */
  readonly path?: string;
}

export interface GridTable {
  /** The section the table belongs to. */
  readonly section: '二' | '三' | '四';
  /** Number of grid columns once merges are expanded. */
  readonly columns: number;
  /** Header rows at the top (repeated on each printed page). */
  readonly headerRows: number;
  readonly rows: readonly (readonly GridCell[])[];
}

export type LayoutBlock =
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'section'; readonly section: SectionNumber; readonly title: string }
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'table'; readonly table: GridTable }
  | { readonly type: 'signature'; readonly agency: string; readonly date: string | null };

export function cellText(value: ProactiveCell | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

const header = (text: string, span: { rowSpan?: number; colSpan?: number } = {}): GridCell => ({
  role: 'header',
  text,
  ...span,
});
const label = (text: string, colSpan?: number, rowSpan?: number): GridCell => ({
  role: 'label',
  text,
  ...(colSpan && colSpan > 1 ? { colSpan } : {}),
  ...(rowSpan && rowSpan > 1 ? { rowSpan } : {}),
});
const value = (v: ProactiveCell | undefined, kind: CellKind, path: string, colSpan?: number): GridCell => ({
  role: 'value',
  text: cellText(v),
  value: v ?? null,
  kind,
  path,
  ...(colSpan && colSpan > 1 ? { colSpan } : {}),
});

/** Section 二: one four-column table of blocks; narrower blocks stretch their last column. */
export function proactiveGrid(report: AnnualReport): GridTable {
  const rows: GridCell[][] = [];
  for (const block of proactiveBlocks(report.format)) {
    const present = block.rows.filter((r) => !r.optional || report.proactive[r.key] !== undefined);
    const lastSpan = PROACTIVE_VALUE_COLUMNS - block.columns.length + 1;
    const spanOf = (i: number) => (i === block.columns.length - 1 ? lastSpan : 1);
    rows.push([{ role: 'caption', text: block.caption, colSpan: PROACTIVE_VALUE_COLUMNS + 1 }]);
    rows.push([
      header(CONTENT_HEADER),
      ...block.columns.map((c, i) => header(c.label, spanOf(i) > 1 ? { colSpan: spanOf(i) } : {})),
    ]);
    for (const row of present) {
      const cells = report.proactive[row.key] ?? {};
      rows.push([
        label(row.label),
        ...block.columns.map((c, i) =>
          value(cells[c.key], c.kind, `proactive.${row.key}.${c.key}`, spanOf(i)),
        ),
      ]);
    }
  }
  return { section: '二', columns: PROACTIVE_VALUE_COLUMNS + 1, headerRows: 0, rows };
}

/** Section 三: three label columns and seven data columns under a three-row header. */
export function requestGrid(report: AnnualReport): GridTable {
  const rows: GridCell[][] = [
    [header(BALANCE_NOTE, { rowSpan: 3, colSpan: 3 }), header(APPLICANT_HEADER, { colSpan: 7 })],
    [
      header(REQUEST_COLUMNS[0]!.label, { rowSpan: 2 }),
      header(ORGANISATION_HEADER, { colSpan: 5 }),
      header('总计', { rowSpan: 2 }),
    ],
    REQUEST_COLUMNS.slice(1, 6).map((c) => header(c.label)),
  ];
  const specs = requestRows(report.format);
  const outcomeRows = specs.filter((r) => r.place !== 'item').length;
  let outcomesOpened = false;
  let openGroup: string | undefined;
  for (const spec of specs) {
    const numbers = REQUEST_COLUMNS.map((_, c) =>
      value(report.requests[spec.key]?.[c], 'count', `requests.${spec.key}.${c}`),
    );
    const labels: GridCell[] = [];
    if (spec.place === 'item') {
      labels.push(label(spec.label, 3));
    } else {
      if (!outcomesOpened) {
        labels.push(label(OUTCOMES_LABEL, undefined, outcomeRows));
        outcomesOpened = true;
      }
      if (spec.place === 'outcome') {
        labels.push(label(spec.label, 2));
        openGroup = undefined;
      } else {
        const group = spec.group!;
        if (openGroup !== group) {
          const size = specs.filter((r) => r.group === group).length;
          labels.push(label(OUTCOME_GROUP_LABELS[group], undefined, size));
          openGroup = group;
        }
        labels.push(label(spec.label));
      }
    }
    rows.push([...labels, ...numbers]);
  }
  return { section: '三', columns: 10, headerRows: 3, rows };
}

/** Section 四: fifteen numbers under a three-row header. */
export function reviewGrid(report: AnnualReport): GridTable {
  const [review, direct, afterReview] = REVIEW_BLOCKS;
  const rows: GridCell[][] = [
    [header(review!.label, { colSpan: 5 }), header(LITIGATION_HEADER, { colSpan: 10 })],
    [
      ...REVIEW_COLUMNS.map((c) => header(c.label, { rowSpan: 2 })),
      header(direct!.label, { colSpan: 5 }),
      header(afterReview!.label, { colSpan: 5 }),
    ],
    [...REVIEW_COLUMNS, ...REVIEW_COLUMNS].map((c) => header(c.label)),
    REVIEW_BLOCKS.flatMap((b) =>
      REVIEW_COLUMNS.map((c) =>
        value(report.reviewLitigation[b.key]?.[c.key], 'count', `reviewLitigation.${b.key}.${c.key}`),
      ),
    ),
  ];
  return { section: '四', columns: 15, headerRows: 3, rows };
}

function paragraphs(text: string): LayoutBlock[] {
  return text
    .split('\n')
    .filter((p) => p.trim() !== '')
    .map((p) => ({ type: 'paragraph', text: p }));
}

/** The whole report, top to bottom, as the national format orders it. */
export function reportLayout(report: AnnualReport): LayoutBlock[] {
  const section = (s: SectionNumber): LayoutBlock => ({
    type: 'section',
    section: s,
    title: sectionTitle(report.format, s),
  });
  return [
    { type: 'heading', text: reportHeading(report.agency, report.year) },
    section('一'),
    ...paragraphs(report.text.overview),
    section('二'),
    { type: 'table', table: proactiveGrid(report) },
    section('三'),
    { type: 'table', table: requestGrid(report) },
    section('四'),
    { type: 'table', table: reviewGrid(report) },
    section('五'),
    ...paragraphs(report.text.problems),
    section('六'),
    ...paragraphs(report.text.otherMatters),
    { type: 'signature', agency: report.agency, date: report.publishedOn },
  ];
}

/** Chinese long date as printed under the signature: 2021年1月18日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
