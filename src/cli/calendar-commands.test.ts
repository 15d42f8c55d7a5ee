/** `gongkai calendar …` in-process: due dates across holidays, a year's holidays, administrator entries. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { openLedger } from '../ledger/index.js';
import { DIALECTS } from '../storage/test-dialects.js';
import { addRequestArgs, assertRefused, gongkai } from '../test-support/run-cli.js';

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
    // A count that would run past year 9999 is refused, never wrapped into year 997.
    assertRefused(await gongkai('calendar', 'due', '9999-12-31'), /起算日应在 1900-01-01 至 9990-12-31 之间/);
    assertRefused(await gongkai('calendar', 'due', '0001-01-01'), /起算日应在/);
    assert.equal((await gongkai('calendar', 'due', '9990-12-31', '--days', '1000')).code, 0);
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

/** A notice file in the test folder: `lines` joined by CRLF, as a spreadsheet saves them. */
const noticeFile = (name: string, lines: readonly string[] | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, lines instanceof Uint8Array ? lines : `${lines.join('\r\n')}\r\n`);
  return path;
};

/** A 2027 notice as the State Council might word it (2027 is not published as of 2026-11-25). */
const NOTICE_2027 = [
  '\uFEFF# 国务院办公厅关于2027年部分节假日安排的通知',
  '日期,类别,理由',
  '2027-01-01,休息,元旦',
  '2027-02-05~2027-02-11,放假,春节',
  '2027/2/14,调休上班,春节调休',
  '',
  '2027年10月1日至2027年10月7日,休息,国庆节',
  '2027-10-09,上班,国庆节调休',
];

