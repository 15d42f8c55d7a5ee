/**
 * text.figure-mismatch, as a rulebook: what section 一 says of the figures of sections 三 and 四 is held
 * against the tables (条例第五十条: the report covers 收到和处理政府信息公开申请 and 行政复议、行政诉讼;
 * the text restates those figures, the tables of 国办公开办函〔2021〕30号 print them). A statement is tied
 * only to the one cell or sum its words name; a statement about a part, another year or another thing is
 * left alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReportFormat } from '../format.js';
import { requestRows } from '../labels.js';
import { type AnnualReport, type CountCell, zeroReport } from '../model.js';
import type { Finding } from './finding.js';
import { type FigureTarget, findFigureStatements, parseChineseCount } from './narrative-figures.js';
import { checkNarrativeFigures, tableFigure } from './narrative-rule.js';
import { validateReport } from './validate.js';

/** A report whose 总计 column holds the given figures (the six applicant columns: all in 自然人). */
function reportWith(
  figures: Partial<Record<string, number>>,
  options: {
    format?: ReportFormat;
    year?: number;
    agency?: string;
    review?: AnnualReport['reviewLitigation'];
  } = {},
): AnnualReport {
  const format = options.format ?? '2021';
  const base = zeroReport({
    year: options.year ?? (format === '2021' ? 2023 : 2020),
    format,
    agency: options.agency ?? '示例县人民政府',
  });
  const requests: Record<string, CountCell[]> = {};
  for (const row of requestRows(format)) {
    const n = figures[row.key] ?? 0;
    requests[row.key] = [n, 0, 0, 0, 0, 0, n];
  }
  return { ...base, requests, reviewLitigation: options.review ?? base.reviewLitigation };
}

const said = (report: AnnualReport, overview: string): AnnualReport => ({
  ...report,
  text: { ...report.text, overview },
});

const mismatches = (report: AnnualReport): Finding[] => checkNarrativeFigures(report);

/** The issue's own example: 3119 new, 34 carried over, 3050 handled, 103 carried forward. */
const city = reportWith(
  { new: 3119, carriedOver: 34, granted: 3050, total: 3050, carriedForward: 103 },
  {
    agency: '示例市人民政府',
    review: {
      review: { upheld: 72, corrected: 30, other: 200, pending: 49, total: 351 },
      litigationDirect: { upheld: 20, corrected: 2, other: 3, pending: 5, total: 30 },
      litigationAfterReview: { upheld: 5, corrected: 1, other: 1, pending: 3, total: 10 },
    },
  },
);
const CITY_TEXT =
  '（二）依申请公开情况\n全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。政府信息公开行政复议351件，其中结果维持72件，结果纠正30件；政府信息公开行政诉讼40件。';

