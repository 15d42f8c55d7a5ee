/**
 * 索引号 (政府信息公开目录系统实施指引: 前段码/后段码, 000014349/2017-00110) to each site's pattern:
 * unique in its agency, never changed, never issued twice.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DEFAULT_INDEX_PATTERN,
  formatIndexNumber,
  type IndexNumberPattern,
  parseIndexPattern,
  serialScope,
} from './index-number.js';

const pattern = (template: string): IndexNumberPattern => {
  const parsed = parseIndexPattern(template);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  return parsed.value;
};
const issued = (p: IndexNumberPattern, org: string, year: number, serial: number, category?: string) => {
  const n = formatIndexNumber(p, { org, year, ...(category === undefined ? {} : { category }) }, serial);
  assert.ok(n.ok, n.ok ? '' : n.error.message);
  return n.value;
};

describe('索引号 to the site’s pattern', () => {
  it('writes the 实施指引’s form by default: 000014349/2017-00110', () => {
    assert.equal(issued(pattern(DEFAULT_INDEX_PATTERN), '000014349', 2017, 110), '000014349/2017-00110');
  });

  it('writes the forms real sites use: an 18-character 信用代码, a local prefix, a category part', () => {
    assert.equal(
      issued(pattern('{org}/{year}-{serial:5}'), '11441700007280420Y', 2021, 50),
      '11441700007280420Y/2021-00050',
    );
    assert.equal(
      issued(pattern('{org}-{category}-{year}-{serial:4}'), 'PT001', 2024, 7, 'GZBG'),
      'PT001-GZBG-2024-0007',
    );
  });

  it('refuses a pattern without exactly one serial, without the agency’s code, or with unknown parts', () => {
    for (const bad of [
      '{org}/{year}',
      '{org}/{serial}-{serial}',
      '{year}-{serial:5}',
      '{org}/{yr}-{serial}',
      '{org}/{serial:12}',
    ])
      assert.equal(parseIndexPattern(bad).ok, false, bad);
  });

  it('refuses a serial beyond the width, and says how to fix it', () => {
    const n = formatIndexNumber(pattern('{org}/{year}-{serial:2}'), { org: 'A1', year: 2024 }, 100);
    assert.ok(!n.ok);
    assert.equal(n.error.code, 'catalogue.serial-exhausted');
    assert.match(n.error.message, /加长流水号位数/);
  });

  it('restarts serials each year only when the pattern prints the year', () => {
    const yearly = pattern('{org}/{year}-{serial:5}');
    const running = pattern('{org}-{serial:6}');
    const a = { org: 'A1', year: 2023 };
    const b = { org: 'A1', year: 2024 };
    assert.notEqual(serialScope(yearly, a), serialScope(yearly, b));
    assert.equal(serialScope(running, a), serialScope(running, b));
  });

  it('never gives two items the same number: serials counted per scope, each scope’s numbers distinct (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('{org}/{year}-{serial:5}', '{org}-{category}-{year}-{serial:4}', '{org}-{serial:6}'),
        fc.array(
          fc.tuple(
            fc.constantFrom('A1', 'B2', 'C3'),
            fc.integer({ min: 2019, max: 2026 }),
            fc.constantFrom('GK', 'ZC'),
          ),
          {
            maxLength: 200,
          },
        ),
        (template, items) => {
          const p = pattern(template);
          const highest = new Map<string, number>();
          const numbers = items.map(([org, year, category]) => {
            const scope = { org, year, category };
            const key = serialScope(p, scope);
            const serial = (highest.get(key) ?? 0) + 1;
            highest.set(key, serial);
            return issued(p, org, year, serial, category);
          });
          assert.equal(new Set(numbers).size, numbers.length);
        },
      ),
    );
  });
});
