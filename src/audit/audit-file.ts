/**
 * @module One file of a batch: read → validate (the report's own rules) → a result and a digest. The
 * same function runs inline (`--jobs 1`) and inside each worker thread. Nothing here throws: a file
 * that cannot be read, and even a reader that fails on it, give an `unreadable` result with the reason.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readReport, sniffShape } from '../documents/read-report.js';
import type { Finding } from '../domain/report/validation/finding.js';
import { validateReadReport } from '../domain/report/validation/validate.js';
import { digestReport } from './digest.js';
import type { FileError, FileOutcome, FileResult, FileStatus } from './types.js';
import { ioError } from './walk.js';

/** Larger files are not read (the biggest published reports, PDFs with scans, stay well under this). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

export interface AuditFileOptions {
  /** Keep the year-over-year figures in the digest (`--compare`). */
  readonly compare: boolean;
}

export function statusOf(findings: readonly Finding[]): Exclude<FileStatus, 'unreadable'> {
  return findings.some((f) => f.severity === 'error' || f.severity === 'warning') ? 'findings' : 'clean';
}

export function unreadableResult(
  file: string,
  error: FileError,
  shape: FileResult['shape'] = null,
): FileResult {
  return { file, agency: null, year: null, format: null, shape, status: 'unreadable', findings: [], error };
}

/** How long one file may take and how much memory, before its worker thread is stopped (pool.ts). */
export interface FileLimits {
  /** Wall-clock time to read and check one file, in milliseconds. */
  readonly timeMs: number;
  /** The JavaScript heap of the worker thread reading it (V8's old generation), in MB. */
  readonly memoryMb: number;
}

/** `--file-timeout 60 --file-memory 1024`: far beyond what any published report takes (docs/performance.md). */
export const DEFAULT_LIMITS: FileLimits = { timeMs: 60_000, memoryMb: 1024 };

const seconds = (ms: number) => String(Math.round(ms) / 1000);

/** Why a file is not audited when its worker thread was stopped or died while reading it. */
export function stoppedError(
  reason: 'time' | 'memory' | 'crash',
  limits: FileLimits,
  detail = '',
): FileError {
  if (reason === 'time') {
    return {
      code: 'input.time-limit',
      message: `读取超时：${seconds(limits.timeMs)} 秒内未读完，已停止读取此文件 (took longer than ${seconds(limits.timeMs)} s: stopped)`,
    };
  }
  if (reason === 'memory') {
    return {
      code: 'input.memory-limit',
      message: `读取所需内存超过 ${limits.memoryMb} MB 上限，已停止读取此文件 (needed more than ${limits.memoryMb} MB of memory: stopped)`,
    };
  }
  return {
    code: 'internal',
    message: `读取时审核线程意外退出，请报告此问题 (the audit worker died while reading this file)${detail ? `: ${detail}` : ''}`,
  };
}

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
function fileBytes(path: string): Uint8Array | FileError {
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
    return readFileSync(fd);
  } catch (e) {
    return ioError(e, 'file');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function auditFile(path: string, options: AuditFileOptions): Promise<FileOutcome> {
  const bytes = fileBytes(path);
  if (!(bytes instanceof Uint8Array)) return { result: unreadableResult(path, bytes) };
  try {
    const read = await readReport(bytes);
    if (!read.ok && read.error.partial === undefined) {
      const { code, message, line } = read.error;
      return {
        result: unreadableResult(
          path,
          line === undefined ? { code, message } : { code, message, line },
          sniffShape(bytes),
        ),
      };
    }
    // A report cut off short is audited for what it holds; its notes say what is missing.
    const { report, notes } = read.ok ? read : read.error.partial!;
    const findings = validateReadReport(report, notes);
    const result: FileResult = {
      file: path,
      agency: report.agency,
      year: report.year,
      format: report.format,
      shape: read.ok ? read.shape : sniffShape(bytes),
      ...(read.ok && read.encoding !== undefined ? { encoding: read.encoding } : {}),
      status: statusOf(findings),
      findings,
    };
    return { result, digest: digestReport(report, options) };
  } catch (e) {
    // A reader or rule that throws is a bug; the batch goes on and the file says what happened.
    return {
      result: unreadableResult(
        path,
        {
          code: 'internal',
          message: `读取时出现内部错误，请报告此问题 (internal error): ${e instanceof Error ? e.message : String(e)}`,
        },
        sniffShape(bytes),
      ),
    };
  }
}
