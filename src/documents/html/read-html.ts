/**
 * @module Reading an annual report from an HTML page: a portal's published page (navigation, footer
 * and all) or one `renderHtml` wrote. The page's bytes are decoded as it declares, its blocks and
 * table cells become source lines, and the reader every shape shares does the rest.
 */
import { isUtf8 } from 'node:buffer';
import type { Finding } from '../../domain/report/validation/finding.js';
import { decodeNotes, decodeReportBytes, type TextEncoding } from '../decode.js';
import { type ReadResult, readError } from '../read-result.js';
import { readReportLines } from '../text/parse-text.js';
import { nestingDepth } from './nesting-depth.js';
import { htmlSourceLines } from './read-html-lines.js';

export { htmlSourceLines } from './read-html-lines.js';

/** Labels that name GBK or one of its relatives; GB18030 decodes them all. */
const GB_LABELS = new Set([
  'gbk',
  'gb2312',
  'gb18030',
  'x-gbk',
  'cp936',
  'windows-936',
  'csgb2312',
  'gb_2312-80',
  'chinese',
]);

/**
 * `<meta charset="gbk">` and `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`.
 * Both are ASCII, so they read the same in the raw bytes of a GBK or a UTF-8 page.
 */
const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;

/** Portal pages put kilobytes of meta tags and inline script before the charset; 1 KB is not enough. */
const SNIFF_BYTES = 8192;

const GB18030 = new TextDecoder('gb18030');

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES));
  return META_CHARSET.exec(head.toString('latin1'))?.[1]?.toLowerCase();
}

const hasBom = (b: Uint8Array) =>
  (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) ||
  (b[0] === 0xff && b[1] === 0xfe) ||
  (b[0] === 0xfe && b[1] === 0xff);

/**
 * A page that declares GBK is decoded as GB18030. A byte-order mark outranks the declaration (as in
 * browsers), and so do bytes that are valid UTF-8: crawlers often re-save a GBK page as UTF-8 and
 * keep its meta tag, while real GBK text is practically never valid UTF-8. Every other page (UTF-8
 * declared or nothing declared) is decoded as the other text shapes are.
 */
function decodeHtml(
  bytes: Uint8Array,
): { text: string; encoding: TextEncoding; notes: readonly Finding[] } | ReadResult {
  const charset = declaredCharset(bytes);
  if (charset !== undefined && GB_LABELS.has(charset) && !hasBom(bytes) && !isUtf8(bytes)) {
    return { text: GB18030.decode(bytes), encoding: 'gb18030', notes: [] };
  }
  const decoded = decodeReportBytes(bytes);
  return decoded.ok
    ? { text: decoded.text, encoding: decoded.encoding, notes: decodeNotes(decoded) }
    : readError(decoded.code, decoded.message);
}

/** Real pages nest some dozens of elements; the parser's time grows with the square of the depth. */
export const MAX_HTML_DEPTH = 3000;

/** An annual report from the bytes of an HTML page, with the encoding it was read in. */
export function readHtmlReport(bytes: Uint8Array): ReadResult {
  const decoded = decodeHtml(bytes);
  if ('ok' in decoded) return decoded;
  if (nestingDepth(decoded.text) > MAX_HTML_DEPTH)
    return readError(
      'input.too-complex',
      `网页的元素嵌套超过 ${MAX_HTML_DEPTH} 层，不是一份报告的网页，未读取 (elements nested over ${MAX_HTML_DEPTH} deep)`,
    );
  const read = readReportLines(htmlSourceLines(decoded.text), { shape: 'html', encoding: decoded.encoding });
  // What the decoder noticed (a page cut inside a character, bytes that were not UTF-8) goes with it.
  if (decoded.notes.length === 0 || !read.ok) return read;
  return { ...read, notes: [...decoded.notes, ...read.notes] };
}
