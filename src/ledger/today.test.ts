/**
 * "Today" for the statutory clock (Regulation Art. 33 counts from the day of receipt in China): the
 * date in China Standard Time, whatever the server's own time zone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { todayInChina } from './today.js';

const viaTimeZoneData = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('todayInChina', () => {
  it('is the date in Beijing: 16:00 UTC is already the next day there', () => {
    assert.equal(todayInChina(new Date('2026-12-03T15:59:59.999Z')), '2026-12-03');
    assert.equal(todayInChina(new Date('2026-12-03T16:00:00Z')), '2026-12-04');
  });

  it('agrees with the time-zone database for every instant from 1992 to 2200', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1992-01-01T00:00:00Z'),
          max: new Date('2200-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (now) => todayInChina(now) === viaTimeZoneData.format(now),
      ),
      { numRuns: 5000 },
    );
  });
});
