/**
 * Text laid out by `pdftotext -layout` (issue 10, part 2). The rules, as the tests below check them:
 * page numbers ("-1-", "— 2 —", "第 3 页", "第3页 共5页", "3/5") and form feeds are not content; a
 * running head repeated at page tops is dropped, and so is a table header repeated on the page a table
 * goes on to; a title broken inside its words is one title; a row's label is put together from its
 * pieces above, on and below its numbers only where they make an official label, and the numbers are
 * its cells (a cell left empty is a blank, found by its column); a piece that cannot be placed is left
 * for the reader to report — no number is given to a row by guess. Other shapes are not touched.
 *
 * The PDFs are printed here by the system Chromium (one browser for the file) and laid out by poppler's
 * pdftotext, which `npm test` installs (scripts/ensure-system.mjs); without it these tests fail.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { exampleReport } from '../../domain/report/example.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { launchPdfBrowser, renderPdf } from '../pdf/render-pdf.js';
import type { ReadResult } from '../read-result.js';
import { isLayoutText, layoutCellLines } from './layout-text.js';
import { parseTextReport } from './parse-text.js';
import { renderText } from './render-text.js';
import { sourceLinesOf } from './text-lines.js';

/** `pdftotext -layout` of a PDF; a clear failure when poppler-utils is missing, never a silent skip. */
function pdftotextLayout(pdf: Uint8Array): string {
  try {
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], {
      input: pdf,
      encoding: 'utf8',
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      assert.fail(
        'pdftotext 未安装，无法测试 pdftotext -layout 的文本：apt-get install poppler-utils' +
          ' (pdftotext is missing: install poppler-utils, as npm test does through scripts/ensure-system.mjs)',
      );
    throw e;
  }
}

/** The text's lines as a file holds them, before any shape is recognised. */
const raw = (text: string) => text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
const lines = (text: string) =>
  sourceLinesOf(text)
    .map((l) => l.text.trim())
    .filter((t) => t !== '');
const notes = (read: ReadResult) => (read.ok ? read.notes : (read.error.partial?.notes ?? []));
const readNotes = (read: ReadResult) => notes(read).filter((n) => n.rule.startsWith('read.'));

/** Asserts the text reads back to the report: agency, year and every cell of 二, 三, 四, and no read.* note. */
function assertReadsBack(text: string, report: AnnualReport): void {
  const read = parseTextReport(text);
  assert.ok(read.ok, read.ok ? '' : read.error.message);
  assert.deepEqual(
    readNotes(read).map((n) => n.message),
    [],
  );
  assert.equal(read.report.agency, report.agency);
  assert.equal(read.report.year, report.year);
  assert.equal(read.report.format, report.format);
  assert.deepEqual(read.report.proactive, report.proactive);
  assert.deepEqual(read.report.requests, report.requests);
  assert.deepEqual(read.report.reviewLitigation, report.reviewLitigation);
}

// ── The rules, on laid-out text written by hand ─────────────────────────────

/** Two pages: the end of section 二 and the start of 三, as pdftotext lays them out. */
const page = (footer: string, head = '') =>
  [
    head,
    '某某县人民政府2023年政府信息公开工作年',
    '         度报告',
    '',
    '  一、总体情况',
    '  2023年，本县依法做好政府信息公开工作。',
    '',
    '  二、主动公开政府信息情况',
    '第二十条第（五）项',
    '   信息内容                 本年处理决定数量',
    '行政许可                      1873',
    '',
    `                  ${footer}`,
    `\f${head}`,
    '  三、收到和处理政府信息公开申请情况',
    '一、本年新收政府信息公开申请数量       86   13   1     1     4   1    106',
    '二、上年结转政府信息公开申请数量       6    1    0     0     0   0    7',
    '三、 （一）予以公开             41   6    1     0     2   1    51',
    '',
    `                  ${footer.replace('1', '2')}`,
    '\f',
  ].join('\n');

