/**
 * Reports as portals really publish them (issue: report auditor): the body scraped onto one line with
 * each table row's cells glued together, labels without their ordinals, in traditional characters,
 * broken over lines, numbers with thousands separators. The reader must read them — and where it
 * cannot be sure, say so rather than guess.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { exampleReport } from '../../domain/report/example.js';
import { REQUEST_ROWS } from '../../domain/report/labels.js';
import { type GridTable, reportLayout } from '../../domain/report/layout.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { parseTextReport } from './parse-text.js';
import { renderText } from './render-text.js';

/** The whole report on one line, each table row's cells glued together with nothing between them. */
function gluedPage(report: AnnualReport): string {
  const parts: string[] = ['当前位置：首页 > 政府信息公开 > 年报'];
  for (const block of reportLayout(report)) {
    if (block.type === 'heading') parts.push(block.text);
    else if (block.type === 'section') parts.push(block.title);
    else if (block.type === 'paragraph') parts.push(block.text);
    else if (block.type === 'table') parts.push(gluedTable(block.table));
  }
  return `标题: ${report.agency}${report.year}年政府信息公开工作年度报告\n${parts.join('')} 附件下载\n`;
}

function gluedTable(table: GridTable): string {
  return table.rows
    .map((row) => row.map((c) => (c.role === 'value' && c.text === '' ? '—' : c.text)).join(''))
    .join(' ');
}

describe('a page scraped onto one line with glued table cells', () => {
  it('reads every row exactly, or says it cannot be sure — never a wrong number (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const result = parseTextReport(gluedPage(report));
        assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
        assert.equal(result.report.year, report.year);
        assert.equal(result.report.format, report.format);
        assert.equal(result.report.agency, report.agency);
        const unsure = new Set(
          result.notes
            .filter((n) => n.rule === 'read.ambiguous-digits' || n.rule === 'read.row-unreadable')
            .flatMap((n) => n.cells.map((c) => `${c.section}.${c.row}`)),
        );
        for (const row of REQUEST_ROWS.filter((r) => r.formats.includes(report.format))) {
          const read: readonly (number | null)[] | undefined = result.report.requests[row.key];
          if (read === undefined)
            assert.ok(unsure.has(`三.${row.key}`), `row ${row.key} missing without a note`);
          else assert.deepEqual(read, report.requests[row.key], row.key);
        }
        const review = result.report.reviewLitigation;
        if (Object.keys(review.review).length === 0) assert.ok(unsure.has('四.review'));
        else assert.deepEqual(review, report.reviewLitigation);
        for (const [key, cells] of Object.entries(result.report.proactive)) {
          assert.deepEqual(cells, report.proactive[key], key);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads the example report glued onto one line completely', () => {
    const report = exampleReport(2024);
    const result = parseTextReport(gluedPage(report));
    assert.ok(result.ok);
    assert.deepEqual(result.report.requests, report.requests);
    assert.deepEqual(result.report.reviewLitigation, report.reviewLitigation);
    assert.equal(result.report.text.otherMatters, report.text.otherMatters.replaceAll('\n', ''));
  });
});

describe('labels as agencies write them', () => {
  const report = exampleReport(2023);
  const text = renderText(report);

  it('reads labels without their ordinal numbers (予以公开 for （一）予以公开)', () => {
    const bare = text
      .replace(/^（[一二三四五六七]）(?=.)/gm, '')
      .replace(/^[1-8]\.(?=\S)/gm, '')
      .replace(/^(一|二|四)、(?=本年新收|上年结转|结转下年度)/gm, '');
    assert.notEqual(bare, text);
    const result = parseTextReport(bare);
    assert.ok(result.ok);
    const unmapped = result.notes.filter((n) => n.rule === 'read.unmapped-label').map((n) => n.found);
    // Bare "其他" (（六）3.其他) and "总计" (（七）总计) are also column headers: they cannot be told apart.
    assert.deepEqual(
      Object.keys(report.requests).filter((k) => result.report.requests[k as never] === undefined),
      ['other.other', 'total'],
    );
    assert.deepEqual(unmapped, []);
    for (const [key, cells] of Object.entries(result.report.requests))
      assert.deepEqual(cells, report.requests[key as never]);
  });

  it('reads a page served in traditional characters (繁體)', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const result = parseTextReport(toTraditional(text));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
    assert.equal(result.report.agency, toTraditional(report.agency));
    assert.equal(result.report.year, 2023);
    assert.deepEqual(result.report.requests, report.requests);
    assert.deepEqual(result.report.reviewLitigation, report.reviewLitigation);
    assert.deepEqual(result.report.proactive, report.proactive);
    assert.deepEqual(result.notes, []);
  });

  it('reads a page converted only in part, character by character (規范性文件, 處于) (property)', () => {
    const traditional = OpenCC.Converter({ from: 'cn', to: 'tw' })(text);
    assert.equal(traditional.length, text.length);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let state = seed;
        const mixed = [...text]
          .map((c, i) => {
            state = (state * 1103515245 + 12345) | 0;
            return (state >>> 16) % 2 === 0 ? c : traditional[i]!;
          })
          .join('');
        const result = parseTextReport(mixed);
        assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
        assert.deepEqual(result.report.requests, report.requests);
        assert.deepEqual(result.report.reviewLitigation, report.reviewLitigation);
        assert.deepEqual(result.report.proactive, report.proactive);
      }),
      { numRuns: 15 },
    );
  });

  it('reads a page whose hanzi a mirror glossed with pinyin (件數(shù), 規(guī)章), the glosses dropped', () => {
    const glossed = text
      .replaceAll('数', '数(shù)')
      .replaceAll('规', '规(guī)')
      .replaceAll('业', '业(yè)')
      .replaceAll('县', '县(xiàn)');
    const result = parseTextReport(glossed);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
    assert.equal(result.report.agency, report.agency);
    assert.deepEqual(result.report.requests, report.requests);
    assert.deepEqual(result.report.proactive, report.proactive);
    assert.doesNotMatch(result.report.text.overview, /\(shù\)/);
  });

  it('keeps a lone bracketed word after a hanzi: one gloss is no glossed page', () => {
    const once = text.replace('总体情况\n\n', '总体情况\n\n见网站(gōngkāi)。\n\n');
    const result = parseTextReport(once);
    assert.ok(result.ok);
    assert.match(result.report.text.overview, /\(gōngkāi\)/);
  });

  it('reads labels broken over lines and stray spaces inside labels', () => {
    const broken = text
      .replace(
        '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
        '（二）部分公开（区分处理的，只计这一\n情形，不计其他情形）',
      )
      .replace('社会公益组织', '社会公益 组织')
      .replace('三、本年度办理结果', '三、本年度办 理结果');
    const result = parseTextReport(broken);
    assert.ok(result.ok);
    assert.deepEqual(result.report.requests, report.requests);
    assert.deepEqual(result.notes, []);
  });

  it('reads a row given on one line with spaces, and numbers with thousands separators', () => {
    const big = { ...report, proactive: { ...report.proactive, licensing: { decisions: 12873 } } };
    const spaced = renderText(big)
      .replace('12873', '12,873')
      .replace(
        /（一）予以公开\n\n(\d+)\n\n(\d+)\n\n(\d+)\n\n(\d+)\n\n(\d+)\n\n(\d+)\n\n(\d+)/,
        '（一）予以公开 $1 $2 $3 $4 $5 $6 $7',
      );
    const result = parseTextReport(spaced);
    assert.ok(result.ok);
    assert.deepEqual(result.report.requests.granted, report.requests.granted);
    assert.equal(result.report.proactive.licensing?.decisions, 12873);
  });
});
