import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import JSZip from 'jszip';
import {
  chineseDate,
  type GridCell,
  type GridTable,
  type LayoutBlock,
  reportLayout,
} from '../../domain/report/layout.js';
import { type AnnualReport, zeroReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { startColumns } from '../grid-columns.js';
import { readDocxReport } from './read-docx.js';
import { bodyLines } from './read-docx-body.js';
import { renderDocx } from './render-docx.js';

// ── A hand-written WordprocessingML writer, with the habits of documents agencies really send ──────

/** Which habits a document shows; all off is plain, Word-like XML. */
interface Habits {
  /** Text broken into runs (hyperlinks, smart tags, bookmarks between), a manual break, labels over paragraphs. */
  readonly split: boolean;
  /** Numbers typed over with track changes on: a deleted old number before each inserted new one. */
  readonly tracked: boolean;
  /** Tables and section titles inside content controls, and a control still showing its placeholder. */
  readonly controls: boolean;
  /** The heading's year as a field result, and result-less fields with Chinese field codes. */
  readonly fields: boolean;
}

const PLAIN: Habits = { split: false, tracked: false, controls: false, fields: false };
const PLACEHOLDER = '单击或点击此处输入文字。';

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const run = (text: string) =>
  `<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
const field = (code: string, result: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${esc(code)}</w:instrText></w:r>` +
  (result === '' ? '' : `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(result)}`) +
  '<w:r><w:fldChar w:fldCharType="end"/></w:r>';

function runs(text: string, h: Habits): string {
  const chars = [...text];
  if (!h.split || chars.length < 2) return run(text);
  const pieces = Array.from({ length: Math.ceil(chars.length / 3) }, (_, i) =>
    chars.slice(3 * i, 3 * i + 3).join(''),
  );
  return pieces
    .map((piece, i) => {
      const r = run(piece);
      if (i === 0) return `${r}<w:r><w:br/></w:r><w:proofErr w:type="spellStart"/>`;
      if (i % 3 === 1) return `<w:hyperlink r:id="rId9" w:history="1">${r}</w:hyperlink>`;
      if (i % 3 === 2)
        return `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">${r}</w:smartTag>`;
      return `<w:bookmarkStart w:id="${i}" w:name="_b${i}"/>${r}<w:bookmarkEnd w:id="${i}"/>`;
    })
    .join('');
}

const paragraph = (content: string, h: Habits) =>
  `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:jc w:val="both"/></w:pPr>${
    h.fields ? field(' TC "目录项" \\l 1 ', '') : ''
  }${content}</w:p>`;

const change = (kind: 'ins' | 'del', content: string) =>
  `<w:${kind} w:id="1" w:author="审核人" w:date="2025-01-10T09:00:00Z">${content}</w:${kind}>`;

function cellParagraphs(cell: GridCell, h: Habits): string {
  if (cell.role === 'value' && h.tracked) {
    const old = cell.text === '' ? '8' : `${cell.text}9`;
    const removed = change('del', `<w:r><w:delText>${old}</w:delText></w:r>`);
    return `<w:p>${removed}${cell.text === '' ? '' : change('ins', run(cell.text))}</w:p>`;
  }
  if (cell.text === '') return '<w:p/>';
  const chars = [...cell.text];
  if (h.split && cell.role !== 'value' && chars.length > 6) {
    const half = Math.floor(chars.length / 2);
    const [a, b] = [chars.slice(0, half).join(''), chars.slice(half).join('')];
    return `<w:p>${runs(a, h)}</w:p><w:p>${runs(b, h)}</w:p>`;
  }
  return `<w:p>${runs(cell.text, h)}</w:p>`;
}

/** A table as Word writes it: one w:tc per grid position a cell starts in, merged-down parts as vMerge. */
function tableXml(table: GridTable, h: Habits): string {
  const starts = startColumns(table);
  const below = new Map<string, GridCell>();
  table.rows.forEach((row, r) => {
    row.forEach((cell, i) => {
      for (let d = 1; d < (cell.rowSpan ?? 1); d++) below.set(`${r + d},${starts[r]![i]}`, cell);
    });
  });
  const rows = table.rows.map((row, r) => {
    const own = new Map(row.map((cell, i) => [starts[r]![i]!, cell]));
    const cells: string[] = [];
    for (let c = 0; c < table.columns; ) {
      const cell = own.get(c) ?? below.get(`${r},${c}`);
      if (!cell) throw new Error(`no cell at ${r},${c}`);
      const span = cell.colSpan ?? 1;
      const merge = own.has(c)
        ? (cell.rowSpan ?? 1) > 1
          ? '<w:vMerge w:val="restart"/>'
          : ''
        : r % 2 === 0
          ? '<w:vMerge/>'
          : '<w:vMerge w:val="continue"/>';
      const props = `<w:tcPr><w:tcW w:w="${600 * span}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${merge}</w:tcPr>`;
      cells.push(`<w:tc>${props}${own.has(c) ? cellParagraphs(cell, h) : '<w:p/>'}</w:tc>`);
      c += span;
    }
    return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells.join('')}</w:tr>`;
  });
  const grid = '<w:gridCol w:w="600"/>'.repeat(table.columns);
  const xml = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
  return h.controls
    ? `<w:sdt><w:sdtPr><w:alias w:val="表格"/><w:id w:val="7"/></w:sdtPr><w:sdtContent>${xml}</w:sdtContent></w:sdt>`
    : xml;
}

function headingXml(text: string, year: number, h: Habits): string {
  if (!h.fields) return paragraph(runs(text, h), h);
  const at = text.lastIndexOf(String(year));
  const content = `${runs(text.slice(0, at), h)}${field(' DOCPROPERTY ReportYear ', String(year))}${runs(text.slice(at + 4), h)}`;
  return paragraph(content, h);
}

function blockXml(block: LayoutBlock, report: AnnualReport, h: Habits): string {
  switch (block.type) {
    case 'heading': {
      const placeholder = `<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p>${run(PLACEHOLDER)}</w:p></w:sdtContent></w:sdt>`;
      return headingXml(block.text, report.year, h) + (h.controls ? placeholder : '');
    }
    case 'section': {
      const title = runs(block.title, h);
      const inline = `<w:sdt><w:sdtPr><w:tag w:val="title"/></w:sdtPr><w:sdtContent>${title}</w:sdtContent></w:sdt>`;
      return paragraph(h.controls ? inline : title, h);
    }
    case 'paragraph': {
      const dropped = h.tracked ? change('del', '<w:r><w:delText>删去的一句。</w:delText></w:r>') : '';
      return paragraph(runs(block.text, h) + dropped, h);
    }
    case 'table':
      return tableXml(block.table, h);
    case 'signature':
      return [block.agency, ...(block.date ? [chineseDate(block.date)] : [])]
        .map((t) => paragraph(runs(t, h), h))
        .join('');
  }
}

function documentXml(report: AnnualReport, h: Habits): string {
  const body = reportLayout(report).map((block) => blockXml(block, report, h));
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
    `<w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

async function zipOf(parts: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [path, text] of Object.entries(parts)) zip.file(path, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const docxOf = (xml: string) => zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': xml });

async function readBack(bytes: Uint8Array): Promise<AnnualReport> {
  const result = await readDocxReport(bytes);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.shape, 'docx');
  assert.deepEqual(result.notes, []);
  return result.report;
}

// ── Tests ─────────────────────────────────────────────────────────────────────────────────────────

describe('readDocxReport: documents as agencies write them', () => {
  const habits = fc.record({
    split: fc.boolean(),
    tracked: fc.boolean(),
    controls: fc.boolean(),
    fields: fc.boolean(),
  });

  it('reads the same report whatever the habits (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryReport(), habits, async (report, h) => {
        assert.deepEqual(await readBack(await docxOf(documentXml(report, h))), report);
      }),
      { numRuns: 30 },
    );
  });

  const sample: AnnualReport = {
    ...zeroReport({ year: 2024, format: '2021', agency: '某县自然资源局', publishedOn: '2025-01-18' }),
    text: { overview: '全年主动公开信息120条。', problems: '公开质量有待提高。', otherMatters: '无。' },
  };
  const withNumbers: AnnualReport = {
    ...sample,
    requests: { ...sample.requests, new: [7, 0, 0, 0, 0, 0, 7], carriedForward: [7, 0, 0, 0, 0, 0, 7] },
  };

  it('keeps a number inserted with track changes and ignores the deleted one', async () => {
    const xml = documentXml(withNumbers, { ...PLAIN, tracked: true });
    assert.ok(xml.includes('<w:delText>79</w:delText>') && xml.includes('删去的一句'));
    const report = await readBack(await docxOf(xml));
    assert.deepEqual(report.requests.new, [7, 0, 0, 0, 0, 0, 7]);
    assert.equal(report.text.overview, sample.text.overview);
  });

  it('joins a label split over runs, a manual line break and two paragraphs of a cell', () => {
    const xml = documentXml(sample, { ...PLAIN, split: true });
    assert.ok(xml.includes('<w:br/>'));
    const texts = bodyLines(xml).map((l) => l.text);
    assert.ok(texts.includes('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'));
    assert.ok(texts.includes('某县自然资源局2024年政府信息公开工作年度报告'));
  });

  it('prints a cell merged down a column (vMerge) once, at its top', () => {
    const texts = bodyLines(documentXml(sample, PLAIN)).map((l) => l.text);
    assert.equal(texts.filter((t) => t === '三、本年度办理结果').length, 1);
    assert.equal(texts.filter((t) => t === '（三）不予公开').length, 1);
    assert.equal(texts.filter((t) => t === '—').length, 0, 'no merged-down part reads as a blank cell');
  });

  it('reads tables inside content controls and drops a control showing its placeholder', async () => {
    const xml = documentXml(withNumbers, { ...PLAIN, controls: true });
    assert.ok(xml.includes('<w:sdtContent><w:tbl>') && xml.includes(PLACEHOLDER));
    assert.ok(!bodyLines(xml).some((l) => l.text === PLACEHOLDER));
    assert.deepEqual(await readBack(await docxOf(xml)), withNumbers);
  });

  it('reads a heading whose year is a field, and no field code as text', async () => {
    const xml = documentXml(sample, { ...PLAIN, fields: true });
    assert.ok(xml.includes('DOCPROPERTY ReportYear'));
    assert.ok(!bodyLines(xml).some((l) => l.text.includes('目录项') || l.text.includes('DOCPROPERTY')));
    assert.deepEqual(await readBack(await docxOf(xml)), sample);
  });

  it('reads an empty value cell as a blank (null), also in a row with no number at all', async () => {
    const blanks: AnnualReport = {
      ...sample,
      proactive: { ...sample.proactive, licensing: { decisions: null }, fees: { amount: null } },
      requests: {
        ...sample.requests,
        'denied.stateSecret': [null, null, null, null, null, null, null],
        granted: [null, 0, 0, 0, 0, 0, 0],
      },
      reviewLitigation: {
        ...sample.reviewLitigation,
        review: { ...sample.reviewLitigation.review, pending: null },
      },
    };
    for (const bytes of [await docxOf(documentXml(blanks, PLAIN)), await renderDocx(blanks)]) {
      const report = await readBack(bytes);
      assert.deepEqual(report, blanks);
      assert.equal(report.proactive.licensing?.decisions, null);
      assert.deepEqual(report.requests['denied.stateSecret'], Array(7).fill(null));
    }
  });

  it('numbers paragraphs and table rows from 1, and points a table error at its row', async () => {
    const xml = documentXml(sample, PLAIN);
    const lines = bodyLines(xml);
    const lineOf = (text: string) => lines.find((l) => l.text === text)?.line;
    // heading, 一's title, its one paragraph, 二's title, then the rows of 二's table
    assert.deepEqual(
      lines.slice(0, 5).map((l) => l.line),
      [1, 2, 3, 4, 5],
    );
    assert.equal(lineOf('第二十条第（一）项'), 5);
    assert.equal(lineOf('信息内容'), 6);

    // Take the last number out of 一、本年新收: whatever the text reader makes of the short row (an
    // error or a note), it names the row by its line here.
    const label = '一、本年新收政府信息公开申请数量';
    const rowEnd = xml.indexOf('</w:tr>', xml.indexOf(label));
    const broken = xml.slice(0, xml.lastIndexOf('<w:tc>', rowEnd)) + xml.slice(rowEnd);
    const result = await readDocxReport(await docxOf(broken));
    const said = result.ok ? result.notes.map((n) => n.message).join('\n') : `第 ${result.error.line} 行`;
    const row = lineOf(label)!;
    assert.equal(lineOf('二、上年结转政府信息公开申请数量'), row + 1, 'one line number per row');
    assert.match(said, new RegExp(`第 (${row}|${row + 1}) 行`));
  });
});
