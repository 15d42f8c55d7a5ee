/**
 * @module Reading a report from an Excel workbook (.xlsx), such as `report render --to xlsx` writes: the
 * package is opened with jszip, the workbook's sheets are read in their order (read-docx-xml's
 * scanner, no DOM) into one line per cell, row by row, a merged block once, and those lines go through
 * the reader every shape ends in (`readReportLines`). A cell shows what Excel shows: a shared or inline
 * string, a formula's cached result, a number with the decimals its number format prints ("0.00" →
 * 12.50). Line numbers are the sheet's row numbers, as Excel shows them.
 *
 * The work is bounded before and while inflating: at most `MAX_WORKBOOK_XML_BYTES` of XML across the
 * parts read (a zip bomb stops at the limit) and `MAX_WORKBOOK_CELLS` cells, counting the empty places
 * a row's cells stand between and the places merges cover.
 */
import { posix } from 'node:path';
import { TextDecoder } from 'node:util';
import JSZip from 'jszip';
import { type DocxCell, rowLines } from '../docx/read-docx-rows.js';
import { attribute, scanXml, type XmlHandler } from '../docx/read-docx-xml.js';
import { type ReadResult, readError } from '../read-result.js';
import { readReportLines } from '../text/parse-text.js';
import type { SourceLine } from '../text/text-lines.js';

/** A report's workbook holds a few hundred KB of XML; 50 MB is far beyond it and keeps a bomb out. */
export const MAX_WORKBOOK_XML_BYTES = 50 * 1024 * 1024;
/** The report's three tables have about a thousand cells. */
export const MAX_WORKBOOK_CELLS = 200_000;

export interface ReadXlsxOptions {
  /** Refuse a workbook whose XML parts, once inflated, exceed this many bytes in all. */
  readonly maxXmlBytes?: number;
  /** Refuse a workbook with more cells than this. */
  readonly maxCells?: number;
}

const WORKBOOK_PART = 'xl/workbook.xml';

const unreadable = (message: string) =>
  readError('input.unreadable', message) as Extract<ReadResult, { ok: false }>;
const notWorkbook = (why: string) =>
  unreadable(`这不是 Excel 工作簿（.xlsx）：${why} (not an Excel workbook)`);

/** Thrown inside the XML scan when a limit is passed, to stop it at once; caught in this module. */
class LimitPassed extends Error {}

