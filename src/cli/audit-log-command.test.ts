/**
 * `gongkai audit-log verify` in-process, on SQLite and (with GONGKAI_TEST_POSTGRES_URL) PostgreSQL: the
 * contract of docs/cli.md. A whole log exits 0 and says how many entries; an altered entry, or one
 * removed, exits 1 and names the first entry that fails; `--json` says the same as an object; a SQLite
 * file that does not exist is refused (exit 2) rather than created.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, type FreshDatabase } from '../storage/test-dialects.js';
import { tamperAuditLog } from '../test-support/audit-log-tamper.js';
import { assertRefused, gongkai } from '../test-support/run-cli.js';

for (const dialect of DIALECTS) {
  describe(`gongkai audit-log verify on ${dialect.name}`, { skip: dialect.skip }, () => {
    /** A database with three agencies added through the command line: three audit entries. */
    async function withLedger(test: (url: string) => Promise<void>): Promise<void> {
      const fresh: FreshDatabase = await dialect.create();
      try {
        for (const name of ['福建省', '福州市', '平潭县'])
          assert.equal((await gongkai('agency', 'add', name, '--database', fresh.url)).code, 0);
        await test(fresh.url);
      } finally {
        await fresh.drop();
      }
    }

    it('a whole log: exit 0, "操作日志完整：共 3 条"; --json {"whole": true, "checked": 3}', () =>
      withLedger(async (url) => {
        const text = await gongkai('audit-log', 'verify', '--database', url);
        assert.deepEqual(text, {
          code: 0,
          out: '操作日志完整：共 3 条 (audit log whole: 3 entries)\n',
          err: '',
        });
        const json = await gongkai('audit-log', 'verify', '--json', '--database', url);
        assert.equal(json.code, 0, json.err);
        assert.deepEqual(JSON.parse(json.out), { whole: true, checked: 3 });
      }));

    it('an altered entry: exit 1, naming it; --json gives its id and problem "hash"', () =>
      withLedger(async (url) => {
        await tamperAuditLog(url, (db) =>
          sql`update audit_log set actor = ${'别人'} where id = 2`.execute(db).then(() => {}),
        );
        const text = await gongkai('audit-log', 'verify', '--database', url);
        assert.equal(text.code, 1, text.err);
        assert.equal(
          text.out,
          '操作日志不完整：第 2 条记录被修改 (entry 2 was altered)；已核对 2 条 (audit log broken; 2 entries checked)\n',
        );
        const json = await gongkai('audit-log', 'verify', '--json', '--database', url);
        assert.equal(json.code, 1);
        assert.deepEqual(JSON.parse(json.out), {
          whole: false,
          checked: 2,
          firstBad: { id: 2, problem: 'hash' },
        });
      }));

    it('a removed entry: exit 1, naming the entry after it; --json problem "link"', () =>
      withLedger(async (url) => {
        await tamperAuditLog(url, (db) => sql`delete from audit_log where id = 1`.execute(db).then(() => {}));
        const text = await gongkai('audit-log', 'verify', '--database', url);
        assert.equal(text.code, 1, text.err);
        assert.match(
          text.out,
          /^操作日志不完整：第 2 条记录之前的记录缺失或被改写 \(an entry before entry 2 was removed/,
        );
        const json = await gongkai('audit-log', 'verify', '--json', '--database', url);
        assert.equal(json.code, 1);
        assert.deepEqual(JSON.parse(json.out), {
          whole: false,
          checked: 1,
          firstBad: { id: 2, problem: 'link' },
        });
      }));
  });
}

describe('gongkai audit-log verify: input it cannot use', () => {
  it('refuses a SQLite file that does not exist (exit 2, one line), and creates nothing', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'gongkai-audit-log-')), 'none.db');
    assertRefused(
      await gongkai('audit-log', 'verify', '--database', missing),
      /数据库不存在 \(no such database\)/,
    );
    assert.equal(existsSync(missing), false);
  });
});
