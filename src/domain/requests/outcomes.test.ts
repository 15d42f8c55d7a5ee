/**
 * Outcomes (Regulation Arts. 30, 35–39) and the section 三 rows that count them, in the 2019 format
 * (国办公开办函〔2019〕60号: one （六）其他处理 row) and the 2021 format (〔2021〕30号: three sub-rows).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REPORT_FORMATS } from '../report/format.js';
import { outcomeLeafRows } from '../report/labels.js';
import { OUTCOMES, reportRowOf } from './outcomes.js';

describe('one function maps each outcome to its report row', () => {
  it('2021: lapse for no correction, unpaid fee, withdrawal and other go to （六）1, 2, 3', () => {
    assert.equal(reportRowOf('noCorrection', '2021'), 'other.noCorrection');
    assert.equal(reportRowOf('unpaidFee', '2021'), 'other.unpaidFee');
    assert.equal(reportRowOf('withdrawn', '2021'), 'other.other');
    assert.equal(reportRowOf('other', '2021'), 'other.other');
  });

  it('2019: the same four share the single （六）其他处理 row', () => {
    for (const o of ['noCorrection', 'unpaidFee', 'withdrawn', 'other'] as const)
      assert.equal(reportRowOf(o, '2019'), 'other', o);
  });

  it('区分处理 (Art. 37) counts only under （二）部分公开', () => {
    assert.equal(reportRowOf('partial', '2021'), 'partial');
    assert.equal(reportRowOf('partial', '2019'), 'partial');
  });

  it('36(1) already public counts as 予以公开; 36(5) not this agency as 本机关不掌握 (practice [U])', () => {
    assert.equal(reportRowOf('alreadyPublic', '2021'), 'granted');
    assert.equal(reportRowOf('notThisAgency', '2021'), 'unable.notHeld');
  });

  for (const format of REPORT_FORMATS) {
    it(`${format}: every outcome lands on an outcome row of the format, and every such row is reachable`, () => {
      const leaves = new Set(outcomeLeafRows(format).map((r) => r.key));
      const reached = new Set(OUTCOMES.map((o) => reportRowOf(o.kind, format)));
      for (const row of reached) assert.ok(leaves.has(row), `${row} is not an outcome row of ${format}`);
      for (const row of leaves) assert.ok(reached.has(row), `no outcome counts in ${row}`);
    });
  }
});
