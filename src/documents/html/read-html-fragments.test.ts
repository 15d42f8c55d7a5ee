/**
 * @module Reading HTML fragments (issue 10, part 4): a CMS's stored article body without <html> or
 * <body>, in the markup Word's "save as web page" and common CMS editors (TRS 拓尔思, UEditor) give a
 * report: `<td><p class=MsoNormal><span>…<o:p></o:p></span></p></td>` cells, a Word <style> and
 * conditional comments, `&nbsp;` in the cells left blank, and a published report that leaves a whole
 * column of section 三 blank. Each document is made from `renderHtml`'s output, transformed, so the
 * report it must read back to is known cell for cell.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { exampleReport } from '../../domain/report/example.js';
import { REQUEST_COLUMNS } from '../../domain/report/labels.js';
import type { AnnualReport, CountCell } from '../../domain/report/model.js';
import type { CellRef } from '../../domain/report/validation/finding.js';
import { validateReadReport } from '../../domain/report/validation/validate.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { readReport, sniffShape } from '../read-report.js';
import type { ReadResult } from '../read-result.js';
import { readHtmlReport } from './read-html.js';
import { renderHtml } from './render-html.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

// ── Transforms of renderHtml's output ───────────────────────────────────────

/** The article's body alone: no <article>, no <style>, as a CMS stores the text it shows. */
function bareBody(report: AnnualReport): string {
  return renderHtml(report, { fragment: true })
    .replace(/^<article[^>]*>/, '')
    .replace(/<\/article>$/, '')
    .replace(/<style>[\s\S]*?<\/style>/, '');
}

const WORD_SPAN = "<span style='font-size:10.5pt;font-family:仿宋_GB2312;mso-hansi-font-family:宋体'>";
const WORD_BORDER =
  "style='border:solid windowtext 1.0pt;border-top:none;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'";

/** A cell's text as Word writes it: a MsoNormal paragraph, a span, an empty <o:p>; `blank` if empty. */
function wordCellContent(text: string, blank: string): string {
  if (text === '')
    return `<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>${blank}</span></p>`;
  return `<p class=MsoNormal align=center style='text-align:center'>${WORD_SPAN}${text}<span lang=EN-US><o:p></o:p></span></span></p>`;
}

/**
 * Word's table markup: every cell a <td> with unquoted width and spans, no class, no data-path (so a
 * blank value cell is known only by the numbers beside it), no <thead>, no <colgroup>, and the
 * `supportMisalignedColumns` row of empty cells Word adds at the end.
 */
function wordTables(html: string, blank: string): string {
  return html
    .replace(/<colgroup>[\s\S]*?<\/colgroup>/g, '')
    .replace(/<\/?(thead|tbody)>/g, '')
    .replace(
      /<table [^>]*>/g,
      "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>",
    )
    .replace(
      /<\/table>/g,
      "<![if !supportMisalignedColumns]><tr height=0><td width=41 style='border:none'></td><td width=98 style='border:none'></td></tr><![endif]></table>",
    )
    .replace(/<tr>/g, "<tr style='mso-yfti-irow:1;height:22.7pt'>")
    .replace(/<(th|td) ([^>]*)>([^<]*)<\/\1>/g, (_, _tag, attrs: string, text: string) => {
      const rowSpan = /rowspan="(\d+)"/.exec(attrs)?.[1];
      const colSpan = /colspan="(\d+)"/.exec(attrs)?.[1];
      const spans = `${rowSpan ? ` rowspan=${rowSpan}` : ''}${colSpan ? ` colspan=${colSpan}` : ''}`;
      return `<td width=64${spans} valign=top ${WORD_BORDER}>${wordCellContent(text, blank)}</td>`;
    });
}

/** Headings and paragraphs as Word's MsoNormal paragraphs (a heading is a bold centred paragraph). */
function wordParagraphs(html: string): string {
  return html
    .replace(
      /<h1>([^<]*)<\/h1>/,
      "<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>$1<span lang=EN-US><o:p></o:p></span></span></b></p>",
    )
    .replace(
      /<h2 [^>]*>([^<]*)<\/h2>/g,
      "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span style='font-size:16.0pt;font-family:黑体'>$1<span lang=EN-US><o:p></o:p></span></span></p>",
    )
    .replace(
      /<p>([^<]*)<\/p>/g,
      "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312'>$1</span><span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>",
    );
}

/** What Word puts before the body when the article was pasted from a saved web page. */
const WORD_JUNK =
  '<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View><w:Zoom>100</w:Zoom><w:TrackMoves>false</w:TrackMoves></w:WordDocument></xml><![endif]-->' +
  "<style><!-- /* Style Definitions */ p.MsoNormal, li.MsoNormal {mso-style-parent:''; margin:0cm; font-size:10.5pt;} @page WordSection1 {size:595.3pt 841.9pt;} --></style>";

