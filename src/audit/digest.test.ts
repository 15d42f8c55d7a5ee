import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { exampleReport } from '../domain/report/example.js';
import { proactiveBlocks } from '../domain/report/labels.js';
import type { AnnualReport, CountCell, ProactiveCell } from '../domain/report/model.js';
import { checkAgainstPreviousYear } from '../domain/report/validation/cross-year-rules.js';
import { arbitraryReport } from '../test-support/arbitrary-report.js';
import { COMPARE_FIGURES, compareFigures, digestReport, hash53, skeletonReport } from './digest.js';

type Edit =
  | { kind: 'carry'; row: 'carriedOver' | 'carriedForward'; column: number; value: CountCell | undefined }
  | { kind: 'dropCarry'; row: 'carriedOver' | 'carriedForward' }
  | { kind: 'proactive'; pick: number; value: ProactiveCell | undefined }
  | { kind: 'dropProactive'; pick: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('carry' as const),
    row: fc.constantFrom('carriedOver' as const, 'carriedForward' as const),
    column: fc.nat(6),
    value: fc.oneof(fc.constant(null), fc.constant(undefined), fc.nat(50)),
  }),
  fc.record({
    kind: fc.constant('dropCarry' as const),
    row: fc.constantFrom('carriedOver' as const, 'carriedForward' as const),
  }),
  fc.record({
    kind: fc.constant('proactive' as const),
    pick: fc.nat(100),
    value: fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.integer({ min: -20, max: 80 }),
      fc.constant('3.50'),
    ),
  }),
  fc.record({ kind: fc.constant('dropProactive' as const), pick: fc.nat(100) }),
);

/** Cells blanked, left out, changed; rows left out: what readers of messy pages give. */
function applyEdits(report: AnnualReport, edits: readonly Edit[]): AnnualReport {
  const requests = { ...report.requests } as Record<string, (CountCell | undefined)[] | undefined>;
  const proactive = Object.fromEntries(
    Object.entries(report.proactive).map(([k, v]) => [k, { ...v }]),
  ) as Record<string, Record<string, ProactiveCell | undefined>>;
  const slots = proactiveBlocks(report.format).flatMap((b) =>
    b.rows.flatMap((r) => b.columns.map((c) => [r.key, c.key] as const)),
  );
  for (const e of edits) {
    if (e.kind === 'carry') {
      const cells = [...(requests[e.row] ?? Array<CountCell>(7).fill(0))];
      if (e.value === undefined) delete cells[e.column];
      else cells[e.column] = e.value;
      requests[e.row] = cells;
    } else if (e.kind === 'dropCarry') {
      delete requests[e.row];
    } else {
      const [row, column] = slots[e.pick % slots.length]!;
      if (e.kind === 'dropProactive') delete proactive[row];
      else {
        proactive[row] = { ...(proactive[row] ?? {}) };
        if (e.value === undefined) delete proactive[row]![column];
        else proactive[row]![column] = e.value;
      }
    }
  }
  return { ...report, requests: requests as AnnualReport['requests'], proactive } as AnnualReport;
}

const skeleton = (report: AnnualReport) => skeletonReport(digestReport(report, { compare: false }));

describe('report digests', () => {
  it('give the cross-year rules exactly what the full reports give them (property)', () => {
    const pair = fc
      .tuple(
        arbitraryReport(),
        arbitraryReport(),
        fc.array(edit, { maxLength: 6 }),
        fc.array(edit, { maxLength: 6 }),
      )
      .map(([now, last, nowEdits, lastEdits]) => {
        const previous = applyEdits({ ...last, year: now.year - 1, agency: now.agency }, lastEdits);
        return [applyEdits(now, nowEdits), previous] as const;
      });
    let compared = 0;
    fc.assert(
      fc.property(pair, ([now, previous]) => {
        const expected = checkAgainstPreviousYear(now, previous);
        compared += expected.length;
        assert.deepEqual(checkAgainstPreviousYear(skeleton(now), skeleton(previous)), expected);
      }),
      { numRuns: 400, seed: 7 },
    );
    assert.ok(compared > 100, `the pairs broke cross-year rules (${compared} findings)`);
  });

  it('keep the year-over-year figures with compare, and only then', () => {
    const report = exampleReport(2022);
    assert.equal(compareFigures(digestReport(report, { compare: false })), undefined);
    const figures = compareFigures(digestReport(report, { compare: true }))!;
    assert.equal(figures.length, COMPARE_FIGURES.length);
    const byLabel = Object.fromEntries(COMPARE_FIGURES.map((f, i) => [f.label, figures[i]]));
    assert.deepEqual(byLabel, {
      '一、本年新收': 106,
      '二、上年结转': 7,
      '（一）予以公开': 51,
      '（二）部分公开': 10,
      '（三）不予公开 合计': 6,
      '（四）无法提供 合计': 27,
      '（五）不予处理 合计': 7,
      '（六）其他处理 合计': 5,
      '（七）总计': 106,
      '四、结转下年度继续办理': 7,
      '行政复议 总计': 4,
      '行政诉讼 未经复议直接起诉 总计': 2,
      '行政诉讼 复议后起诉 总计': 1,
    });
    const { total: _gone, ...requests } = report.requests;
    const unread = compareFigures(digestReport({ ...report, requests }, { compare: true }))!;
    assert.ok(Number.isNaN(unread[8]!), 'a figure whose cells were not read is NaN, shown as —');
  });

  it('fingerprint the numbers, not the words, and stay small', () => {
    const a = digestReport(exampleReport(2022, '甲'), { compare: false });
    const b = digestReport(
      { ...exampleReport(2022, '乙'), text: { overview: '', problems: '', otherMatters: '' } },
      {
        compare: false,
      },
    );
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, digestReport(exampleReport(2023), { compare: false }).fingerprint);
    assert.ok(a.numbers.length <= 40);
    assert.ok(Number.isSafeInteger(hash53('政府信息公开')));
    assert.notEqual(hash53('1,2'), hash53('12,'));
  });
});
