/**
 * The title of a report as agencies print it (issue 10, part 1): the year before or after the agency,
 * inside the phrase, spaced digits, a title broken over lines, the agency only in the page's 来源 line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { exampleReport } from '../../domain/report/example.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { parseJsonReport } from '../json/report-json.js';
import { findHeading } from './find-sections.js';
import { parseTextReport } from './parse-text.js';
import { renderText } from './render-text.js';
import { sourceLinesOf, toTextLines } from './text-lines.js';

const heading = (text: string) => {
  const h = findHeading(toTextLines(sourceLinesOf(text)));
  return h && [h.agency, h.year, h.agencyFrom ?? 'title'];
};

describe('the report’s title, in every form it is printed', () => {
  it('agency then year, with or without 度 and spaces around the digits', () => {
    assert.deepEqual(heading('平潭县人民政府2020年政府信息公开工作年度报告'), [
      '平潭县人民政府',
      2020,
      'title',
    ]);
    assert.deepEqual(heading('某某局 2023 年度政府信息公开工作年度报告'), ['某某局', 2023, 'title']);
    assert.deepEqual(heading('标题：淮安市人民政府２０２４年政府信息公开工作年度报告'), [
      '淮安市人民政府',
      2024,
      'title',
    ]);
  });

  it('year first: 2019年上海市人民政府办公厅政府信息公开工作年度报告', () => {
    assert.deepEqual(heading('2019年上海市人民政府办公厅政府信息公开工作年度报告'), [
      '上海市人民政府办公厅',
      2019,
      'title',
    ]);
  });

  it('the year inside the phrase, or after 关于', () => {
    assert.deepEqual(heading('某市生态环境局政府信息公开工作2023年度报告'), [
      '某市生态环境局',
      2023,
      'title',
    ]);
    assert.deepEqual(heading('某区人民政府关于2023年度政府信息公开工作的年度报告'), [
      '某区人民政府',
      2023,
      'title',
    ]);
  });

  it('a title broken over two or three lines takes the agency from the lines above', () => {
    assert.deepEqual(heading('淮安市人民政府\n2024 年政府信息公开工作年度报告'), [
      '淮安市人民政府',
      2024,
      'previous-lines',
    ]);
    assert.deepEqual(heading('淮安市\n人民政府\n2024年政府信息公开工作年度报告'), [
      '淮安市人民政府',
      2024,
      'previous-lines',
    ]);
  });

  it('with no agency in the title, takes it from the page’s 来源 line', () => {
    assert.deepEqual(
      heading(
        '首页 > 政府信息公开\n来源：某某镇人民政府  发布时间：2024-01-20\n2023年政府信息公开工作年度报告',
      ),
      ['某某镇人民政府', 2023, 'source-line'],
    );
  });

  it('reads a title half converted to traditional characters, the agency as printed', () => {
    assert.deepEqual(heading('鳳凰鎮人民政府2021年政府信息公開工作年度报告'), [
      '鳳凰鎮人民政府',
      2021,
      'title',
    ]);
    assert.deepEqual(heading('某某局關於2023年度政府信息公開工作的年度報告'), ['某某局', 2023, 'title']);
  });

  it('reads the heading shortened or worded otherwise (政府信息公开年度报告, 政务公开工作年度报告)', () => {
    assert.deepEqual(heading('某某区2023年政府信息公开年度报告'), ['某某区', 2023, 'title']);
    assert.deepEqual(heading('某某县人民政府2023年度政府信息公开工作年报'), [
      '某某县人民政府',
      2023,
      'title',
    ]);
    assert.deepEqual(heading('2024年某某镇政务公开工作年度报告'), ['某某镇', 2024, 'title']);
  });

  it('reads Kangxi radicals and compatibility ideographs as the usual characters (政府信息公开⼯作)', () => {
    assert.deepEqual(heading('某某街道2021年政府信息公开\u2f2f作年度报告'), ['某某街道', 2021, 'title']);
  });

  it('finds nothing in a page that only mentions reports', () => {
    assert.equal(heading('关于做好政府信息公开工作的通知\n各乡镇：请于1月31日前报送年度报告。'), undefined);
  });
});

describe('a whole report whose title is printed in another form', () => {
  const report = exampleReport(2023, '某某县人民政府');
  const printed = renderText(report);
  const title = `${report.agency}${report.year}年政府信息公开工作年度报告`;
  for (const [form, retitled, from] of [
    ['year first', `${report.year}年${report.agency}政府信息公开工作年度报告`, undefined],
    ['关于', `${report.agency}关于${report.year}年度政府信息公开工作的年度报告`, undefined],
    [
      'broken over two lines',
      `${report.agency}\n${report.year} 年政府信息公开工作年度报告`,
      'previous-lines',
    ],
  ] as const)
    it(`reads every cell of it: ${form}`, () => {
      assert.ok(printed.includes(title), 'the renderer prints the usual title');
      const read = parseTextReport(printed.replace(title, retitled));
      assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
      assert.deepEqual([read.report.agency, read.report.year], [report.agency, report.year]);
      assert.deepEqual(read.report.requests, report.requests);
      assert.equal(
        read.notes.some((n) => n.rule === 'read.inferred'),
        from !== undefined,
        'an agency taken from elsewhere is said',
      );
    });
});

describe('a report with no title at all, its sections and tables there', () => {
  const report = exampleReport(2023, '某某镇人民政府');
  const title = `${report.agency}${report.year}年政府信息公开工作年度报告`;
  const untitled = (overview: string) =>
    renderText({ ...report, text: { ...report.text, overview } }).replace(title, '');

  it('takes the year from the period it states and the agency from its first sentence, and says so', () => {
    const read = parseTextReport(
      untitled(
        '2023年，某某镇人民政府认真贯彻落实《条例》。\n本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。',
      ),
    );
    assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
    assert.deepEqual([read.report.agency, read.report.year], ['某某镇人民政府', 2023]);
    assert.deepEqual(read.report.requests, report.requests);
    const said = read.notes.filter((n) => n.rule === 'read.inferred').map((n) => n.message);
    assert.equal(said.length, 2);
    assert.match(said.join('\n'), /机关名称取自“一、总体情况”的正文/);
    assert.match(said.join('\n'), /年度取自报告所述的统计期限：2023 年度/);
  });

  it('takes the year from the first sentence when no period is stated; “我局” is no agency, the 来源 line is', () => {
    const read = parseTextReport(`来源：某某县自然资源局\n${untitled('2023年，我局严格落实《条例》要求。')}`);
    assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
    assert.deepEqual([read.report.agency, read.report.year], ['某某县自然资源局', 2023]);
  });

  it('takes the agency after “按照……要求，” in the first sentence', () => {
    const read = parseTextReport(
      untitled(
        '按照区委、区政府有关要求，区政府政务服务办进一步做好政府信息公开工作。\n本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。',
      ),
    );
    assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
    assert.deepEqual([read.report.agency, read.report.year], ['区政府政务服务办', 2023]);
  });

  it('reads a page that never names its agency, and says the agency is unknown', () => {
    const read = parseTextReport(untitled('2023年，我局严格落实《条例》要求。'));
    assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
    assert.deepEqual([read.report.agency, read.report.year], ['', 2023]);
    assert.deepEqual(read.report.requests, report.requests);
    const said = read.notes.filter((n) => n.rule === 'read.inferred').map((n) => n.message);
    assert.match(said.join('\n'), /机关名称不详/);
  });

  it('takes no “本级” for an agency from title words in a sentence; the agency is the one to ask', () => {
    const read = parseTextReport(
      untitled(
        '根据《条例》规定，向社会公布2023年本级政府信息公开工作年度报告。如需咨询，请与某某县某某镇人民政府党政办公室联系。',
      ),
    );
    assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
    assert.deepEqual([read.report.agency, read.report.year], ['某某县某某镇人民政府', 2023]);
    assert.deepEqual(read.report.requests, report.requests);
    assert.match(read.report.text.overview, /^根据《条例》规定/);
  });

  it('still refuses a page with neither a title nor the sections', () => {
    const read = parseTextReport('2023年，我镇认真做好政府信息公开工作。');
    assert.ok(!read.ok);
    assert.equal(read.error.code, 'read.not-a-report');
  });
});

describe('a publication date that is no day of the calendar', () => {
  it('is not taken, in text or in JSON', async () => {
    const report = exampleReport(2023, '某某镇人民政府');
    const text = renderText({ ...report, publishedOn: '2024-01-20' });
    const intact = parseTextReport(text);
    assert.ok(intact.ok);
    assert.equal(intact.report.publishedOn, '2024-01-20', 'the date as printed is read');
    const read = parseTextReport(
      text.replace(/2024-01-20|2024年1月20日/g, (d) =>
        d.replace('01-20', '02-30').replace('1月20日', '2月30日'),
      ),
    );
    assert.ok(read.ok);
    assert.notEqual(read.report.publishedOn, '2024-02-30');
    for (const bad of ['2025-02-30', '9999-99-99']) {
      const json = parseJsonReport(JSON.stringify({ ...report, publishedOn: bad }));
      assert.ok(!json.ok, bad);
      assert.match(json.error.message, /不是日历上的日期/);
    }
  });
});

describe('section 一 under the names agencies give it, and the office that wrote the report', () => {
  it('reads 一、工作基本情况 as section 一, and the agency from “由……党政办公室编制”', () => {
    const report = exampleReport(2020, '两城镇人民政府');
    const title = `${report.agency}${report.year}年政府信息公开工作年度报告`;
    const text = renderText({
      ...report,
      text: {
        ...report.text,
        overview:
          '本报告是根据《条例》要求，由两城镇人民政府党政办公室编制。统计期限为2020年1月1日至2020年12月31日。',
      },
    })
      .replace(title, '')
      .replace('一、总体情况', '一、工作基本情况');
    const read = parseTextReport(text);
    assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
    assert.deepEqual([read.report.agency, read.report.year], ['两城镇人民政府', 2020]);
    assert.deepEqual(read.report.requests, report.requests);
  });
});

describe('a page that prints no section titles, only its tables', () => {
  const report = exampleReport(2023, '某某镇人民政府');
  // Sections 五 and 六 are prose: nothing but their titles says where they begin, so they keep them.
  const titles =
    /^(?:一、总体情况|二、主动公开政府信息情况|三、收到和处理政府信息公开申请情况|四、政府信息公开行政复议、行政诉讼情况)$\n?/gmu;

  it('places sections 二, 三 and 四 where their tables begin, reads every cell, and says so', () => {
    const bare = renderText(report).replace(titles, '');
    assert.doesNotMatch(bare, /三、收到和处理/);
    const read = parseTextReport(bare);
    assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
    assert.equal(read.report.agency, report.agency);
    assert.deepEqual(read.report.proactive, report.proactive);
    assert.deepEqual(read.report.requests, report.requests);
    assert.deepEqual(read.report.reviewLitigation, report.reviewLitigation);
    const said = read.notes.filter((n) => n.rule === 'read.inferred').map((n) => n.message);
    assert.match(said.join('\n'), /页面没有.*等部分标题，按表格的位置划分各部分/);
  });

  it('and with no title either: the year from the stated period, the agency from the first sentence', () => {
    const overview =
      '2023年，某某镇人民政府认真贯彻落实《条例》。\n本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。';
    const bare = renderText({ ...report, text: { ...report.text, overview } })
      .replace(`${report.agency}${report.year}年政府信息公开工作年度报告`, '')
      .replace(titles, '');
    const read = parseTextReport(bare);
    assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
    assert.deepEqual([read.report.agency, read.report.year], ['某某镇人民政府', 2023]);
    assert.deepEqual(read.report.requests, report.requests);
    assert.deepEqual(read.report.reviewLitigation, report.reviewLitigation);
  });
});

/** Every title form of issue 10 (part 1), and none: the report's own agency and year in each. */
const TITLE_FORMS: readonly (readonly [string, (r: AnnualReport) => string])[] = [
  ['as rendered', (r) => `${r.agency}${r.year}年政府信息公开工作年度报告`],
  ['年度', (r) => `${r.agency}${r.year}年度政府信息公开工作年度报告`],
  ['year first', (r) => `${r.year}年${r.agency}政府信息公开工作年度报告`],
  ['year inside', (r) => `${r.agency}政府信息公开工作${r.year}年度报告`],
  ['关于', (r) => `${r.agency}关于${r.year}年度政府信息公开工作的年度报告`],
  ['spaced digits', (r) => `${r.agency} ${r.year} 年政府信息公开工作年度报告`],
  ['two lines', (r) => `${r.agency}\n${r.year} 年政府信息公开工作年度报告`],
  [
    'three lines',
    (r) => `${r.agency.slice(0, 2)}\n${r.agency.slice(2)}\n${r.year}年政府信息公开工作年度报告`,
  ],
  ['来源 line', (r) => `来源：${r.agency}\n\n${r.year}年政府信息公开工作年度报告`],
  ['no title', () => ''],
];