/** The same article as Word-HTML, no <html> or <body>. */
const wordFragment = (report: AnnualReport, blank = '<o:p>&nbsp;</o:p>') =>
  `${WORD_JUNK}\n<div class=WordSection1 style='layout-grid:15.6pt'>${wordParagraphs(wordTables(bareBody(report), blank))}</div>`;

/** The Word body without the stylesheet and the section div: what a CMS stores of a pasted page. */
const storedBody = (body: string) =>
  body.replace(/^[\s\S]*?<div class=WordSection1[^>]*>/, '').replace(/<\/div>$/, '');

/** How the article body of a CMS begins: the shapes a stored fragment was seen to start with. */
const OPENINGS = {
  /** As stored, the body right away (its heading a MsoNormal paragraph, so it starts with <p). */
  p: (body: string) => storedBody(body),
  /** TRS 拓尔思: the editor's own div and stylesheet around the Word markup. */
  trs: (body: string) =>
    `<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{margin-top:5px;margin-bottom:5px;line-height:2;font-family:宋体;font-size:12pt;}</style>${body}</div>`,
  /** The Word stylesheet and comments first. */
  word: (body: string) => body,
  /** The whole article inside a layout table (one cell). */
  table: (body: string) =>
    `<table width="100%" border="0"><tbody><tr><td class="bt_content">${body}</td></tr></tbody></table>`,
  /** Plain text first (the heading typed into the editor as a bare line), then the tags. */
  text: (body: string) =>
    storedBody(body).replace(
      /^<p [^>]*><b><span [^>]*>([^<]*)<span lang=EN-US><o:p><\/o:p><\/span><\/span><\/b><\/p>/,
      '\n  $1\r\n',
    ),
  /** A UEditor body: a byte-order mark, blank lines and the fragment markers of the clipboard. */
  clipboard: (body: string) => `\uFEFF\n\n<!--StartFragment-->${body}<!--EndFragment-->`,
} as const satisfies Record<string, (body: string) => string>;

type Opening = keyof typeof OPENINGS;
const OPENING_NAMES = Object.keys(OPENINGS) as Opening[];

// ── Blank columns ───────────────────────────────────────────────────────────

/**
 * The report with a whole column of section 三 left blank: its cells null, the 总计 column the sum of
 * the others (so the table still adds up, blanks counting as 0).
 */
function blankRequestColumn(report: AnnualReport, column: number): AnnualReport {
  const requests: Record<string, CountCell[]> = {};
  for (const [key, cells] of Object.entries(report.requests)) {
    const row = cells.map((v, c) => (c === column ? null : v));
    const parts = row.slice(0, 6);
    row[6] = parts.every((v) => v === null) ? null : parts.reduce<number>((a, v) => a + (v ?? 0), 0);
    requests[key] = row;
  }
  return { ...report, requests: requests as AnnualReport['requests'] };
}

/** Every blank (null) table cell of a report, as `cell.blank` names them. */
function blankCells(report: AnnualReport): string[] {
  const refs: string[] = [];
  for (const [row, cells] of Object.entries(report.proactive))
    for (const [column, v] of Object.entries(cells)) if (v === null) refs.push(`二/${row}/${column}`);
  for (const [row, cells] of Object.entries(report.requests))
    cells.forEach((v, c) => {
      if (v === null) refs.push(`三/${row}/${REQUEST_COLUMNS[c]!.key}`);
    });
  for (const [row, cells] of Object.entries(report.reviewLitigation))
    for (const [column, v] of Object.entries(cells)) if (v === null) refs.push(`四/${row}/${column}`);
  return refs.sort();
}

const refKey = (ref: CellRef) => `${ref.section}/${ref.row}/${ref.column}`;

function readOk(result: ReadResult): Extract<ReadResult, { ok: true }> {
  assert.ok(result.ok, JSON.stringify(result).slice(0, 2000));
  return result;
}

function assertReadsBack(html: string, report: AnnualReport): void {
  const result = readOk(readHtmlReport(utf8(html)));
  assert.equal(result.shape, 'html');
  assert.deepEqual(result.report, report);
  assert.deepEqual(result.notes, []);
}

// ── Tests ───────────────────────────────────────────────────────────────────

