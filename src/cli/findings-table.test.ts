/** @module The findings table: as wide as the terminal, wrapped, linear, and safe to print. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stringWidth from 'string-width';
import { exampleReport } from '../domain/report/example.js';
import type { Finding } from '../domain/report/validation/finding.js';
import { DEFAULT_WIDTH, displayWidth, findingsTable, stdoutColumns, wrapToWidth } from './findings-table.js';

const report = exampleReport(2024);

const carryOver: Finding = {
  rule: 'cross-year.carry-over',
  severity: 'error',
  message:
    '第三部分“二、上年结转政府信息公开申请数量”应等于上年报告“四、结转下年度继续办理”：自然人 6 ≠ 9，请核对两份报告',
  messageEn: 'carried over ≠ last year’s carried forward',
  cells: [
    { section: '三', row: 'carriedOver', column: 'natural' },
    { section: '三', row: 'carriedForward', column: 'natural', previousYear: true },
  ],
  expected: '6',
  found: '9',
};
const unmapped: Finding = {
  rule: 'read.unmapped-label',
  severity: 'warning',
  message: '第 12 行：表格中的“其他（说明）”无法对应到官方格式',
  messageEn: 'unmapped label',
  cells: [],
};
const manyCells: Finding = {
  rule: 'requests.row-total',
  severity: 'error',
  message: '总计列应等于各类申请人之和',
  messageEn: 'row total',
  cells: ['natural', 'commercial', 'research', 'social', 'legal', 'other'].map((column) => ({
    section: '三',
    row: 'new',
    column,
  })),
  expected: '12',
  found: '13',
};

const linesOf = (table: string) => table.trimEnd().split('\n');
/** Rows of findings: the first line of each names its severity in the first column. */
const findingRows = (table: string) => linesOf(table).filter((l) => /^│ (错误|警告|提示) /.test(l));

describe('findingsTable: the terminal’s width', () => {
  for (const width of [80, 100, 160]) {
    it(`draws every line exactly as wide as every other, and no wider than ${width} columns`, () => {
      const lines = linesOf(findingsTable([carryOver, unmapped, manyCells], report, { width }));
      const widths = new Set(lines.map((l) => stringWidth(l)));
      assert.equal(widths.size, 1, `one width for all lines, CJK counted double: ${[...widths]}`);
      assert.ok([...widths][0]! <= width, `${[...widths][0]} ≤ ${width}`);
    });
  }

  it('wraps the message rather than cutting it: its pieces, joined, are the message', () => {
    const lines = linesOf(findingsTable([carryOver], report, { width: 80 }));
    const first = lines.findIndex((l) => l.startsWith('│ 错误 '));
    const pieces: string[] = [];
    for (const line of lines.slice(first)) {
      const piece = line.split('│')[3]!.trim();
      if (piece === '单元格：') break;
      pieces.push(piece);
    }
    assert.ok(pieces.length > 2, 'wrapped over several lines');
    assert.equal(pieces.join('').replaceAll(' ', ''), carryOver.message.replaceAll(' ', ''), 'nothing lost');
  });

  it('gives the message the room a wide terminal has, on one line', () => {
    const lines = linesOf(findingsTable([unmapped], report, { width: 160 }));
    assert.ok(lines.some((l) => l.includes(unmapped.message)));
  });

  it('names at most four cells and counts the rest', () => {
    const table = findingsTable([manyCells], report, { width: 160 });
    assert.match(table, /……共 6 个单元格/);
    assert.doesNotMatch(table, /其他/, 'the sixth cell is not named');
  });

  it('is 100 columns wide when stdout is not a terminal', () => {
    if (!process.stdout.isTTY) assert.equal(stdoutColumns(), DEFAULT_WIDTH);
    assert.equal(DEFAULT_WIDTH, 100);
    const lines = linesOf(findingsTable([carryOver], report));
    assert.ok(lines.every((l) => stringWidth(l) <= stdoutColumns()));
  });
});

describe('wrapToWidth', () => {
  it('counts CJK characters as two columns', () => {
    assert.equal(displayWidth('公开abc'), 7);
    assert.deepEqual(
      wrapToWidth('政府信息公开', 5).map((l) => [l.text, l.width]),
      [
        ['政府', 4],
        ['信息', 4],
        ['公开', 4],
      ],
    );
  });

  it('breaks a rule id after its dot or dash, Chinese anywhere', () => {
    assert.deepEqual(
      wrapToWidth('cross-year.carry-over', 12).map((l) => l.text),
      ['cross-year.', 'carry-over'],
    );
    assert.deepEqual(
      wrapToWidth('read.unmapped-label', 10).map((l) => l.text),
      ['read.', 'unmapped-', 'label'],
    );
  });

  it('keeps line breaks in the text', () => {
    assert.deepEqual(
      wrapToWidth('一\n二', 10).map((l) => l.text),
      ['一', '二'],
    );
  });
});

describe('findingsTable: nothing from a report reaches the terminal as a control', () => {
  const hostile: Finding = {
    rule: 'read.unmapped-label',
    severity: 'warning',
    message: '标签\x1b[2J清屏\x1b]0;新标题\x07\u202e反向\u2066隔离\u2069\u0085\u009b31m\r回车\t制表',
    messageEn: 'hostile',
    cells: [],
    expected: '\x1b[31m红',
    found: '\u202d1',
  };

  it('prints ESC, OSC, other C0/C1 controls and bidi overrides as visible escapes', () => {
    const table = findingsTable([hostile], report, { width: 200 });
    assert.doesNotMatch(
      table,
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them.
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      'no control or bidi character',
    );
    for (const shown of [
      '\\x1b[2J',
      '\\x1b]0;',
      '\\x07',
      '\\u202e',
      '\\u2066',
      '\\u2069',
      '\\x85',
      '\\x9b',
      '\\x0d',
      '\\x09',
    ]) {
      assert.ok(table.includes(shown), shown);
    }
    assert.ok(table.includes('\\x1b[31m红'));
    assert.ok(table.includes('\\u202d1'));
  });
});

describe('findingsTable: cost', () => {
  it('renders 20,000 findings, one table row each (bench/findings-table.ts times it)', () => {
    const findings = Array.from({ length: 20_000 }, (_, i) => ({
      ...[carryOver, unmapped, manyCells][i % 3]!,
      message: `第 ${i + 1} 处：${[carryOver, unmapped, manyCells][i % 3]!.message}`,
    }));
    const table = findingsTable(findings, report, { width: 100 });
    const rows = findingRows(table);
    assert.equal(rows.length, 20_000);
    assert.ok(rows[0]!.includes('第 1 处'), rows[0]);
    assert.ok(rows[19_999]!.includes('第 20000 处'), rows[19_999]);
  });
});
