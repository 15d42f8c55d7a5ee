/**
 * Tables as agencies really print them (issue 10, kind 6): a row label misprinted by one character
 * (行政事业型收费), the fee column in 元 instead of the format's 万元, a sentence with figures amid a
 * table ("2020年主动公开信息数:0"). What the page says is read, and the reading is said; a figure in
 * words is no cell.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleReport } from '../../domain/report/example.js';
import { parseTextReport } from './parse-text.js';
import { renderText } from './render-text.js';

const report = exampleReport(2023, '某某镇人民政府');
const printed = renderText(report);
const inferred = (read: ReturnType<typeof parseTextReport>) =>
  read.ok ? read.notes.filter((n) => n.rule === 'read.inferred').map((n) => n.message) : [];

describe('a row label misprinted by one character', () => {
  it('is read as the one official row it is that near, and said', () => {
    const read = parseTextReport(printed.replace('\n行政事业性收费\n', '\n行政事业型收费\n'));
    assert.ok(read.ok);
    assert.deepEqual(read.report.proactive, report.proactive);
    assert.match(inferred(read).join('\n'), /“行政事业型收费”与官方行名“行政事业性收费”只差一个字/);
  });

  it('is not taken for a row when it differs by two characters', () => {
    const read = parseTextReport(printed.replace('\n行政事业性收费\n', '\n行政事务型收费\n'));
    assert.ok(read.ok);
    assert.equal(read.report.proactive.fees, undefined);
    assert.ok(read.notes.some((n) => n.rule === 'read.unmapped-label'));
  });

  it('reads section 三 rows misprinted the same way', () => {
    const read = parseTextReport(printed.replace('6.属于四类过程性信息', '6.属于四类过程姓信息'));
    assert.ok(read.ok);
    assert.deepEqual(read.report.requests, report.requests);
  });
});

describe('the fee column in 元', () => {
  const fee = report.proactive.fees?.amount;

  it('converts 元 in the header to the format’s 万元 exactly, and says so', () => {
    assert.equal(fee, '12.35');
    const read = parseTextReport(
      printed
        .replace('本年收费金额（单位：万元）', '本年收费金额（单位：元）')
        .replace('\n12.35\n', '\n123500\n'),
    );
    assert.ok(read.ok);
    assert.equal(read.report.proactive.fees?.amount, '12.35');
    assert.match(inferred(read).join('\n'), /以“元”为单位印出，已换算为万元：123500 元 = 12.35 万元/);
  });

  it('converts an amount printed with 元 in its cell', () => {
    const read = parseTextReport(printed.replace('\n12.35\n', '\n152790元\n'));
    assert.ok(read.ok);
    assert.equal(read.report.proactive.fees?.amount, '15.279');
  });

  it('keeps an amount in 万元 as printed, with or without the unit in the cell', () => {
    const read = parseTextReport(printed.replace('\n12.35\n', '\n12.35万元\n'));
    assert.ok(read.ok);
    assert.equal(read.report.proactive.fees?.amount, '12.35');
    assert.deepEqual(inferred(read), []);
  });
});

describe('a sentence with figures amid a table', () => {
  it('is words, not cells: the rows around it keep their numbers', () => {
    const read = parseTextReport(
      printed.replace('第二十条第（五）项', '2023年主动公开政府信息数:120\n第二十条第（五）项'),
    );
    assert.ok(read.ok);
    assert.deepEqual(read.report.proactive, report.proactive);
    assert.ok(!read.notes.some((n) => n.rule === 'read.stray-number' || n.rule === 'read.row-unreadable'));
  });
});

describe('cells and labels with what pages print beside them', () => {
  it('reads a count printed with its unit (3件, 0项), in a cell of its own or on a row line', () => {
    const own = parseTextReport(printed.replace('\n行政许可\n\n1873\n', '\n行政许可\n\n1873件\n'));
    assert.ok(own.ok);
    assert.deepEqual(own.report.proactive, report.proactive);
    const rows = parseTextReport(
      printed
        .replace('行政规范性文件\n\n6\n\n2\n\n56\n', '行政规范性文件 | 6件 | 2件 | 56件 |\n')
        .replace('\n行政许可\n\n1873\n', '\n行政许可 | 1873项 |\n'),
    );
    assert.ok(rows.ok);
    assert.deepEqual(rows.report.proactive, report.proactive);
    assert.ok(!rows.notes.some((n) => n.rule === 'read.stray-number' || n.rule === 'read.row-unreadable'));
  });

  it('reads a row label followed by a colon (行政许可：)', () => {
    const read = parseTextReport(printed.replace('\n行政许可\n', '\n行政许可：\n'));
    assert.ok(read.ok);
    assert.deepEqual(read.report.proactive, report.proactive);
  });
});
