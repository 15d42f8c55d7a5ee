/**
 * text.figure-mismatch as a property: a report whose section 一 restates its own figures, in any of the
 * phrasings agencies use (数字 before or after the words, 共/累计/共计, Chinese numerals, full-width
 * digits, the agency's own name), never gets the warning; changing one restated figure always gets
 * exactly that one warning, on that target.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { arbitraryReport } from '../../../test-support/arbitrary-report.js';
import type { AnnualReport } from '../model.js';
import { type FigureTarget, findFigureStatements } from './narrative-figures.js';
import { checkNarrativeFigures, tableFigure } from './narrative-rule.js';

const CN = [...'零一二三四五六七八九'];

/** 103 → 一百零三, 12 → 十二: a count in Chinese numerals (below 10 000). */
function chinese(n: number): string {
  if (n === 0) return '零';
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    const unit = units[i]!;
    out += (d === 1 && unit === '十' && out === '' ? '' : CN[d]!) + unit;
  });
  return out;
}

type Style = 'arabic' | 'fullWidth' | 'chinese';
const write = (n: number, style: Style): string =>
  style === 'chinese' && n > 0 && n < 10_000
    ? chinese(n)
    : style === 'fullWidth'
      ? String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
      : String(n);

type Phrase = (n: string, report: AnnualReport) => string;

/** Each target's phrasings, as one clause. */
const PHRASES: Readonly<Record<string, readonly Phrase[]>> = {
  new: [
    (n) => `全年共收到政府信息公开申请${n}件`,
    (n) => `本年度新收政府信息公开申请${n}件`,
    (n, r) => `${r.agency}共受理政府信息公开申请${n}件`,
    (n) => `共收到${n}件政府信息公开申请`,
    (n) => `累计接收政府信息公开申请共计${n}件`,
  ],
  carriedOver: [(n) => `上年结转${n}件`, (n) => `上年度结转申请${n}件`],
  total: [(n) => `办结${n}件`, (n) => `答复${n}件`, (n) => `共办结政府信息公开申请${n}件`],
  carriedForward: [
    (n) => `${n}件结转下年度继续办理`,
    (n) => `另有${n}件顺延到下年度答复`,
    (n, r) => `结转至${r.year + 1}年${n}件`,
  ],
  granted: [(n) => `其中予以公开${n}件`, (n) => `${n}件予以公开`],
  partial: [(n) => `部分公开${n}件`],
  denied: [(n) => `不予公开${n}件`],
  unable: [(n) => `无法提供${n}件`],
  notProcessed: [(n) => `不予处理${n}件`],
  other: [(n) => `其他处理${n}件`],
};

const REQUEST_SENTENCE: readonly FigureTarget[] = ['new', 'carriedOver', 'total', 'carriedForward'];
const OUTCOME_SENTENCE: readonly FigureTarget[] = [
  'granted',
  'partial',
  'denied',
  'unable',
  'notProcessed',
  'other',
];

interface Restatement {
  readonly target: FigureTarget;
  readonly phrase: number;
  readonly style: Style;
}

const restatement = (target: FigureTarget): fc.Arbitrary<Restatement> =>
  fc.record({
    target: fc.constant(target),
    phrase: fc.nat(9),
    style: fc.constantFrom<Style>('arabic', 'arabic', 'fullWidth', 'chinese'),
  });

/** Some of the targets, in their order, each once. */
const someOf = (targets: readonly FigureTarget[]) =>
  fc.subarray([...targets]).chain((ts) => fc.tuple(...ts.map(restatement)));

const restatements = fc.record({
  requests: someOf(REQUEST_SENTENCE),
  outcomes: someOf(OUTCOME_SENTENCE),
  review: someOf(['review.upheld', 'review.corrected']),
  litigation: someOf(['litigation.upheld']),
});

type Restatements = typeof restatements extends fc.Arbitrary<infer T> ? T : never;

const caseClause = (target: FigureTarget, n: string) =>
  target.endsWith('upheld') ? `其中结果维持${n}件` : `结果纠正${n}件`;

/** Section 一 restating the report's figures, with `figureOf` giving the figure each clause states. */
function overview(
  report: AnnualReport,
  said: Restatements,
  figureOf: (target: FigureTarget) => number,
): string {
  const clause = (r: Restatement) => {
    const n = write(figureOf(r.target), r.style);
    const phrases = PHRASES[r.target];
    return phrases ? phrases[r.phrase % phrases.length]!(n, report) : caseClause(r.target, n);
  };
  const sentences = [
    `${report.year}年，本机关认真落实《中华人民共和国政府信息公开条例》。`,
    '（二）依申请公开情况',
  ];
  if (said.requests.length > 0) sentences.push(`${report.year}年，${said.requests.map(clause).join('，')}。`);
  if (said.outcomes.length > 0) sentences.push(`办结的申请中，${said.outcomes.map(clause).join('，')}。`);
  sentences.push(
    `因政府信息公开引起的行政复议${write(figureOf('review.total'), 'arabic')}件${said.review.map((r) => `，${clause(r)}`).join('')}。`,
  );
  sentences.push(
    `因政府信息公开引起的行政诉讼${write(figureOf('litigation.total'), 'arabic')}起${said.litigation.map((r) => `，${clause(r)}`).join('')}。`,
  );
  return sentences.join('\n');
}

const tableValue = (report: AnnualReport) => (target: FigureTarget) => tableFigure(report, target)!.value;

const withOverview = (report: AnnualReport, text: string): AnnualReport => ({
  ...report,
  text: { overview: text, problems: '', otherMatters: '' },
});

describe('text.figure-mismatch over generated reports', () => {
  it('never warns about a section 一 that restates the report’s own figures', () => {
    fc.assert(
      fc.property(arbitraryReport(), restatements, (report, said) => {
        const text = overview(report, said, tableValue(report));
        // Every clause is read as the statement it is (the two case totals are always there) …
        const clauses =
          said.requests.length + said.outcomes.length + said.review.length + said.litigation.length;
        assert.equal(findFigureStatements(text, report).length, clauses + 2, text);
        // … and none of them disagrees with the table.
        assert.deepEqual(checkNarrativeFigures(withOverview(report, text)), [], text);
      }),
      { numRuns: 300 },
    );
  });

  it('warns exactly once, on that target, when one restated figure is changed', () => {
    fc.assert(
      fc.property(
        arbitraryReport(),
        restatements,
        fc.nat(),
        fc.integer({ min: 1, max: 40 }),
        (report, said, pick, delta) => {
          const stated = [
            ...said.requests,
            ...said.outcomes,
            ...said.review,
            ...said.litigation,
            { target: 'review.total' as const },
            { target: 'litigation.total' as const },
          ];
          const changed = stated[pick % stated.length]!.target;
          const actual = tableValue(report);
          // Never the one other reading the rule accepts: 收到 counting last year's requests in.
          const alternative = changed === 'new' ? actual('new') + actual('carriedOver') : -1;
          let wrong = actual(changed) + delta;
          if (wrong === alternative) wrong += 1;
          const text = overview(report, said, (t) => (t === changed ? wrong : actual(t)));
          const findings = checkNarrativeFigures(withOverview(report, text));
          assert.equal(findings.length, 1, `${changed}: ${text}\n${JSON.stringify(findings)}`);
          const [f] = findings as [(typeof findings)[0]];
          assert.equal(f.rule, 'text.figure-mismatch');
          assert.equal(f.expected, String(actual(changed)));
          assert.equal(f.found, String(wrong));
          assert.deepEqual(f.cells.slice(1), tableFigure(report, changed)!.cells);
        },
      ),
      { numRuns: 300 },
    );
  });
});
