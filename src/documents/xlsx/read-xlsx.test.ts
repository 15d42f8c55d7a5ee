/** @module Reading workbooks back: the project's own XLSX, hand-made sheets, and workbooks refused. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import JSZip from 'jszip';
import { exampleReport } from '../../domain/report/example.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { SEED_REPORT, skipUnlessShared } from '../../test-support/shared-files.js';
import { renderDocx } from '../docx/render-docx.js';
import { isWorkbookZip, readReport, sniffShape } from '../read-report.js';
import { parseTextReport } from '../text/parse-text.js';
import { formatDecimals, readXlsxReport, workbookLines } from './read-xlsx.js';
import { renderXlsx } from './render-xlsx.js';

/** A workbook holds the three tables only: sections 一, 五 and 六 are text the renderer leaves out. */
const SECTIONS_NOT_IN_A_WORKBOOK = ['一', '五', '六'];

/** Reads our own workbook back and checks every table cell, the year, agency and format. */
async function assertRoundTrip(original: AnnualReport): Promise<void> {
  const bytes = await renderXlsx(original);
  assert.equal(sniffShape(bytes), 'xlsx');
  const result = await readReport(bytes);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.shape, 'xlsx');
  assert.deepEqual(
    result.notes.map((n) => [n.rule, n.cells[0]?.section]),
    SECTIONS_NOT_IN_A_WORKBOOK.map((s) => ['read.missing-section', s]),
  );
  const { report } = result;
  assert.equal(report.year, original.year);
  assert.equal(report.agency, original.agency);
  assert.equal(report.format, original.format);
  assert.deepEqual(report.proactive, original.proactive, '二');
  assert.deepEqual(report.requests, original.requests, '三');
  assert.deepEqual(report.reviewLitigation, original.reviewLitigation, '四');
}

describe('readXlsxReport: the workbooks renderXlsx writes', () => {
  it('reads back the seed report (新庙镇 2020, 2019 format) cell for cell', {
    skip: skipUnlessShared(SEED_REPORT),
  }, async () => {
    const seed = parseTextReport(readFileSync(SEED_REPORT, 'utf8'));
    assert.ok(seed.ok);
    assert.equal(seed.report.agency, '新庙镇');
    await assertRoundTrip(seed.report);
  });

  for (const year of [2020, 2024]) {
    it(`reads back the example report of ${year} cell for cell`, async () => {
      await assertRoundTrip(exampleReport(year));
    });
  }

  for (const format of ['2019', '2021'] as const) {
    it(`reads back every report renderXlsx writes, ${format} format (property)`, async () => {
      await fc.assert(fc.asyncProperty(arbitraryReport(format), assertRoundTrip), { numRuns: 12 });
    });
  }

  it('reads the heading once although every sheet repeats it', async () => {
    const lines = await workbookLines(await renderXlsx(exampleReport(2024)));
    assert.ok(Array.isArray(lines));
    const heading = lines[0]!.text;
    assert.match(heading, /2024年.*年度报告/);
    assert.equal(lines.filter((l) => l.text === heading).length, 1);
  });
});