describe('no report is refused for its title alone', () => {
  it('reads the same agency, year and numbers under every title form, and with none (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), fc.constantFrom(...TITLE_FORMS), (generated, [form, title]) => {
        // "2023年度政镇……" reads 年度 before the name: no agency's name begins with 度.
        fc.pre(!(form === 'year first' && generated.agency.startsWith('度')));
        // A report without a title still says its year and agency in its first lines, as real ones do.
        const overview = `${generated.year}年，${generated.agency}认真贯彻落实《条例》。\n本报告所列数据的统计期限自${generated.year}年1月1日起至${generated.year}年12月31日止。\n${generated.text.overview}`;
        const report = { ...generated, text: { ...generated.text, overview } };
        const rendered = renderText(report);
        const usual = `${report.agency}${report.year}年政府信息公开工作年度报告`;
        assert.ok(rendered.startsWith(usual));
        const read = parseTextReport(rendered.replace(usual, title(report)));
        assert.ok(read.ok, `${form}: ${JSON.stringify(read).slice(0, 300)}`);
        assert.deepEqual(
          [read.report.agency, read.report.year, read.report.format],
          [report.agency, report.year, report.format],
          form,
        );
        assert.deepEqual(read.report.proactive, report.proactive, form);
        assert.deepEqual(read.report.requests, report.requests, form);
        assert.deepEqual(read.report.reviewLitigation, report.reviewLitigation, form);
      }),
      { numRuns: 300 },
    );
  });
});

