/**
 * @module The machine outputs of a batch audit, written a piece at a time: the JSON document
 * (`{ summary, files: [...] }`, the array written element by element) and the CSV (one row per finding,
 * then one per duplicate agency-year, RFC 4180, UTF-8 with a byte-order mark so that Excel shows the
 * Chinese).
 */

import { cellKey } from '../domain/report/validation/cell-names.js';
import { type CellDifference, DUPLICATE_RULE, type DuplicateReport, duplicateVerdict } from './duplicates.js';
import type { AuditRun } from './run-audit.js';
import { UNREADABLE_RULE } from './tally.js';
import { unreadableReason } from './terminal.js';
import type { FileResult } from './types.js';

/** Collects small writes into chunks of about 64 KB, so 100,000 results are not 100,000 writes. */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly sink: (text: string) => void,
    private readonly limit = 1 << 16,
  ) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.limit) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.sink(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** The JSON document, piece by piece: the summary first (it is known before any result is written). */
export function writeAuditJson(run: AuditRun, out: ChunkedWriter): void {
  out.write(`{\n"summary": ${JSON.stringify(run.summary, null, 2)},\n"files": [`);
  let first = true;
  for (const line of run.jsonLines()) {
    out.write(first ? '\n' : ',\n');
    out.write(line);
    first = false;
  }
  out.write('\n]\n}\n');
  out.flush();
}

const CSV_HEADER = ['file', 'agency', 'year', 'rule', 'severity', 'cells', 'expected', 'found', 'message'];

/** A spreadsheet runs a cell starting with one of these as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number as the findings write one in text (a count, a change such as -3, an amount). */
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. Text
 * that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) gets
 * a leading apostrophe, so a report cannot smuggle a formula into the supervisor's Excel; a number,
 * also one written as text such as -3, is left a number (a number alone is no formula).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !NUMBER_TEXT.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: readonly (string | number | null | undefined)[]) =>
  `${fields.map(csvField).join(',')}\r\n`;

/** The CSV rows of one file: one per finding; an unreadable file gets one `read.unreadable` row. */
export function csvRows(r: FileResult): string {
  if (r.status === 'unreadable')
    return csvLine([
      r.file,
      r.agency,
      r.year,
      UNREADABLE_RULE,
      'error',
      '',
      '',
      '',
      unreadableReason(r.error),
    ]);
  return r.findings
    .map((f) =>
      csvLine([
        r.file,
        r.agency,
        r.year,
        f.rule,
        f.severity,
        f.cells.map(cellKey).join(';'),
        f.expected,
        f.found,
        f.message,
      ]),
    )
    .join('');
}

/**
 * The CSV row of a duplicate, on the later file: rule `audit.duplicate-report`, the cells that differ,
 * the first file's values as `expected` and this file's as `found` (`;`-joined like the cells).
 */
export function duplicateCsvRow(d: DuplicateReport): string {
  const values = (pick: (x: CellDifference) => string | null) =>
    d.differences.map((x) => pick(x) ?? '').join(';');
  return csvLine([
    d.files[1],
    d.agency,
    d.year,
    DUPLICATE_RULE,
    'warning',
    d.differences.map((x) => cellKey(x.cell)).join(';'),
    values((x) => x.first),
    values((x) => x.second),
    `与 ${d.files[0]} 同为 ${d.agency} ${d.year} 年度的报告：${duplicateVerdict(d)}`,
  ]);
}

export function writeAuditCsv(run: AuditRun, out: ChunkedWriter): void {
  out.write(`\uFEFF${csvLine(CSV_HEADER)}`);
  for (const result of run.results()) out.write(csvRows(result));
  for (const duplicate of run.summary.duplicates) out.write(duplicateCsvRow(duplicate));
  out.flush();
}