/** A workbook from its XML parts, as another tool than exceljs might write it. */
async function workbookOf(
  sheets: readonly string[],
  extra: Record<string, string> = {},
): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    'xl/workbook.xml',
    `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map((_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships>${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${i === 0 ? 'worksheets/first.xml' : `/xl/worksheets/s${i + 1}.xml`}"/>`,
      )
      .join('')}</Relationships>`,
  );
  sheets.forEach((xml, i) => {
    zip.file(i === 0 ? 'xl/worksheets/first.xml' : `xl/worksheets/s${i + 1}.xml`, xml);
  });
  for (const [path, text] of Object.entries(extra)) zip.file(path, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const sheet = (rows: string, merges = '') =>
  `<worksheet><sheetData>${rows}</sheetData>${merges ? `<mergeCells>${merges}</mergeCells>` : ''}</worksheet>`;

describe('workbookLines: a sheet as one line per cell', () => {
  const strings =
    '<sst><si><t>某县2023年政府信息公开工作年度报告</t></si>' +
    '<si><r><t>（一）予以</t></r><r><rPr><b/></rPr><t>公开</t></r><rPh><t>よし</t></rPh></si>' +
    '<si><t>第一行_x000D_第二行</t></si></sst>';
  const styles =
    '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.00_ "/></numFmts>' +
    '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="3"/></cellXfs></styleSheet>';
  const parts = { 'xl/sharedStrings.xml': strings, 'xl/styles.xml': styles };

  it('reads strings, rich text without phonetic guides, formats, formulas, and blank places as "—"', async () => {
    const bytes = await workbookOf(
      [
        sheet(
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="0"/><c r="C1" s="0"/><c r="D1" s="0"/></row>' +
            '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>12.5</v></c>' +
            '<c r="D3"><f>B3*2</f><v>25</v></c><c r="E3" s="2"><v>1200</v></c></row>' +
            '<row r="4"><c r="A4" t="inlineStr"><is><t>二、上年结转</t></is></c><c r="B4"><v>0.30000000000000004</v></c>' +
            '<c r="C4" t="str"><v>-3</v></c><c r="D4" t="b"><v>1</v></c></row>' +
            '<row r="5"><c r="A5" t="s"><v>2</v></c></row>',
          '<mergeCell ref="A1:D1"/>',
        ),
      ],
      parts,
    );
    const lines = await workbookLines(bytes);
    assert.deepEqual(lines, [
      { text: '某县2023年政府信息公开工作年度报告', line: 1 },
      { text: '（一）予以公开', line: 3 },
      { text: '12.50', line: 3 },
      { text: '—', line: 3 },
      { text: '25', line: 3 },
      { text: '1200', line: 3 },
      { text: '二、上年结转', line: 4 },
      { text: '0.3', line: 4 },
      { text: '-3', line: 4 },
      { text: 'TRUE', line: 4 },
      { text: '第一行\r第二行', line: 5 },
    ]);
  });

  it('reads a merged block once, at its top-left place, and namespaced elements', async () => {
    const bytes = await workbookOf([
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>申请人情况</x:t></x:is></x:c><x:c r="B1"/><x:c r="C1"/></x:row>' +
        '<x:row r="2"><x:c r="A2"/><x:c r="B2" t="inlineStr"><x:is><x:t>自然人</x:t></x:is></x:c>' +
        '<x:c r="C2" t="inlineStr"><x:is><x:t>其他</x:t></x:is></x:c></x:row>' +
        '</x:sheetData><x:mergeCells><x:mergeCell ref="A1:C1"/></x:mergeCells></x:worksheet>',
    ]);
    assert.deepEqual(await workbookLines(bytes), [
      { text: '申请人情况', line: 1 },
      { text: '自然人', line: 2 },
      { text: '其他', line: 2 },
    ]);
  });

  it('drops the heading a later sheet repeats, and keeps sheets in the workbook’s order', async () => {
    const titled = (second: string) =>
      sheet(
        `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${second}</t></is></c></row>`,
      );
    const bytes = await workbookOf(
      [titled('二、主动公开政府信息情况'), titled('三、收到和处理政府信息公开申请情况')],
      parts,
    );
    const lines = await workbookLines(bytes);
    assert.ok(Array.isArray(lines));
    assert.deepEqual(
      lines.map((l) => l.text),
      [
        '某县2023年政府信息公开工作年度报告',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
      ],
    );
  });

  it('knows the decimals a number format prints', () => {
    assert.equal(formatDecimals('0'), 0);
    assert.equal(formatDecimals('0.00'), 2);
    assert.equal(formatDecimals('#,##0.000'), 3);
    assert.equal(formatDecimals('0.0_);[Red](0.0)'), 1);
    assert.equal(formatDecimals('"￥"0.00'), 2);
    assert.equal(formatDecimals('General'), undefined);
    assert.equal(formatDecimals('yyyy-mm-dd'), undefined);
    assert.equal(formatDecimals('0.00%'), undefined);
  });
});

describe('readXlsxReport: workbooks that are refused, with a reason and never a throw', () => {
  const expectRefused = async (
    bytes: Uint8Array,
    pattern: RegExp,
    options: Parameters<typeof readXlsxReport>[1] = {},
  ) => {
    const result = await readXlsxReport(bytes, options);
    assert.ok(!result.ok, 'refused');
    assert.equal(result.error.code, 'input.unreadable');
    assert.match(result.error.message, pattern);
    assert.doesNotMatch(result.error.message, /Error|at \w+ \(/);
  };

  it('refuses a workbook with more cells than the limit (200,000 by default)', async () => {
    const row = (r: number) =>
      `<row r="${r}">${Array.from({ length: 10 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}"><v>${c}</v></c>`).join('')}</row>`;
    const bytes = await workbookOf([sheet(Array.from({ length: 30 }, (_, r) => row(r + 1)).join(''))]);
    await expectRefused(bytes, /单元格超过 200 个.*more than 200 cells/, { maxCells: 200 });
    const read = await workbookLines(bytes, { maxCells: 300 });
    assert.ok(Array.isArray(read), 'exactly 300 cells pass');
  });

  it('counts the empty places a row spans and the places merges cover', async () => {
    const far = await workbookOf([sheet('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>')]);
    await expectRefused(far, /单元格超过 1000 个/, { maxCells: 1000 });
    const merges = Array.from({ length: 50 }, () => '<mergeCell ref="A1:J40"/>').join('');
    const rows = Array.from(
      { length: 40 },
      (_, r) => `<row r="${r + 1}"><c r="J${r + 1}"><v>1</v></c></row>`,
    );
    const merged = await workbookOf([sheet(rows.join(''), merges)]);
    await expectRefused(merged, /单元格超过 5000 个/, { maxCells: 5000 });
  });

  it('refuses a workbook whose XML inflates beyond the limit (50 MB by default), even when its directory lies', async () => {
    const big = sheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${'公开'.repeat(200_000)}</t></is></c></row>`,
    );
    const bytes = await workbookOf([big]);
    await expectRefused(bytes, /解压后超过 512 KB.*too large once inflated/, { maxXmlBytes: 512 * 1024 });
    // The sheet declared 1 byte long in the central directory: the inflated bytes are counted anyway.
    const lying = bytes.slice();
    const view = new DataView(lying.buffer);
    const name = new TextEncoder().encode('xl/worksheets/first.xml');
    let patched = 0;
    for (let p = 0; p + 46 <= lying.length; p++) {
      if (view.getUint32(p, true) !== 0x02014b50) continue;
      const entryName = lying.subarray(p + 46, p + 46 + view.getUint16(p + 28, true));
      if (Buffer.from(entryName).equals(Buffer.from(name))) {
        view.setUint32(p + 24, 1, true);
        patched++;
      }
    }
    assert.equal(patched, 1);
    await expectRefused(lying, /解压后超过 512 KB/, { maxXmlBytes: 512 * 1024 });
  });

  it('refuses a zip without a workbook, and a corrupt zip', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    await expectRefused(
      await zip.generateAsync({ type: 'uint8array' }),
      /不是 Excel 工作簿.*not an Excel workbook/,
    );
    const garbage = new Uint8Array(2048).map((_, i) => (i * 7919) % 251);
    garbage.set([0x50, 0x4b, 0x03, 0x04]);
    await expectRefused(garbage, /文件已损坏.*corrupt zip/);
  });

  it('never throws on a damaged workbook (property)', async () => {
    const good = await renderXlsx(exampleReport(2023));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.nat(255)), { minLength: 1, maxLength: 20 }),
        async (damage) => {
          const bytes = good.slice();
          for (const [at, byte] of damage) bytes[at] = byte;
          const result = await readReport(bytes);
          if (!result.ok) assert.ok(result.error.message.length > 0);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('sniffing a zip: workbook or Word document', () => {
  it('tells our XLSX from our DOCX by the parts their directories list', async () => {
    const xlsx = await renderXlsx(exampleReport(2022));
    const docx = await renderDocx(exampleReport(2022));
    assert.equal(isWorkbookZip(xlsx), true);
    assert.equal(isWorkbookZip(docx), false);
    assert.equal(sniffShape(xlsx), 'xlsx');
    assert.equal(sniffShape(docx), 'docx');
  });

  it('leaves a zip without a readable directory to the DOCX reader, which explains', () => {
    const truncated = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    assert.equal(sniffShape(truncated), 'docx');
  });
});
