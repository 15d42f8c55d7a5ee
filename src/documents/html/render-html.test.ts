/** @module Tests of the HTML report: the layout drawn cell for cell, escaping, self-containment. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { chineseDate, type GridTable, type LayoutBlock, reportLayout } from '../../domain/report/layout.js';
import { type AnnualReport, zeroReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { renderHtml, reportStylesheet } from './render-html.js';

const tablesOf = (blocks: readonly LayoutBlock[]): GridTable[] =>
  blocks.flatMap((b) => (b.type === 'table' ? [b.table] : []));

const paragraphsOf = (blocks: readonly LayoutBlock[]): string[] =>
  blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));

const sectionTitlesOf = (blocks: readonly LayoutBlock[]): string[] =>
  blocks.flatMap((b) => (b.type === 'section' ? [b.title] : []));

/** Every rule of a stylesheet whose selector is not an at-rule must start with `.gk-report`. */
function unscopedSelectors(css: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const preludes = [...withoutComments.matchAll(/([^{};]+)\{/g)].map((m) => m[1]!.trim());
  return preludes
    .filter((p) => !p.startsWith('@'))
    .flatMap((p) => p.split(','))
    .map((s) => s.trim())
    .filter((s) => !s.startsWith('.gk-report'));
}

const hostile = '<script>alert(1)</script> & 公司 &amp; "引号"';

function hostileReport(): AnnualReport {
  const base = zeroReport({ year: 2023, format: '2021', agency: hostile, publishedOn: '2024-01-18' });
  return { ...base, text: { overview: hostile, problems: `问题${hostile}`, otherMatters: '' } };
}

describe('renderHtml', () => {
  it('draws every table of the layout cell for cell, with its merges, in both formats', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const blocks = reportLayout(report);
        const $ = cheerio.load(renderHtml(report));
        const expected = tablesOf(blocks);
        const tables = $('article.gk-report table').toArray();
        assert.equal(tables.length, expected.length);
        tables.forEach((element, t) => {
          const grid = expected[t]!;
          const table = $(element);
          const rows = table.find('tr').toArray();
          assert.equal(rows.length, grid.rows.length, `table ${grid.section}: row count`);
          assert.equal(table.find('thead tr').length, grid.headerRows, `table ${grid.section}: header rows`);
          rows.forEach((row, r) => {
            const cells = $(row).children('th, td').toArray();
            const layoutRow = grid.rows[r]!;
            assert.deepEqual(
              cells.map((c) => $(c).text()),
              layoutRow.map((c) => c.text),
              `table ${grid.section} row ${r}: texts`,
            );
            cells.forEach((c, i) => {
              const cell = layoutRow[i]!;
              assert.equal($(c).attr('rowspan') ?? '1', String(cell.rowSpan ?? 1), `rowspan ${r}/${i}`);
              assert.equal($(c).attr('colspan') ?? '1', String(cell.colSpan ?? 1), `colspan ${r}/${i}`);
              assert.equal(c.tagName, cell.role === 'value' ? 'td' : 'th');
              assert.equal($(c).attr('data-path'), cell.path);
            });
          });
        });
      }),
      { numRuns: 30 },
    );
  });

  it('prints the heading, the six section titles, every paragraph and the signature in order', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const blocks = reportLayout(report);
        const $ = cheerio.load(renderHtml(report));
        const heading = blocks.find((b) => b.type === 'heading')!.text;
        assert.equal($('h1').text(), heading);
        assert.equal($('title').text(), heading);
        assert.deepEqual(
          $('h2')
            .toArray()
            .map((h) => $(h).text()),
          sectionTitlesOf(blocks),
        );
        assert.deepEqual(
          $('article.gk-report > p')
            .toArray()
            .map((p) => $(p).text()),
          paragraphsOf(blocks),
        );
        assert.equal($('.gk-signature-agency').text(), report.agency);
        assert.equal(
          $('.gk-signature-date').text(),
          report.publishedOn ? chineseDate(report.publishedOn) : '',
        );
      }),
      { numRuns: 30 },
    );
  });

  it('escapes markup in the agency name and the paragraphs: no element is injected', () => {
    const report = hostileReport();
    for (const html of [renderHtml(report), renderHtml(report, { fragment: true })]) {
      const $ = cheerio.load(html);
      assert.equal($('script').length, 0);
      assert.ok(!html.includes('<script>'));
      assert.equal($('.gk-signature-agency').text(), hostile);
      assert.equal($('h1').text(), `${hostile}2023年政府信息公开工作年度报告`);
      assert.deepEqual(
        $('article.gk-report > p')
          .toArray()
          .map((p) => $(p).text()),
        [hostile, `问题${hostile}`],
      );
    }
  });

  it('as a fragment, is one self-contained <article> whose styles touch nothing outside it', () => {
    const html = renderHtml(zeroReport({ year: 2020, format: '2019', agency: '某县教育局' }), {
      fragment: true,
    });
    assert.match(html, /^<article class="gk-report"[^>]*>[\s\S]*<\/article>$/);
    assert.doesNotMatch(html, /<html|<head|<body|<!doctype/i);
    assert.doesNotMatch(html, /https?:|\/\//i);
    assert.doesNotMatch(html, /\b(src|href)\s*=/i);
    assert.doesNotMatch(html, /@page|url\(/i);
    const $ = cheerio.load(html, null, false);
    const css = $('article.gk-report > style').text();
    assert.ok(css.includes('.gk-report'), 'the fragment carries its styles');
    assert.deepEqual(unscopedSelectors(css), []);
  });

  it('for a page without inline styles, puts none in the fragment; the stylesheet it links gives the widths', () => {
    for (const format of ['2019', '2021'] as const) {
      const report = zeroReport({ year: format === '2019' ? 2020 : 2024, format, agency: '某镇' });
      const html = renderHtml(report, { fragment: true, externalStyles: true, scrollRegions: true });
      assert.doesNotMatch(html, /<style|\sstyle=/);
      const $ = cheerio.load(html, null, false);
      const regions = $('section.gk-table-scroll[aria-label][tabindex=0]').toArray();
      assert.equal(regions.length, 3);
      assert.deepEqual(
        regions.map((r) => $(r).attr('aria-label')),
        sectionTitlesOf(reportLayout(report))
          .filter((t) => /^[二三四]、/.test(t))
          .map((t) => `${t}（表格）`),
      );
      // Every column of every table has its width in the stylesheet, as the inline version has it.
      const css = reportStylesheet();
      assert.deepEqual(unscopedSelectors(css), []);
      const inline = cheerio.load(renderHtml(report, { fragment: true }), null, false);
      for (const table of $('table').toArray()) {
        const section = $(table).attr('data-section');
        const columns = $(table).attr('data-columns');
        const widths = inline(`table[data-section="${section}"] col`)
          .toArray()
          .map((c) => inline(c).attr('style')!.replace('width: ', ''));
        for (const [i, width] of widths.entries()) {
          const rule = `.gk-table-${section}[data-columns="${columns}"] > colgroup > col:nth-child(${i + 1}) { width: ${width}; }`;
          assert.ok(css.includes(rule), `${format} ${section} col ${i + 1}`);
        }
      }
    }
  });

  it('as a page, needs no network: nothing linked, imported or fetched', () => {
    const html = renderHtml(
      zeroReport({ year: 2024, format: '2021', agency: '某镇', publishedOn: '2025-01-20' }),
    );
    assert.match(html, /^<!doctype html>/i);
    const $ = cheerio.load(html);
    assert.equal($('html').attr('lang'), 'zh-CN');
    assert.equal($('meta[charset]').attr('charset')?.toLowerCase(), 'utf-8');
    assert.equal($('link').length, 0);
    assert.equal($('script').length, 0);
    assert.equal($('[src], [href]').length, 0);
    assert.doesNotMatch(html, /@import|url\(|https?:/i);
    const css = $('head style').text();
    assert.match(css, /@media print\s*\{[\s\S]*@page\s*\{\s*size:\s*A4;\s*margin:/);
    // The header rows of sections 三 and 四 sit in <thead>, which the browser repeats on each page.
    assert.deepEqual(
      $('table')
        .toArray()
        .map((t) => $(t).find('thead tr').length),
      [0, 3, 3],
    );
  });
});
