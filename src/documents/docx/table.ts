/** @module One layout table (`GridTable`) as a bordered DOCX table, merges and header rows included. */
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { GridCell, GridTable } from '../../domain/report/layout.js';
import { startColumns } from '../grid-columns.js';
import { BODY_FONT, RUN_LANGUAGE, runFont } from './fonts.js';

/** 五号 (10.5pt) in half-points: the usual size of table text in official reports. */
const TABLE_TEXT_SIZE = 21;
/** About 1 mm either side: section 四's fifteen columns are only ~10 mm wide each. */
const CELL_MARGINS = { top: 28, bottom: 28, left: 57, right: 57 } as const;
/** 6 mm, so a row of numbers is not cramped yet section 三 fits on about two pages. */
const MIN_ROW_HEIGHT = 340;

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const CELL_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE } as const;
const TABLE_BORDERS = { ...CELL_BORDERS, insideHorizontal: LINE, insideVertical: LINE } as const;

/**
 * Relative widths of the grid columns. Label columns get room for their long official wording; the
 * number columns share the rest evenly, since they hold at most a few digits.
 */
function columnWeights(table: GridTable): number[] {
  const even = (n: number) => Array<number>(n).fill(1);
  switch (table.section) {
    case '二':
      // 信息内容 holds e.g. 其他对外管理服务事项 (10 characters).
      return [1.45, ...even(table.columns - 1)];
    case '三':
      // 三、本年度办理结果 | （三）不予公开 | the leaf labels, up to 37 characters long. A number column
      // stays ~11.5 mm wide, so a five-digit count still fits on one line.
      return [0.92, 1.46, 4.2, ...even(table.columns - 3)];
    default:
      return even(table.columns);
  }
}

/** Splits `total` twips by `weights`, giving the rounding remainder to the last column. */
export function columnWidths(table: GridTable, total: number): number[] {
  const weights = columnWeights(table);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((total * w) / sum));
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function alignmentOf(cell: GridCell) {
  // Leaf labels read as text; group labels merged down several rows sit centred like headings.
  if (cell.role === 'label' && (cell.rowSpan ?? 1) === 1) return AlignmentType.LEFT;
  return AlignmentType.CENTER;
}

function cellParagraph(cell: GridCell): Paragraph {
  return new Paragraph({
    alignment: alignmentOf(cell),
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    // A blank cell stays blank: no run at all, rather than a run printing "0" or a space.
    children:
      cell.text === ''
        ? []
        : [
            new TextRun({
              text: cell.text,
              font: runFont(BODY_FONT),
              size: TABLE_TEXT_SIZE,
              language: RUN_LANGUAGE,
            }),
          ],
  });
}

/** Rows that end a block of section 二 (the next row is a caption) may break; the others keep with the next. */
function endsBlock(table: GridTable, r: number): boolean {
  const next = table.rows[r + 1];
  if (!next) return true;
  if (table.section === '二') return next[0]?.role === 'caption';
  // Keep the header with the first row of numbers; rows below may break anywhere.
  return r >= table.headerRows;
}

/** Draws `table` across `width` twips. */
export function docxTable(table: GridTable, width: number): Table {
  const widths = columnWidths(table, width);
  const starts = startColumns(table);
  const rows = table.rows.map(
    (row, r) =>
      new TableRow({
        tableHeader: r < table.headerRows,
        cantSplit: true,
        keepNext: !endsBlock(table, r),
        height: { value: MIN_ROW_HEIGHT, rule: HeightRule.ATLEAST },
        children: row.map((cell, i) => {
          const start = starts[r]![i]!;
          const span = cell.colSpan ?? 1;
          const cellWidth = widths.slice(start, start + span).reduce((a, b) => a + b, 0);
          return new TableCell({
            children: [cellParagraph(cell)],
            width: { size: cellWidth, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            borders: CELL_BORDERS,
            ...(span > 1 ? { columnSpan: span } : {}),
            ...((cell.rowSpan ?? 1) > 1 ? { rowSpan: cell.rowSpan } : {}),
          });
        }),
      }),
  );
  return new Table({
    rows,
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
  });
}
