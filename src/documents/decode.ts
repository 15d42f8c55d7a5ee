/**
 * @module Bytes of a published report → text. Government portals still serve GBK / GB18030 pages, so
 * text that is not valid UTF-8 is decoded as GB18030 (a superset of GBK and GB2312) instead of being
 * refused. Binary files and empty files are refused with a reason.
 */

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type DecodedText =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncoding }
  | { readonly ok: false; readonly code: 'input.empty' | 'input.binary'; readonly message: string };

import { isUtf8 } from 'node:buffer';

const GB18030 = new TextDecoder('gb18030', { fatal: false });

/**
 * Binary, not text: a NUL byte anywhere near the start, or control characters other than tab, line
 * feed, form feed and carriage return in more than 2 % of the first 2 KB.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.indexOf(0) !== -1) return true;
  const sample = bytes.subarray(0, 2048);
  let control = 0;
  for (const b of sample) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  return control > sample.length * 0.02;
}

/**
 * UTF-16 (Windows Notepad's "Unicode"): by its byte-order mark, or, without one, by the zero high
 * bytes that Chinese-and-ASCII text leaves on every ASCII character (newlines, digits, punctuation).
 */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const sample = bytes.subarray(0, 8192);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  // A CJK character's low byte is sometimes 0 too (一 is U+4E00), so the other side need only be rare.
  if (oddZeros > pairs * 0.2 && evenZeros < oddZeros / 8) return 'utf-16le';
  if (evenZeros > pairs * 0.2 && oddZeros < evenZeros / 8) return 'utf-16be';
  return undefined;
}

export function decodeReportBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, code: 'input.empty', message: '文件为空 (empty file)' };
  const utf16 = utf16Of(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes);
    if (text.trim() === '')
      return { ok: false, code: 'input.empty', message: '文件没有内容，只有空白 (only whitespace)' };
    return { ok: true, text, encoding: utf16 };
  }
  if (looksBinary(bytes)) {
    return {
      ok: false,
      code: 'input.binary',
      message: '不是文本文件，含二进制数据 (binary data, not a text report)',
    };
  }
  // isUtf8 and Buffer#toString run on the fast native path; a fatal TextDecoder is several times slower.
  const utf8 = isUtf8(bytes);
  const decoded = utf8
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')
    : GB18030.decode(bytes);
  // The byte-order mark is dropped here, once, for every reader (TextDecoder drops UTF-16's itself).
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const encoding = utf8 ? 'utf-8' : 'gb18030';
  if (text.trim() === '')
    return { ok: false, code: 'input.empty', message: '文件没有内容，只有空白 (only whitespace)' };
  return { ok: true, text, encoding };
}
