import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import JSZip from 'jszip';
import { reportHeading } from '../../domain/report/labels.js';
import { chineseDate, type GridTable, type LayoutBlock, reportLayout } from '../../domain/report/layout.js';
import { type AnnualReport, zeroReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { renderDocx } from './render-docx.js';

// ── Reading the package back: a small regex walk over WordprocessingML ───────────────────────────
// The `(?:\s[^>]*)?>` after each tag name keeps <w:tbl> from matching <w:tblPr>, <w:t> from <w:tcPr> …

async function partsOf(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string) => {
    const file = zip.file(path);
    assert.ok(file, `${path} is in the package`);
    return file.async('string');
  };
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    fontTable: await read('word/fontTable.xml'),
    core: await read('docProps/core.xml'),
  };
}

function unescapeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

const elements = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);

const textOf = (xml: string): string =>
  elements(xml, 'w:p')
    .map((p) => elements(p, 'w:t').map(unescapeXml).join(''))
    .join('\n');

interface XmlCell {
  readonly text: string;
  readonly gridSpan: number;
  /** null: not merged down; 'continue': the part of a merged cell that docx adds below its first row. */
  readonly vMerge: 'restart' | 'continue' | null;
}

interface XmlTable {
  readonly gridColumns: number;
  readonly rows: readonly { readonly repeatsAsHeader: boolean; readonly cells: readonly XmlCell[] }[];
}

function tablesOf(documentXml: string): XmlTable[] {
  return elements(documentXml, 'w:tbl').map((tbl) => ({
    gridColumns: (tbl.match(/<w:gridCol\b/g) ?? []).length,
    rows: elements(tbl, 'w:tr').map((tr) => ({
      repeatsAsHeader: /<w:tblHeader\s*\/>/.test(tr),
      cells: elements(tr, 'w:tc').map((tc) => {
        const merge = tc.match(/<w:vMerge(?:\s+w:val="(\w+)")?\s*\/>/);
        return {
          text: textOf(tc),
          gridSpan: Number(tc.match(/<w:gridSpan\s+w:val="(\d+)"/)?.[1] ?? 1),
          vMerge: merge ? (merge[1] === 'restart' ? 'restart' : 'continue') : null,
        };
      }),
    })),
  }));
}

/** Paragraph texts outside tables, blank spacer paragraphs left out. */
function bodyTexts(documentXml: string): string[] {
  const withoutTables = documentXml.replace(/<w:tbl(?:\s[^>]*)?>[\s\S]*?<\/w:tbl>/g, '');
  return elements(withoutTables, 'w:p')
    .map((p) => elements(p, 'w:t').map(unescapeXml).join(''))
    .filter((t) => t !== '');
}

// ── What the layout says should be there ──────────────────────────────────────────────────────────

const layoutTables = (layout: LayoutBlock[]): GridTable[] =>
  layout.flatMap((b) => (b.type === 'table' ? [b.table] : []));

function blockTexts(b: LayoutBlock): string[] {
  switch (b.type) {
    case 'heading':
      return [b.text];
    case 'section':
      return [b.title];
    case 'paragraph':
      return [b.text];
    case 'signature':
      return b.date === null ? [b.agency] : [b.agency, chineseDate(b.date)];
    case 'table':
      return [];
  }
}