describe('the page around the text', () => {
  for (const footer of [
    '-1-',
    '— 1 —',
    '－1－',
    '第 1 页',
    '第1页 共5页',
    '第1页/共5页',
    '1/5',
    'Page 1 of 5',
  ]) {
    it(`drops page numbers printed as "${footer}", and the form feeds`, () => {
      const out = lines(page(footer));
      assert.ok(!out.some((l) => l.includes('页') && /\d/.test(l) && l.length < 12), out.join('\n'));
      assert.ok(
        !out.some((l) => /^[-—－]|\//.test(l) || l.includes('\f') || l.startsWith('Page')),
        out.join('\n'),
      );
      assert.ok(out.includes('行政许可') && out.includes('1873'));
    });
  }

  it('drops a page number glued to the last row of a page, after a run of spaces', () => {
    const text = page('—1—').replace(
      '行政许可                      1873\n\n                  —1—',
      '行政许可   1873     —1—',
    );
    const out = lines(text);
    assert.deepEqual(out.slice(out.indexOf('行政许可'), out.indexOf('行政许可') + 3), [
      '行政许可',
      '1873',
      '三、收到和处理政府信息公开申请情况',
    ]);
  });

  it('drops a running head repeated at the top of every page but the first', () => {
    const head = '某某县人民政府信息公开专栏';
    const out = lines(page('-1-', head));
    assert.equal(out.filter((l) => l === head).length, 1);
    assert.equal(out[0], head);
  });

  it('joins a title broken inside its fixed words, so the agency and year are read', () => {
    const out = lines(page('-1-'));
    assert.equal(out[0], '某某县人民政府2023年政府信息公开工作年度报告');
    const read = parseTextReport(page('-1-'));
    assert.ok(!read.ok || read.report.agency === '某某县人民政府');
    const partial = read.ok ? read.report : read.error.partial!.report;
    assert.equal(partial.agency, '某某县人民政府');
    assert.equal(partial.year, 2023);
  });
});

describe('a table row laid out over lines', () => {
  /** A row as pdftotext lays it out: the label, then each cell centred on its column ('' left empty). */
  const laidRow = (label: string, cells: readonly string[]) => {
    let line = label;
    [24, 29, 34, 40, 46, 50, 55].forEach((centre, j) => {
      const cell = cells[j] ?? '';
      const at = Math.round(centre - (cell.length - 1) / 2);
      if (cell !== '') line = line.padEnd(at) + cell;
    });
    return line;
  };
  const table = (rows: string) =>
    [
      '某某县人民政府2023年政府信息公开工作年度报告',
      '  三、收到和处理政府信息公开申请情况',
      laidRow('一、本年新收政府信息公开申请数量', ['86', '13', '1', '1', '4', '1', '106']),
      rows,
      laidRow('四、结转下年度继续办理', ['6', '1', '0', '0', '0', '0', '7']),
      '',
      '                  — 2 —',
      '\f',
    ].join('\n');

  it('takes the label’s pieces above and below its numbers, when together they are the official label', () => {
    const out = lines(
      table(
        [
          '       2.其他法律行政法规禁止',
          '                       0    0    0     0     0   0    0',
          '       公开',
        ].join('\n'),
      ),
    );
    const at = out.indexOf('2.其他法律行政法规禁止公开');
    assert.ok(at > 0, out.join('\n'));
    assert.deepEqual(out.slice(at + 1, at + 8), ['0', '0', '0', '0', '0', '0', '0']);
  });

  it('joins the group column’s pieces into the group’s label, apart from the rows’ labels', () => {
    const out = lines(
      table(
        [
          '       3.危及“三安全一稳定”    0    0    0     0     0   0    0',
          '  （三）不 4.保护第三方合法权益     3    1    0     0     0   0    4',
          '   予公开',
          '       5.属于三类内部事务信息    0    0    0     0     0   0    0',
          '  （四）无 2.没有现成信息需要另行',
          '                       4    0    0     0     0   0    4',
          '   法提供 制作',
        ].join('\n'),
      ),
    );
    for (const label of [
      '（三）不予公开',
      '4.保护第三方合法权益',
      '5.属于三类内部事务信息',
      '（四）无法提供',
      '2.没有现成信息需要另行制作',
    ])
      assert.ok(out.includes(label), `${label} in\n${out.join('\n')}`);
    assert.ok(!out.includes('予公开') && !out.includes('（三）不'));
  });

  it('puts the vertical 三、本年度办理结果, one or two characters a line, back together', () => {
    const out = lines(
      table(
        [
          '三、 （一）予以公开             41   6    1     0     2   1    51',
          '本年',
          '   （二）部分公开（区分处理的，只计',
          '度办                     7    2    0     0     1   0    10',
          '   这一情形，不计其他情形）',
          '理结',
          ' 果      1.属于国家秘密       0    0    0     0     0   0    0',
        ].join('\n'),
      ),
    );
    assert.deepEqual(out.slice(out.indexOf('三、本年度办理结果'), out.indexOf('三、本年度办理结果') + 3), [
      '三、本年度办理结果',
      '（一）予以公开',
      '41',
    ]);
    assert.ok(out.includes('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), out.join('\n'));
  });

  it('leaves a piece that makes no official label for the reader to report, and gives its numbers to no row', () => {
    const text = table(
      [
        '       2.其他法律行政法规禁止',
        '                       5    0    0     0     0   0    5',
        '       公示',
      ].join('\n'),
    );
    const read = parseTextReport(text);
    const rules = notes(read).map((n) => n.rule);
    assert.ok(rules.includes('read.unmapped-label'), rules.join());
    assert.ok(rules.includes('read.stray-number'), rules.join());
    const report = read.ok ? read.report : read.error.partial!.report;
    assert.equal(report.requests['denied.lawForbidden'], undefined);
  });

  it('puts back a cell the page left empty as a blank, by the columns of the rows that print all seven', () => {
    const out = lines(table(laidRow('       1.属于国家秘密', ['2', '', '', '0', '0', '', '2'])));
    const at = out.indexOf('1.属于国家秘密');
    assert.deepEqual(out.slice(at + 1, at + 8), ['2', '—', '—', '0', '0', '—', '2']);
  });
});

describe('which texts are laid out so', () => {
  it('takes no scraped page, one cell per line or "|" table for a layout', () => {
    const report = exampleReport(2023);
    for (const text of [
      renderText(report),
      renderText(report).replaceAll('\n\n', '\n'),
      '规章 | 0 | 0 | 0 |\n— 1 —\n行政许可 | 5 |',
      '一、总体情况\n行政许可  5\n行政处罚  3\n行政强制  1',
    ])
      assert.equal(isLayoutText(raw(text.replaceAll('\f', ''))), false, text.slice(0, 80));
    assert.equal(layoutCellLines(raw(renderText(report))), undefined);
  });

  it('takes form feeds or page numbers with rows in columns for a layout', () => {
    const rows = '行政许可      5\n行政处罚      3\n行政强制      1\n';
    assert.equal(isLayoutText(raw(`${rows}\f`)), true);
    assert.equal(isLayoutText(raw(`${rows}   第 1 页\n`)), true);
    assert.equal(isLayoutText(raw(rows)), false);
  });
});

describe('the cost of a laid-out page', () => {
  /** The fuzz test's budget (fuzz.test.ts): 5 ms of CPU per kilobyte, the fastest of three reads. */
  const cpuMs = (text: string) => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const started = process.cpuUsage();
      parseTextReport(text);
      const used = process.cpuUsage(started);
      fastest = Math.min(fastest, (used.user + used.system) / 1000);
    }
    return fastest;
  };
  const budget = (text: string) => Math.max(50, (Buffer.byteLength(text) / 1024) * 5);

  it('reads thousands of rows with pieces between them within the budget', () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0 ? '  1   2   3   4   5   6   7' : '  公开 信息 其他',
    ).join('\n');
    for (const text of [
      `${rows}\n\f`,
      `${'  三、收到和处理政府信息公开申请情况\n'}${rows.replaceAll('\n', '\n\f')}`,
    ])
      assert.ok(cpuMs(text) <= budget(text), `${cpuMs(text)} ms for ${Buffer.byteLength(text)} bytes`);
  });
});

