/**
 * Known days of the State Council's schedules, pinned (annual 国务院办公厅 notices on 部分节假日安排),
 * and deadlines counted across them: Regulation Art. 33 (20 working days, one extension of 20).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import chineseDays from 'chinese-days';
import { addDays, isWeekend, type LocalDate, localDate } from '../domain/calendar/local-date.js';
import {
  addWorkingDays,
  dayInfo,
  isWorkingDay,
  withOverrides,
  workingDaysBetween,
} from '../domain/calendar/working-days.js';
import { officialCalendar, officialYears } from './official-calendar.js';

const calendar = officialCalendar();
const d = (text: string): LocalDate => localDate(text);
const working = (text: string) => isWorkingDay(calendar, d(text));

describe('the official schedule', () => {
  it('2025: Sunday 01-26 and Saturday 02-08 were make-up working days', () => {
    assert.equal(working('2025-01-26'), true);
    assert.equal(working('2025-02-08'), true);
    assert.equal(dayInfo(calendar, d('2025-01-26')).kind, 'makeupWorkday');
    assert.equal(working('2025-01-28'), false);
  });

  it('2020: Spring Festival extended to 02-02, the planned make-up Saturday 02-01 cancelled', () => {
    for (const day of ['2020-01-30', '2020-01-31', '2020-02-01', '2020-02-02'])
      assert.equal(working(day), false, day);
    assert.equal(working('2020-02-03'), true);
  });

  it('National Day 2024: 10-01 to 10-07 off, Sunday 09-29 and Saturday 10-12 worked', () => {
    for (let day = 1; day <= 7; day++) assert.equal(working(`2024-10-0${day}`), false);
    assert.equal(working('2024-09-29'), true);
    assert.equal(working('2024-10-12'), true);
    assert.equal(dayInfo(calendar, d('2024-10-03')).reason, '法定节假日（国庆节）');
  });

  it('2026: Spring Festival 02-15 to 02-23, with Saturdays 02-14 and 02-28 worked', () => {
    assert.equal(working('2026-02-14'), true);
    assert.equal(working('2026-02-28'), true);
    for (const day of ['2026-02-16', '2026-02-20', '2026-02-23']) assert.equal(working(day), false, day);
  });
});

describe('read from the package data file', () => {
  it('says of every day from 2019 on what the package’s own day-by-day API says', () => {
    // The calendar reads chinese-days.json directly (start-up speed); the package's getDayDetail is
    // the reference: a working day there is a working day here, and every official exception agrees.
    const years = officialYears();
    const end = localDate(`${years.at(-1)! + 1}-12-31`);
    for (let date = localDate('2019-01-01'); date <= end; date = addDays(date, 1)) {
      const detail = chineseDays.getDayDetail(date);
      const known = calendar.knownYears.has(Number(date.slice(0, 4)));
      if (!known) {
        assert.equal(calendar.exceptions.has(date), false, date);
        continue;
      }
      assert.equal(isWorkingDay(calendar, date), detail.work, date);
      const name = detail.name.split(',')[1];
      const exception = calendar.exceptions.get(date);
      if (detail.work && isWeekend(date)) assert.equal(exception?.reason, `调休上班（${name}）`, date);
      else if (!detail.work && name !== undefined)
        assert.equal(exception?.reason, `法定节假日（${name}）`, date);
      else assert.equal(exception, undefined, date);
    }
  });
});

describe('counting working days (Art. 33: 20 working days from receipt)', () => {
  it('does not count the day of receipt, and skips the 2024 National Day holiday', () => {
    const count = addWorkingDays(calendar, d('2024-09-27'), 20);
    // 09-29 (Sun, worked) and 09-30 count; 10-01..10-07 are skipped; 10-12 (Sat, worked) counts;
    // the twentieth working day is 10-30.
    assert.equal(count.counted[0], '2024-09-29');
    assert.equal(count.date, '2024-10-30');
    assert.ok(count.skipped.some((s) => s.date === '2024-10-01' && s.kind === 'holiday'));
    assert.deepEqual(count.unknownYears, []);
  });

  it('crosses the 2020 Spring Festival extension', () => {
    // 01-21..01-23 count (3), 01-24..02-02 are off, then 17 more from 02-03.
    assert.equal(addWorkingDays(calendar, d('2020-01-20'), 20).date, '2020-02-25');
  });

  it('agrees with itself: the due date lies exactly N working days after day zero', () => {
    for (const start of ['2024-09-27', '2025-01-20', '2025-12-25', '2026-02-10']) {
      for (const n of [1, 7, 15, 20, 40]) {
        const due = addWorkingDays(calendar, d(start), n).date;
        assert.equal(workingDaysBetween(calendar, d(start), due), n, `${start} + ${n}`);
        assert.equal(isWorkingDay(calendar, due), true);
      }
    }
  });

  it('carries every year from 2019 through 2026, found in the package data, each with National Day off', () => {
    const years = officialYears();
    assert.deepEqual(years.slice(0, 8), [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const year of years) assert.equal(working(`${year}-10-01`), false, `${year}-10-01`);
    assert.deepEqual([...calendar.knownYears], years);
  });

  it('says when a deadline crosses into a year whose schedule is not known yet (2027 as of 2026-11)', () => {
    const next = officialYears().at(-1)! + 1;
    const count = addWorkingDays(calendar, d(`${next - 1}-12-15`), 20);
    assert.deepEqual(count.unknownYears, [next]);
    const entered = withOverrides(
      calendar,
      [{ date: d(`${next}-01-01`), working: false, reason: '元旦' }],
      [next],
    );
    const again = addWorkingDays(entered, d(`${next - 1}-12-15`), 20);
    assert.deepEqual(again.unknownYears, []);
    assert.ok(again.skipped.some((s) => s.date === `${next}-01-01` && s.reason === '元旦'));
  });

  it('lets an administrator close a working day (a typhoon) and moves the deadline', () => {
    const before = addWorkingDays(calendar, d('2025-07-01'), 20).date;
    const closed = withOverrides(calendar, [{ date: d('2025-07-10'), working: false, reason: '台风停工' }]);
    const after = addWorkingDays(closed, d('2025-07-01'), 20);
    assert.equal(dayInfo(closed, d('2025-07-10')).kind, 'closure');
    assert.notEqual(after.date, before);
    assert.equal(workingDaysBetween(closed, d('2025-07-01'), after.date), 20);
  });
});