for (const dialect of DIALECTS) {
  describe(`gongkai calendar import on ${dialect.name}`, { skip: dialect.skip }, () => {
    /** A fresh database of the dialect for `test`, dropped afterwards. */
    const withDatabase = async (
      test: (run: (...argv: string[]) => ReturnType<typeof gongkai>, url: string) => Promise<void>,
    ) => {
      const fresh = await dialect.create();
      try {
        await test((...argv) => gongkai(...argv, '--database', fresh.url), fresh.url);
      } finally {
        await fresh.drop();
      }
    };
    const auditOf = async (url: string) => {
      const storage = await openLedger(url);
      try {
        return (await storage.auditLog.list()).map((a) => [a.action, a.subject]);
      } finally {
        await storage.close();
      }
    };

    it('one command enters the year’s notice: `calendar due 2026-12-15` then skips 元旦 and no longer warns about 2027', () =>
      withDatabase(async (run, url) => {
        const before = await run('calendar', 'due', '2026-12-15');
        assert.equal(before.out, '2027-01-12\n', '2027-01-01 counted as a Friday');
        assert.match(before.err, /警告 \(warning\): 2027 年的节假日安排尚未录入/);

        const file = noticeFile(`notice-${dialect.name}.csv`, NOTICE_2027);
        const imported = await run('calendar', 'import', file, '--complete', '2027');
        assert.equal(imported.code, 0, imported.err);
        assert.equal(
          imported.err,
          `日历文件 ${file}：休息 15 天，上班 2 天；新增 17，替换 0，不变 0；2027 年已标记为录入完整 (days off, working days; new, replaced, unchanged)；已写入数据库 (written)\n`,
        );
        assert.match(imported.out, /^2027-02-14 {2}星期日 {2}上班 {2}春节调休 {2}新增$/m);
        assert.equal(imported.out.trimEnd().split('\n').length, 17);

        const after = await run('calendar', 'due', '2026-12-15');
        assert.equal(after.out, '2027-01-13\n', '元旦 skipped');
        assert.doesNotMatch(after.err, /警告/);
        assert.match(after.err, /2027-01-01（元旦）/);
        const spring = await run('calendar', 'due', '2027-02-04', '--days', '1');
        assert.equal(spring.out, '2027-02-12\n', '春节 2027-02-05 to 02-11 skipped');

        const holidays = JSON.parse((await run('calendar', 'holidays', '2027', '--json')).out);
        assert.equal(holidays.known, true);
        assert.equal(holidays.days.length, 17);
        assert.ok(holidays.days.every((day: { source: string }) => day.source === 'override'));
        assert.deepEqual(await auditOf(url), [['calendar.import', 'calendar:2027']], 'one audit entry');
      }));

    it('a day off entered in the file moves a request’s due date, derived when it is read', () =>
      withDatabase(async (run) => {
        assert.equal((await run('agency', 'add', '平潭县')).code, 0);
        const added = await run(...addRequestArgs('1', '2025-07-18'));
        assert.equal(added.code, 0, added.err);
        const id = added.out.trim();
        const due = async () =>
          JSON.parse((await run('requests', 'show', id, '--as-of', '2025-07-18', '--json')).out).dueDate;
        assert.equal(await due(), '2025-08-15');
        const file = noticeFile(`typhoon-${dialect.name}.txt`, ['2025-07-21,休息,台风停工']);
        assert.equal((await run('calendar', 'import', file)).code, 0);
        assert.equal(await due(), '2025-08-18');
      }));

    it('replaces a day an administrator entered before and says so; an import of the same file again changes nothing', () =>
      withDatabase(async (run, url) => {
        assert.equal((await run('calendar', 'set', '2027-02-14', '--off', '--reason', '误录')).code, 0);
        const file = noticeFile(`replace-${dialect.name}.csv`, NOTICE_2027);
        const first = await run('calendar', 'import', file, '--json');
        assert.equal(first.code, 0, first.err);
        const json = JSON.parse(first.out);
        assert.deepEqual(Object.keys(json), [
          'file',
          'days',
          'created',
          'replaced',
          'unchanged',
          'invalid',
          'warnings',
          'written',
          'dryRun',
          'completed',
        ]);
        assert.deepEqual(
          [json.file, json.created, json.replaced, json.unchanged, json.written, json.dryRun, json.completed],
          [file, 16, 1, 0, true, false, null],
        );
        assert.deepEqual(json.days[0], { date: '2027-01-01', working: false, reason: '元旦' });
        assert.deepEqual(json.invalid, []);
        assert.match(first.err, /新增 16，替换 1，不变 0/);

        const second = await run('calendar', 'import', file);
        assert.equal(second.code, 0);
        assert.match(second.err, /新增 0，替换 0，不变 17 .*没有需要写入的内容 \(nothing to write\)/);
        const holidays = JSON.parse((await run('calendar', 'holidays', '2027', '--json')).out);
        assert.equal(holidays.known, false, 'not marked complete without --complete');
        assert.deepEqual(await auditOf(url), [
          ['calendar.override', 'calendar:2027-02-14'],
          ['calendar.import', 'calendar:2027'],
        ]);
      }));

    it('shows the replaced entry: --dry-run lists what would be written and writes nothing', () =>
      withDatabase(async (run, url) => {
        assert.equal((await run('calendar', 'set', '2027-02-14', '--off', '--reason', '误录')).code, 0);
        const file = noticeFile(`dry-${dialect.name}.csv`, NOTICE_2027);
        const dry = await run('calendar', 'import', file, '--complete', '2027', '--dry-run');
        assert.equal(dry.code, 0, dry.err);
        assert.match(dry.out, /^2027-02-14 {2}星期日 {2}上班 {2}春节调休 {2}替换（原为 休息 误录）$/m);
        assert.match(dry.err, /2027 年将标记为录入完整.*试运行，未写入数据库 \(dry run: nothing written\)/);
        const json = JSON.parse(
          (await run('calendar', 'import', file, '--complete', '2027', '--dry-run', '--json')).out,
        );
        assert.deepEqual(
          [json.created, json.replaced, json.written, json.dryRun, json.completed],
          [16, 1, false, true, 2027],
        );
        const holidays = JSON.parse((await run('calendar', 'holidays', '2027', '--json')).out);
        assert.deepEqual([holidays.known, holidays.days.length], [false, 1]);
        assert.deepEqual(await auditOf(url), [['calendar.override', 'calendar:2027-02-14']]);
      }));

    it('all or nothing: every bad line is reported with its number, exit 1, and not one day is written', () =>
      withDatabase(async (run, url) => {
        const file = noticeFile(`bad-${dialect.name}.csv`, [
          '日期,类别,理由',
          '2027-01-01,休息,元旦',
          '2027-02-30,休息,春节',
          '2027-02-05~2027-03-31,休息,春节',
          '2027-02-14,加班,春节调休',
          '2027-10-09,上班,',
          '2027-01-01,上班,元旦调休',
          '2028-01-01,休息,元旦',
        ]);
        const refused = await run('calendar', 'import', file, '--complete', '2027');
        assert.equal(refused.code, 1);
        assert.equal(refused.out, '');
        assert.doesNotMatch(refused.err, /\n\s+at /, 'no stack trace');
        const lines = refused.err.trimEnd().split('\n');
        assert.equal(lines.length, 7);
        for (const [i, line] of [3, 4, 5, 6, 7, 8].entries())
          assert.ok(lines[i]!.startsWith(`${file}:${line}: `), lines[i]);
        assert.match(lines[0]!, /日期“2027-02-30”不是有效日期/);
        assert.match(lines[1]!, /共 55 天，超过 31 天/);
        assert.match(lines[2]!, /类别“加班”/);
        assert.match(lines[3]!, /请说明理由/);
        assert.match(lines[4]!, /2027-01-01 已在第 2 行列出 \(listed twice\)/);
        assert.match(lines[5]!, /2028-01-01 不属于 2027 年的安排/);
        assert.match(lines[6]!, /未写入任何日期.*\(invalid lines: nothing written\)/);

        const json = JSON.parse((await run('calendar', 'import', file, '--json')).out);
        assert.deepEqual(
          json.invalid.map((p: { line: number }) => p.line),
          [3, 4, 5, 6, 7],
          'without --complete, 2028 is a year like any other',
        );
        assert.deepEqual([json.written, json.created, json.completed], [false, null, null]);
        assert.deepEqual(json.days, [
          { date: '2027-01-01', working: false, reason: '元旦' },
          { date: '2028-01-01', working: false, reason: '元旦' },
        ]);
        const holidays = JSON.parse((await run('calendar', 'holidays', '2027', '--json')).out);
        assert.deepEqual(holidays.days, []);
        assert.deepEqual(await auditOf(url), []);
      }));
  });
}

