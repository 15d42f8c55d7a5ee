/**
 * @module One entry point for reading a report from bytes, whatever its shape: the shape is judged from
 * the content (magic bytes, markup), never from the file name.
 */
import { decodeReportBytes } from './decode.js';
import { readDocxReport } from './docx/read-docx.js';
import { readHtmlReport } from './html/read-html.js';
import { parseJsonReport } from './json/report-json.js';
import { type ReadResult, type ReportShape, readError } from './read-result.js';
import { parseTextReport } from './text/parse-text.js';

/** The shape of a file, from its first bytes. */
export function sniffShape(bytes: Uint8Array): ReportShape {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) return 'docx';
  const start = head.replace(/^(\uFEFF|\u00EF\u00BB\u00BF|\s)+/, '');
  if (start.startsWith('{')) return 'json';
  if (/^<(!doctype html|html|head|body|meta|table|div|p)[\s>]/i.test(start) || /<html[\s>]/i.test(head))
    return 'html';
  return 'text';
}

export async function readReport(bytes: Uint8Array): Promise<ReadResult> {
  const shape = sniffShape(bytes);
  switch (shape) {
    case 'html':
      return readHtmlReport(bytes);
    case 'docx':
      return readDocxReport(bytes);
    case 'pdf':
      // Loaded on demand: pdf.js takes a third of a second to load, which text and HTML need not pay.
      return (await import('./pdf/read-pdf.js')).readPdfReport(bytes);
    default: {
      const decoded = decodeReportBytes(bytes);
      if (!decoded.ok) return readError(decoded.code, decoded.message);
      return shape === 'json'
        ? parseJsonReport(decoded.text, decoded.encoding)
        : parseTextReport(decoded.text, decoded.encoding);
    }
  }
}
