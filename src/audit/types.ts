/** @module What a batch audit says about each file, and what it keeps of a readable report. */
import type { ReportShape } from '../documents/read-result.js';
import type { ReportFormat } from '../domain/report/format.js';
import type { Finding } from '../domain/report/validation/finding.js';

/**
 * `clean`: no error and no warning (notes such as `cell.blank` may be listed); `findings`: at least one
 * error or warning; `unreadable`: the file could not be read as a report (`error` says why).
 */
export type FileStatus = 'clean' | 'findings' | 'unreadable';

export interface FileError {
  /**
   * A `ReadErrorCode` of the reader, or from the audit: `input.io`, `input.too-large`, `input.time-limit`
   * and `input.memory-limit` (the file took longer or needed more memory than one file may: its worker
   * thread was stopped), `internal`.
   */
  readonly code: string;
  /** Chinese first, English after. */
  readonly message: string;
  readonly line?: number;
}

export interface FileResult {
  readonly file: string;
  /** As the report names itself; null when unreadable. */
  readonly agency: string | null;
  readonly year: number | null;
  readonly format: ReportFormat | null;
  /** The shape judged from the content; null when not even the bytes could be read. */
  readonly shape: ReportShape | null;
  readonly encoding?: string;
  readonly status: FileStatus;
  /** Reading notes, then the report's own rules, then the cross-year rules against `previousFile`. */
  readonly findings: readonly Finding[];
  readonly error?: FileError;
  /** The same agency's report on the year before, when there was one in the batch. */
  readonly previousFile?: string;
}

/**
 * What the cross-year rules and the year-over-year tables need of a report, and no more: the numbers
 * live in one small Float64Array (see digest.ts for its layout).
 */
export interface ReportDigest {
  /** The agency name, trimmed: reports of one agency are grouped by it. */
  readonly agency: string;
  readonly year: number;
  readonly format: ReportFormat;
  readonly numbers: Float64Array;
  /** A 53-bit hash of every number of sections 二、三、四 (`tableNumbers`). */
  readonly fingerprint: number;
  /** Whether some non-stock number is not 0 (only then is a repeat of last year suspicious). */
  readonly flows: boolean;
}

/** One file's result, and the digest when the report could be read. */
export interface FileOutcome {
  readonly result: FileResult;
  readonly digest?: ReportDigest;
}

/**
 * What the batch keeps of a file while it runs — counts by status, rule and severity, the reason a file
 * could not be read, the progress line: made in the worker beside the file's line, so the main thread
 * never parses the line back (a batch's lines are megabytes of JSON).
 */
export interface FileBrief {
  readonly file: string;
  readonly status: FileStatus;
  readonly findings: readonly Pick<Finding, 'rule' | 'severity'>[];
  readonly error?: FileError;
}

/**
 * One file audited, as the pool hands it on: its line of `--json` before the cross-year rules
 * (`fileJsonText`, made where the file was read), the brief of the result that line holds, and the digest.
 */
export interface AuditedFile {
  readonly json: string;
  readonly brief: FileBrief;
  readonly digest?: ReportDigest;
}