describe('text.figure-mismatch: statements that agree with the tables', () => {
  it('gives no finding when every restated figure is the table’s (the issue’s example sentence)', () => {
    const report = said(city, CITY_TEXT);
    assert.deepEqual(
      findFigureStatements(CITY_TEXT, report).map((s) => `${s.target}=${s.figure}`),
      [
        'new=3119',
        'total=3050',
        'carriedOver=34',
        'carriedForward=103',
        'review.total=351',
        'review.upheld=72',
        'review.corrected=30',
        'litigation.total=40',
      ],
    );
    assert.deepEqual(mismatches(report), []);
  });

  it('reads the figure after the words or before them, with 共, 累计, 共计', () => {
    const report = reportWith({ new: 70, total: 69, granted: 69, carriedForward: 1 });
    const text =
      '（二）依申请公开方面。本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。累计受理政府信息公开申请共计70件。';
    assert.deepEqual(
      findFigureStatements(text, report).map((s) => `${s.target}=${s.figure}`),
      ['new=70', 'total=69', 'carriedForward=1', 'new=70'],
    );
    assert.deepEqual(mismatches(said(report, text)), []);
  });

  it('reads Chinese numerals, full-width digits, thousands separators and traditional characters', () => {
    const report = reportWith({ new: 103, total: 103, granted: 103 }, { agency: '某镇人民政府' });
    for (const text of [
      '全年收到政府信息公开申请一百零三件。',
      '全年收到政府信息公开申请１０３件。',
      '全年收到政府信息公開申請103件，辦結103件。',
    ]) {
      assert.deepEqual(
        findFigureStatements(text, report).map((s) => s.figure),
        text.includes('辦結') ? [103, 103] : [103],
        text,
      );
      assert.deepEqual(mismatches(said(report, text)), [], text);
    }
    assert.deepEqual(
      findFigureStatements('全市共受理政府信息公开申请3,119件。', city).map((s) => s.figure),
      [3119],
    );

    it('quotes the right words after a character outside the BMP (a rare place name, 𠀀)', () => {
      const report = reportWith({ new: 3, total: 3, granted: 3 }, { agency: '某镇人民政府' });
      // Two UTF-16 units each: the quoted words must still be cut at the clause, not one unit off.
      const text = '𠀀𠀀“收到政府信息公开申请3件”，办结3件。';
      assert.deepEqual(
        findFigureStatements(text, report).map((s) => s.words),
        ['𠀀𠀀“收到政府信息公开申请3件”', '办结3件'],
      );
    });
  });

  it('accepts a 收到 figure that counts last year’s requests in when the sentence says it does', () => {
    const report = reportWith({ new: 75, carriedOver: 5, total: 80, granted: 80 });
    assert.deepEqual(mismatches(said(report, '共收到政府信息公开申请80件（含上年结转5件），办结80件。')), []);
  });

  it('reads 结转至<next year> as carried forward, and 2026 there as no other year', () => {
    const report = reportWith({ new: 154, total: 148, granted: 148, carriedForward: 6 }, { year: 2025 });
    const text = '2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。';
    assert.deepEqual(
      findFigureStatements(text, report).map((s) => `${s.target}=${s.figure}`),
      ['new=154', 'total=148', 'carriedForward=6'],
    );
    assert.deepEqual(mismatches(said(report, text)), []);
  });

  it('reads section 六 too', () => {
    const report = { ...reportWith({ new: 4, total: 4, granted: 4 }) };
    const withSix = {
      ...report,
      text: { ...report.text, otherMatters: '本年度共收到政府信息公开申请5件，未收取信息处理费。' },
    };
    assert.equal(mismatches(withSix).length, 1);
    assert.equal(mismatches(withSix)[0]!.cells[0]!.section, '六');
  });
});