describe('gongkai calendar import: the file and the options', () => {
  it('reads a GBK file with full-width commas and tabs as a UTF-8 one', async () => {
    const db = freshDb();
    const text = '日期，类别，理由\r\n2027年1月1日，休息，元旦\r\n2027-02-07\t上班\t春节调休\r\n';
    const file = noticeFile('gbk.txt', new Uint8Array(iconv.encode(text, 'gbk')));
    const run = await gongkai('calendar', 'import', file, '--json', '--database', db);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(JSON.parse(run.out).days, [
      { date: '2027-01-01', working: false, reason: '元旦' },
      { date: '2027-02-07', working: true, reason: '春节调休' },
    ]);
  });

  it('a dry run against a database not created yet counts every day as new and creates nothing', async () => {
    const db = freshDb();
    const run = await gongkai(
      'calendar',
      'import',
      noticeFile('new.csv', NOTICE_2027),
      '--dry-run',
      '--database',
      db,
    );
    assert.equal(run.code, 0, run.err);
    assert.match(run.err, /新增 17，替换 0，不变 0/);
    assert.equal(existsSync(db), false);
  });

  it('refuses what cannot be used with one line and exit 2, and writes nothing', async () => {
    const db = freshDb();
    const notice = noticeFile('ok.csv', NOTICE_2027);
    assertRefused(
      await gongkai('calendar', 'import', join(dir, 'missing.csv'), '--database', db),
      /missing\.csv: 文件不存在 \(no such file\)/,
    );
    assertRefused(await gongkai('calendar', 'import', dir, '--database', db), /这是一个目录，不是日历文件/);
    assertRefused(
      await gongkai('calendar', 'import', noticeFile('empty.csv', new Uint8Array()), '--database', db),
      /文件为空 \(empty file\)/,
    );
    assertRefused(
      await gongkai(
        'calendar',
        'import',
        noticeFile('comments.csv', ['# 2027', '日期,类别,理由', '']),
        '--database',
        db,
      ),
      /文件中没有日期 \(no dates in the file\)/,
    );
    assertRefused(
      await gongkai('calendar', 'import', notice, '--complete', '27', '--database', db),
      /^gongkai: --complete 27: 年度应为 1900 年至 9999 年之间的整数 \(not a year\)$/,
    );
    assertRefused(
      await gongkai(
        'calendar',
        'import',
        noticeFile('december.csv', ['2026-12-31,休息,元旦']),
        '--complete',
        '2027',
        '--database',
        db,
      ),
      /文件中没有 2027 年的日期，不能标记该年录入完整/,
    );
    assert.equal((await gongkai('calendar', 'import', notice, '--bogus', '--database', db)).code, 2);
    assert.equal(existsSync(db), false, 'nothing written, not even an empty database');
  });
});
