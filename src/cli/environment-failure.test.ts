/**
 * Failures of the machine around a command are exit 2 with one line saying what is wrong, where, and
 * what to do: never exit 70, a stack trace, the driver's text, or a database password.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { redactDatabaseUrl } from '../storage/url.js';
import { assertRefused, gongkai } from '../test-support/run-cli.js';
import { environmentFailure } from './environment-failure.js';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-env-'));
let databases = 0;
/** A fresh SQLite ledger with one agency, made by the command line. */
async function ledger(): Promise<string> {
  const path = join(dir, `ledger-${databases++}.db`);
  const made = await gongkai('agency', 'add', '示例镇', '--database', path);
  assert.equal(made.code, 0, made.err);
  return path;
}

/** A real error the SQLite driver throws, of the kind `provoke` causes. */
function sqliteError(provoke: (db: Database.Database) => void, options?: Database.Options): unknown {
  const path = join(dir, `raw-${databases++}.db`);
  new Database(path).exec('create table t (x)').close();
  const db = new Database(path, options);
  try {
    provoke(db);
  } catch (e) {
    return e;
  } finally {
    db.close();
  }
  assert.fail('no error');
}

describe('environmentFailure: what the operator can mend, in words', () => {
  it('says a read-only database (the driver’s own error)', () => {
    const e = sqliteError((db) => db.exec('insert into t values (1)'), { readonly: true });
    assert.equal((e as { code: string }).code, 'SQLITE_READONLY');
    assert.equal(
      environmentFailure(e, 'data/gongkai.db'),
      'data/gongkai.db: 数据库是只读的，无法写入 (the database is read-only)；请检查数据库文件及其所在目录的写入权限',
    );
  });

  it('says a database another process holds locked (SQLITE_BUSY, as the driver throws it)', () => {
    const path = join(dir, `busy-${databases++}.db`);
    const holder = new Database(path);
    holder.exec('create table t (x); begin exclusive; insert into t values (1)');
    const other = new Database(path, { timeout: 10 });
    try {
      assert.throws(
        () => other.exec('begin immediate'),
        (e) =>
          environmentFailure(e) ===
          '另一个进程正在写入该数据库，请稍后重试 (another process is writing to the database)',
      );
    } finally {
      other.close();
      holder.close();
    }
  });

  it('says a full disk, from SQLite and from the file system', () => {
    assert.match(environmentFailure({ code: 'SQLITE_FULL' }) ?? '', /^磁盘空间已满，无法写入 \(disk full\)/);
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      path: '/srv/data/gongkai.db-wal',
    });
    // The path the system named is more exact than the database the caller knows.
    assert.match(environmentFailure(enospc, 'db') ?? '', /^\/srv\/data\/gongkai\.db-wal: 磁盘空间已满/);
  });

  it('says a folder that may not be written (EACCES, EROFS)', () => {
    const eacces = Object.assign(new Error("EACCES: permission denied, mkdir '/data'"), {
      code: 'EACCES',
      path: '/data',
    });
    assert.match(environmentFailure(eacces) ?? '', /^\/data: 没有权限 \(permission denied\)/);
    assert.match(
      environmentFailure({ code: 'EROFS', path: '/mnt/ro' }) ?? '',
      /^\/mnt\/ro: 文件系统是只读的/,
    );
  });

  it('says PostgreSQL refusing, dropping or shutting the connection', () => {
    const cases: [unknown, RegExp][] = [
      [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), /拒绝连接/],
      [
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
        /关闭了连接/,
      ],
      [Object.assign(new Error('server closed the connection'), { code: '08006' }), /连接中断/],
      [new Error('Connection terminated unexpectedly'), /连接中断/],
      [new Error('Connection terminated due to connection timeout'), /超时/],
      [
        Object.assign(new Error('password authentication failed for user "u"'), { code: '28P01' }),
        /拒绝登录/,
      ],
      // A host with two addresses: one error for each, under an AggregateError.
      [
        new AggregateError([
          Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }),
        ]),
        /拒绝连接/,
      ],
      [new Error('query failed', { cause: { code: '57P01' } }), /关闭了连接/],
    ];
    for (const [e, said] of cases) {
      const line = environmentFailure(e, 'postgres://u:***@h/db') ?? '';
      assert.ok(line.startsWith('postgres://u:***@h/db: '), line);
      assert.match(line, said);
      assert.doesNotMatch(line, /ECONNREFUSED|57P01|08006|Connection terminated|for user/);
    }
  });

  it('leaves a bug alone (exit 70 is right for it)', () => {
    for (const e of [
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new Error('UNIQUE constraint failed: agencies.code'),
      Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }),
      Object.assign(new Error('no such file'), { code: 'ENOENT' }),
      'a string',
      undefined,
    ])
      assert.equal(environmentFailure(e), undefined, String(e));
  });
});