describe('text.figure-mismatch: each kind of disagreement is one warning naming both figures', () => {
  const report = reportWith(
    {
      new: 81,
      carriedOver: 2,
      granted: 22,
      partial: 20,
      'denied.thirdParty': 1,
      'denied.process': 4,
      'unable.notHeld': 31,
      'unable.needsCreation': 2,
      'notProcessed.repeated': 1,
      'other.noCorrection': 1,
      'other.other': 1,
      total: 83,
      carriedForward: 0,
    },
    {
      review: {
        review: { upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 },
        litigationDirect: { upheld: 4, corrected: 0, other: 0, pending: 1, total: 5 },
        litigationAfterReview: { upheld: 1, corrected: 0, other: 1, pending: 0, total: 2 },
      },
    },
  );
  const cases: readonly (readonly [string, FigureTarget, number, string])[] = [
    ['全年收到政府信息公开申请80件。', 'new', 81, '一、本年新收政府信息公开申请数量·总计'],
    ['依申请公开：上年结转申请3件。', 'carriedOver', 2, '二、上年结转政府信息公开申请数量·总计'],
    ['依申请公开申请全部办结，共办结82件。', 'total', 83, '三、本年度办理结果（七）总计·总计'],
    ['政府信息公开申请有1件结转下年度继续办理。', 'carriedForward', 0, '四、结转下年度继续办理·总计'],
    ['依申请公开申请中予以公开23件。', 'granted', 22, '三、本年度办理结果（一）予以公开·总计'],
    ['依申请公开申请中部分公开19件。', 'partial', 20, '（二）部分公开'],
    ['依申请公开申请中不予公开4件。', 'denied', 5, '三、本年度办理结果（三）不予公开（各项之和）·总计'],
    // The example: a report that calls only the 不掌握 row 无法提供.
    ['依申请公开申请中无法提供31件。', 'unable', 33, '三、本年度办理结果（四）无法提供（各项之和）·总计'],
    ['依申请公开申请中不予处理2件。', 'notProcessed', 1, '（五）不予处理（各项之和）'],
    ['依申请公开申请中其他处理3件。', 'other', 2, '（六）其他处理（各项之和）'],
    ['因政府信息公开引起的行政复议案件3件。', 'review.total', 2, '第四部分“行政复议·总计”'],
    ['政府信息公开行政复议2件，其中结果维持2件。', 'review.upheld', 1, '第四部分“行政复议·结果维持”'],
    ['政府信息公开行政复议2件，其中被纠正0件。', 'review.corrected', 1, '第四部分“行政复议·结果纠正”'],
    [
      '因政府信息公开引起的行政诉讼案件6件。',
      'litigation.total',
      7,
      '第四部分“行政诉讼（未经复议直接起诉＋复议后起诉）·总计”',
    ],
    [
      '政府信息公开行政诉讼中未经复议直接起诉4件。',
      'litigationDirect.total',
      5,
      '行政诉讼·未经复议直接起诉·总计',
    ],
  ];
  for (const [text, target, value, label] of cases) {
    it(`${target}: “${text}” against ${value}`, () => {
      const statements = findFigureStatements(text, report);
      const statement = statements.find((s) => s.target === target);
      assert.ok(statement, JSON.stringify(statements));
      // Any other figure of the sentence is the table's own.
      for (const other of statements.filter((s) => s !== statement))
        assert.equal(other.figure, tableFigure(report, other.target)?.value);
      const found = mismatches(said(report, text));
      assert.equal(found.length, 1);
      const [f] = found as [Finding];
      assert.equal(f.rule, 'text.figure-mismatch');
      assert.equal(f.severity, 'warning');
      assert.equal(f.expected, String(value));
      assert.equal(f.found, String(statement.figure));
      assert.ok(f.message.includes(`（${statement.figure}）`), f.message);
      assert.ok(f.message.includes(`为 ${value}`), f.message);
      assert.ok(f.message.includes(label), f.message);
      assert.ok(f.message.startsWith('第一部分说“'), f.message);
      assert.deepEqual(f.cells[0], { section: '一', row: 'overview', column: 'text' });
      assert.ok(f.cells.length > 1);
    });
  }

  it('names the figure the words probably counted: 收到 as new + carried over, 办结 as total + forward', () => {
    const report2 = reportWith({ new: 74, carriedOver: 1, total: 75, granted: 75, carriedForward: 0 });
    const [f] = mismatches(said(report2, '2023年，全区收到政府信息公开申请75件，涉及自然人72件。'));
    assert.ok(f?.message.endsWith('为 74；文字的数字等于本年新收＋上年结转'), f?.message);
    const report3 = reportWith({ new: 10, total: 8, granted: 8, carriedForward: 2 });
    const [g] = mismatches(said(report3, '依申请公开：办结政府信息公开申请10件。'));
    assert.ok(g?.message.endsWith('；文字的数字等于（七）总计＋结转下年度'), g?.message);
  });

  it('reports a figure stated twice the same wrong way once', () => {
    const text = '全年收到政府信息公开申请80件。综上，本年度收到政府信息公开申请80件。';
    assert.equal(mismatches(said(report, text)).length, 1);
  });

  it('is a warning: validateReport lists it with the table rules', () => {
    const text = '全年收到政府信息公开申请80件。';
    assert.ok(validateReport(said(report, text)).some((f) => f.rule === 'text.figure-mismatch'));
  });

  it('reads the 2019 format’s （六）其他处理 as its one row', () => {
    const old = reportWith({ other: 4, total: 4, new: 4 }, { format: '2019' });
    assert.equal(tableFigure(old, 'other')?.value, 4);
    assert.equal(mismatches(said(old, '依申请公开申请中其他处理3件。')).length, 1);
    assert.deepEqual(mismatches(said(old, '依申请公开申请中其他处理4件。')), []);
  });
});

