/**
 * @module One entry point for reading a report from bytes, whatever its shape: the shape is judged from
 * the content (magic bytes, markup, the parts a zip holds), never from the file name.
 */
import { type DecodedText, damageHint, decodeNotes, decodeReportBytes } from './decode.js';
import { type ReadResult, readError } from './read-result.js';
import { sniffShape } from './sniff-shape.js';
import { parseTextReport } from './text/parse-text.js';

export { isWorkbookZip, sniffShape } from './sniff-shape.js';

/** A text shape's result with what the decoder noticed: a cut-off end, bytes that were not UTF-8. */
function withDecodeNotes(result: ReadResult, decoded: DecodedText): ReadResult {
  const notes = decodeNotes(decoded);
  if (notes.length === 0) return result;
  if (result.ok) return { ...result, notes: [...notes, ...result.notes] };
  const { error } = result;
  if (error.partial) {
    // The reader's own cut-off note already says where the text ends.
    const extra = error.code === 'read.truncated' ? notes.filter((n) => n.rule !== 'read.truncated') : notes;
    return {
      ok: false,
      error: { ...error, partial: { ...error.partial, notes: [...error.partial.notes, ...extra] } },
    };
  }
  return { ok: false, error: { ...error, message: `${error.message}${damageHint(decoded)}` } };
}

export async function readReport(bytes: Uint8Array): Promise<ReadResult> {
  const shape = sniffShape(bytes);
  switch (shape) {
    // Each reader is loaded when a file of its shape arrives: a command reads one file, of one shape.
    case 'html':
      return (await import('./html/read-html.js')).readHtmlReport(bytes);
    case 'docx':
      return (await import('./docx/read-docx.js')).readDocxReport(bytes);
    case 'pdf':
      // Loaded on demand: pdf.js takes a third of a second to load, which text and HTML need not pay.
      return (await import('./pdf/read-pdf.js')).readPdfReport(bytes);
    case 'xlsx':
      return (await import('./xlsx/read-xlsx.js')).readXlsxReport(bytes);
    default: {
      const decoded = decodeReportBytes(bytes);
      if (!decoded.ok) return readError(decoded.code, decoded.message);
      return withDecodeNotes(
        shape === 'json'
          ? (await import('./json/report-json.js')).parseJsonReport(decoded.text, decoded.encoding)
          : parseTextReport(decoded.text, decoded.encoding),
        decoded,
      );
    }
  }
}
