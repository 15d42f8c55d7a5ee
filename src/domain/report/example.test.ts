import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleReport } from './example.js';
import { validateReport } from './validation/validate.js';

describe('the example report the quick start renders', () => {
  for (const year of [2019, 2020, 2021, 2025]) {
    it(`passes every rule for ${year}, in the format of that year`, () => {
      const report = exampleReport(year);
      assert.equal(report.format, year <= 2020 ? '2019' : '2021');
      assert.deepEqual(validateReport(report), []);
      assert.ok((report.requests.new?.[6] ?? 0) > 0, 'has requests to show');
    });
  }

  it('makes a continuous series: no cross-year finding between consecutive years (R6–R8)', () => {
    for (const year of [2020, 2022, 2026]) {
      assert.deepEqual(
        validateReport(exampleReport(year), { previous: exampleReport(year - 1) }),
        [],
        String(year),
      );
    }
  });
});