describe('redactDatabaseUrl', () => {
  it('hides a PostgreSQL password and leaves the rest as written', () => {
    assert.equal(redactDatabaseUrl('postgres://u:secret@h/db'), 'postgres://u:***@h/db');
    assert.equal(
      redactDatabaseUrl('postgresql://app:p%40ss@db.example:5433/ledger?sslmode=require'),
      'postgresql://app:***@db.example:5433/ledger?sslmode=require',
    );
    assert.equal(
      redactDatabaseUrl('postgres://h/db?user=u&password=secret'),
      'postgres://h/db?user=u&password=***',
    );
    assert.equal(redactDatabaseUrl('postgres://u@h:5432/db'), 'postgres://u@h:5432/db');
    assert.equal(redactDatabaseUrl('./data/gongkai.db'), './data/gongkai.db');
    assert.equal(redactDatabaseUrl('sqlite:///srv/x.db'), 'sqlite:///srv/x.db');
  });
});

describe('the command line: exit 2 and one line for a database the operator must mend', () => {
  it('refuses to write a read-only (chmod 444) SQLite file with the read-only message', async () => {
    const path = await ledger();
    chmodSync(path, 0o444);
    const expected = /^gongkai: .*数据库是只读的，无法写入 \(the database is read-only\)/;
    if (process.getuid?.() !== 0) {
      assertRefused(await gongkai('agency', 'add', '乙镇', '--database', path), expected);
      return;
    }
    // Root writes a 444 file regardless: the same command runs as nobody, to whom the mode applies.
    chownSync(dir, 65534, 65534);
    chownSync(path, 65534, 65534);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'agency', 'add', '乙镇', '--database', path],
      { encoding: 'utf8', uid: 65534, gid: 65534, env: { ...process.env, HOME: dir } },
    );
    assertRefused({ code: run.status ?? -1, out: run.stdout, err: run.stderr }, expected);
  });

  it('refuses a PostgreSQL server that is not there, without printing the password', async () => {
    const url = 'postgres://gongkai:s3cret-pw@127.0.0.1:1/gongkai';
    for (const argv of [
      ['agency', 'list'],
      ['agency', 'add', '乙镇'],
    ]) {
      const run = await gongkai(...argv, '--database', url);
      assertRefused(
        run,
        /^gongkai: postgres:\/\/gongkai:\*\*\*@127\.0\.0\.1:1\/gongkai: 数据库服务器拒绝连接 \(connection refused\)；请确认 PostgreSQL 已启动/,
      );
      assert.doesNotMatch(run.err, /s3cret|ECONNREFUSED/);
    }
  });

  it('says another process is writing when the database stays locked past the busy timeout', async () => {
    const path = await ledger();
    const holder = new Database(path);
    holder.exec('begin exclusive');
    const before = process.env.GONGKAI_SQLITE_BUSY_TIMEOUT_MS;
    process.env.GONGKAI_SQLITE_BUSY_TIMEOUT_MS = '50';
    try {
      assertRefused(
        await gongkai('agency', 'add', '乙镇', '--database', path),
        /另一个进程正在写入该数据库，请稍后重试 \(another process is writing to the database\)$/,
      );
    } finally {
      if (before === undefined) delete process.env.GONGKAI_SQLITE_BUSY_TIMEOUT_MS;
      else process.env.GONGKAI_SQLITE_BUSY_TIMEOUT_MS = before;
      holder.exec('rollback');
      holder.close();
    }
    assert.equal((await gongkai('agency', 'add', '乙镇', '--database', path)).code, 0, 'free again');
  });

  it('says a standard output on a full disk in one line, exit 2, no stack trace', () => {
    const run = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" --import tsx src/cli/main.ts report rules > /dev/full`],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 2, run.stderr);
    assert.equal(
      run.stderr,
      'gongkai: 标准输出 (standard output): 磁盘空间已满，无法写入 (disk full)；请腾出空间后重试\n',
    );
  });
});
