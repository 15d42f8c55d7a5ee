/**
 * @module One entry point for reading a report from bytes, whatever its shape: the shape is judged from
 * the content (magic bytes, markup, the parts a zip holds), never from the file name.
 */
import { type DecodedText, damageHint, decodeNotes, decodeReportBytes } from './decode.js';
import { type ReadResult, type ReportShape, readError } from './read-result.js';
import { parseTextReport } from './text/parse-text.js';
import { zipDirectory, zipKind } from './zip-directory.js';

/**
 * Whether a zip is a workbook: its central directory lists parts under xl/ and none under word/. A zip
 * whose directory cannot be found is left to the DOCX reader, which says what is wrong with it.
 */
export function isWorkbookZip(bytes: Uint8Array): boolean {
  const entries = zipDirectory(bytes);
  return entries !== undefined && zipKind(entries) === 'xlsx';
}

/**
 * Elements a page or a stored article body starts with: a CMS keeps the body alone, without <html> or
 * <body> (`<p>`, `<div class="TRS_Editor">`, `<table>`, Word's `<style>` and conditional comments).
 */
const HTML_START =
  /^(?:<!--|<!\[|<\?xml[\s?]|<(?:!doctype html|html|head|body|meta|link|title|style|script|table|tbody|tr|td|div|p|span|font|h[1-6]|article|section|main|header|center|strong|b|br|ul|ol|o:p)[\s/>])/i;
/** Tags that only markup has (a text report may print "<5件" or "<附表1>", never these). */
const HTML_TAG =
  /<\/?(?:p|div|span|table|tbody|tr|td|th|br|h[1-6]|font|strong|b|center|section|article|style|o:p)(?:\s[^<>]*)?\/?>/gi;
/** A fragment may open with a few lines of plain text (a title stored apart) before its first tag. */
const HTML_SCAN_BYTES = 16384;
/** Tags, one of them closing a block, in the first bytes: a fragment that opens with text. */
const HTML_TAGS_NEEDED = 4;

function looksLikeHtml(bytes: Uint8Array, start: string): boolean {
  if (HTML_START.test(start)) return true;
  const scan = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HTML_SCAN_BYTES)).toString(
    'latin1',
  );
  if (/<html[\s>]/i.test(scan)) return true;
  const tags = scan.match(HTML_TAG) ?? [];
  return tags.length >= HTML_TAGS_NEEDED && tags.some((t) => /^<\/(?:p|div|td|tr|table|span)>/i.test(t));
}

/** The shape of a file, from its first bytes (and, for a zip, the names of its parts). */
export function sniffShape(bytes: Uint8Array): ReportShape {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) return isWorkbookZip(bytes) ? 'xlsx' : 'docx';
  const start = head.replace(/^(\uFEFF|\u00EF\u00BB\u00BF|\s)+/, '');
  if (start.startsWith('{')) return 'json';
  return looksLikeHtml(bytes, start) ? 'html' : 'text';
}

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
