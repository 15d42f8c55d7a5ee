/**
 * Findings of a report as a reader gave it: the reader's notes first, then the rules, one finding per
 * fact — a section the reader could not find is not reported again as empty or as missing cells.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleReport } from '../example.js';
import type { AnnualReport } from '../model.js';
import { finding } from './make-finding.js';
import { validateReadReport, validateReport } from './validate.js';

const missingSection = (section: '三' | '五') =>
  finding('read.missing-section', `未找到第${section}部分`, `Section ${section} is missing`, [
    { section, row: '*', column: '*' },
  ]);

describe('validateReadReport', () => {
  const report = exampleReport(2023, '某镇人民政府');
  const withoutFive: AnnualReport = { ...report, text: { ...report.text, problems: '', otherMatters: '' } };

  it('does not call a missing section empty, but still calls an empty one empty', () => {
    const rules = (f: { rule: string; cells: readonly { section: string }[] }) =>
      `${f.rule}:${f.cells.map((c) => c.section).join()}`;
    assert.deepEqual(validateReport(withoutFive).map(rules), ['text.empty:五', 'text.empty:六']);
    assert.deepEqual(validateReadReport(withoutFive, [missingSection('五')]).map(rules), [
      'read.missing-section:五',
      'text.empty:六',
    ]);
  });

  it('does not list the cells of a missing table, but lists those of a table that is there', () => {
    const { granted: _granted, ...rest } = report.requests;
    const noGranted: AnnualReport = { ...report, requests: rest };
    const alone = validateReport(noGranted).filter((f) => f.rule === 'cell.missing');
    assert.equal(alone.length, 1);
    assert.ok(alone[0]!.cells.every((c) => c.section === '三' && c.row === 'granted'));
    assert.deepEqual(
      validateReadReport(noGranted, [missingSection('三')]).filter((f) => f.rule === 'cell.missing'),
      [],
    );
    assert.deepEqual(
      validateReadReport(noGranted, [missingSection('五')]).filter((f) => f.rule === 'cell.missing'),
      alone,
    );
  });

  it('puts the notes first and passes the previous year on to the cross-year rules', () => {
    const copied: AnnualReport = {
      ...exampleReport(2022, '某镇人民政府'),
      year: 2023,
      publishedOn: '2024-01-20',
    };
    const findings = validateReadReport(copied, [missingSection('五')], {
      previous: exampleReport(2022, '某镇人民政府'),
    });
    assert.equal(findings[0]!.rule, 'read.missing-section');
    assert.ok(findings.some((f) => f.rule === 'cross-year.identical'));
  });
});
