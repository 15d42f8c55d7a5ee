/**
 * @module Tests of reading HTML: our own pages back to the identical report, declared encodings, the
 * lines a page is turned into, and the two crawled pingtan portal pages of ../shared/corpus.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { REVIEW_CELLS, requestRows } from '../../domain/report/labels.js';
import { type AnnualReport, zeroReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { SHARED_DIR, skipUnlessShared } from '../../test-support/shared-files.js';
import { nestingDepth } from './nesting-depth.js';
import { htmlSourceLines, MAX_HTML_DEPTH, readHtmlReport } from './read-html.js';
import { renderHtml } from './render-html.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A portal page around an embedded report: navigation, a script that writes markup, a footer. */
const portalPage = (article: string) => `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>政府信息公开年报_某市人民政府</title>
<script>document.write('<p>一、总体情况</p>'); var nav = "<div>二、主动公开政府信息情况</div>";</script>
<style>.nav li { float: left; }</style></head>
<body><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政府信息公开年报</div>
<!-- 正文 -->
${article}
<div class="footer"><p>主办单位：某市人民政府办公室</p><p>网站标识码：3500000000 闽ICP备00000000号</p></div>
<script>var footer = '<p>六、其他需要报告的事项</p>';</script>
</body></html>`;

function assertReadsBack(bytes: Uint8Array, report: AnnualReport) {
  const result = readHtmlReport(bytes);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.report, report);
  assert.deepEqual(result.notes, []);
  assert.equal(result.shape, 'html');
}

describe('readHtmlReport: renderHtml pages read back', () => {
  it('render → html → read gives the identical report, both formats (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const bytes = utf8(renderHtml(report));
        assertReadsBack(bytes, report);
        assert.equal((readHtmlReport(bytes) as { encoding?: string }).encoding, 'utf-8');
      }),
      { numRuns: 100 },
    );
  });

  it('reads the embeddable fragment inside a portal page with navigation, scripts and footer', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        assertReadsBack(utf8(portalPage(renderHtml(report, { fragment: true }))), report);
      }),
      { numRuns: 100 },
    );
  });

  it('reads a blank value cell as null, also when its whole row is blank', () => {
    const base = zeroReport({ year: 2022, format: '2021', agency: '某区教育局' });
    const report: AnnualReport = {
      ...base,
      requests: { ...base.requests, granted: [null, 0, 0, 0, 0, 0, null], partial: Array(7).fill(null) },
    };
    assertReadsBack(utf8(renderHtml(report)), report);
  });
});

describe('readHtmlReport: encodings', () => {
  const report = zeroReport({
    year: 2023,
    format: '2021',
    agency: '某县自然资源局',
    publishedOn: '2024-01-20',
  });
  const page = renderHtml(report);

  it('decodes a page declaring <meta charset="gbk"> as GB18030', () => {
    const gbk = page.replace('<meta charset="utf-8"/>', '<meta charset="gbk">');
    assert.notEqual(gbk, page);
    const bytes = iconv.encode(gbk, 'gbk');
    assertReadsBack(bytes, report);
    const result = readHtmlReport(bytes);
    assert.ok(result.ok);
    assert.equal(result.encoding, 'gb18030');
  });

  it('reads GBK pages of both formats back identical (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), (r) => {
        const html = renderHtml(r).replace('<meta charset="utf-8"/>', '<meta charset="GBK" />');
        const result = readHtmlReport(iconv.encode(html, 'gbk'));
        assert.ok(result.ok, JSON.stringify(result));
        assert.deepEqual(result.report, r);
        assert.equal(result.encoding, 'gb18030');
      }),
      { numRuns: 30 },
    );
  });

  it('honours the http-equiv form: content="text/html; charset=gb2312"', () => {
    const gb = page.replace(
      '<meta charset="utf-8"/>',
      '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gb2312">',
    );
    const result = readHtmlReport(iconv.encode(gb, 'gb2312'));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.encoding, 'gb18030');
    assert.deepEqual(result.report, report);
  });

  it('trusts valid UTF-8 over a stale gbk declaration (a crawler re-saved the page)', () => {
    const result = readHtmlReport(utf8(page.replace('<meta charset="utf-8"/>', '<meta charset="gbk">')));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.encoding, 'utf-8');
    assert.deepEqual(result.report, report);
  });

  it('guesses GB18030 for an undeclared GBK page, and refuses empty bytes', () => {
    const undeclared = readHtmlReport(iconv.encode(page.replace('<meta charset="utf-8"/>', ''), 'gbk'));
    assert.ok(undeclared.ok);
    assert.equal(undeclared.encoding, 'gb18030');
    const empty = readHtmlReport(new Uint8Array());
    assert.ok(!empty.ok);
    assert.equal(empty.error.code, 'input.empty');
  });

  it('refuses a page with no report, naming a line', () => {
    const result = readHtmlReport(utf8(portalPage('<p>关于开展防汛工作的通知</p>')));
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'read.not-a-report');
    assert.equal(typeof result.error.line, 'number');
  });
});

