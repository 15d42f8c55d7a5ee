/** `gongkai calendar …` in-process: due dates across holidays, a year's holidays, administrator entries. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openLedger } from '../ledger/index.js';
import { gongkai } from '../test-support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-calendar-cli-'));
let n = 0;
const freshDb = () => join(dir, `calendar-${++n}.db`);

describe('gongkai calendar due', () => {
  it('2024-09-27 + 20 working days = 2024-10-30: National Day skipped, 09-29 and 10-12 worked', async () => {
    const db = freshDb();
    const due = await gongkai('calendar', 'due', '2024-09-27', '--database', db);
    assert.equal(due.code, 0, due.err);
    assert.equal(due.out, '2024-10-30\n');
    assert.match(due.err, /2024-09-27 为第零日，不计入/);
    assert.match(
      due.err,
      /计入的工作日（20 日）\(counted\)：2024-09-29（调休上班（国庆节））、2024-09-30、2024-10-08/,
    );
    assert.match(due.err, /2024-10-12（调休上班（国庆节））/);
    for (const day of ['01', '02', '03', '04', '05', '06', '07'])
      assert.match(due.err, new RegExp(`2024-10-${day}（法定节假日（国庆节））`));
    assert.equal(existsSync(db), false, 'a reading command creates no database');

    const explained = await gongkai('calendar', 'due', '2024-09-27', '--explain', '--database', db);
    assert.equal(explained.err, '');
    assert.match(explained.out, /^2024-10-30\n2024-09-27 为第零日/);

    const json = JSON.parse(
      (await gongkai('calendar', 'due', '2024-09-27', '--days', '3', '--json', '--database', db)).out,
    );
    assert.equal(json.date, '2024-10-08');
    assert.deepEqual(
      json.counted.map((c: { date: string }) => c.date),
      ['2024-09-29', '2024-09-30', '2024-10-08'],
    );
    assert.equal(
      (await gongkai('calendar', 'due', '2024-09-27', '--days', '0', '--database', db)).out,
      '2024-09-27\n',
    );
  });

  it('warns when the count crosses a year without an official schedule, until the year is complete', async () => {
    const db = freshDb();
    const warned = await gongkai('calendar', 'due', '2026-12-20', '--database', db);
    assert.equal(warned.code, 0);
    assert.match(warned.err, /警告 \(warning\): 2027 年的节假日安排尚未录入/);
    assert.equal(
      (await gongkai('calendar', 'set', '2027-01-01', '--off', '--reason', '元旦', '--database', db)).code,
      0,
    );
    const completed = await gongkai('calendar', 'complete', '2027', '--database', db);
    assert.equal(completed.code, 0);
    const quiet = await gongkai('calendar', 'due', '2026-12-20', '--database', db);
    assert.doesNotMatch(quiet.err, /警告/);
    assert.match(quiet.err, /2027-01-01（元旦）/);
  });

  it('takes a date as registers write it, and refuses a bad date or day count with one line and exit 2', async () => {
    for (const form of ['2024/9/27', '2024年9月27日'])
      assert.equal((await gongkai('calendar', 'due', form)).out, '2024-10-30\n', form);
    for (const args of [
      ['2024-02-30'],
      ['2024/9/31'],
      ['27.9.2024'],
      ['2024-09-27', '--days', '-1'],
      ['2024-09-27', '--days', 'x'],
    ]) {
      const run = await gongkai('calendar', 'due', ...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.err.trimEnd().split('\n').length, 1);
    }
  });
});

describe('gongkai calendar holidays / set / complete', () => {
  it('2020 lists 2020-01-31 and 2020-02-01 as days off (the Spring Festival extension)', async () => {
    const db = freshDb();
    const run = await gongkai('calendar', 'holidays', '2020', '--database', db);
    assert.equal(run.code, 0);
    assert.match(run.out, /^2020-01-31 {2}星期五 {2}休息 {2}法定节假日（春节） {2}官方$/m);
    assert.match(run.out, /^2020-02-01 {2}星期六 {2}休息 {2}法定节假日（春节） {2}官方$/m);
    assert.match(run.out, /^2020-01-19 {2}星期日 {2}上班 {2}调休上班（春节） {2}官方$/m);
    const json = JSON.parse((await gongkai('calendar', 'holidays', '2020', '--json', '--database', db)).out);
    assert.equal(json.known, true);
    assert.deepEqual(
      json.days.find((d: { date: string }) => d.date === '2020-02-01'),
      { date: '2020-02-01', working: false, reason: '法定节假日（春节）', source: 'official' },
    );
  });

  it('records an administrator’s day off or working day, lists it, and audits it', async () => {
    const db = freshDb();
    const set = await gongkai(
      'calendar',
      'set',
      '2025-07-21',
      '--off',
      '--reason',
      '台风停工',
      '--database',
      db,
    );
    assert.equal(set.code, 0, set.err);
    const work = await gongkai(
      'calendar',
      'set',
      '2025-07-26',
      '--work',
      '--reason',
      '补班',
      '--database',
      db,
    );
    assert.equal(work.code, 0);
    const holidays = await gongkai('calendar', 'holidays', '2025', '--database', db);
    assert.match(holidays.out, /^2025-07-21 {2}星期一 {2}休息 {2}台风停工 {2}管理员录入$/m);
    assert.match(holidays.out, /^2025-07-26 {2}星期六 {2}上班 {2}补班 {2}管理员录入$/m);
    const due = await gongkai('calendar', 'due', '2025-07-18', '--days', '1', '--database', db);
    assert.equal(due.out, '2025-07-22\n');

    const both = await gongkai(
      'calendar',
      'set',
      '2025-07-22',
      '--off',
      '--work',
      '--reason',
      'x',
      '--database',
      db,
    );
    assert.equal(both.code, 2);
    const neither = await gongkai('calendar', 'set', '2025-07-22', '--reason', 'x', '--database', db);
    assert.equal(neither.code, 2);
    const noReason = await gongkai(
      'calendar',
      'set',
      '2025-07-22',
      '--off',
      '--reason',
      ' ',
      '--database',
      db,
    );
    assert.equal(noReason.code, 2);
    assert.match(noReason.err, /请说明理由/);
    assert.equal((await gongkai('calendar', 'unset', '2025-07-26', '--database', db)).code, 0);
    assert.equal((await gongkai('calendar', 'unset', '2025-07-26', '--database', db)).code, 2);
    assert.equal((await gongkai('calendar', 'complete', '27', '--database', db)).code, 2);

    const storage = await openLedger(db);
    try {
      assert.deepEqual(
        (await storage.auditLog.list()).map((a) => [a.action, a.subject]),
        [
          ['calendar.override', 'calendar:2025-07-21'],
          ['calendar.override', 'calendar:2025-07-26'],
          ['calendar.override-removed', 'calendar:2025-07-26'],
        ],
      );
    } finally {
      await storage.close();
    }
  });
});