describe('section titles as agencies number and word them', () => {
  const report = exampleReport(2023, '某某镇人民政府');
  const printed = renderText(report);
  const forms: readonly (readonly [string, (n: string, words: string) => string])[] = [
    ['第一部分', (n, words) => `第${n}部分 ${words}`],
    ['一.', (n, words) => `${n}．${words}`],
    ['一，', (n, words) => `${n}，${words}`],
    ['no mark', (n, words) => `${n}${words}`],
  ];
  const titles = [
    ['一', '总体情况'],
    ['二', '主动公开政府信息情况'],
    ['三', '收到和处理政府信息公开申请情况'],
    ['四', '政府信息公开行政复议、行政诉讼情况'],
    ['五', '存在的主要问题及改进情况'],
    ['六', '其他需要报告的事项'],
  ] as const;
  for (const [form, write] of forms)
    it(`reads every section under titles numbered ${form}`, () => {
      let page = printed;
      for (const [n, words] of titles) page = page.replace(`\n${n}、${words}\n`, `\n${write(n, words)}\n`);
      const read = parseTextReport(page);
      assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
      assert.deepEqual(read.report, report);
      assert.deepEqual(read.notes, []);
    });

  it('reads the wordings 的 put in and 改进措施', () => {
    const page = printed
      .replace('二、主动公开政府信息情况', '二、主动公开政府信息的情况')
      .replace('五、存在的主要问题及改进情况', '五、存在的主要问题和改进措施')
      .replace('六、其他需要报告的事项', '六、其他需要报告事项');
    const read = parseTextReport(page);
    assert.ok(read.ok);
    assert.deepEqual(read.report, report);
  });
});
