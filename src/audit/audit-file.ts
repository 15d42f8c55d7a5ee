/**
 * @module One file of a batch: read → validate (the report's own rules) → a result and a digest. It
 * runs inside each worker thread (the readers are loaded there, not on the main thread). Nothing here
 * throws: a file that cannot be read, and even a reader that fails on it, give an `unreadable` result
 * with the reason.
 */
import { readReport, sniffShape } from '../documents/read-report.js';
import { validateReadReport } from '../domain/report/validation/validate.js';
import { digestReport } from './digest.js';
import { fileBytes } from './file-bytes.js';
import { statusOf, unreadableResult } from './file-status.js';
import type { FileOutcome, FileResult } from './types.js';

export interface AuditFileOptions {
  /** Keep the year-over-year figures in the digest (`--compare`). */
  readonly compare: boolean;
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
