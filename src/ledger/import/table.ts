/**
 * @module A register file (台账) as a table: the header row and the data rows, each with the row
 * number a person sees in a spreadsheet. The shape is judged from the bytes: a zip is an Excel
 * workbook (.xlsx, read with exceljs: the first sheet, or the one named), anything else text is CSV in
 * UTF-8 (with or without BOM), UTF-16, or GBK/GB18030 (decoded as report files are). An old binary
 * .xls is refused with a way out.
 */
import type { CellValue as ExcelCellValue, Worksheet } from 'exceljs';
import { decodeReportBytes } from '../../documents/decode.js';
import { err, ok, type Result } from '../../domain/requests/result.js';
import { type LedgerRefusal, ledgerRefusal } from '../refusals.js';
import { parseCsv } from './csv.js';

/** A cell whose value cannot be read (a formula saved without its result): the row reports why. */
export class UnreadableCell {
  constructor(readonly reason: string) {}
  toString(): string {
    return '';
  }
}

/** A cell as read: text, or for Excel a date or number cell. Empty cells are ''. */
export type Cell = string | number | Date | UnreadableCell;

export interface SourceRow {
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

export interface SourceTable {
  readonly shape: 'csv' | 'xlsx';
  /** For CSV: the text encoding found. */
  readonly encoding?: string;
  /** Every row that is not blank: a title or notes, the header row, the data rows. */
  readonly rows: readonly SourceRow[];
}

const isBlank = (cells: readonly Cell[]) => cells.every((c) => typeof c === 'string' && c.trim() === '');

/** A header cell as text. */
export const headerText = (cell: Cell | undefined): string =>
  cell === undefined || cell instanceof UnreadableCell
    ? ''
    : cell instanceof Date
      ? Number.isNaN(cell.getTime())
        ? '（无效日期）'
        : cell.toISOString().slice(0, 10)
      : String(cell);

function tableOf(
  shape: SourceTable['shape'],
  rows: readonly SourceRow[],
  encoding?: string,
): Result<SourceTable, LedgerRefusal> {
  const nonBlank = rows.filter((r) => !isBlank(r.cells));
  if (nonBlank.length === 0) return err(ledgerRefusal('import.unreadable', '没有表头和数据 (no header row)'));
  return ok({ shape, ...(encoding ? { encoding } : {}), rows: nonBlank });
}

export function readCsvTable(bytes: Uint8Array): Result<SourceTable, LedgerRefusal> {
  const decoded = decodeReportBytes(bytes);
  if (!decoded.ok) return err(ledgerRefusal('import.unreadable', decoded.message));
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return err(ledgerRefusal('import.unreadable', `第 ${parsed.record} 行：${parsed.message}`));
  return tableOf(
    'csv',
    parsed.records.map((r) => ({ rowNumber: r.record, cells: r.fields })),
    decoded.encoding,
  );
}

/** What a cell shows: rich text joined, a formula's result, a hyperlink's text, a date as a Date. */
function cellOf(value: ExcelCellValue): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value && value.result !== undefined) return cellOf(value.result as ExcelCellValue);
    if ('formula' in value || 'sharedFormula' in value)
      return new UnreadableCell(
        '公式单元格没有保存计算结果，请在 Excel 中打开、重新计算并保存后再导入 (a formula without its cached value)',
      );
    if ('result' in value) return '';
    if ('text' in value)
      return typeof value.text === 'string' ? value.text : cellOf(value.text as ExcelCellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

function sheetRows(sheet: Worksheet): SourceRow[] {
  const rows: SourceRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c).value));
    rows.push({ rowNumber, cells });
  });
  return rows;
}

export async function readXlsxTable(
  bytes: Uint8Array,
  sheetName?: string,
): Promise<Result<SourceTable, LedgerRefusal>> {
  const { default: ExcelJS } = await import('exceljs'); // loaded when needed: over 100 ms
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    return err(
      ledgerRefusal(
        'import.unreadable',
        '不是有效的 xlsx 文件，可能已损坏或只是改了扩展名；请用 Excel 打开后另存为 .xlsx (not a valid xlsx)',
      ),
    );
  }
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) {
    const names = workbook.worksheets.map((s) => s.name).join('、');
    return err(
      ledgerRefusal(
        'import.unreadable',
        sheetName === undefined
          ? '工作簿没有工作表 (no worksheet)'
          : `没有名为“${sheetName}”的工作表，现有：${names} (no such sheet)`,
      ),
    );
  }
  return tableOf('xlsx', sheetRows(sheet));
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** The register in `bytes`, whatever its file name says. */
export async function readRegisterTable(
  bytes: Uint8Array,
  options: { readonly sheet?: string } = {},
): Promise<Result<SourceTable, LedgerRefusal>> {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsxTable(bytes, options.sheet);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return err(
      ledgerRefusal(
        'import.unreadable',
        '旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV (old .xls: save as .xlsx or CSV)',
      ),
    );
  return readCsvTable(bytes);
}
