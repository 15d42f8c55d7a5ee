/**
 * @module A file's bytes for a batch audit, and its shape judged from them, without loading a reader:
 * the main thread names the shape of a file whose worker was stopped.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { sniffShape } from '../documents/sniff-shape.js';
import type { FileError, FileResult } from './types.js';
import { ioError } from './walk.js';

/** Larger files are not read (the biggest published reports, PDFs with scans, stay well under this). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The shape of a file judged from its bytes, as the reader would; null when they cannot be read. */
export function sniffFile(path: string): FileResult['shape'] {
  const bytes = fileBytes(path);
  return bytes instanceof Uint8Array ? sniffShape(bytes) : null;
}

/**
 * The file's bytes. Synchronous on purpose: a report is a few KB to a few MB, usually in the page
 * cache, and four thread-pool round trips per file (open, stat, read, close) cost more than the read;
 * each worker thread blocks only itself.
 */
export function fileBytes(path: string): Uint8Array | FileError {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const info = fstatSync(fd);
    if (!info.isFile()) return { code: 'input.io', message: '不是普通文件 (not a regular file)' };
    if (info.size > MAX_FILE_BYTES) {
      return {
        code: 'input.too-large',
        message: `文件过大（${Math.round(info.size / 1024 / 1024)} MB），超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 上限 (file too large)`,
      };
    }
    // readFileSync(fd) would stat the file again for its size: read the size just taken instead, as
    // many bytes as it would (a file that grew is read to that size, one that shrank to its end). A
    // regular file that reports no size (procfs and the like) is read to its end the usual way.
    if (info.size === 0) return readFileSync(fd);
    const bytes = Buffer.allocUnsafe(info.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, null);
      if (n === 0) break;
      read += n;
    }
    return read < bytes.length ? bytes.subarray(0, read) : bytes;
  } catch (e) {
    return ioError(e, 'file');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
