/**
 * @module A register file (台账) as a table: the header row and the data rows, each with the row
 * number a person sees in a spreadsheet. The shape is judged from the bytes: a zip is an Excel
 * workbook (.xlsx, read with exceljs: the first sheet, or the one named), anything else text is CSV in
 * UTF-8 (with or without BOM), UTF-16, or GBK/GB18030 (decoded as report files are). An old binary
 * .xls is refused with a way out.
 */
import type { CellValue as ExcelCellValue, Worksheet } from 'exceljs';
import { decodeReportBytes } from '../../documents/decode.js';
import { zipDirectory, zipKind } from '../../documents/zip-directory.js';
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
  } catch {
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

/**
 * The bounds of a register, far beyond an office's (a township's whole history is some thousands of
 * rows): a workbook whose parts say they inflate past this, a CSV file larger, or more rows, is refused
 * before it can take the machine's memory (a 10 MB workbook once took 4 GB).
 */
export interface RegisterLimits {
  readonly inflatedBytes: number;
  readonly csvBytes: number;
  readonly rows: number;
}

export const REGISTER_LIMITS: RegisterLimits = {
  inflatedBytes: 200 * 1024 * 1024,
  csvBytes: 100 * 1024 * 1024,
  rows: 200_000,
};

const megabytes = (n: number) =>
  n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.ceil(n / 1024)} KB`;

/** Why a zip cannot be taken as a register, before anything is inflated; undefined when it may be. */
function zipProblem(bytes: Uint8Array, limits: RegisterLimits): LedgerRefusal | undefined {
  const entries = zipDirectory(bytes);
  if (!entries) return undefined; // exceljs says what is wrong with it
  const kind = zipKind(entries);
  if (kind === 'docx')
    return ledgerRefusal(
      'import.unreadable',
      '这是 Word 文档（.docx），不是台账；请把表格复制到 Excel 中另存为 .xlsx，或另存为 CSV (a Word document, not a register)',
    );
  if (kind === 'other')
    return ledgerRefusal('import.unreadable', '这是一个压缩文件，不是 Excel 工作簿 (a zip, not a workbook)');
  const inflated = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (inflated > limits.inflatedBytes)
    return ledgerRefusal(
      'import.too-large',
      `工作簿解压后超过 ${megabytes(limits.inflatedBytes)}；请按年度拆分后分别导入 (the workbook inflates too large)`,
    );
  return undefined;
}

/** A table with more rows than a register has is refused (REGISTER_LIMITS). */
function bounded(
  table: Result<SourceTable, LedgerRefusal>,
  limits: RegisterLimits,
): Result<SourceTable, LedgerRefusal> {
  if (table.ok && table.value.rows.length > limits.rows)
    return err(
      ledgerRefusal(
        'import.too-large',
        `台账有 ${table.value.rows.length} 行，超过 ${limits.rows} 行；请按年度拆分后分别导入 (too many rows)`,
      ),
    );
  return table;
}

/** The register in `bytes`, whatever its file name says. */
export async function readRegisterTable(
  bytes: Uint8Array,
  options: { readonly sheet?: string; readonly limits?: Partial<RegisterLimits> } = {},
): Promise<Result<SourceTable, LedgerRefusal>> {
  const limits = { ...REGISTER_LIMITS, ...options.limits };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const problem = zipProblem(bytes, limits);
    if (problem) return err(problem);
    return bounded(await readXlsxTable(bytes, options.sheet), limits);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return err(
      ledgerRefusal(
        'import.unreadable',
        '旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV (old .xls: save as .xlsx or CSV)',
      ),
    );
  if (bytes.length > limits.csvBytes)
    return err(
      ledgerRefusal(
        'import.too-large',
        `文件超过 ${megabytes(limits.csvBytes)}；请按年度拆分后分别导入 (the file is too large)`,
      ),
    );
  return bounded(readCsvTable(bytes), limits);
}
