/**
 * @module Reading reports laid out the way portal editors (TRS, UEditor) publish them, built here from
 * the report's layout so the expected report is known: cells split into `<p><span>` pieces, header
 * cells broken with `<br>` and `&nbsp;` runs, blank value cells left empty, padding header cells,
 * the header of section 三 repeated mid-table, section 四 nested in a layout table, and optionally
 * the whole article inside a layout table.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  chineseDate,
  type GridCell,
  type GridTable,
  type LayoutBlock,
  reportLayout,
} from '../../domain/report/layout.js';
import { type AnnualReport, zeroReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { readHtmlReport } from './read-html.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const NBSP_RUN = '\n &nbsp; &nbsp; &nbsp; &nbsp;';

/** A label cut in two, each half in its own editor paragraph, padded as editors pad them. */
function pieces(text: string): string {
  if (text.length < 4) return `<p style="text-indent: 0em;">${escapeHtml(text)}</p>`;
  const half = Math.floor(text.length / 2);
  return (
    `<p style="text-indent: 0em;"><span style="text-indent: 0em;">${escapeHtml(text.slice(0, half))}</span>${NBSP_RUN}</p>` +
    `<p style="text-indent: 0em;">${escapeHtml(text.slice(half))}</p>`
  );
}

/** A header broken by hand with a line break, as in `本年新<br>&nbsp;制作数量`. */
function brokenHeader(text: string): string {
  const half = Math.floor(text.length / 2);
  return `${escapeHtml(text.slice(0, half))}<br/>\n&nbsp;&nbsp;${escapeHtml(text.slice(half))}`;
}

function editorCell(cell: GridCell, rowHasNumber: boolean): string {
  const spans = `${cell.rowSpan ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan ? ` colspan="${cell.colSpan}"` : ''}`;
  const open = `<td${spans} style="padding: 5px; border: 1px solid windowtext;" valign="center" width="64">`;
  switch (cell.role) {
    case 'value':
      if (cell.text !== '') return `${open}<p style="text-indent: 0em;"><span>${cell.text}</span></p></td>`;
      // Blank cells are left empty; a row with no number at all prints dashes, or it could not be told
      // from a header row.
      return rowHasNumber ? `${open}<p>&nbsp;</p></td>` : `${open}—</td>`;
    case 'header':
      return `${open}${brokenHeader(cell.text)}</td>`;
    default:
      return `${open}${pieces(cell.text)}</td>`;
  }
}

function editorTable(table: GridTable): string {
  const rows = table.rows.map((row) => {
    const values = row.filter((c) => c.role === 'value');
    const hasNumber = values.some((c) => c.text !== '');
    // Header rows carry an empty padding cell, as tables pasted from Word often do.
    const padding = values.length === 0 ? '<td style="border: none;">&nbsp;</td>' : '';
    return `<tr style="height: 19px">${row.map((c) => editorCell(c, hasNumber)).join('')}${padding}</tr>`;
  });
  if (table.section === '三') {
    // A table split across pages repeats its header before the outcomes.
    const at = table.headerRows + 3;
    rows.splice(at, 0, ...rows.slice(0, table.headerRows));
  }
  const html = `<table border="1" cellspacing="0" style="border-collapse: collapse;"><tbody>${rows.join('\n')}</tbody></table>`;
  return table.section === '四'
    ? `<table width="100%"><tbody><tr><td align="center">${html}</td></tr></tbody></table>`
    : html;
}

function editorBlock(report: AnnualReport, block: LayoutBlock): string {
  switch (block.type) {
    case 'heading':
      return (
        `<div class="title">\n  ${escapeHtml(block.text)}\n</div>\n<div class="info"><span>来源：本站</span>` +
        (report.publishedOn ? `&nbsp;&nbsp;<span>发布时间：${report.publishedOn}</span>` : '') +
        '</div><div class="TRS_Editor">'
      );
    case 'section':
      return `<p style="text-indent: 2em;"><strong><span style="font-family: 黑体, SimHei;">${escapeHtml(block.title)}</span>&nbsp;</strong></p>`;
    case 'paragraph':
      return `<p style="text-indent: 2em;"><span style="font-family: 仿宋;">${escapeHtml(block.text)}</span></p>`;
    case 'table':
      return editorTable(block.table);
    case 'signature':
      return (
        `<p style="text-align: right;">${escapeHtml(block.agency)}</p>` +
        (block.date ? `<p style="text-align: right;">${chineseDate(block.date)}</p>` : '') +
        '</div>'
      );
  }
}

const editorArticle = (report: AnnualReport) =>
  reportLayout(report)
    .map((block) => editorBlock(report, block))
    .join('\n');

function editorPage(report: AnnualReport, inLayoutTable: boolean): string {
  const article = editorArticle(report);
  const body = inLayoutTable
    ? `<table class="main" width="1000"><tr><td width="200"><a href="/">首页</a></td><td>${article}</td></tr></table>`
    : `<div class="main">${article}</div>`;
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<script type="text/javascript">var title = '<h1>2020年政府信息公开工作年度报告</h1>';</script></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a></div>
${body}
<div class="footer">主办单位：某市人民政府办公室 &nbsp; 网站标识码：3500000000</div></body></html>`;
}

const read = (html: string) => readHtmlReport(new TextEncoder().encode(html));

describe('reading portal editor markup', () => {
  it('reads editor-style pages back to the identical report, both formats (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), fc.boolean(), (report, inLayoutTable) => {
        const result = read(editorPage(report, inLayoutTable));
        assert.ok(result.ok, JSON.stringify(result));
        assert.deepEqual(result.report, report);
        assert.deepEqual(result.notes, []);
      }),
      { numRuns: 100 },
    );
  });

  it('reads an empty value cell as null beside the numbers of its row', () => {
    const base = zeroReport({
      year: 2024,
      format: '2021',
      agency: '某街道办事处',
      publishedOn: '2025-01-10',
    });
    const report: AnnualReport = {
      ...base,
      requests: { ...base.requests, new: [3, null, 0, 0, 0, 0, 3], total: [3, null, 0, 0, 0, 0, 3] },
      reviewLitigation: {
        ...base.reviewLitigation,
        review: { ...base.reviewLitigation.review, other: null },
      },
    };
    const html = editorPage(report, false);
    assert.match(html, /<p>&nbsp;<\/p><\/td>/);
    const result = read(html);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.report.requests.new, [3, null, 0, 0, 0, 0, 3]);
    assert.equal(result.report.reviewLitigation.review.other, null);
    assert.deepEqual(result.report, report);
  });
});