describe('htmlSourceLines', () => {
  it('ends lines at blocks, not at inline elements, and drops scripts, styles and comments', () => {
    const html = [
      '<html><head><title>某镇2023年政府信息公开工作年度报告</title><style>p { x: "一、总体情况" }</style></head>',
      '<body><!-- 一、总体情况 --><script>var a = "<p>二、</p>";</script><noscript>请启用脚本</noscript>',
      '<div class="crumb">首页 &gt; <a href="#">政务公开</a></div>',
      '<h1>某镇<span>2023年</span><strong>政府信息公开</strong>工作年度报告</h1>',
      '<p style="text-indent: 2em;"><span style="font-family: 黑体;">一、总体情况&nbsp;</span></p>',
      '<p>第一行<br>第二行&nbsp;&nbsp;</p>',
      '<div>',
      '  <p>',
      '    跨行的段落',
      '  </p>',
      '</div>',
      '</body></html>',
    ].join('\n');
    assert.deepEqual(htmlSourceLines(html), [
      { text: '首页 > 政务公开', line: 3 },
      { text: '某镇2023年政府信息公开工作年度报告', line: 4 },
      { text: '一、总体情况', line: 5 },
      { text: '第一行', line: 6 },
      { text: '第二行', line: 6 },
      { text: '跨行的段落', line: 8 },
    ]);
  });

  it('gives a table one line per cell; pieces of a cell join into one line', () => {
    const html = [
      '<table border="1" width="600"><tbody>',
      '<tr class="firstRow"><td colspan="3">申请人情况</td><td>&nbsp;</td></tr>',
      '<tr><td><p style="text-indent: 0em;">法律</p><p>服<span>务</span>',
      ' &nbsp; &nbsp; &nbsp;</p><p><span>机构</span>\n &nbsp;</p></td>',
      '<th>本年<br>\n&nbsp;&nbsp;新收</th><td></td></tr>',
      '<tr><td>自然人</td><td><p>&nbsp;</p></td><td><span>1</span><span>2</span></td><td>—</td></tr>',
      '</tbody></table>',
    ].join('\n');
    assert.deepEqual(
      htmlSourceLines(html).map((l) => [l.text, l.line]),
      [
        ['申请人情况', 2],
        ['法律服务机构', 3],
        ['本年新收', 6],
        ['自然人', 8],
        ['—', 8],
        ['12', 8],
        ['—', 8],
      ],
    );
  });

  it('flattens a nested table in place and keeps paragraphs of a layout table around the article', () => {
    const html =
      '<table><caption>表外标题</caption><tr><td><p>正文标题</p><p>一段话</p>' +
      '<table><tr><td>甲</td><td><table><tr><td>乙</td><td>1</td></tr></table></td><td>2</td></tr></table>' +
      '<p>表后段落</p></td></tr></table>';
    assert.deepEqual(
      htmlSourceLines(html).map((l) => l.text),
      ['表外标题', '正文标题', '一段话', '甲', '乙', '1', '2', '表后段落'],
    );
  });
});

describe('the crawled pingtan portal pages (../shared/corpus)', () => {
  for (const year of [2023, 2024]) {
    const path = `${SHARED_DIR}corpus/reports/${year}_pingtan_1.html`;
    it(`reads ${year}_pingtan_1.html: 平潭综合实验区, ${year}, 2021 format, sections 三 and 四 whole`, {
      skip: skipUnlessShared(path),
    }, () => {
      const result = readHtmlReport(readFileSync(path));
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.encoding, 'utf-8');
      const { report } = result;
      assert.equal(report.agency, '平潭综合实验区');
      assert.equal(report.year, year);
      assert.equal(report.format, '2021');
      for (const row of requestRows('2021')) {
        const cells = report.requests[row.key];
        assert.equal(cells?.length, 7, row.key);
        assert.ok(
          cells.every((c) => typeof c === 'number'),
          `${row.key}: ${JSON.stringify(cells)}`,
        );
      }
      const review = REVIEW_CELLS.map(({ block, column }) => report.reviewLitigation[block][column]);
      const read = Object.values(report.reviewLitigation).flatMap((b) => Object.keys(b));
      assert.equal(read.length, 15, 'the fifteen cells of 四 and nothing else');
      assert.ok(
        review.every((c) => typeof c === 'number'),
        JSON.stringify(review),
      );
    });
  }
});

describe('hostile HTML (issue 10, part 7)', () => {
  const encode = (html: string) => new TextEncoder().encode(html);

  it('reads a table of 1,500 × 100 cells without overflowing the stack', () => {
    const row = `<tr>${'<td>1</td>'.repeat(100)}</tr>`;
    const html = `<html><body><p>某镇2023年政府信息公开工作年度报告</p><table>${row.repeat(1500)}</table></body></html>`;
    const read = readHtmlReport(encode(html));
    assert.ok(!read.ok);
    assert.equal(read.error.code, 'read.not-a-report', 'refused for what it is, not a crash');
    assert.equal(htmlSourceLines(html).length, 150_001);
  });

  it('refuses a page nested 100,000 deep at once, and counts depth as the parser would', () => {
    const deep = `<html><body>${'<table><tr><td>'.repeat(100_000)}x${'</td></tr></table>'.repeat(100_000)}</body></html>`;
    const started = process.cpuUsage();
    const read = readHtmlReport(encode(deep));
    const ms = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1000;
    assert.ok(!read.ok && read.error.code === 'input.too-complex', JSON.stringify(read).slice(0, 200));
    assert.ok(ms < 5000, `${ms} ms: linear, not minutes`);
    // A <p> closes the <p> before it; a <span> in it nests; <br> and <img> never do.
    assert.equal(nestingDepth('<div><p>a<p>b<br><img src=x><span>c</span></div>'), 3);
    // "<tr><p><tr><p>…": a <tr> closes no <p>, so each pair nests deeper, as the parser keeps them.
    assert.equal(nestingDepth('<tr><p>'.repeat(10)), 20);
    assert.equal(nestingDepth('<table><tr><td>a<td>b<tr><td>c</table>'), 3);
    assert.equal(
      nestingDepth(`${'<div>'.repeat(MAX_HTML_DEPTH)}${'</div>'.repeat(MAX_HTML_DEPTH)}`),
      MAX_HTML_DEPTH,
    );
  });
});