// ── Reports printed to PDF and laid out by pdftotext ────────────────────────

describe('a report printed to PDF, read from `pdftotext -layout`', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchPdfBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  const layoutOf = async (report: AnnualReport) => pdftotextLayout(await renderPdf(report, { browser }));

  for (const year of [2023, 2020]) {
    it(`reads every cell of 二, 三 and 四, the agency and the year, with no note (${year === 2020 ? '2019' : '2021'} format)`, async () => {
      const report = exampleReport(year, '某某县人民政府');
      const text = await layoutOf(report);
      // The shape this is about: the table goes on over a page, after a page number and a form feed.
      assert.match(text, /\f/);
      assert.match(text, /—\s*2\s*—/);
      assertReadsBack(text, report);
    });
  }

  it('reads generated reports, blank cells too: 二 and 三 exactly; 四 exactly, or a note where it prints a blank (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryReport(), async (report) => {
        const read = parseTextReport(await layoutOf(report));
        assert.ok(read.ok, read.ok ? '' : read.error.message);
        assert.equal(read.report.agency, report.agency);
        assert.equal(read.report.year, report.year);
        assert.deepEqual(read.report.proactive, report.proactive);
        assert.deepEqual(read.report.requests, report.requests);
        const outside四 = readNotes(read).filter((n) => n.cells.some((c) => c.section !== '四'));
        assert.deepEqual(
          outside四.map((n) => n.message),
          [],
        );
        const blank四 = Object.values(report.reviewLitigation).some((b) => Object.values(b).includes(null));
        if (!blank四) assert.deepEqual(read.report.reviewLitigation, report.reviewLitigation);
        // Section 四's fifteen numbers on one line give no column to a blank: the reader says so.
        else if (JSON.stringify(read.report.reviewLitigation) !== JSON.stringify(report.reviewLitigation))
          assert.ok(readNotes(read).some((n) => n.cells.some((c) => c.section === '四')));
      }),
      { numRuns: 6, seed: 10 },
    );
  });
});
