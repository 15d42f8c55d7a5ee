/**
 * A year's holiday notice typed as a file (one `DATE,KIND,REASON` a line) and recorded in one go: every
 * bad line is reported with its number and reason, a day listed twice is an error, a range of days off
 * is each of its days (31 at most); the import writes every day, and with `complete` the year mark, in
 * one transaction with one audit entry, on SQLite and PostgreSQL, or nothing at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { systemActor } from '../domain/access/policy.js';
import { type LocalDate, localDate } from '../domain/calendar/local-date.js';
import { loadCalendar } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import {
  belongsToNoticeYear,
  type CalendarEntry,
  importCalendarDays,
  readCalendarNotice,
  setCalendarDay,
} from './calendar.js';

const d = localDate;
const admin = systemActor('admin-1');

/** The days read, as `date working reason` strings: easy to compare whole. */
const daysOf = (text: string, completeYear?: number) => {
  const notice = readCalendarNotice(text, completeYear === undefined ? {} : { completeYear });
  return {
    days: notice.days.map((x) => `${x.line} ${x.date} ${x.working ? '上班' : '休息'} ${x.reason}`),
    invalid: notice.invalid.map((p) => `${p.line}: ${p.reason}`),
  };
};

describe('readCalendarNotice: the notice file, line by line', () => {
  it('reads dates in every form the commands take, ranges of days off, and skips header, comments, blanks', () => {
    const text = [
      '# 国务院办公厅关于2027年部分节假日安排的通知',
      '日期,类别,理由',
      '',
      '2027-01-01,休息,元旦',
      '2027/2/5~2027/2/7,放假,春节',
      '2027年2月14日,调休上班,春节调休',
      '  # 国庆节',
      '2027-10-01至2027-10-02,off,国庆节',
      '2027-10-09,WORK,"国庆节调休, 补班"',
      '2027-05-01\t休息\t劳动节',
      '２０２７－０６－１４，休息，端午节',
      '2027-06-15,休息,端午节,,',
    ].join('\r\n');
    assert.deepEqual(daysOf(text), {
      days: [
        '4 2027-01-01 休息 元旦',
        '5 2027-02-05 休息 春节',
        '5 2027-02-06 休息 春节',
        '5 2027-02-07 休息 春节',
        '6 2027-02-14 上班 春节调休',
        '8 2027-10-01 休息 国庆节',
        '8 2027-10-02 休息 国庆节',
        '9 2027-10-09 上班 国庆节调休, 补班',
        '10 2027-05-01 休息 劳动节',
        '11 2027-06-14 休息 端午节',
        '12 2027-06-15 休息 端午节',
      ],
      invalid: [],
    });
  });

  it('reports every bad line with its number and a reason, Chinese first, English in brackets', () => {
    const text = [
      '2027-02-30,休息,春节',
      '2027-03-01,放工,春节',
      '2027-03-02,休息,',
      '2027-03-03',
      '2027-03-04,休息,x,y',
      '"2027-03-05,休息,x',
      '日期,类别,理由',
      '2027-03-06,上班,补班',
    ].join('\n');
    const { days, invalid } = daysOf(text);
    assert.deepEqual(days, ['8 2027-03-06 上班 补班'], 'the good lines are still read');
    assert.deepEqual(
      invalid.map((p) => p.split(':')[0]),
      ['1', '2', '3', '4', '5', '6', '7'],
    );
    assert.match(invalid[0]!, /日期“2027-02-30”不是有效日期.*\(bad date\)/);
    assert.match(
      invalid[1]!,
      /类别“放工”应为 休息、放假、off 或 上班、调休上班、work \(KIND must be off or work\)/,
    );
    assert.match(invalid[2]!, /请说明理由 \(a reason is required\)/);
    assert.match(invalid[3]!, /应为“日期,类别,理由”三项/);
    assert.match(invalid[4]!, /多于三项/);
    assert.match(invalid[5]!, /引号未闭合 \(unclosed quote\)/);
    assert.match(invalid[6]!, /日期“日期”不是有效日期/, 'a header is only the first line');
    for (const p of invalid) assert.match(p, /[\u4e00-\u9fff].*\([a-zA-Z]/);
  });

  it('takes a working day on a Monday to Friday but warns: make-up days (调休上班) fall on weekends', () => {
    const notice = readCalendarNotice(
      ['2027-02-14,上班,春节调休', '2027-02-16,上班,春节调休', '2027-02-17,休息,春节'].join('\n'),
    );
    assert.equal(notice.days.length, 3, 'all three are taken');
    assert.deepEqual(notice.invalid, []);
    assert.deepEqual(
      notice.warnings.map((w) => w.line),
      [2],
      'only the working Tuesday; a Sunday worked and a weekday off are what notices say',
    );
    assert.match(notice.warnings[0]!.reason, /^2027-02-16（星期二） 本来就是工作日/);
  });

  it('gives every problem of a line at once', () => {
    assert.deepEqual(daysOf('2027-13-01,放工,').invalid.length, 1);
    const [line] = daysOf('2027-13-01,放工,').invalid;
    assert.match(line!, /不是有效日期.*；类别“放工”.*；请说明理由/);
  });

  it('refuses a day listed twice on its later line, single days and days inside ranges alike', () => {
    const text = [
      '2027-02-05~2027-02-11,休息,春节',
      '2027-02-08,休息,春节',
      '2027-02-10~2027-02-12,休息,春节',
      '2027-02-08,上班,调休',
    ].join('\n');
    const { days, invalid } = daysOf(text);
    assert.equal(days.length, 7);
    assert.deepEqual(invalid, [
      '2: 2027-02-08 已在第 1 行列出 (listed twice)',
      '3: 2027-02-10、2027-02-11 已在第 1 行列出 (listed twice)',
      '4: 2027-02-08 已在第 1 行列出 (listed twice)',
    ]);
  });

  it('takes a range of days off of up to 31 days, in order; not 32, not backwards, not for working days', () => {
    assert.equal(daysOf('2027-07-01~2027-07-31,休息,停工').days.length, 31);
    assert.deepEqual(daysOf('2027-07-01~2027-08-01,休息,停工').invalid, [
      '1: 日期范围 2027-07-01 至 2027-08-01 共 32 天，超过 31 天 (a range of at most 31 days)',
    ]);
    assert.match(daysOf('2027-02-11~2027-02-05,休息,春节').invalid[0]!, /结束日早于开始日/);
    assert.match(daysOf('2027-02-20~2027-02-21,上班,调休').invalid[0]!, /日期范围只用于休息日/);
    assert.match(daysOf('2027-02-05~2027-02-06~2027-02-07,休息,春节').invalid[0]!, /一个日期范围/);
    assert.equal(daysOf('2027-02-05 ～ 2027-02-06,休息,春节').days.length, 2);
    assert.equal(daysOf('2027-02-05〜2027-02-06,休息,春节').days.length, 2);
  });

  it('with a year to complete, takes that year and the December before it (a 元旦 period may start there), nothing else', () => {
    assert.equal(belongsToNoticeYear(d('2018-12-29'), 2019), true);
    assert.equal(belongsToNoticeYear(d('2019-12-31'), 2019), true);
    assert.equal(belongsToNoticeYear(d('2018-11-30'), 2019), false);
    assert.equal(belongsToNoticeYear(d('2020-01-01'), 2019), false);
    const notice = ['2018-12-29,上班,元旦调休', '2018-12-30~2019-01-01,休息,元旦', '2020-01-01,休息,元旦'];
    const { days, invalid } = daysOf(notice.join('\n'), 2019);
    assert.equal(days.length, 4);
    assert.deepEqual(invalid, [
      '3: 2020-01-01 不属于 2019 年的安排：标记 2019 年录入完整时只接受 2019 年及 2018 年 12 月的日期 (outside the year being completed)',
    ]);
    assert.deepEqual(daysOf(notice.join('\n')).invalid, [], 'without a year to complete, any year');
  });
});

const entry = (date: string, working: boolean, reason: string): CalendarEntry => ({
  date: d(date),
  working,
  reason,
});

for (const dialect of DIALECTS) {
  describe(`importCalendarDays on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('writes new days, replaces an administrator’s entry of another kind or reason, leaves an equal one, marks the year: one transaction, one audit entry', () =>
      withStorage(dialect, async (storage) => {
        assert.ok((await setCalendarDay(storage, admin, entry('2027-01-01', false, '元旦'))).ok);
        assert.ok((await setCalendarDay(storage, admin, entry('2027-02-14', false, '误录'))).ok);
        assert.ok((await setCalendarDay(storage, admin, entry('2027-02-11', false, '春节假期'))).ok);
        const imported = await importCalendarDays(storage, admin, {
          days: [
            entry('2027-02-14', true, '春节调休'),
            entry('2027-01-01', false, ' 元旦 '),
            entry('2027-02-05', false, '春节'),
            entry('2027-02-11', false, '春节'),
          ],
          complete: 2027,
          source: '2027.csv',
        });
        assert.ok(imported.ok);
        const s = imported.value;
        assert.deepEqual(
          [s.created, s.replaced, s.unchanged, s.completed, s.written, s.dryRun],
          [1, 2, 1, 2027, true, false],
        );
        assert.deepEqual(
          s.days.map((x) => [x.date, x.change, x.previous?.reason]),
          [
            ['2027-01-01', 'unchanged', undefined],
            ['2027-02-05', 'new', undefined],
            ['2027-02-11', 'replaced', '春节假期'],
            ['2027-02-14', 'replaced', '误录'],
          ],
        );
        const calendar = await loadCalendar(storage);
        assert.equal(calendar.knownYears.has(2027), true);
        assert.deepEqual(calendar.exceptions.get(d('2027-02-14')), {
          working: true,
          reason: '春节调休',
          source: 'override',
        });
        const audit = (await storage.auditLog.list()).filter((a) => a.action === 'calendar.import');
        assert.equal(audit.length, 1);
        assert.equal(audit[0]!.subject, 'calendar:2027');
        assert.deepEqual(audit[0]!.detail, {
          source: '2027.csv',
          days: [
            { date: '2027-02-05', working: false, reason: '春节', change: 'new' },
            {
              date: '2027-02-11',
              working: false,
              reason: '春节',
              change: 'replaced',
              previous: { working: false, reason: '春节假期' },
            },
            {
              date: '2027-02-14',
              working: true,
              reason: '春节调休',
              change: 'replaced',
              previous: { working: false, reason: '误录' },
            },
          ],
          unchanged: 1,
          completed: 2027,
        });
      }));

    it('a dry run reads and writes nothing; an import of what is already there writes nothing and audits nothing', () =>
      withStorage(dialect, async (storage) => {
        const days = [entry('2027-01-01', false, '元旦')];
        const dry = await importCalendarDays(storage, admin, { days, complete: 2027, dryRun: true });
        assert.ok(dry.ok);
        assert.deepEqual(
          [dry.value.created, dry.value.completed, dry.value.written, dry.value.dryRun],
          [1, 2027, false, true],
        );
        assert.deepEqual(await storage.calendar.overrides(), []);
        assert.deepEqual(await storage.calendar.completeYears(), []);
        assert.deepEqual(await storage.auditLog.list(), []);

        assert.ok((await importCalendarDays(storage, admin, { days, complete: 2027 })).ok);
        const again = await importCalendarDays(storage, admin, { days, complete: 2027 });
        assert.ok(again.ok);
        assert.deepEqual([again.value.unchanged, again.value.written], [1, false]);
        assert.equal((await storage.auditLog.list()).length, 1);
      }));

    it('refuses an empty reason or a bad year as a value, as the single-day commands do, and writes nothing', () =>
      withStorage(dialect, async (storage) => {
        const empty = await importCalendarDays(storage, admin, {
          days: [entry('2027-01-01', false, '元旦'), entry('2027-01-02', false, '  ')],
        });
        assert.ok(!empty.ok);
        assert.equal(empty.error.code, 'calendar.reason-empty');
        assert.match(empty.error.message, /^2027-01-02：请说明理由/);
        const year = await importCalendarDays(storage, admin, {
          days: [entry('2027-01-01', false, '元旦')],
          complete: 27,
        });
        assert.ok(!year.ok);
        assert.equal(year.error.code, 'calendar.year');
        assert.deepEqual(await storage.calendar.overrides(), []);
        assert.deepEqual(await storage.auditLog.list(), []);
        await assert.rejects(
          importCalendarDays(storage, admin, {
            days: [entry('2027-01-01', false, '元旦'), entry('2027-01-01', true, '元旦')],
          }),
          /given twice/,
        );
      }));

    it('all or nothing: a day storage refuses half-way leaves no day, no year mark and no audit entry', () =>
      withStorage(dialect, async (storage) => {
        await assert.rejects(
          importCalendarDays(storage, admin, {
            days: [
              entry('2027-01-01', false, '元旦'),
              { date: '2027-02-30' as LocalDate, working: false, reason: '春节' },
            ],
            complete: 2027,
          }),
        );
        assert.deepEqual(await storage.calendar.overrides(), []);
        assert.deepEqual(await storage.calendar.completeYears(), []);
        assert.deepEqual(await storage.auditLog.list(), []);
      }));
  });
}
