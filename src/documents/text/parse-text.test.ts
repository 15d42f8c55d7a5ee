import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { REVIEW_CELLS, requestRows } from '../../domain/report/labels.js';
import { zeroReport } from '../../domain/report/model.js';
import { validateReport } from '../../domain/report/validation/validate.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { SEED_REPORT, skipUnlessShared } from '../../test-support/shared-files.js';
import { parseTextReport } from './parse-text.js';
import { renderText } from './render-text.js';

describe('reading the seed report (a township page scraped to text)', {
  skip: skipUnlessShared(SEED_REPORT),
}, () => {
  const text = () => readFileSync(SEED_REPORT, 'utf8');

  it('reads 新庙镇, 2020, the 2019 format, publication date and every number (all 0)', () => {
    const result = parseTextReport(text());
    assert.ok(result.ok, JSON.stringify(result));
    const { report } = result;
    assert.equal(report.agency, '新庙镇');
    assert.equal(report.year, 2020);
    assert.equal(report.format, '2019');
    assert.equal(report.publishedOn, '2021-01-18');
    for (const row of requestRows('2019'))
      assert.deepEqual(report.requests[row.key], [0, 0, 0, 0, 0, 0, 0], row.key);
    for (const { block, column } of REVIEW_CELLS) assert.equal(report.reviewLitigation[block][column], 0);
    assert.deepEqual(report.proactive.procurement, { projects: 0, amount: '0' });
    assert.equal(report.proactive.rules, undefined, 'the township prints no 规章 row');
    assert.equal(report.text.otherMatters, '无。');
    assert.match(report.text.overview, /^2020年,我镇政府信息公开工作/);
    assert.deepEqual(result.notes, []);
  });

  it('finds nothing wrong with it', () => {
    const result = parseTextReport(text());
    assert.ok(result.ok);
    assert.deepEqual(validateReport(result.report), []);
  });

  it('flags 本年新收 · 自然人 = 1 under R1 (一+二 = （七）+四) and R2 (总计 column), naming the cells', () => {
    const changed = text().replace(/(一、本年新收政府信息公开申请数量\n\n)0/, '$11');
    assert.notEqual(changed, text());
    const result = parseTextReport(changed);
    assert.ok(result.ok);
    const findings = validateReport(result.report);
    assert.deepEqual(findings.map((f) => f.rule).sort(), ['requests.balance', 'requests.row-total']);
    const balance = findings.find((f) => f.rule === 'requests.balance')!;
    assert.deepEqual(balance.cells[0], { section: '三', row: 'new', column: 'natural' });
    assert.equal(balance.expected, '一+二 = 1');
    const rowTotal = findings.find((f) => f.rule === 'requests.row-total')!;
    assert.ok(rowTotal.cells.some((c) => c.row === 'new' && c.column === 'total'));
    assert.equal(rowTotal.expected, '1');
    assert.equal(rowTotal.found, '0');
  });
});

describe('plain-text round trip', () => {
  it('render → txt → parse gives back the identical report, both formats (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const result = parseTextReport(renderText(report));
        assert.ok(result.ok, JSON.stringify(result));
        assert.deepEqual(result.report, report);
        assert.deepEqual(result.notes, []);
      }),
      { numRuns: 300 },
    );
  });

  it('prints a blank cell as — and reads it back as blank, not 0', () => {
    const base = zeroReport({ year: 2022, format: '2021', agency: '某区教育局' });
    const report = { ...base, requests: { ...base.requests, granted: [null, 0, 0, 0, 0, 0, null] } };
    const text = renderText(report);
    assert.match(text, /（一）予以公开\n\n—\n\n0/);
    const result = parseTextReport(text);
    assert.ok(result.ok);
    assert.deepEqual(result.report.requests.granted, [null, 0, 0, 0, 0, 0, null]);
  });
});

