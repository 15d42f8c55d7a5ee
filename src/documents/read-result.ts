/**
 * @module What a reader returns: the report and what reading it noticed, or a reason it could not be
 * read at all, with the line where reading stopped.
 */

import type { AnnualReport } from '../domain/report/model.js';
import type { Finding } from '../domain/report/validation/finding.js';
import type { TextEncoding } from './decode.js';

export type ReadErrorCode =
  | 'input.empty'
  | 'input.binary'
  | 'input.unreadable'
  | 'input.too-complex'
  | 'read.not-a-report'
  | 'read.missing-section'
  | 'read.truncated'
  | 'read.bad-table'
  | 'json.syntax'
  | 'json.schema';

export interface ReadError {
  readonly code: ReadErrorCode;
  /** Chinese first, English after. */
  readonly message: string;
  /** 1-based line of the input where the problem is, when there is one. */
  readonly line?: number;
  /**
   * What could be read before reading stopped (a page cut off before its last sections): the report
   * with the unread rows absent, and notes that name every missing part. Commands that must trust a
   * whole report refuse the file; the auditor shows what was read.
   */
  readonly partial?: PartialRead;
}

export interface PartialRead {
  readonly report: AnnualReport;
  readonly notes: readonly Finding[];
}

export type ReportShape = 'text' | 'json' | 'html' | 'pdf' | 'docx' | 'xlsx';

export type ReadResult =
  | {
      readonly ok: true;
      readonly report: AnnualReport;
      /** Findings about the reading itself (labels that map to nothing), to show beside validation. */
      readonly notes: readonly Finding[];
      readonly shape: ReportShape;
      /** How the bytes were decoded, for shapes that are text (text, HTML, JSON). */
      readonly encoding?: TextEncoding;
    }
  | ReadFailure;

export type ReadFailure = { readonly ok: false; readonly error: ReadError };

export function readError(code: ReadErrorCode, message: string, line?: number): ReadFailure {
  return { ok: false, error: line === undefined ? { code, message } : { code, message, line } };
}
