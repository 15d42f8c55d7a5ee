/**
 * Calendar dates as the Regulation counts them: whole days, no clock, no time zone. The integer day
 * arithmetic must agree with the Gregorian calendar (checked against UTC Date arithmetic) on every day
 * a deadline could touch, leap days and century years included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  isLocalDate,
  isWeekend,
  type LocalDate,
  localDate,
  weekday,
  weekdayName,
} from './local-date.js';

/** The reference: the same arithmetic through Date in UTC. */
const viaDate = {
  addDays(date: string, days: number): string {
    const utc = new Date(`${date}T00:00:00Z`);
    utc.setUTCDate(utc.getUTCDate() + days);
    return utc.toISOString().slice(0, 10);
  },
  weekday: (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(),
};

const FIRST = Date.UTC(1900, 0, 1);
const LAST = Date.UTC(2199, 11, 31);
const anyDate = fc
  .integer({ min: 0, max: (LAST - FIRST) / 86_400_000 })
  .map((n) => new Date(FIRST + n * 86_400_000).toISOString().slice(0, 10) as LocalDate);

describe('local dates', () => {
  it('adds days as the Gregorian calendar does, across months, leap days and centuries', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -800, max: 800 }), (date, days) => {
        assert.equal(addDays(date, days), viaDate.addDays(date, days));
        assert.equal(daysBetween(date, addDays(date, days)), days);
      }),
      { numRuns: 5000 },
    );
  });

  it('names the weekday of any date', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        assert.equal(weekday(date), viaDate.weekday(date));
        assert.equal(isWeekend(date), [0, 6].includes(viaDate.weekday(date)));
      }),
      { numRuns: 5000 },
    );
    assert.equal(weekdayName(localDate('2025-01-26')), '星期日');
    assert.equal(weekdayName(localDate('2024-10-12')), '星期六');
  });

  it('steps over the days that trip calendars', () => {
    assert.equal(addDays(localDate('2024-02-28'), 1), '2024-02-29');
    assert.equal(addDays(localDate('2023-02-28'), 1), '2023-03-01');
    assert.equal(addDays(localDate('2100-02-28'), 1), '2100-03-01');
    assert.equal(addDays(localDate('2000-02-28'), 1), '2000-02-29');
    assert.equal(addDays(localDate('2026-12-31'), 1), '2027-01-01');
    assert.equal(addDays(localDate('2027-01-01'), -1), '2026-12-31');
    assert.equal(daysBetween(localDate('2024-01-01'), localDate('2025-01-01')), 366);
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    for (const good of ['2024-02-29', '2000-02-29', '2025-12-31']) assert.ok(isLocalDate(good), good);
    for (const bad of ['2023-02-29', '2100-02-29', '2025-13-01', '2025-1-01', '2025-01-32', '20250101', ''])
      assert.ok(!isLocalDate(bad), bad);
    assert.throws(() => localDate('2025-02-30'), /not a calendar date/);
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const probe = new Date(Date.UTC(y, m - 1, d));
          const real = m >= 1 && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
          assert.equal(isLocalDate(text), real, text);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