describe('HTML fragments without <html> or <body> (issue 10, part 4)', () => {
  const report = exampleReport(2025);

  for (const opening of OPENING_NAMES) {
    it(`sniffs and reads a Word-HTML fragment that opens as "${opening}"`, async () => {
      const html = OPENINGS[opening](wordFragment(report));
      assert.doesNotMatch(html, /<html|<body/i);
      if (opening === 'text') assert.match(html, /^\s*[^<\s]/);
      const bytes = utf8(html);
      assert.equal(sniffShape(bytes), 'html', html.slice(0, 200));
      const result = readOk(await readReport(bytes));
      assert.equal(result.shape, 'html');
      assert.deepEqual(result.report, report);
      assert.deepEqual(result.notes, []);
    });
  }

  it('sniffs the bare fragments renderHtml and editors make: <p>, <div>, <table>, <style>, text first', () => {
    const body = bareBody(report);
    for (const html of [
      body,
      `<p>${body}</p>`,
      `<div class="TRS_Editor">${body}</div>`,
      `<table><tr><td>${body}</td></tr></table>`,
      `<style>p{margin:0}</style>${body}`,
      `<span style="font-size:16px">${body}</span>`,
      `<section>${body}</section>`,
      `<!-- 正文 -->${body}`,
      body.replace(/^<h1>([^<]*)<\/h1>/, '$1\n<br>'),
    ]) {
      assert.equal(sniffShape(utf8(html)), 'html', html.slice(0, 120));
      assert.deepEqual(readOk(readHtmlReport(utf8(html))).report, report);
    }
  });

  it('keeps a text report a text report: a "<" or a stray tag in its prose is not HTML', () => {
    const text =
      '2024年政府信息公开工作年度报告\n一、总体情况\n收到申请<5件，办结率>90%。\n二、主动公开政府信息情况\n';
    assert.equal(sniffShape(utf8(text)), 'text');
    assert.equal(sniffShape(utf8(`${text}（见附件<附表1>）\n`)), 'text');
  });

  it('reads any generated report in Word-HTML fragment form back identical, every opening (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), fc.constantFrom(...OPENING_NAMES), (generated, opening) => {
        const html = OPENINGS[opening](wordFragment(generated));
        assert.equal(sniffShape(utf8(html)), 'html');
        assertReadsBack(html, generated);
      }),
      { numRuns: 120 },
    );
  });

  it('reads any generated report as a bare renderHtml body back identical (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), (generated) => {
        const html = bareBody(generated);
        assert.equal(sniffShape(utf8(html)), 'html');
        assertReadsBack(html, generated);
      }),
      { numRuns: 60 },
    );
  });
});

describe('blank cells in HTML: &nbsp;, whitespace or nothing is a blank, never 0 and never shifted', () => {
  const BLANKS = ['<o:p>&nbsp;</o:p>', '&nbsp;', '', ' \n ', '&nbsp;&nbsp; &#160;', '<o:p></o:p>', '\u3000'];

  it('reads every spelling of an empty cell as null (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), fc.constantFrom(...BLANKS), (generated, blank) => {
        // U+3000 is text to a browser, but a cell of it alone is as empty as one of spaces.
        assertReadsBack(OPENINGS.p(wordFragment(generated, blank)), generated);
      }),
      { numRuns: 100 },
    );
  });

  for (const column of [4, 5]) {
    const name = REQUEST_COLUMNS[column]!.label;
    it(`reads a report whose column ${name} is blank throughout: every other cell exact, the blanks as cell.blank (property)`, () => {
      fc.assert(
        fc.property(arbitraryReport(), fc.constantFrom(...OPENING_NAMES), (generated, opening) => {
          const report = blankRequestColumn(generated, column);
          const result = readOk(readHtmlReport(utf8(OPENINGS[opening](wordFragment(report)))));
          assert.deepEqual(result.report, report);
          assert.deepEqual(result.notes, []);
          for (const cells of Object.values(result.report.requests)) assert.equal(cells[column], null);
          const findings = validateReadReport(result.report, result.notes);
          const blank = findings.filter((f) => f.rule === 'cell.blank');
          assert.equal(blank.length, 1);
          assert.deepEqual(blank[0]!.cells.map(refKey).sort(), blankCells(report));
          assert.ok(blank[0]!.cells.filter((c) => c.column === REQUEST_COLUMNS[column]!.key).length >= 20);
          // The table still adds up: nothing but the blanks is reported about the tables.
          const tableFindings = findings.filter((f) => /^(cell|requests|review)\./.test(f.rule));
          assert.deepEqual(
            tableFindings.map((f) => f.rule),
            ['cell.blank'],
          );
        }),
        { numRuns: 40 },
      );
    });
  }

  it('reads the example report with 法律服务机构 and 其他 both blank, all other cells exactly', () => {
    const report = blankRequestColumn(blankRequestColumn(exampleReport(2025), 4), 5);
    const result = readOk(readHtmlReport(utf8(OPENINGS.trs(wordFragment(report, '&nbsp;')))));
    assert.deepEqual(result.report, report);
    assert.deepEqual(result.report.requests.new, report.requests.new);
    assert.equal(result.report.requests.new![4], null);
    assert.equal(result.report.requests.new![5], null);
    assert.notEqual(result.report.requests.new![6], null);
  });
});
