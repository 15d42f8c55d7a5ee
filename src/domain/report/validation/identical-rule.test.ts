import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleReport } from '../example.js';
import { type AnnualReport, zeroReport } from '../model.js';
import { checkIdenticalToPreviousYear, tableNumbers } from './identical-rule.js';

/** Last year's report, copied and given this year's number. */
const copiedForward = (report: AnnualReport): AnnualReport => ({ ...report, year: report.year + 1 });

describe('cross-year.identical: the same numbers as last year', () => {
  it('warns once when a report repeats every number of last year’s sections 二、三、四', () => {
    const last = exampleReport(2022);
    const findings = checkIdenticalToPreviousYear(copiedForward(last), last);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.rule, 'cross-year.identical');
    assert.equal(findings[0]!.severity, 'warning');
    assert.match(findings[0]!.message, /与上年（2022 年度）报告完全相同/);
  });

  it('is silent when one number differs', () => {
    const last = exampleReport(2022);
    const now = copiedForward(last);
    const changed: AnnualReport = {
      ...now,
      reviewLitigation: { ...now.reviewLitigation, review: { ...now.reviewLitigation.review, upheld: 1 } },
    };
    assert.deepEqual(checkIdenticalToPreviousYear(changed, last), []);
  });

  it('is silent on the example series, whose stock of documents in force grows each year', () => {
    assert.deepEqual(checkIdenticalToPreviousYear(exampleReport(2023), exampleReport(2022)), []);
  });

  it('is silent for an agency with nothing to report two years running (all zeros)', () => {
    const last = zeroReport({ year: 2022, format: '2021', agency: '某镇' });
    assert.deepEqual(checkIdenticalToPreviousYear(copiedForward(last), last), []);
  });

  it('ignores unchanged stock figures: documents in force alone do not make a repeat', () => {
    const base = zeroReport({ year: 2022, format: '2021', agency: '某镇' });
    const last: AnnualReport = {
      ...base,
      proactive: { ...base.proactive, normativeDocuments: { issued: 0, repealed: 0, inForce: 12 } },
    };
    assert.equal(tableNumbers(last).nonZeroFlows, 0);
    assert.deepEqual(checkIdenticalToPreviousYear(copiedForward(last), last), []);
  });

  it('counts a blank cell as 0, as every rule does', () => {
    const last = exampleReport(2022);
    const now = copiedForward(last);
    const blanked: AnnualReport = {
      ...now,
      requests: { ...now.requests, 'denied.stateSecret': [null, null, null, null, null, null, null] },
    };
    assert.deepEqual(last.requests['denied.stateSecret'], [0, 0, 0, 0, 0, 0, 0]);
    assert.equal(checkIdenticalToPreviousYear(blanked, last).length, 1);
  });

  it('compares only consecutive years of the same format', () => {
    const last = exampleReport(2022);
    assert.deepEqual(checkIdenticalToPreviousYear({ ...last, year: 2024 }, last), []);
    const y2020 = exampleReport(2020);
    assert.deepEqual(checkIdenticalToPreviousYear({ ...y2020, year: 2021, format: '2021' }, y2020), []);
  });

  it('puts the format in the signature and names absent cells apart from zeros', () => {
    const report = exampleReport(2022);
    const { new: _dropped, ...requests } = report.requests;
    const absent = tableNumbers({ ...report, requests });
    assert.ok(tableNumbers(report).signature.startsWith('2021,'));
    assert.notEqual(absent.signature, tableNumbers(report).signature);
    assert.equal(absent.cells, tableNumbers(report).cells);
  });
});