async function checkAgainstLayout(report: AnnualReport): Promise<void> {
  const layout = reportLayout(report);
  const { document } = await partsOf(await renderDocx(report));
  const expected = layoutTables(layout);
  const actual = tablesOf(document);
  assert.equal(actual.length, expected.length, 'one DOCX table per layout table');

  expected.forEach((grid, t) => {
    const table = actual[t]!;
    const origins = table.rows.flatMap((r) => r.cells.filter((c) => c.vMerge !== 'continue'));
    const cells = grid.rows.flat();
    // Every label and number, in order, with blank cells left blank.
    assert.deepEqual(
      origins.map((c) => c.text),
      cells.map((c) => c.text),
      `section ${grid.section} cell texts`,
    );
    assert.deepEqual(
      origins.map((c) => c.gridSpan),
      cells.map((c) => c.colSpan ?? 1),
      `section ${grid.section} column spans`,
    );
    const rawXml = elements(document, 'w:tbl')[t]!;
    assert.equal(
      (rawXml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length,
      cells.filter((c) => (c.rowSpan ?? 1) > 1).length,
      `section ${grid.section}: one vMerge restart per rowspan`,
    );
    // docx repeats gridSpan on each row a merged cell reaches down into.
    assert.equal(
      (rawXml.match(/<w:gridSpan\b/g) ?? []).length,
      cells.filter((c) => (c.colSpan ?? 1) > 1).reduce((n, c) => n + (c.rowSpan ?? 1), 0),
      `section ${grid.section}: gridSpan elements`,
    );
    assert.equal(
      table.rows.flatMap((r) => r.cells).filter((c) => c.vMerge === 'continue').length,
      cells.reduce((n, c) => n + (c.rowSpan ?? 1) - 1, 0),
      `section ${grid.section}: merged-down rows`,
    );
    // Every row covers the whole grid, so no merge shifted a column.
    assert.equal(table.gridColumns, grid.columns);
    for (const row of table.rows) {
      assert.equal(
        row.cells.reduce((n, c) => n + c.gridSpan, 0),
        grid.columns,
      );
    }
    assert.deepEqual(
      table.rows.map((r) => r.repeatsAsHeader),
      grid.rows.map((_, r) => r < grid.headerRows),
      `section ${grid.section}: repeating header rows`,
    );
  });

  assert.deepEqual(bodyTexts(document), layout.flatMap(blockTexts));
}

describe('renderDocx', () => {
  it('draws every table cell, merge and paragraph of the layout, in both formats', async () => {
    await fc.assert(fc.asyncProperty(arbitraryReport(), checkAgainstLayout), { numRuns: 25 });
  });

  it('draws the 2019 and the 2021 format with full text and a signature date', async () => {
    for (const format of ['2019', '2021'] as const) {
      const report: AnnualReport = {
        ...zeroReport({
          year: format === '2019' ? 2020 : 2024,
          format,
          agency: '新庙镇',
          publishedOn: '2025-01-18',
        }),
        text: { overview: '第一段。\n第二段。', problems: '问题。', otherMatters: '无。' },
      };
      await checkAgainstLayout(report);
      const { document } = await partsOf(await renderDocx(report));
      assert.ok(bodyTexts(document).includes('2025年1月18日'));
    }
  });

  it('names the official fonts with open fallbacks, on A4 with GB/T 9704 margins', async () => {
    const report = zeroReport({ year: 2024, format: '2021', agency: '某局', publishedOn: null });
    const { document, styles, fontTable } = await partsOf(await renderDocx(report));
    for (const face of ['仿宋_GB2312', '黑体', '方正小标宋简体']) {
      assert.ok(document.includes(`w:eastAsia="${face}"`), `${face} is set on runs`);
    }
    assert.ok(styles.includes('w:eastAsia="仿宋_GB2312"'), 'the document default is 仿宋_GB2312');

    const runFonts = document.match(/<w:rFonts [^>]*\/>/g) ?? [];
    assert.ok(runFonts.length > 0);
    for (const fonts of runFonts) {
      assert.match(fonts, /w:eastAsia="[^"]+"/);
      assert.match(fonts, /w:ascii="Times New Roman"/);
    }

    for (const face of ['仿宋_GB2312', '黑体', '方正小标宋简体']) {
      const entry = fontTable.match(new RegExp(`<w:font w:name="${face}">([\\s\\S]*?)</w:font>`))?.[1];
      assert.ok(entry, `${face} is in the font table`);
      assert.match(
        entry,
        /<w:altName w:val="[^"]*(Noto|Source Han)[^"]*"\/>/,
        `${face} falls back to an open font`,
      );
      assert.match(entry, /<w:charset w:val="86"\/>/, `${face} is a GB2312 font`);
    }

    const sizes = document.match(/<w:pgSz [^>]*\/>/g) ?? [];
    assert.ok(sizes.length > 0);
    for (const size of sizes) {
      const w = size.match(/w:w="(\d+)"/)?.[1];
      const h = size.match(/w:h="(\d+)"/)?.[1];
      assert.ok(
        (w === '11906' && h === '16838') || (w === '16838' && h === '11906'),
        `A4 page size, got ${size}`,
      );
    }
    const margins = document.match(/<w:pgMar [^>]*\/>/)?.[0] ?? '';
    assert.match(margins, /w:top="2098"/);
    assert.match(margins, /w:bottom="1984"/);

    // Every table, section 四's fifteen columns included, fits between the margins.
    const attr = (name: string) => Number(margins.match(new RegExp(`w:${name}="(\\d+)"`))?.[1]);
    const textWidth = 11906 - attr('left') - attr('right');
    const tables = elements(document, 'w:tbl');
    assert.equal(tables.length, 3);
    for (const tbl of tables) {
      const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      assert.ok(
        grid.length > 0 && grid.reduce((a, b) => a + b, 0) <= textWidth,
        `grid ${grid} fits ${textWidth}`,
      );
    }
  });

  it('sets the title and creator', async () => {
    const report = zeroReport({ year: 2023, format: '2021', agency: '某县自然资源局' });
    const { core } = await partsOf(await renderDocx(report));
    assert.equal(
      unescapeXml(core.match(/<dc:title>([^<]*)<\/dc:title>/)?.[1] ?? ''),
      reportHeading('某县自然资源局', 2023),
    );
    assert.match(core, /<dc:creator>Gongkai<\/dc:creator>/);
  });

  it('escapes XML-special characters and reads them back unchanged', async () => {
    const agency = `A&B<局>"甲"'乙'`;
    const paragraphs = ['x < y && z > 0', `引号"双"与'单'，&amp; 不是实体`, '<w:t>假标签</w:t>'];
    const report: AnnualReport = {
      ...zeroReport({ year: 2024, format: '2021', agency, publishedOn: '2025-03-01' }),
      text: { overview: paragraphs[0]!, problems: paragraphs[1]!, otherMatters: paragraphs[2]! },
    };
    const { document, core } = await partsOf(await renderDocx(report));
    const texts = bodyTexts(document);
    assert.equal(texts[0], reportHeading(agency, 2024));
    for (const p of paragraphs) assert.ok(texts.includes(p), `paragraph ${p} reads back`);
    assert.deepEqual(texts.slice(-2), [agency, '2025年3月1日']);
    assert.ok(!document.includes('<局>') && !document.includes('假标签</w:t></w:t>'), 'escaped, not raw');
    assert.equal(
      unescapeXml(core.match(/<dc:title>([^<]*)<\/dc:title>/)?.[1] ?? ''),
      reportHeading(agency, 2024),
    );
  });
});
