import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { zeroReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { parseJsonReport, renderJson } from './report-json.js';

describe('report JSON (docs/report-json.md)', () => {
  it('render → json → parse gives back the identical report, both formats (property)', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        const result = parseJsonReport(renderJson(report));
        assert.ok(result.ok, JSON.stringify(result));
        assert.deepEqual(result.report, report);
      }),
      { numRuns: 300 },
    );
  });

  it('puts the fixed keys of the interchange format first, with section 三 rows as 7 numbers', () => {
    const json = JSON.parse(renderJson(zeroReport({ year: 2020, format: '2019', agency: '新庙镇' })));
    assert.deepEqual(Object.keys(json).slice(0, 3), ['year', 'format', 'agency']);
    assert.deepEqual(json.requests.new, [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(json.reviewLitigation.review, {
      upheld: 0,
      corrected: 0,
      other: 0,
      pending: 0,
      total: 0,
    });
    assert.equal(json.proactive.procurement.amount, '0');
  });

  it('chooses the format from the year when the JSON leaves it out', () => {
    const result = parseJsonReport('{"year": 2020, "agency": "某镇"}');
    assert.ok(result.ok);
    assert.equal(result.report.format, '2019');
    const later = parseJsonReport('{"year": 2021, "agency": "某镇"}');
    assert.ok(later.ok);
    assert.equal(later.report.format, '2021');
  });

  it('keeps an amount given as a JSON number or string exactly as written', () => {
    const result = parseJsonReport(
      '{"year": 2022, "agency": "某局", "proactive": {"fees": {"amount": "0.10"}}, "requests": {}}',
    );
    assert.ok(result.ok);
    assert.equal(result.report.proactive.fees?.amount, '0.10');
    const number = parseJsonReport(
      '{"year": 2022, "agency": "某局", "proactive": {"fees": {"amount": 12.5}}}',
    );
    assert.ok(number.ok);
    assert.equal(number.report.proactive.fees?.amount, '12.5');
  });

  it('names the path of a schema error and the line of a syntax error', () => {
    const bad = parseJsonReport('{"year": 2022, "agency": "某局", "requests": {"new": [1, 2]}}');
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.error.message, /requests\.new/);
    const broken = parseJsonReport('{\n"year": 2022,\n"agency": }');
    assert.equal(broken.ok, false);
    if (!broken.ok) {
      assert.equal(broken.error.code, 'json.syntax');
      assert.equal(broken.error.line, 3);
    }
  });
});
