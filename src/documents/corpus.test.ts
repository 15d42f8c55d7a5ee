/**
 * Real published reports (../shared/corpus/reports, see its SOURCES.md) against expected files made by
 * reading each report by hand (src/documents/corpus-fixtures). Every number of sections 三 and 四 must
 * be read exactly as published; a report that breaks a rule must be reported as breaking it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { requestRows } from '../domain/report/labels.js';
import { validateReport } from '../domain/report/validation/validate.js';
import { SHARED_DIR, skipUnlessShared } from '../test-support/shared-files.js';
import { readReport } from './read-report.js';

interface Expected {
  readonly file: string;
  readonly year: number;
  readonly format: '2019' | '2021';
  readonly agency: string;
  readonly requests: Record<string, (number | null)[]>;
  readonly reviewLitigation: Record<string, Record<string, number | null>>;
  readonly rulesBroken: readonly string[];
}

const FIXTURES = new URL('./corpus-fixtures/', import.meta.url);
const CORPUS = `${SHARED_DIR}corpus/reports/`;
const expectedFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.expected.json'));

describe('the corpus of published reports, read as published', { skip: skipUnlessShared(CORPUS) }, () => {
  it('has an expected file for every corpus report', () => {
    const reports = readdirSync(CORPUS).sort();
    assert.deepEqual(reports, expectedFiles.map((f) => f.replace(/\.expected\.json$/, '')).sort());
  });

  for (const name of expectedFiles) {
    const expected = JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Expected;
    it(`${expected.file}: year, format, agency and every number of sections 三 and 四`, async () => {
      const result = await readReport(readFileSync(`${CORPUS}${expected.file}`));
      assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
      const { report } = result;
      assert.equal(report.year, expected.year);
      assert.equal(report.format, expected.format);
      assert.equal(report.agency, expected.agency);
      for (const row of requestRows(expected.format)) {
        assert.deepEqual(report.requests[row.key], expected.requests[row.key], `三 ${row.key}`);
      }
      assert.deepEqual(report.reviewLitigation, expected.reviewLitigation, '四');
      const tableErrors = validateReport(report).filter(
        (f) => f.severity === 'error' && /^(requests|review)\./.test(f.rule),
      );
      assert.equal(tableErrors.length > 0, expected.rulesBroken.length > 0, JSON.stringify(tableErrors));
    });
  }
});
