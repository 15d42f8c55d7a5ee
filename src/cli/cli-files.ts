/**
 * @module Files named on the command line: read whole (a clear one-line failure for a missing file, a
 * directory, no permission) and written safely. An output file is written beside the target under a
 * random name, created exclusively (a planted file or link there is never followed), and renamed over
 * the target, so a crash never leaves a half-written document; an existing file is replaced only with
 * --force (as `cp -n` keeps it), never a command's own input; a device or pipe (/dev/stdout, a FIFO)
 * is written in place.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliFailure } from './cli-io.js';
import { fileSystemReason } from './environment-failure.js';

/** `what` names the kind of file expected, for the directory message: 报告文件, 台账文件. */
export function readInputFile(path: string, what: string): Uint8Array {
  try {
    if (statSync(path).isDirectory())
      throw new CliFailure(`${path}: 这是一个目录，不是${what} (is a directory)`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliFailure(`${path}: 文件不存在 (no such file)`);
    if (code === 'EACCES') throw new CliFailure(`${path}: 没有读取权限 (permission denied)`);
    throw new CliFailure(`${path}: 无法读取 (cannot read)${readReason(code)}`);
  }
}

function readReason(code: string | undefined): string {
  const known = fileSystemReason(code);
  return known ? `：${known}` : '';
}

/** How an output file may be written. */
export interface WriteOptions {
  /** The files the command reads: the output may not be one of them, even with `force`. */
  readonly inputs?: readonly string[];
  /** Replace an existing file, or a symbolic link (the link itself, never the file it points to). */
  readonly force?: boolean;
}

/** The `--force` option of every command that writes an output file (`.option(FORCE_FLAGS, FORCE_HELP)`). */
export const FORCE_FLAGS = '--force';
export const FORCE_HELP = '输出文件已存在时覆盖它 (replace an existing output file)';

/** What the target is now, as far as writing it goes. */
type Target =
  | { readonly kind: 'absent' }
  | { readonly kind: 'file'; readonly stats: Stats }
  | { readonly kind: 'link' }
  /** A character device, FIFO or socket, or a process's open file (/dev/stdout): written in place. */
  | { readonly kind: 'special' };

function stats(path: string, follow: boolean): Stats | undefined {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

const isSpecial = (s: Stats) => s.isCharacterDevice() || s.isFIFO() || s.isSocket();

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** A name for a descriptor the process has open: /dev/stdout, /dev/fd/1, /proc/self/fd/1. */
const OPEN_FILE_NAME = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/(?:self|thread-self|\d+)\/fd\/\d+)$/;

/**
 * Whether the link `path` leads, through one of those names, to what the process has open (the file
 * or pipe the shell redirected to): written in place, as the shell meant, never replaced.
 */
function isOpenFileLink(path: string): boolean {
  let hop = resolve(path);
  for (let i = 0; i < 8; i++) {
    if (OPEN_FILE_NAME.test(hop)) return true;
    try {
      hop = resolve(dirname(hop), readlinkSync(hop));
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Checks `path` as an output before any work is done (a render can take seconds): refused, one line
 * naming it, when it is a directory, one of the command's inputs, or an existing file or link without
 * `force`. `writeOutputFileWith` checks again when it writes.
 */
export function checkOutputFile(path: string, options: WriteOptions = {}): void {
  try {
    targetOf(path, options);
  } catch (e) {
    throw writeFailure(path, e);
  }
}

function targetOf(path: string, options: WriteOptions): Target {
  const own = stats(path, false);
  if (!own) return { kind: 'absent' };
  const resolved = own.isSymbolicLink() ? stats(path, true) : own;
  if (resolved && (isSpecial(resolved) || (own.isSymbolicLink() && isOpenFileLink(path))))
    return { kind: 'special' };
  if (resolved?.isDirectory())
    throw new CliFailure(`${path}: 这是一个目录 (is a directory)；请指定一个文件名`);
  if (resolved && !resolved.isFile())
    throw new CliFailure(`${path}: 不是普通文件 (not a regular file)；请指定一个文件名`);
  if (resolved)
    for (const input of options.inputs ?? []) {
      const read = stats(input, true);
      if (read && sameFile(read, resolved))
        throw new CliFailure(
          `${path}: 这是本命令读取的文件 ${input}，不能覆盖 (is the command's input file)；请另选输出文件名`,
        );
    }
  if (own.isSymbolicLink()) {
    if (!options.force)
      throw new CliFailure(
        `${path}: 是一个符号链接，加 --force 替换该链接本身 (is a symbolic link; use --force to replace the link)`,
      );
    return { kind: 'link' };
  }
  if (!options.force)
    throw new CliFailure(`${path}: 文件已存在，加 --force 覆盖 (file exists; use --force to replace it)`);
  return { kind: 'file', stats: own };
}

/** The mode a new file gets (0666 less the umask), as `open` would give it. */
function defaultMode(): number {
  try {
    // Reading the umask means setting it: set it straight back.
    const mask = process.umask(0);
    process.umask(mask);
    return 0o666 & ~mask;
  } catch {
    // A worker thread may not set the umask: the usual 022.
    return 0o644;
  }
}

/** What to throw for a failed write: one line naming `path`, or the error itself when it is a bug. */
function writeFailure(path: string, e: unknown): unknown {
  if (e instanceof CliFailure) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (!code) return e;
  const reason =
    code === 'ENOENT'
      ? '目录不存在 (no such directory)'
      : code === 'ENOTDIR'
        ? '路径中有一段不是目录 (a part of the path is not a directory)'
        : code === 'EISDIR'
          ? '这是一个目录 (is a directory)'
          : code === 'ENXIO'
            ? '这是一个套接字或没有读取方的设备，无法写入 (a socket, or a device nobody reads)'
            : fileSystemReason(code);
  return new CliFailure(`${path}: 无法写入 (cannot write)${reason ? `：${reason}` : ''}`);
}

/** A device, FIFO or socket: opened for writing as it is (O_APPEND keeps a `>>` redirection whole). */
function writeInPlace(path: string, fill: (fd: number) => void): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND);
    fill(fd);
  } catch (e) {
    throw writeFailure(path, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `path`: `fill` writes the content to the open descriptor. A regular file goes through a
 * temporary file beside it (random name, exclusive create, mode 0600 until complete) and a rename; an
 * existing file replaced with `force` keeps its mode and, where the user may give it, its owner. A
 * failure removes the temporary file and is one line naming `path`.
 */
export function writeOutputFileWith(
  path: string,
  fill: (fd: number) => void,
  options: WriteOptions = {},
): void {
  let target: Target;
  try {
    target = targetOf(path, options);
  } catch (e) {
    throw writeFailure(path, e);
  }
  if (target.kind === 'special') {
    writeInPlace(path, fill);
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temporary, 'wx', 0o600);
    created = true;
    fill(fd);
    if (target.kind === 'file') {
      fchmodSync(fd, target.stats.mode & 0o777);
      try {
        fchownSync(fd, target.stats.uid, target.stats.gid);
      } catch {
        // Only root may give a file away: a user replacing someone else's file becomes its owner.
      }
    } else fchmodSync(fd, defaultMode());
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (target.kind === 'absent') placeWithoutReplacing(temporary, path);
    else renameSync(temporary, path);
    created = false;
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    if (created) rmSync(temporary, { force: true });
    throw writeFailure(path, e);
  }
}

/**
 * Puts the finished temporary file at `path`, which was absent when checked: a hard link fails if a
 * file appeared there since (another process), where a rename would silently replace it.
 */
function placeWithoutReplacing(temporary: string, path: string): void {
  try {
    linkSync(temporary, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new CliFailure(`${path}: 文件已存在，加 --force 覆盖 (file exists; use --force to replace it)`);
    // A file system without hard links (FAT, some network shares): the rename is all there is.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EMLINK') {
      renameSync(temporary, path);
      return;
    }
    throw e;
  }
  try {
    rmSync(temporary, { force: true });
  } catch {
    // The document is in place; a second name left for it beside it is no failure of the write.
  }
}

export function writeOutputFile(path: string, bytes: Uint8Array, options: WriteOptions = {}): void {
  writeOutputFileWith(path, (fd) => writeFileSync(fd, bytes), options);
}
