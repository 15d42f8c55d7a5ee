import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar } from '../calendar/official-calendar.js';
import { localDate } from '../domain/calendar/local-date.js';
import { addWorkingDays, dayInfo } from '../domain/calendar/working-days.js';
import { loadCalendar } from './calendar.js';
import { DIALECTS, withStorage } from './test-dialects.js';

const d = localDate;

for (const dialect of DIALECTS) {
  describe(`calendar overrides on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('round-trips overrides and complete years into loadCalendar', () =>
      withStorage(dialect, async (storage) => {
        const { calendar } = storage;
        // A typhoon closure on a Wednesday, and 2027's schedule entered before any package has it.
        await calendar.setOverride({
          date: d('2025-07-30'),
          working: false,
          reason: '台风停工',
          createdBy: 'admin',
        });
        await calendar.setOverride({
          date: d('2027-02-08'),
          working: false,
          reason: '春节',
          createdBy: 'admin',
        });
        await calendar.setOverride({
          date: d('2027-02-20'),
          working: true,
          reason: '调休上班',
          createdBy: 'admin',
        });
        await calendar.markYearComplete(2027, 'admin');
        await calendar.markYearComplete(2027, 'admin');
        // A second entry for a date replaces the first.
        await calendar.setOverride({
          date: d('2027-02-08'),
          working: false,
          reason: '春节（国务院通知）',
          createdBy: 'root',
        });

        assert.deepEqual(
          (await calendar.overrides()).map((o) => [o.date, o.working, o.reason, o.createdBy]),
          [
            ['2025-07-30', false, '台风停工', 'admin'],
            ['2027-02-08', false, '春节（国务院通知）', 'root'],
            ['2027-02-20', true, '调休上班', 'admin'],
          ],
        );
        assert.deepEqual(await calendar.completeYears(), [2027]);

        const loaded = await loadCalendar(storage, officialCalendar());
        assert.deepEqual(dayInfo(loaded, d('2025-07-30')), {
          date: '2025-07-30',
          working: false,
          kind: 'closure',
          reason: '台风停工',
          scheduleKnown: true,
        });
        assert.equal(dayInfo(loaded, d('2027-02-08')).working, false);
        assert.equal(dayInfo(loaded, d('2027-02-08')).reason, '春节（国务院通知）');
        assert.equal(dayInfo(loaded, d('2027-02-20')).kind, 'makeupWorkday');
        assert.equal(dayInfo(loaded, d('2027-03-01')).scheduleKnown, true);
        // The official schedule is still underneath: 2025-10-01 is 国庆节.
        assert.equal(dayInfo(loaded, d('2025-10-01')).working, false);
        // Mon 28 → Tue 29, (Wed 30 closed), Thu 31, Fri 1 August.
        assert.equal(addWorkingDays(loaded, d('2025-07-28'), 3).date, '2025-08-01');

        assert.equal(await calendar.removeOverride(d('2025-07-30')), true);
        assert.equal(await calendar.removeOverride(d('2025-07-30')), false);
        assert.equal(await calendar.unmarkYearComplete(2027), true);
        const reloaded = await loadCalendar(storage);
        assert.equal(dayInfo(reloaded, d('2025-07-30')).working, true);
        assert.equal(dayInfo(reloaded, d('2027-03-01')).scheduleKnown, false);
        await assert.rejects(
          calendar.setOverride({ date: '2025-02-30' as never, working: true, reason: 'x', createdBy: 'x' }),
          /YYYY-MM-DD/,
        );
      }));
  });
}
