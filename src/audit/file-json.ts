/**
 * @module One file's result as a line of `audit --json`. The line is made once, where the file was read
 * (in its worker thread), travels to the main thread and sits in the spill as that text; when the whole
 * batch has been read, a line whose report has last year's beside it is completed by splicing in
 * `previousFile` and the cross-year findings. So a batch's results are never cloned between threads,
 * nor parsed and written again, to make the JSON document.
 */
import { findingJson } from '../documents/json/finding-json.js';
import type { Finding } from '../domain/report/validation/finding.js';
import { statusOf } from './file-status.js';
import type { AuditedFile, FileBrief, FileResult, ReportDigest } from './types.js';

/** A file as `--json` writes it: keys and their order fixed (docs/cli.md). */
export function fileJson(r: FileResult) {
  return {
    file: r.file,
    agency: r.agency,
    year: r.year,
    format: r.format,
    shape: r.shape,
    ...(r.encoding === undefined ? {} : { encoding: r.encoding }),
    status: r.status,
    ...(r.previousFile === undefined ? {} : { previousFile: r.previousFile }),
    findings: r.findings.map(findingJson),
    ...(r.error === undefined ? {} : { error: r.error }),
  };
}

/** The brief of a result: what the main thread counts while the batch runs (`FileBrief`). */
export function briefOf(r: FileResult): FileBrief {
  const findings = r.findings.map(({ rule, severity }) => ({ rule, severity }));
  return r.error === undefined
    ? { file: r.file, status: r.status, findings }
    : { file: r.file, status: r.status, findings, error: r.error };
}

/** A result as the pool hands it on: its `--json` line, its brief and its digest (a worker posts it). */
export function audited(result: FileResult, digest?: ReportDigest): AuditedFile {
  const json = fileJsonText(result);
  return digest ? { json, brief: briefOf(result), digest } : { json, brief: briefOf(result) };
}

/** The `--json` line of a result. Parsed, it is the result again (the same fields, in `fileJson`'s order). */
export const fileJsonText = (r: FileResult): string => JSON.stringify(fileJson(r));

const STATUS = ',"status":"';
const FINDINGS = ',"findings":[';

/**
 * `fileJsonText` of a readable file's result completed with what the cross-year rules found against
 * `previousFile` (`more`, after the file's own findings; the status recomputed), made from the line of
 * the result before. Undefined when `line` is not shaped as `fileJsonText` writes a readable file.
 *
 * The first `,"status":"` of a line is its key: inside a JSON string every quote is escaped, so a comma
 * followed by a quote never occurs there, and the keys before `status` hold strings, numbers or null.
 */
export function completedLine(
  line: string,
  previousFile: string,
  more: readonly Finding[],
): string | undefined {
  const at = line.indexOf(STATUS);
  if (at < 0) return undefined;
  const valueAt = at + STATUS.length;
  const valueEnd = line.indexOf('"', valueAt);
  const status = line.slice(valueAt, valueEnd);
  if (
    (status !== 'clean' && status !== 'findings') ||
    !line.startsWith(FINDINGS, valueEnd + 1) ||
    !line.endsWith(']}')
  )
    return undefined;
  const own = line.slice(valueEnd + 1 + FINDINGS.length, line.length - 2);
  const added = more.map((f) => JSON.stringify(findingJson(f))).join(',');
  const now = status === 'findings' || statusOf(more) === 'findings' ? 'findings' : 'clean';
  return `${line.slice(0, at)}${STATUS}${now}","previousFile":${JSON.stringify(previousFile)}${FINDINGS}${own}${own && added ? ',' : ''}${added}]}`;
}
