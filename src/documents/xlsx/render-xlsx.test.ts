/** @module Round trips of the XLSX renderer: every layout cell, merge and number read back from the file. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import type { ReportFormat } from '../../domain/report/format.js';
import { reportHeading, sectionTitle } from '../../domain/report/labels.js';
import {
  type GridCell,
  type GridTable,
  proactiveGrid,
  requestGrid,
  reviewGrid,
} from '../../domain/report/layout.js';
import { type AnnualReport, zeroReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { amountCell } from './amount-cell.js';
import { renderXlsx, SHEET_NAMES } from './render-xlsx.js';

const TITLE_ROWS = 2;
const SHEETS = ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、行政复议行政诉讼情况'];

const grids = (report: AnnualReport): GridTable[] => [
  proactiveGrid(report),
  requestGrid(report),
  reviewGrid(report),
];

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  await workbook.xlsx.load(copy);
  return workbook;
}

const address = (row: number, col: number) => `${String.fromCharCode(64 + col)}${row}`;

interface Expected {
  readonly row: number;
  readonly col: number;
  readonly cell: GridCell;
}

/** Where each layout cell must land, worked out independently of the renderer (first free position). */
function expectedPositions(table: GridTable): Expected[] {
  const taken = new Set<string>();
  const out: Expected[] = [];
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r},${c}`)) c++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++)
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) taken.add(`${r + dr},${c + dc}`);
      out.push({ row: TITLE_ROWS + 1 + r, col: c + 1, cell });
      c += cell.colSpan ?? 1;
    }
  });
  return out;
}

function expectedMerges(table: GridTable): Set<string> {
  const merges = new Set([`A1:${address(1, table.columns)}`, `A2:${address(2, table.columns)}`]);
  for (const { row, col, cell } of expectedPositions(table)) {
    const bottom = row + (cell.rowSpan ?? 1) - 1;
    const right = col + (cell.colSpan ?? 1) - 1;
    if (bottom > row || right > col) merges.add(`${address(row, col)}:${address(bottom, right)}`);
  }
  return merges;
}

/** Decimals an amount's number format shows: "0.00" → 2, "0" → 0. */
function numFmtScale(numFmt: string | undefined): number {
  const match = /^0(?:\.(0+))?$/.exec(numFmt ?? '');
  assert.ok(match, `amount number format ${numFmt} shows a fixed number of decimals`);
  return match[1]?.length ?? 0;
}

function assertCell(sheet: ExcelJS.Worksheet, { row, col, cell }: Expected): void {
  const actual = sheet.getCell(row, col);
  const where = `${sheet.name}!${address(row, col)} (${cell.path ?? cell.text})`;
  if (cell.role !== 'value') {
    assert.equal(actual.value, cell.text, where);
    if (cell.role === 'header') {
      assert.equal(actual.font?.bold, true, `${where} bold`);
      assert.equal(actual.alignment?.horizontal, 'center', `${where} centred`);
    }
    assert.equal(actual.alignment?.wrapText, true, `${where} wraps`);
    return;
  }
  if (cell.value === null || cell.value === undefined) {
    assert.equal(actual.value, null, `${where} stays empty`);
  } else if (typeof cell.value === 'number') {
    assert.equal(typeof actual.value, 'number', where);
    assert.equal(actual.value, cell.value, where);
  } else {
    // Generated amounts have at most nine digits, so every one of them must come back as a number.
    assert.equal(typeof actual.value, 'number', `${where} amount is numeric`);
    assert.equal((actual.value as number).toFixed(numFmtScale(actual.numFmt)), cell.text, where);
  }
}

function assertBorders(sheet: ExcelJS.Worksheet, table: GridTable): void {
  for (let r = TITLE_ROWS + 1; r <= TITLE_ROWS + table.rows.length; r++)
    for (let c = 1; c <= table.columns; c++) {
      const border = sheet.getCell(r, c).border;
      for (const side of ['top', 'left', 'bottom', 'right'] as const)
        assert.equal(border?.[side]?.style, 'thin', `${sheet.name}!${address(r, c)} ${side} border`);
    }
}

async function assertRoundTrip(report: AnnualReport): Promise<void> {
  const workbook = await load(await renderXlsx(report));
  assert.deepEqual(
    workbook.worksheets.map((s) => s.name),
    SHEETS,
  );
  const heading = reportHeading(report.agency, report.year);
  const sections = ['二', '三', '四'] as const;
  grids(report).forEach((table, i) => {
    const sheet = workbook.getWorksheet(SHEETS[i]!)!;
    assert.equal(sheet.getCell('A1').value, heading);
    assert.equal(sheet.getCell('A2').value, sectionTitle(report.format, sections[i]!));
    for (const expected of expectedPositions(table)) assertCell(sheet, expected);
    assert.deepEqual(new Set(sheet.model.merges), expectedMerges(table), `${sheet.name} merges`);
    assertBorders(sheet, table);
  });
}

/** The sheet position of a value cell, found by its report JSON path. */
function positionOf(table: GridTable, path: string): string {
  const found = expectedPositions(table).find((e) => e.cell.path === path);
  assert.ok(found, `layout has ${path}`);
  return address(found.row, found.col);
}

const report2021 = (edit: (r: AnnualReport) => AnnualReport = (r) => r) =>
  edit(zeroReport({ year: 2024, format: '2021', agency: '新庙镇', publishedOn: '2025-01-18' }));

const withFee = (amount: string | null) =>
  report2021((r) => ({ ...r, proactive: { ...r.proactive, fees: { amount } } }));

describe('the XLSX document', () => {
  for (const format of ['2019', '2021'] as const satisfies readonly ReportFormat[]) {
    it(`draws every layout cell, number and merge of the ${format} format`, async () => {
      await fc.assert(fc.asyncProperty(arbitraryReport(format), assertRoundTrip), { numRuns: 13 });
    });
  }

  it('names sheets within Excel limits and sets page, view and workbook properties', async () => {
    for (const name of Object.values(SHEET_NAMES)) {
      assert.ok(name.length <= 31, `${name} fits 31 characters`);
      assert.doesNotMatch(name, /[:\\/?*[\]]/);
    }
    const report = report2021();
    const workbook = await load(await renderXlsx(report));
    assert.equal(workbook.creator, 'Gongkai');
    assert.equal(workbook.title, '新庙镇2024年政府信息公开工作年度报告');
    grids(report).forEach((table, i) => {
      const sheet = workbook.worksheets[i]!;
      const frozen = TITLE_ROWS + table.headerRows;
      assert.deepEqual(
        [sheet.views[0]?.state, (sheet.views[0] as { ySplit?: number }).ySplit],
        ['frozen', frozen],
      );
      assert.equal(sheet.pageSetup.printTitlesRow, `1:${frozen}`);
      assert.equal(sheet.pageSetup.paperSize, 9, 'A4');
      assert.equal(sheet.pageSetup.orientation, i === 0 ? 'portrait' : 'landscape');
      assert.equal(sheet.pageSetup.fitToWidth, 1);
      assert.match(sheet.getCell(TITLE_ROWS + 1, 1).font?.name ?? '', /宋体|仿宋|黑体/);
      assert.ok((sheet.getColumn(1).width ?? 0) > 5, 'columns are sized');
    });
  });

  it('stores names, merges, numbers and blanks as Excel expects in the raw file', async () => {
    const report = report2021((r) => ({ ...r, requests: { ...r.requests, new: [7, null, 0, 0, 0, 0, 7] } }));
    const zip = await JSZip.loadAsync(await renderXlsx(report));
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    for (const name of SHEETS)
      assert.ok(workbookXml.includes(`name="${name}"`), `workbook.xml lists ${name}`);
    const sheetXml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    assert.match(sheetXml, /<mergeCell ref="A3:C5"\/>/);
    const table = requestGrid(report);
    const cellXml = (ref: string) => new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`).exec(sheetXml)?.[0] ?? '';
    const seven = cellXml(positionOf(table, 'requests.new.0'));
    assert.match(seven, /<v>7<\/v>/);
    assert.doesNotMatch(seven, /t="s"/, 'a count is a number, not a shared string');
    assert.doesNotMatch(cellXml(positionOf(table, 'requests.new.1')), /<v>/, 'a blank has no value');
    assert.match(cellXml(positionOf(table, 'requests.new.2')), /<v>0<\/v>/, 'a printed 0 stays 0');
  });

  it('keeps the decimals an amount was printed with', async () => {
    const cases = [
      ['0.10', 0.1, '0.00'],
      ['123456.7890', 123456.789, '0.0000'],
      ['12', 12, '0'],
    ] as const;
    for (const [text, value, numFmt] of cases) {
      const report = withFee(text);
      const sheet = (await load(await renderXlsx(report))).worksheets[0]!;
      const cell = sheet.getCell(positionOf(proactiveGrid(report), 'proactive.fees.amount'));
      assert.equal(cell.value, value, text);
      assert.equal(cell.numFmt, numFmt, text);
      assert.equal((cell.value as number).toFixed(numFmtScale(cell.numFmt)), text);
    }
  });

  it('writes an amount beyond 15 significant digits as text, with a note saying why', async () => {
    const text = '1234567890123.4567';
    const report = withFee(text);
    const sheet = (await load(await renderXlsx(report))).worksheets[0]!;
    const cell = sheet.getCell(positionOf(proactiveGrid(report), 'proactive.fees.amount'));
    assert.equal(cell.value, text);
    assert.match(JSON.stringify(cell.note), /15 位有效数字/);
    assert.deepEqual(amountCell('123456789012345'), { type: 'number', value: 123456789012345, numFmt: '0' });
    assert.equal(amountCell('1234567890123.450').type, 'text', 'a shown trailing zero counts as a digit');
    assert.equal(amountCell('0.000000000000001').type, 'number', 'leading zeros do not count');
  });

  it('leaves a blank amount empty rather than 0', async () => {
    const report = withFee(null);
    const sheet = (await load(await renderXlsx(report))).worksheets[0]!;
    assert.equal(sheet.getCell(positionOf(proactiveGrid(report), 'proactive.fees.amount')).value, null);
  });
});