describe('text.figure-mismatch: statements left alone', () => {
  const report = reportWith(
    { new: 81, total: 81, granted: 22, partial: 20, 'unable.notHeld': 39 },
    { agency: '示例区人民政府' },
  );
  /** Why, the words, and the statements of them that are tied (none unless listed). */
  const untied: readonly (readonly [string, string, (readonly string[])?])[] = [
    ['a channel', '其中通过网络申请20件，通过网络收到政府信息公开申请20件。'],
    ['an applicant kind', '其中自然人收到申请70件，涉及自然人72件、商业企业3件。'],
    ['another department', '依申请公开方面，区住建局收到政府信息公开申请20件，区民政局受理申请10件。'],
    ['a comparison', '收到政府信息公开申请同比增长20件，较上年增加10件，同比增长12%。'],
    ['another year', '依申请公开方面，2022年收到政府信息公开申请60件。'],
    ['last year', '依申请公开方面，去年收到政府信息公开申请60件。'],
    ['an approximate figure', '收到政府信息公开申请近百件，收到政府信息公开申请100余件，约受理申请90件。'],
    ['working days and percentages', '依申请公开申请平均答复时间5个工作日，答复率100%，办结率98.5%。'],
    ['a subject', '依申请公开方面，收到涉及征地拆迁的政府信息公开申请30件。'],
    ['two targets in one phrase', '依申请公开申请中，予以公开及部分公开42件，占51.85%。'],
    [
      'another kind of request',
      '依申请公开方面，答复12345热线诉求300件，办结人大代表建议20件，受理行政许可申请500件。',
    ],
    ['a member row', '依申请公开方面，因本机关不掌握无法提供39件，因重复申请不予处理2件。'],
    ['the agency as 复议机关', '依申请公开方面，受理政府信息公开行政复议申请12件，公开行政复议决定书5件。'],
    ['复议 and 诉讼 together', '涉及政府信息公开的行政复议和行政诉讼案件共8件，其中维持5件。'],
    [
      'a result of two kinds',
      '因政府信息公开引起的行政复议2件、行政诉讼3件，其中维持4件。',
      ['review.total=2', 'litigation.total=3'],
    ],
    ['no mention of disclosure', '全年办理行政复议案件50件，行政诉讼案件40件。'],
    ['words that are not a count', '推进“一件事一次办”，第一件申请当日办结，逐一件落实。'],
    ['a passage about something else', '（一）主动公开方面。全年受理办件3000件，答复3件。'],
    ['timeliness', '依申请公开申请延期答复5件，当场答复3件。'],
    ['a sum over units', '依申请公开方面，各县（市、区）共收到政府信息公开申请500件。'],
    ['a sentence about another kind of request', '依申请公开方面，全年接到群众电话咨询300件，答复300件。'],
    ['an ordinal', '依申请公开方面，收到的第3件申请当日答复。'],
  ];
  for (const [why, text, tied = []] of untied) {
    it(`${why}: “${text}”`, () => {
      assert.deepEqual(
        findFigureStatements(text, report).map((s) => `${s.target}=${s.figure}`),
        tied,
      );
      if (tied.length === 0) assert.deepEqual(mismatches(said(report, text)), []);
    });
  }

  it('leaves a target alone when one of its statements agrees (the others are about a part)', () => {
    const text = '依申请公开方面，全年收到政府信息公开申请81件。其中城建方面，收到政府信息公开申请30件。';
    assert.deepEqual(mismatches(said(report, text)), []);
  });

  it('leaves a statement alone when a cell it needs could not be read', () => {
    const { new: _new, ...rest } = report.requests;
    assert.deepEqual(mismatches(said({ ...report, requests: rest }, '全年收到政府信息公开申请80件。')), []);
  });

  it('lets the agency name itself: 示例区 and 我区 are the reporting agency, not another department', () => {
    const town = reportWith({ new: 3, total: 3, granted: 3 }, { agency: '示例县徐望镇人民政府' });
    for (const text of ['徐望镇共收到政府信息公开申请4件。', '我镇共收到政府信息公开申请4件。'])
      assert.equal(mismatches(said(town, text)).length, 1, text);
  });
});

describe('parseChineseCount', () => {
  it('reads counts as written in words', () => {
    const read = Object.fromEntries(
      ['三', '十', '十二', '二十', '一百零三', '两千', '一万二千', '三百五十一', '十万'].map((w) => [
        w,
        parseChineseCount(w),
      ]),
    );
    assert.deepEqual(read, {
      三: 3,
      十: 10,
      十二: 12,
      二十: 20,
      一百零三: 103,
      两千: 2000,
      一万二千: 12000,
      三百五十一: 351,
      十万: 100000,
    });
  });

  it('refuses what is not a count', () => {
    for (const w of ['', '零', '三三', '百', '二〇二三', 'a'])
      assert.equal(parseChineseCount(w), undefined, w);
  });
});
