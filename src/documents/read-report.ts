/**
 * @module One entry point for reading a report from bytes, whatever its shape: the shape is judged from
 * the content, never from the file name.
 */
import { decodeReportBytes } from './decode.js';
import { parseJsonReport } from './json/report-json.js';
import { type ReadResult, readError } from './read-result.js';
import { parseTextReport } from './text/parse-text.js';

export function readReport(bytes: Uint8Array): ReadResult {
  const decoded = decodeReportBytes(bytes);
  if (!decoded.ok) return readError(decoded.code, decoded.message);
  const start = decoded.text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return parseJsonReport(decoded.text);
  return parseTextReport(decoded.text, decoded.encoding);
}
