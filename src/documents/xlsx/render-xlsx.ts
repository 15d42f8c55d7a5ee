/**
 * @module The report's three tables (sections 二, 三, 四) as an Excel workbook, one sheet per table, drawn
 * from the shared layout so that labels and merges match every other document. Counts and amounts are
 * real numbers, so agencies can sum and check them in Excel.
 */
import type { Alignment, Borders, Cell, Font, PaperSize, Style, Workbook, Worksheet } from 'exceljs';
import { type GridCell, type GridTable, reportLayout } from '../../domain/report/layout.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { startColumns } from '../grid-columns.js';
import { amountCell } from './amount-cell.js';

/** Excel caps sheet names at 31 characters, so section 四 drops the 政府信息公开 of its title. */
export const SHEET_NAMES: Readonly<Record<GridTable['section'], string>> = {
  二: '二、主动公开政府信息情况',
  三: '三、收到和处理政府信息公开申请情况',
  四: '四、行政复议行政诉讼情况',
};

/** The report heading and the section title sit above every grid. */
export const TITLE_ROWS = 2;

/** Character widths chosen so the long labels of section 三 wrap onto two lines at most. */
const COLUMN_WIDTHS: Readonly<Record<GridTable['section'], readonly number[]>> = {
  二: [26, 18, 18, 18],
  三: [8, 14, 40, ...Array<number>(7).fill(11)],
  四: Array<number>(15).fill(11),
};

const A4 = 9 as PaperSize;
const LINE_HEIGHT = 15;

// Named Chinese fonts with the GB2312 charset make Excel and LibreOffice pick a CJK face even where
// 宋体 / 黑体 themselves are not installed.
const GB2312 = 134;
const BODY_FONT: Partial<Font> = { name: '宋体', size: 11, charset: GB2312 };
const HEADING_FONT: Partial<Font> = { name: '宋体', size: 16, bold: true, charset: GB2312 };
const SECTION_FONT: Partial<Font> = { name: '黑体', size: 12, charset: GB2312 };

const THIN = { style: 'thin' } as const;
const BORDERS: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A grid cell at its sheet position (1-based), with the merges expanded. */
interface PlacedCell {
  readonly row: number;
  readonly col: number;
  readonly cell: GridCell;
}

/** Each grid cell at its sheet position, the grid starting below the title rows. */
function placeGrid(table: GridTable): PlacedCell[] {
  const starts = startColumns(table);
  return table.rows.flatMap((row, r) =>
    row.map((cell, i) => ({ row: TITLE_ROWS + 1 + r, col: starts[r]![i]! + 1, cell })),
  );
}

function styleFor(role: GridCell['role']): Partial<Style> {
  const alignment: Partial<Alignment> =
    role === 'label'
      ? { vertical: 'middle', horizontal: 'left', wrapText: true }
      : { vertical: 'middle', horizontal: 'center', wrapText: role !== 'value' };
  const bold = role === 'header' || role === 'caption';
  return { font: { ...BODY_FONT, bold }, alignment, border: { ...BORDERS } };
}

/** Writes the value a value cell holds; a blank stays without any value, as the report left it. */
function writeValue(target: Cell, cell: GridCell): void {
  const v = cell.value;
  if (v === null || v === undefined) return;
  if (typeof v === 'number') {
    target.value = v;
    return;
  }
  const amount = amountCell(v);
  if (amount.type === 'number') {
    target.value = amount.value;
    target.numFmt = amount.numFmt;
  } else {
    target.value = amount.text;
    target.note = amount.reason;
  }
}

/** East Asian characters take two width units in Excel, Latin ones one. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return width;
}

/**
 * Excel does not grow rows for wrapped text in merged cells, so heights are estimated from the text
 * and the width it wraps in; a cell spanning several rows shares its lines among them.
 */
function rowHeights(placed: readonly PlacedCell[], widths: readonly number[]): Map<number, number> {
  const lines = new Map<number, number>();
  for (const { row, col, cell } of placed) {
    const span = cell.colSpan ?? 1;
    const width = widths.slice(col - 1, col - 1 + span).reduce((a, b) => a + b, 0) - 1;
    const perRow = Math.ceil(displayWidth(cell.text) / Math.max(width, 1) / (cell.rowSpan ?? 1));
    lines.set(row, Math.max(lines.get(row) ?? 1, perRow));
  }
  return new Map([...lines].map(([row, n]) => [row, n * LINE_HEIGHT + 5]));
}

function titleRow(
  sheet: Worksheet,
  row: number,
  text: string,
  font: Partial<Font>,
  widths: readonly number[],
) {
  sheet.mergeCells(row, 1, row, widths.length);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = font;
  cell.alignment = { vertical: 'middle', horizontal: row === 1 ? 'center' : 'left', wrapText: true };
  // Width units are measured at 11 pt; the larger title fonts take proportionally more.
  const scale = (font.size ?? 11) / 11;
  const total = widths.reduce((a, b) => a + b, 0);
  const lines = Math.ceil((displayWidth(text) * scale) / total);
  sheet.getRow(row).height = lines * LINE_HEIGHT * scale + 8;
}

function addTableSheet(workbook: Workbook, heading: string, title: string, table: GridTable): void {
  const frozen = TITLE_ROWS + table.headerRows;
  const sheet = workbook.addWorksheet(SHEET_NAMES[table.section], {
    pageSetup: {
      paperSize: A4,
      orientation: table.section === '二' ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      // 0: as many pages down as the table needs; only the width is squeezed onto the page.
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `1:${frozen}`,
    },
    views: [{ state: 'frozen', ySplit: frozen, xSplit: 0 }],
  });
  const widths = COLUMN_WIDTHS[table.section];
  sheet.columns = widths.map((width) => ({ width }));
  titleRow(sheet, 1, heading, HEADING_FONT, widths);
  titleRow(sheet, 2, title, SECTION_FONT, widths);

  const placed = placeGrid(table);
  for (const { row, col, cell } of placed) {
    const bottom = row + (cell.rowSpan ?? 1) - 1;
    const right = col + (cell.colSpan ?? 1) - 1;
    if (bottom > row || right > col) sheet.mergeCells(row, col, bottom, right);
    // Every position of a merge gets the border, or the merged block prints with gaps in its outline.
    for (let r = row; r <= bottom; r++)
      for (let c = col; c <= right; c++) sheet.getCell(r, c).style = styleFor(cell.role);
    const target = sheet.getCell(row, col);
    if (cell.role === 'value') writeValue(target, cell);
    else target.value = cell.text;
  }
  for (const [row, height] of rowHeights(placed, widths)) sheet.getRow(row).height = height;
}

/** The workbook as .xlsx bytes. */
export async function renderXlsx(report: AnnualReport): Promise<Uint8Array> {
  const layout = reportLayout(report);
  const heading = layout.find((b) => b.type === 'heading')?.text ?? '';
  // Loaded when needed: exceljs takes over 100 ms to load, which every command would pay.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  workbook.title = heading;
  workbook.subject = '政府信息公开工作年度报告';
  let sectionTitle = '';
  for (const block of layout) {
    if (block.type === 'section') sectionTitle = block.title;
    if (block.type === 'table') addTableSheet(workbook, heading, sectionTitle, block.table);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
