/**
 * `gongkai users add|list|token|revoke|unlock|password` in-process, on SQLite and (with
 * GONGKAI_TEST_POSTGRES_URL) PostgreSQL: exit 0 and the documented JSON; a generated password or a
 * token printed once on stdout and never on stderr; a password read from stdin's first line; refusals
 * exit 2 with one line. What the commands did is checked through the accounts layer (a login, a token).
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { login, passwordAcceptable, tokenActor } from '../accounts/index.js';
import { openDatabase, type Storage } from '../storage/index.js';
import { DIALECTS, type FreshDatabase } from '../storage/test-dialects.js';
import { assertRefused, gongkai, gongkaiWithStdin } from '../test-support/run-cli.js';

const PASSWORD = 'correct-horse-42';

for (const dialect of DIALECTS) {
  describe(`gongkai users on ${dialect.name}`, { skip: dialect.skip }, () => {
    let fresh: FreshDatabase | undefined;
    let db = '';
    const run = (...argv: string[]) => gongkai(...argv, '--database', db);
    const withStdin = (stdin: string, ...argv: string[]) =>
      gongkaiWithStdin(stdin, ...argv, '--database', db);
    const withStorage = async <T>(work: (storage: Storage) => Promise<T>): Promise<T> => {
      const storage = await openDatabase(db);
      try {
        return await work(storage);
      } finally {
        await storage.close();
      }
    };
    const loginCode = (name: string, password: string) =>
      withStorage(async (storage) => {
        const r = await login(storage, { name, password, address: '10.0.0.1' }, new Date());
        return r.ok ? 'ok' : r.error.code;
      });

    before(async () => {
      fresh = await dialect.create();
      db = fresh.url;
      assert.equal((await run('agency', 'add', '平潭县')).code, 0);
      assert.equal((await run('agency', 'add', '潭城镇', '--parent', '1')).code, 0);
    });
    after(() => fresh?.drop());

    it('adds a user with a generated password, printed once on stdout (JSON) and never on stderr', async () => {
      const added = await run('users', 'add', 'admin1', '--agency', '1', '--role', 'admin', '--json');
      assert.equal(added.code, 0, added.err);
      const json = JSON.parse(added.out) as { id: number; name: string; password: string };
      assert.deepEqual(Object.keys(json), ['id', 'name', 'password']);
      assert.equal(json.name, 'admin1');
      assert.ok(passwordAcceptable(json.password));
      assert.ok(!added.err.includes(json.password), 'no secret on stderr');
      assert.match(added.err, /已添加用户 admin1（管理员\(admin\)，机关 1）/);
      assert.equal(await loginCode('admin1', json.password), 'ok');
    });

    it('reads the password from the first line of stdin, takes roles by Chinese label, prints the id', async () => {
      const added = await withStdin(
        `${PASSWORD}\nignored\n`,
        'users',
        'add',
        'zhang.san',
        '--agency',
        '2',
        '--role',
        '经办人，审核人',
        '--display-name',
        '张三',
        '--password-stdin',
      );
      assert.equal(added.code, 0, added.err);
      assert.match(added.out, /^\d+\n$/);
      assert.ok(!added.out.includes(PASSWORD) && !added.err.includes(PASSWORD));
      assert.equal(await loginCode('zhang.san', PASSWORD), 'ok');
      const json = await withStdin(
        `${PASSWORD}\r\n`,
        'users',
        'add',
        'li.si',
        '--agency',
        '2',
        '--role',
        'liaison',
        '--password-stdin',
        '--json',
      );
      assert.equal(json.code, 0, json.err);
      assert.deepEqual(
        Object.keys(JSON.parse(json.out)),
        ['id', 'name'],
        'no password when none was generated',
      );
      assert.equal(await loginCode('li.si', PASSWORD), 'ok', 'a CRLF line ending is not part of it');
    });

    it('refuses bad input with exit 2 and one line: a role, a weak password, an agency, a taken name, no stdin', async () => {
      const add = (...more: string[]) => run('users', 'add', 'wang.wu', '--agency', '1', ...more);
      const addFromStdin = (stdin: string) =>
        withStdin(stdin, 'users', 'add', 'wang.wu', '--agency', '1', '--role', 'handler', '--password-stdin');
      assertRefused(await add('--role', 'boss'), /--role boss: 未知角色/);
      assertRefused(await addFromStdin('short'), /密码至少 10 个字符/);
      assertRefused(await addFromStdin(''), /第一行为空/);
      assertRefused(await add('--role', 'handler', '--password-stdin'), /无法读取标准输入/);
      for (const [name, agency, message] of [
        ['wang.wu', '9', /机关不存在/],
        ['ADMIN1', '1', /用户名已被使用/],
        ['王五', '1', /用户名应为/],
      ] as const)
        assertRefused(await run('users', 'add', name, '--agency', agency, '--role', 'handler'), message);
      assertRefused(await run('users', 'unlock', 'nobody'), /用户不存在/);
      assertRefused(
        await gongkai('users', 'list', '--database', join(tmpdir(), `gongkai-missing-${process.pid}.db`)),
        /数据库不存在/,
      );
    });

    it('lists users with agency, role keys and labels (JSON), never a hash', async () => {
      const listed = await run('users', 'list', '--json');
      assert.equal(listed.code, 0, listed.err);
      const users = JSON.parse(listed.out) as Record<string, unknown>[];
      const zhang = users.find((u) => u.name === 'zhang.san');
      assert.deepEqual((({ id: _id, createdAt: _c, ...rest }) => rest)(zhang!), {
        name: 'zhang.san',
        displayName: '张三',
        agencyId: 2,
        agencyName: '潭城镇',
        roles: ['handler', 'approver'],
        roleLabels: ['经办人', '审核人'],
        lockedUntil: null,
        disabledAt: null,
      });
      assert.doesNotMatch(listed.out, /argon2|hash/i);
      const text = await run('users', 'list');
      assert.equal(text.code, 0);
      assert.match(
        text.out,
        /^zhang\.san {2}张三 {2}机关 2 潭城镇 {2}角色 经办人\(handler\)、审核人\(approver\) {2}创建 \d{4}-\d\d-\d\d \d\d:\d\d$/m,
      );
    });

    it('issues a token printed once ({"id", "token"}), which acts as the user until revoked', async () => {
      const issued = await run('users', 'token', 'zhang.san', '--label', '同步脚本', '--json');
      assert.equal(issued.code, 0, issued.err);
      const { id, token } = JSON.parse(issued.out) as { id: number; token: string };
      assert.match(token, /^gk_/);
      assert.ok(!issued.err.includes(token));
      assert.equal((await withStorage((s) => tokenActor(s, token, new Date())))?.user.name, 'zhang.san');
      const plain = await run('users', 'token', 'zhang.san');
      assert.match(plain.out, /^gk_[A-Za-z0-9_-]{43}\n$/);
      const revoked = await run('users', 'revoke', String(id));
      assert.equal(revoked.code, 0, revoked.err);
      assert.equal(await withStorage((s) => tokenActor(s, token, new Date())), undefined);
      assertRefused(await run('users', 'revoke', '999'), /API 令牌不存在/);
      assertRefused(await run('users', 'token', 'nobody'), /用户不存在/);
    });

    it('unlocks an account locked by failed logins', async () => {
      for (let i = 0; i < 5; i++) await loginCode('zhang.san', 'wrong-password-1');
      assert.equal(await loginCode('zhang.san', PASSWORD), 'login.locked');
      const listed = await run('users', 'list');
      assert.match(listed.out, /^zhang\.san .*锁定至 /m);
      const unlocked = await run('users', 'unlock', 'zhang.san');
      assert.equal(unlocked.code, 0, unlocked.err);
      assert.match(unlocked.out, /已解除锁定/);
      assert.equal(await loginCode('zhang.san', PASSWORD), 'ok');
    });

    it('resets a password from stdin, or to a generated one printed once', async () => {
      const reset = await withStdin(
        'another-secret-9\n',
        'users',
        'password',
        'zhang.san',
        '--password-stdin',
      );
      assert.equal(reset.code, 0, reset.err);
      assert.equal(await loginCode('zhang.san', PASSWORD), 'login.failed');
      assert.equal(await loginCode('zhang.san', 'another-secret-9'), 'ok');
      const generated = await run('users', 'password', 'li.si', '--json');
      assert.equal(generated.code, 0, generated.err);
      const { password } = JSON.parse(generated.out) as { password: string };
      assert.ok(!generated.err.includes(password));
      assert.equal(await loginCode('li.si', password), 'ok');
      assertRefused(await withStdin('weak\n', 'users', 'password', 'li.si', '--password-stdin'), /密码至少/);
    });
  });
}
