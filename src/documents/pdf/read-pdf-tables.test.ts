/**
 * @module Tests of the PDF reader's table pass on borders and runs laid out by hand: merged cells,
 * blank values, wrapped labels and what a page break leaves of a merged label. No PDF involved.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutFontPrograms } from './read-pdf-document.js';
import type { Rule, TextRun } from './read-pdf-page.js';
import { joinTables, pageTables } from './read-pdf-tables.js';

const h = (at: number, from: number, to: number): Rule => ({ horizontal: true, at, from, to });
const v = (at: number, from: number, to: number): Rule => ({ horizontal: false, at, from, to });
const run = (text: string, x: number, y: number): TextRun => ({
  text,
  x,
  y,
  width: text.length * 10,
  size: 10,
});

/**
 * Columns at x 0 | 100 | 150 | 200, rows at y 100 | 80 | 60 | 40 (top to bottom). Row 0 is one cell
 * across the table; below it a label column and two value columns.
 */
const GRID: Rule[] = [
  h(100, 0, 200),
  h(80, 0, 200),
  h(60, 0, 200),
  h(40, 0, 200),
  v(0, 40, 100),
  v(200, 40, 100),
  // Chromium draws each cell's edge on its own: one border in two pieces.
  v(100, 60, 80),
  v(100.6, 40, 60),
  v(150, 40, 80),
];

describe('pageTables', () => {
  it('reads cells row by row, a merged cell once, a blank value as —', () => {
    const runs = [
      run('第二十条第（五）项', 2, 86),
      run('部分公开（区分', 2, 72),
      run('处理的）', 2, 63),
      run('5', 120, 66),
      run('乙', 2, 46),
      run('7', 170, 46),
    ];
    const { tables, rest } = pageTables(GRID, runs);
    assert.deepEqual(rest, []);
    assert.equal(tables.length, 1);
    assert.deepEqual(tables[0]!.lines, [
      '第二十条第（五）项',
      '部分公开（区分处理的）',
      '5',
      '—',
      '乙',
      '—',
      '7',
    ]);
    assert.deepEqual([tables[0]!.top, tables[0]!.left, tables[0]!.right], [100, 0, 200]);
  });

  it('gives no line for an empty piece of a merged label that a page break cut off', () => {
    // Column 0 is one cell over rows 1 and 2, its text printed on the page before.
    const rules = GRID.filter((r) => !(r.horizontal && r.at === 60)).concat(h(60, 100, 200));
    const runs = [run('续表', 2, 86), run('（六）其他', 102, 66), run('3', 170, 66), run('4', 170, 46)];
    assert.deepEqual(pageTables(rules, runs).tables[0]!.lines, ['续表', '（六）其他', '3', '—', '4']);
  });

  it('gives no line for an empty cell that labels follow (an empty corner)', () => {
    const runs = [run('续表', 2, 86), run('上年', 105, 66), run('本年', 155, 66), run('甲', 2, 46)];
    assert.deepEqual(pageTables(GRID, runs).tables[0]!.lines, ['续表', '上年', '本年', '甲', '—', '—']);
  });

  it('leaves text in a one-column frame (a page border, a boxed note) to the paragraphs', () => {
    const frame = [h(100, 0, 200), h(40, 0, 200), v(0, 40, 100), v(200, 40, 100)];
    const note = run('本报告所列数据的统计期限自2024年1月1日起。', 2, 66);
    assert.deepEqual(pageTables(frame, [note]), { tables: [], rest: [note] });
  });
});

describe('joinTables: a table broken by a page', () => {
  // Page A: a label column and two value columns, rows 100–80 and 80–60; the columns run on to y 20
  // with no border along the break: the row from 60 down is cut.
  const pageA = [h(100, 0, 200), h(80, 0, 200), h(60, 0, 200), v(0, 20, 100), v(100, 20, 100)].concat(
    v(150, 20, 100),
    v(200, 20, 100),
  );
  // Page B: the header repeated (100–80), then the rest of the cut row (80–60) and one more row.
  const pageB = [h(100, 0, 200), h(80, 0, 200), h(60, 0, 200), h(40, 0, 200)].concat(
    v(0, 40, 100),
    v(100, 40, 100),
    v(150, 40, 100),
    v(200, 40, 100),
  );
  const header = [run('项目', 2, 86), run('上年', 102, 86), run('本年', 152, 86)];

  it('joins the row the break cuts: its label whole, its numbers in it, the repeated header once', () => {
    const above = pageTables(pageA, [
      ...header,
      run('甲', 2, 66),
      run('1', 120, 66),
      run('2', 170, 66),
      run('1.申请人无正当', 2, 46),
      run('3', 120, 40),
      run('4', 170, 40),
    ]).tables[0]!;
    assert.equal(above.rows, 3, 'the cut row is a row');
    const below = pageTables(pageB, [...header, run('理由逾期不补正', 2, 66), run('乙', 2, 46)]).tables[0]!;
    assert.deepEqual(joinTables(above, below).lines, [
      '项目',
      '上年',
      '本年',
      '甲',
      '1',
      '2',
      '1.申请人无正当理由逾期不补正',
      '3',
      '4',
      '乙',
      '—',
      '—',
    ]);
  });

  it('keeps two whole rows apart when both hold their numbers', () => {
    const above = pageTables(pageA, [
      ...header,
      run('甲', 2, 66),
      run('丙', 2, 46),
      run('5', 120, 40),
      run('6', 170, 40),
    ]).tables[0]!;
    const below = pageTables(pageB, [
      ...header,
      run('乙', 2, 66),
      run('7', 120, 66),
      run('8', 170, 66),
      run('丁', 2, 46),
    ]).tables[0]!;
    const rows = ['甲', '—', '—', '丙', '5', '6', '乙', '7', '8', '丁', '—', '—'];
    assert.deepEqual(joinTables(above, below).lines.slice(3), rows);
  });
});

describe('withoutFontPrograms', () => {
  const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

  it('renames each font program key in a copy, keeping the length', () => {
    const pdf = latin1(
      '<< /FontFile2 5 0 R >> << /ToUnicode 6 0 R >> << /FontFile3 7 0 R /ToUnicode 8 0 R >>',
    );
    const hidden = withoutFontPrograms(pdf);
    assert.equal(hidden.length, pdf.length);
    assert.equal(text(hidden), text(pdf).replaceAll('/FontFile', '/XontFile'));
    assert.match(text(pdf), /\/FontFile2/, 'the input is not changed');
  });

  it('keeps the programs when some font has no ToUnicode map to read its text by', () => {
    const pdf = latin1('<< /FontFile2 5 0 R >> << /FontFile2 7 0 R /ToUnicode 8 0 R >>');
    assert.equal(text(withoutFontPrograms(pdf)), text(pdf));
  });
});
