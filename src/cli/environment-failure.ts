/**
 * @module Failures of the machine around a command, not of its input nor of the code: a read-only or
 * full disk, a database another process holds locked, a PostgreSQL server that refuses or drops the
 * connection, a folder the user may not write. The operator can mend each, so each is one line saying
 * what is wrong, where, and what to do (exit 2), never the driver's text, an errno code or a stack trace
 * (which would be exit 70, "internal error", and send them to report a bug that is not there).
 */
import { NO_SCHEMA } from '../storage/url.js';

const LOCKED = '另一个进程正在写入该数据库，请稍后重试 (another process is writing to the database)';
const READ_ONLY =
  '数据库是只读的，无法写入 (the database is read-only)；请检查数据库文件及其所在目录的写入权限';
const DISK_FULL = '磁盘空间已满，无法写入 (disk full)；请腾出空间后重试';
const CONNECTION_LOST =
  '与数据库服务器的连接中断 (the database connection was lost)；请确认 PostgreSQL 正在运行后重试';

/** What an errno code of the file system says, for any file written (cli-files.ts too). */
export function fileSystemReason(code: string | undefined): string | undefined {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return code === 'ENOSPC' ? DISK_FULL : '磁盘配额已用完，无法写入 (disk quota exceeded)';
    case 'EROFS':
      return '文件系统是只读的 (read-only file system)；请换一个可写的位置';
    case 'EACCES':
    case 'EPERM':
      return '没有权限 (permission denied)；请检查该文件及其所在目录的权限，或换一个位置';
    default:
      return undefined;
  }
}

/** SQLite's result codes (better-sqlite3's `code`, e.g. SQLITE_BUSY_SNAPSHOT), by their primary code. */
function sqliteReason(code: string): string | undefined {
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0];
  switch (primary) {
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return READ_ONLY;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return LOCKED;
    case 'SQLITE_FULL':
      return DISK_FULL;
    case 'SQLITE_CANTOPEN':
      return '无法打开数据库文件 (cannot open the database file)；请检查路径以及文件和目录的权限';
    case 'SQLITE_IOERR':
      return '读写数据库文件时磁盘出错 (disk I/O error)；请检查磁盘及剩余空间';
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return '该文件不是 Gongkai 数据库或已损坏 (not a database, or damaged)；请检查 --database 的路径';
    default:
      return undefined;
  }
}

/** PostgreSQL's SQLSTATE codes (pg's DatabaseError `code`) that the operator's setup explains. */
const POSTGRES_REASONS: Readonly<Record<string, string>> = {
  '57P01': '数据库服务器关闭了连接（服务器正在停止或重启）(the server closed the connection)；请稍后重试',
  '57P02': '数据库服务器关闭了连接（服务器正在停止或重启）(the server closed the connection)；请稍后重试',
  '57P03':
    '数据库服务器暂不接受连接（正在启动或恢复）(the server is not accepting connections yet)；请稍后重试',
  '08000': CONNECTION_LOST,
  '08001': CONNECTION_LOST,
  '08003': CONNECTION_LOST,
  '08004': '数据库服务器拒绝建立连接 (the server rejected the connection)；请检查服务器的访问设置',
  '08006': CONNECTION_LOST,
  '28000': '数据库服务器拒绝登录 (authentication failed)；请检查 URL 中的用户名和密码',
  '28P01': '数据库服务器拒绝登录 (authentication failed)；请检查 URL 中的用户名和密码',
  '3D000': '数据库服务器上没有该数据库 (no such database)；请先建立它，或改正 URL 中的数据库名',
  '42501': '数据库用户没有所需的权限 (permission denied)；请为该用户授权，或换一个用户',
  '53100': DISK_FULL,
  '53300': '数据库服务器的连接数已满 (too many connections)；请稍后重试',
  '25006': '数据库服务器是只读的（备用服务器）(the server is read-only)；请连接主服务器',
};

function networkReason(code: string): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return '数据库服务器拒绝连接 (connection refused)；请确认 PostgreSQL 已启动，且 URL 中的地址和端口正确';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return '找不到数据库服务器 (unknown host)；请检查 URL 中的主机名';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return '无法到达数据库服务器 (host unreachable)；请检查网络';
    case 'ETIMEDOUT':
      return '连接数据库服务器超时 (connection timed out)；请检查网络和服务器';
    case 'ECONNRESET':
      return CONNECTION_LOST;
    default:
      return undefined;
  }
}

/** pg says some things only in words, without a code. */
function messageReason(message: string): string | undefined {
  if (/^Connection terminated due to connection timeout/i.test(message))
    return '连接数据库服务器超时 (connection timed out)；请检查网络和服务器';
  if (/^Connection terminated/i.test(message)) return CONNECTION_LOST;
  if (/timeout exceeded when trying to connect/i.test(message))
    return '连接数据库服务器超时 (connection timed out)；请检查网络和服务器';
  if (/server does not support SSL/i.test(message))
    return '数据库服务器不支持 SSL 连接 (the server does not support SSL)；请去掉 URL 中的 sslmode';
  return undefined;
}

interface Failure {
  readonly reason: string;
  /** The file the system named, if it did (an errno error's `path`). */
  readonly path?: string;
}

function classify(e: unknown, depth: number): Failure | undefined {
  if (typeof e !== 'object' || e === null || depth > 4) return undefined;
  const { code, path, message } = e as { code?: unknown; path?: unknown; message?: unknown };
  if (typeof code === 'string') {
    const reason =
      code === NO_SCHEMA
        ? 'URL 的 search_path 指定的 schema 不存在 (no such schema)；请先建立它，或改正 URL 中的 options'
        : code.startsWith('SQLITE_')
          ? sqliteReason(code)
          : (POSTGRES_REASONS[code] ?? networkReason(code) ?? fileSystemReason(code));
    if (reason) return typeof path === 'string' ? { reason, path } : { reason };
  }
  if (typeof message === 'string') {
    const reason = messageReason(message);
    if (reason) return { reason };
  }
  // A connection tried at several addresses fails with an AggregateError of each; a wrapped error
  // keeps the original as its cause.
  const inner = [
    ...(((e as { errors?: unknown }).errors as unknown[] | undefined) ?? []),
    (e as Error).cause,
  ];
  for (const each of inner) {
    const found = classify(each, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The line to print when `e` is a failure of the environment, else undefined (a bug, left to exit 70).
 * `where` names the place when the error does not (a redacted database URL, "标准输出"); a path the
 * system named is more exact and wins.
 */
export function environmentFailure(e: unknown, where?: string): string | undefined {
  const found = classify(e, 0);
  if (!found) return undefined;
  const place = found.path ?? where;
  return place ? `${place}: ${found.reason}` : found.reason;
}
