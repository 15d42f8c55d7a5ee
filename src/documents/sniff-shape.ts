/**
 * @module The shape of a report file judged from its content (magic bytes, markup, the parts a zip
 * holds), never from its name; apart from the readers, so that judging a file loads none of them.
 */
import type { ReportShape } from './read-result.js';
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
  if (!scan.includes('<')) return false;
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
