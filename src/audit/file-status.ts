/**
 * @module What a batch says of a file without reading it, shared by the main thread and the workers
 * (and light: no reader is loaded with it): its status from its findings, the result of a file that is
 * not audited and why, and the limits on one file.
 */
import type { Finding } from '../domain/report/validation/finding.js';
import type { FileError, FileResult, FileStatus } from './types.js';

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

/** `--file-timeout 60 --file-memory 1024`: far beyond what a published report takes (performance.md). */
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