describe('a page cut at its section titles', () => {
  it('reads the preamble from the heading on, not from a portal line before it that was cut too', () => {
    const report = zeroReport({ year: 2023, format: '2021', agency: '某镇', publishedOn: '2024-01-20' });
    const glued = renderText(report)
      .split('\n')
      .filter((l) => l.trim())
      .join(' ');
    const nav = '导航：三、收到和处理政府信息公开申请情况 本报告统计期限自2020年1月1日起至2020年12月31日止';
    const result = parseTextReport(`${nav}\n${glued}\n`);
    assert.ok(result.ok);
    assert.deepEqual(result.notes, [], 'the 2020 period stated before the heading is not the report’s');
    assert.deepEqual(result.report.requests.new, [0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('text that is not a whole report', () => {
  const sample = renderText(
    zeroReport({ year: 2023, format: '2021', agency: '某镇', publishedOn: '2024-01-20' }),
  );

  it('refuses a page without a report heading, naming a line', () => {
    const result = parseTextReport('首页\n\n新闻动态\n\n关于开展防汛工作的通知\n');
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'read.not-a-report');
      assert.equal(result.error.line, 1);
    }
  });

  it('names the last line when the text is cut off in the middle of section 三, and keeps what was read', () => {
    const cut = sample.slice(0, sample.indexOf('2.没有现成信息需要另行制作') + 30);
    const result = parseTextReport(cut);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'read.truncated');
    assert.equal(result.error.line, cut.trimEnd().split('\n').length);
    const partial = result.error.partial;
    assert.ok(partial, 'the rows before the cut are kept');
    assert.equal(partial.report.agency, '某镇');
    assert.equal(partial.report.year, 2023);
    assert.deepEqual(partial.report.requests.new, [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(partial.report.requests.granted, [0, 0, 0, 0, 0, 0, 0]);
    assert.equal(partial.report.requests.carriedForward, undefined, 'the rows after the cut are absent');
    assert.deepEqual(
      partial.notes.map((n) => [n.rule, n.cells.map((c) => c.section).join()]),
      [
        ['read.truncated', '三'],
        ['read.missing-section', '四'],
        ['read.missing-section', '五'],
        ['read.missing-section', '六'],
        ['read.row-unreadable', '三'],
      ],
    );
    const row = partial.notes.at(-1)!;
    assert.match(row.message, /没有现成信息需要另行制作/, 'the row the cut went through');
  });

  it('does not call a report cut off when only a later section is missing', () => {
    const without = sample.replace(/六、其他需要报告的事项[\s\S]*$/, '');
    const result = parseTextReport(without);
    assert.ok(result.ok);
    assert.deepEqual(
      result.notes.map((n) => n.rule),
      ['read.missing-section'],
    );
  });

  it('reads the rest of a report whose row has too few numbers, and says which row', () => {
    const broken = sample.replace(/(（一）予以公开\n\n)0\n\n0\n\n/, '$1');
    const result = parseTextReport(broken);
    assert.ok(result.ok);
    assert.equal(result.report.requests.granted, undefined);
    assert.deepEqual(result.report.requests.partial, [0, 0, 0, 0, 0, 0, 0]);
    const note = result.notes.find((n) => n.rule === 'read.row-unreadable');
    assert.ok(note);
    assert.match(note.message, /（一）予以公开.*应有 7 个数字/);
  });

  it('reads what is there when a section is missing, and says which', () => {
    const without = sample.replace(/五、存在的主要问题及改进情况\n\n/, '');
    const result = parseTextReport(without);
    assert.ok(result.ok);
    assert.deepEqual(
      result.notes.map((n) => n.rule),
      ['read.missing-section'],
    );
    assert.deepEqual(result.notes[0]!.cells, [{ section: '五', row: '*', column: '*' }]);
    assert.deepEqual(result.report.requests.new, [0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads sections out of order and says so', () => {
    const [head, rest] = sample.split('二、主动公开政府信息情况');
    const [proactive, after] = rest!.split('三、收到和处理政府信息公开申请情况');
    const [requests, tail] = after!.split('四、政府信息公开行政复议、行政诉讼情况');
    const swapped = `${head}三、收到和处理政府信息公开申请情况${requests}二、主动公开政府信息情况${proactive}四、政府信息公开行政复议、行政诉讼情况${tail}`;
    const result = parseTextReport(swapped);
    assert.ok(result.ok);
    assert.equal(result.notes[0]!.rule, 'read.section-order');
    assert.equal(result.notes[0]!.found, '一三二四五六');
    assert.deepEqual(
      result.report.requests,
      parseTextReport(sample).ok &&
        (parseTextReport(sample) as { report: { requests: unknown } }).report.requests,
    );
  });

  it('notices a report whose stated period is another year', () => {
    const stated = sample.replace(
      '一、总体情况\n\n',
      '一、总体情况\n\n本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n\n',
    );
    const result = parseTextReport(stated);
    assert.ok(result.ok);
    const note = result.notes.find((n) => n.rule === 'report.identity');
    assert.ok(note);
    assert.equal(note.expected, '2023');
    assert.equal(note.found, '2022');
    const right = parseTextReport(stated.replaceAll('2022年1', '2023年1').replace('2022年12', '2023年12'));
    assert.ok(right.ok);
    assert.equal(right.notes.filter((n) => n.rule === 'report.identity').length, 0);
  });

  it('reports a label it cannot map instead of guessing', () => {
    const odd = sample.replace('（一）予以公开', '（零）神秘结果\n\n（一）予以公开');
    const result = parseTextReport(odd);
    assert.ok(result.ok);
    assert.equal(result.notes.length, 1);
    assert.equal(result.notes[0]!.rule, 'read.unmapped-label');
    assert.equal(result.notes[0]!.found, '（零）神秘结果');
  });
});