interface Budget {
  bytes: number;
  cells: number;
  readonly maxBytes: number;
  readonly maxCells: number;
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.ceil(bytes / 1024)} KB`;

function spendCells(budget: Budget, n: number): void {
  budget.cells += n;
  if (budget.cells > budget.maxCells) throw new LimitPassed('cells');
}

export async function readXlsxReport(bytes: Uint8Array, options: ReadXlsxOptions = {}): Promise<ReadResult> {
  const lines = await workbookLines(bytes, options);
  return Array.isArray(lines) ? readReportLines(lines, { shape: 'xlsx' }) : lines;
}

/** The workbook's cells as source lines, sheet after sheet, or why they cannot be read. */
export async function workbookLines(
  bytes: Uint8Array,
  options: ReadXlsxOptions = {},
): Promise<SourceLine[] | Extract<ReadResult, { ok: false }>> {
  const budget: Budget = {
    bytes: 0,
    cells: 0,
    maxBytes: options.maxXmlBytes ?? MAX_WORKBOOK_XML_BYTES,
    maxCells: options.maxCells ?? MAX_WORKBOOK_CELLS,
  };
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return unreadable('文件已损坏，无法作为 Excel 工作簿（.xlsx）打开 (corrupt zip)');
  }
  const workbookPath = await workbookPart(zip);
  if (!workbookPath) return notWorkbook(`压缩包中没有 ${WORKBOOK_PART}`);
  try {
    const workbook = (await partText(zip, workbookPath, budget)) ?? '';
    const folder = posix.dirname(workbookPath);
    const relsPath = `${folder}/_rels/${posix.basename(workbookPath)}.rels`;
    const targets = relationshipTargets((await partText(zip, relsPath, budget)) ?? '', folder);
    const strings = sharedStrings((await partText(zip, `${folder}/sharedStrings.xml`, budget)) ?? '');
    const decimals = cellDecimals((await partText(zip, `${folder}/styles.xml`, budget)) ?? '');
    const source: SourceLine[] = [];
    let heading: string | undefined;
    for (const [index, sheet] of sheetRefs(workbook).entries()) {
      const path = targets.get(sheet) ?? `${folder}/worksheets/sheet${index + 1}.xml`;
      const xml = await partText(zip, path, budget);
      if (xml === undefined) continue;
      const lines = sheetLines(xml, { strings, decimals }, budget);
      // Each sheet repeats the report's heading above its table, for printing: it is read once.
      if (heading !== undefined && lines[0]?.text.trim() === heading) lines.shift();
      heading ??= lines[0]?.text.trim();
      source.push(...lines);
    }
    return source;
  } catch (e) {
    if (e instanceof LimitPassed) {
      return e.message === 'cells'
        ? unreadable(
            `工作簿的单元格超过 ${budget.maxCells} 个，拒绝读取（年度报告的三张表格约有一千个单元格） (more than ${budget.maxCells} cells)`,
          )
        : unreadable(
            `工作簿解压后超过 ${sizeText(budget.maxBytes)}，拒绝读取（可能是压缩炸弹） (workbook too large once inflated)`,
          );
    }
    if (e instanceof CorruptPart) return unreadable(`${e.part} 无法解压，文件已损坏 (corrupt workbook part)`);
    throw e;
  }
}

/**
 * xl/workbook.xml, or the workbook the package relationships name (a few tools put it elsewhere). Only
 * a part under xl/ counts, so a Word document is not read as a workbook.
 */
async function workbookPart(zip: JSZip): Promise<string | undefined> {
  if (zip.file(WORKBOOK_PART)) return WORKBOOK_PART;
  const rels = zip.file('_rels/.rels');
  if (!rels || declaredSize(rels) > 1024 * 1024) return undefined;
  let xml: string;
  try {
    xml = await rels.async('string');
  } catch {
    return undefined;
  }
  for (const [relationship] of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!/Type="[^"]*\/officeDocument"/.test(relationship)) continue;
    const target = /Target="\/?([^"]+)"/.exec(relationship)?.[1];
    if (target?.startsWith('xl/') && zip.file(target)) return target;
  }
  return undefined;
}

class CorruptPart extends Error {
  constructor(readonly part: string) {
    super(part);
  }
}

/** The size the zip's directory declares for an entry (jszip keeps it untyped); 0 when absent. */
function declaredSize(file: JSZip.JSZipObject): number {
  const size = (file as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === 'number' ? size : 0;
}

/**
 * A part's text, inflated chunk by chunk against the budget: a zip's directory can lie about sizes, so
 * the count of inflated bytes, not the declaration, stops a bomb. Undefined when there is no such part.
 */
async function partText(zip: JSZip, path: string, budget: Budget): Promise<string | undefined> {
  const file = zip.file(path);
  if (!file) return undefined;
  if (budget.bytes + declaredSize(file) > budget.maxBytes) throw new LimitPassed('bytes');
  return new Promise((resolve, reject) => {
    const stream = file.nodeStream('nodebuffer');
    const parts: string[] = [];
    let decoder: TextDecoder | undefined;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      // Nothing more is read: with no reader the stream fills its buffer and jszip stops inflating.
      stream.removeAllListeners('data').pause();
      reject(error);
    };
    stream.on('data', (chunk: Uint8Array) => {
      budget.bytes += chunk.length;
      if (budget.bytes > budget.maxBytes) return fail(new LimitPassed('bytes'));
      // OOXML parts are UTF-8 unless a byte-order mark says UTF-16.
      decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : 'utf-8');
      parts.push(decoder.decode(chunk, { stream: true }));
    });
    stream.on('error', () => fail(new CorruptPart(path)));
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(parts.join('') + (decoder?.decode() ?? ''));
    });
  });
}

/** Element names without their namespace prefix: most tools write none, some write `x:`. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** OOXML writes characters XML cannot hold as `_xHHHH_` (a carriage return is `_x000D_`). */
const decodeOoxmlEscapes = (text: string) =>
  text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;

/** The relationship ids of the workbook's sheets, in the workbook's order. */
function sheetRefs(xml: string): string[] {
  const ids: string[] = [];
  scanXml(xml, {
    open(name, attributes) {
      if (local(name) !== 'sheet') return;
      const id = attribute(attributes, 'r:id') ?? /\b[\w.-]+:id\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
      ids.push(id ?? '');
    },
    close() {},
    text() {},
  });
  return ids;
}

/** Relationship id → part path, resolved against the folder of the part they belong to. */
function relationshipTargets(xml: string, folder: string): Map<string, string> {
  const targets = new Map<string, string>();
  scanXml(xml, {
    open(name, attributes) {
      if (local(name) !== 'Relationship') return;
      const id = attribute(attributes, 'Id');
      const target = attribute(attributes, 'Target');
      if (id === undefined || target === undefined) return;
      targets.set(id, target.startsWith('/') ? target.slice(1) : posix.join(folder, target));
    },
    close() {},
    text() {},
  });
  return targets;
}

/** The shared strings: each `<si>`'s text runs, without the phonetic guides (`<rPh>`). */
function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | undefined;
  let inText = 0;
  let inPhonetic = 0;
  scanXml(xml, {
    open(name) {
      const tag = local(name);
      if (tag === 'si') current = '';
      else if (tag === 't') inText++;
      else if (tag === 'rPh') inPhonetic++;
    },
    close(name) {
      const tag = local(name);
      if (tag === 'si' && current !== undefined) {
        strings.push(decodeOoxmlEscapes(current));
        current = undefined;
      } else if (tag === 't') inText = Math.max(0, inText - 1);
      else if (tag === 'rPh') inPhonetic = Math.max(0, inPhonetic - 1);
    },
    text(text) {
      if (current !== undefined && inText > 0 && inPhonetic === 0) current += text;
    },
  });
  return strings;
}

/** Decimals of Excel's built-in number formats that fix them: 1 "0", 2 "0.00", 3 "#,##0", 4 "#,##0.00". */
const BUILT_IN_DECIMALS: Readonly<Record<string, number>> = { 1: 0, 2: 2, 3: 0, 4: 2 };

/**
 * The decimals a number format code always prints ("0.00" → 2, "#,##0" → 0), or undefined for any
 * other format (General, dates, percentages…), whose numbers are read as Excel's General shows them.
 */
export function formatDecimals(code: string): number | undefined {
  const positive = code.split(';')[0]!;
  const bare = positive
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[_\\*]./g, '')
    .trim();
  const match = /^[#,]*0+(?:\.(0+))?$/.exec(bare);
  return match ? (match[1]?.length ?? 0) : undefined;
}

/** For each cell style (`s`, an index into `cellXfs`), the decimals its number format prints. */
function cellDecimals(xml: string): (number | undefined)[] {
  const formats = new Map<string, number | undefined>(
    Object.entries(BUILT_IN_DECIMALS).map(([id, d]) => [id, d]),
  );
  const out: (number | undefined)[] = [];
  let inCellXfs = 0;
  let xfDepth = 0;
  scanXml(xml, {
    open(name, attributes) {
      const tag = local(name);
      if (tag === 'numFmt') {
        const id = attribute(attributes, 'numFmtId');
        const code = attribute(attributes, 'formatCode');
        if (id !== undefined && code !== undefined) formats.set(id, formatDecimals(code));
      } else if (tag === 'cellXfs') inCellXfs++;
      else if (tag === 'xf' && inCellXfs > 0) {
        // Only the xf elements directly in cellXfs are cell styles; nothing nests xf, but be sure.
        if (xfDepth++ === 0) out.push(formats.get(attribute(attributes, 'numFmtId') ?? '0'));
      }
    },
    close(name) {
      const tag = local(name);
      if (tag === 'cellXfs') inCellXfs = Math.max(0, inCellXfs - 1);
      else if (tag === 'xf' && inCellXfs > 0) xfDepth = Math.max(0, xfDepth - 1);
    },
    text() {},
  });
  return out;
}

/** What a number cell shows: its format's decimals, else at most 15 significant digits (Excel's General). */
function numberText(raw: string, decimals: number | undefined): string {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) return raw.trim();
  if (decimals !== undefined) return value.toFixed(decimals);
  return String(Number(value.toPrecision(15)));
}

/** "AB12" → column 28, row 12 (1-based); undefined parts when the reference lacks them. */
function parseRef(ref: string): { col?: number; row?: number } {
  const m = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/.exec(ref.trim());
  if (!m) return {};
  let col: number | undefined;
  if (m[1]) {
    col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  }
  return { ...(col === undefined ? {} : { col }), ...(m[2] ? { row: Number(m[2]) } : {}) };
}

/** Excel's largest sheet: 16,384 columns (XFD). */
const MAX_COLUMN = 16_384;

interface Merge {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

interface SheetContext {
  readonly strings: readonly string[];
  readonly decimals: readonly (number | undefined)[];
}

/** One sheet's cells → lines: rows in order, each row's cells left to right, a merged block once. */
function sheetLines(xml: string, context: SheetContext, budget: Budget): SourceLine[] {
  /** Row number → column → what the cell shows. */
  const rows = new Map<number, Map<number, string>>();
  const merges: Merge[] = [];
  let rowNumber = 0;
  let column = 0;
  let cell: { type: string; style: number; value: string; inline: string } | undefined;
  let inValue = 0;
  let inInline = 0;
  let inInlineText = 0;
  let inPhonetic = 0;

  const handler: XmlHandler = {
    open(name, attributes) {
      switch (local(name)) {
        case 'row': {
          const r = Number(attribute(attributes, 'r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          column = 0;
          break;
        }
        case 'c': {
          spendCells(budget, 1);
          const ref = parseRef(attribute(attributes, 'r') ?? '');
          column = ref.col ?? column + 1;
          if (ref.row !== undefined && ref.row !== rowNumber) rowNumber = ref.row;
          cell = {
            type: attribute(attributes, 't') ?? 'n',
            style: Number(attribute(attributes, 's') ?? 0),
            value: '',
            inline: '',
          };
          break;
        }
        case 'v':
          inValue++;
          break;
        case 'is':
          inInline++;
          break;
        case 't':
          if (inInline > 0) inInlineText++;
          break;
        case 'rPh':
          inPhonetic++;
          break;
        case 'mergeCell': {
          const [from, to] = (attribute(attributes, 'ref') ?? '').split(':');
          const a = parseRef(from ?? '');
          const b = parseRef(to ?? from ?? '');
          if (a.col && a.row && b.col && b.row) {
            merges.push({
              top: Math.min(a.row, b.row),
              left: Math.min(a.col, b.col),
              bottom: Math.max(a.row, b.row),
              right: Math.max(a.col, b.col),
            });
          }
          break;
        }
      }
    },
    close(name) {
      switch (local(name)) {
        case 'c':
          if (cell && column >= 1 && column <= MAX_COLUMN) {
            const shown = cellText(cell, context);
            const row = rows.get(rowNumber) ?? new Map<number, string>();
            rows.set(rowNumber, row);
            row.set(column, shown);
          }
          cell = undefined;
          break;
        case 'v':
          inValue = Math.max(0, inValue - 1);
          break;
        case 'is':
          inInline = Math.max(0, inInline - 1);
          break;
        case 't':
          if (inInline > 0) inInlineText = Math.max(0, inInlineText - 1);
          break;
        case 'rPh':
          inPhonetic = Math.max(0, inPhonetic - 1);
          break;
      }
    },
    text(text) {
      if (!cell) return;
      if (inValue > 0) cell.value += text;
      else if (inInlineText > 0 && inPhonetic === 0) cell.inline += text;
    },
  };
  scanXml(xml, handler);
  return linesOf(rows, merges, budget);
}

function cellText(
  cell: { type: string; style: number; value: string; inline: string },
  context: SheetContext,
): string {
  switch (cell.type) {
    case 's':
      return context.strings[Number(cell.value)] ?? '';
    case 'inlineStr':
      return decodeOoxmlEscapes(cell.inline);
    case 'str':
    case 'e':
    case 'd':
      return decodeOoxmlEscapes(cell.value);
    case 'b':
      return cell.value.trim() === '1' ? 'TRUE' : 'FALSE';
    default:
      return numberText(cell.value, context.decimals[cell.style]);
  }
}

/** The first index of `sorted` holding a value ≥ `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function linesOf(
  rows: Map<number, Map<number, string>>,
  merges: readonly Merge[],
  budget: Budget,
): SourceLine[] {
  const order = [...rows.keys()].sort((a, b) => a - b);
  const lastColumn = new Map<number, number>();
  for (const r of order) {
    const last = Math.max(...rows.get(r)!.keys());
    lastColumn.set(r, last);
    // The empty places between a row's cells are cells too (a blank value Excel did not write).
    spendCells(budget, last - rows.get(r)!.size);
  }
  // Places inside a merge other than its top-left are covered: the block was read at its first place.
  // Only places in rows that hold cells matter; each one marked is paid for.
  const covered = new Set<number>();
  for (const m of merges) {
    for (let i = lowerBound(order, m.top); i < order.length && order[i]! <= m.bottom; i++) {
      const r = order[i]!;
      const right = Math.min(m.right, lastColumn.get(r)!);
      spendCells(budget, Math.max(1, right - m.left + 1));
      for (let c = m.left; c <= right; c++) {
        if (r !== m.top || c !== m.left) covered.add(r * (MAX_COLUMN + 1) + c);
      }
    }
  }
  const out: SourceLine[] = [];
  for (const r of order) {
    const row = rows.get(r)!;
    const cells: DocxCell[] = [];
    for (let c = 1; c <= lastColumn.get(r)!; c++) {
      if (!covered.has(r * (MAX_COLUMN + 1) + c)) cells.push({ text: row.get(c) ?? '' });
    }
    out.push(...rowLines(cells, r));
  }
  return out;
}
