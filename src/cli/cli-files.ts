/**
 * @module Files named on the command line: read whole (a clear one-line failure for a missing file, a
 * directory, no permission) and written safely (beside the target, then renamed, so a crash never
 * leaves a half-written document).
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { CliFailure } from './cli-io.js';

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
    throw new CliFailure(`${path}: 无法读取 (cannot read): ${(e as Error).message}`);
  }
}

/**
 * Writes `path` through a temporary file beside it and a rename: `fill` writes the content to the open
 * descriptor. A failure removes the temporary file and is one line naming `path`.
 */
export function writeOutputFileWith(path: string, fill: (fd: number) => void): void {
  const temporary = `${path}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'w');
    fill(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    const reason =
      code === 'ENOENT'
        ? '目录不存在 (no such directory)'
        : code === 'EACCES'
          ? '没有写入权限 (permission denied)'
          : code;
    throw new CliFailure(`${path}: 无法写入 (cannot write): ${reason}`);
  }
}

export function writeOutputFile(path: string, bytes: Uint8Array): void {
  writeOutputFileWith(path, (fd) => writeFileSync(fd, bytes));
}
