/**
 * @module Bytes of a published report → text. Government portals still serve GBK / GB18030 pages, so
 * text that is not valid UTF-8 is decoded as GB18030 (a superset of GBK and GB2312) instead of being
 * refused. Binary files and empty files are refused with a reason.
 *
 * Not every file that fails UTF-8 validation is GB18030: a UTF-8 file cut off inside its last character,
 * or one with a stray bad byte, is still UTF-8. Both are decoded as UTF-8 and the damage is returned
 * (`cutOff`, `invalid`) for the reader to report (`decodeNotes`), rather than decoded as GB18030 into
 * mojibake that no reader recognises as a report.
 */
import { isUtf8, transcode } from 'node:buffer';
import type { Finding } from '../domain/report/validation/finding.js';
import { finding } from '../domain/report/validation/make-finding.js';
import type { RuleId } from '../domain/report/validation/rule-catalogue.js';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Where in the file: 0-based byte offset, and the 1-based line it is on. */
export interface BytePlace {
  readonly offset: number;
  readonly line: number;
}

/** The file ends inside a UTF-8 character: its first `bytes` bytes were there and are dropped. */
export interface CutOffTail extends BytePlace {
  readonly bytes: number;
}

/** Byte sequences that are not UTF-8, each decoded as one U+FFFD; the place is the first one's. */
export interface InvalidBytes extends BytePlace {
  readonly count: number;
}

export type DecodedText =
  | {
      readonly ok: true;
      readonly text: string;
      readonly encoding: TextEncoding;
      readonly cutOff?: CutOffTail;
      readonly invalid?: InvalidBytes;
    }
  | { readonly ok: false; readonly code: 'input.empty' | 'input.binary'; readonly message: string };

const GB18030 = new TextDecoder('gb18030', { fatal: false });
const UTF8_REPLACING = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Binary, not text: a NUL byte anywhere near the start, or control characters other than tab, line
 * feed, form feed and carriage return in more than 2 % of the first 2 KB.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.indexOf(0) !== -1) return true;
  // An indexed loop: iterating the typed array costs five times as much (an audit meets this per file).
  const n = Math.min(bytes.length, 2048);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  return control > n * 0.02;
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
  // No zero byte (the usual case, found natively): neither side has any.
  if (sample.indexOf(0) === -1) return undefined;
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

/**
 * GBK / GB18030 text read as UTF-8 has far more bad sequences than good multi-byte ones (a GBK pair
 * forms a valid UTF-8 pair about one time in ten), while UTF-8 with a few damaged bytes has hundreds of
 * good characters per bad one. Eight to one sits far from both.
 */
const UTF8_GOOD_PER_BAD = 8;

interface Utf8Scan {
  /** Complete multi-byte characters. */
  readonly multibyte: number;
  /** Bad sequences (maximal subparts, as the WHATWG decoder replaces them), and the first one's offset. */
  readonly bad: number;
  readonly firstBad: number;
  /** Where an unfinished character at the very end starts; the length when there is none. */
  readonly end: number;
}

/**
 * One linear pass over bytes that failed `isUtf8`. Stops early, with `undefined`, once the bad
 * sequences are too many for the rest of the file to make it UTF-8 with a few bad bytes.
 */
function scanUtf8(bytes: Uint8Array): Utf8Scan | undefined {
  const n = bytes.length;
  let multibyte = 0;
  let bad = 0;
  let firstBad = -1;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    // The second byte's range is narrower after E0, ED, F0 and F4 (no overlong forms, no surrogates).
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else need = 0;
    let j = i + 1;
    let got = 0;
    if (need > 0) {
      while (got < need && j < n) {
        const c = bytes[j]!;
        if (c < lo || c > hi) break;
        lo = 0x80;
        hi = 0xbf;
        j++;
        got++;
      }
      if (got === need) {
        multibyte++;
        i = j;
        continue;
      }
      if (j === n) return { multibyte, bad, firstBad, end: i };
    }
    if (bad++ === 0) firstBad = i;
    i = j;
    if (multibyte + (n - i) / 2 < bad * UTF8_GOOD_PER_BAD) return undefined;
  }
  return { multibyte, bad, firstBad, end: n };
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Valid UTF-8 as a string. Through ICU's converter to UTF-16 and then a copy, not `Buffer#toString`:
 * for Chinese text V8's own UTF-8 decoder managed about 270 MB/s here (some 40 µs for a 10 KB corpus
 * page, 7 % of reading it), the converter ten times that. The same string either way; a Node built
 * without ICU has no `transcode`, and decodes the usual way.
 */
function validUtf8Text(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (typeof transcode !== 'function') return buffer.toString('utf8');
  return transcode(buffer, 'utf8', 'utf16le').toString('utf16le');
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

const onlyWhitespace = {
  ok: false,
  code: 'input.empty',
  message: '文件没有内容，只有空白 (only whitespace)',
} as const;

export function decodeReportBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, code: 'input.empty', message: '文件为空 (empty file)' };
  const utf16 = utf16Of(bytes);
  if (utf16) {
    const text = new TextDecoder(utf16).decode(bytes);
    if (text.trim() === '') return onlyWhitespace;
    return { ok: true, text, encoding: utf16 };
  }
  if (looksBinary(bytes)) {
    return {
      ok: false,
      code: 'input.binary',
      message: '不是文本文件，含二进制数据 (binary data, not a text report)',
    };
  }
  // isUtf8 runs on the fast native path; a fatal TextDecoder is several times slower.
  if (isUtf8(bytes)) {
    // The byte-order mark is dropped here, once, for every reader (TextDecoder drops UTF-16's itself).
    const text = withoutBom(validUtf8Text(bytes));
    return text.trim() === '' ? onlyWhitespace : { ok: true, text, encoding: 'utf-8' };
  }
  const scan = scanUtf8(bytes);
  const utf8 = scan !== undefined && scan.multibyte >= scan.bad * UTF8_GOOD_PER_BAD;
  if (!utf8) {
    const text = withoutBom(GB18030.decode(bytes));
    return text.trim() === '' ? onlyWhitespace : { ok: true, text, encoding: 'gb18030' };
  }
  const text = withoutBom(UTF8_REPLACING.decode(bytes.subarray(0, scan.end)));
  if (text.trim() === '') return onlyWhitespace;
  return {
    ok: true,
    text,
    encoding: 'utf-8',
    ...(scan.end < bytes.length
      ? { cutOff: { offset: scan.end, line: lineAt(bytes, scan.end), bytes: bytes.length - scan.end } }
      : {}),
    ...(scan.bad > 0
      ? { invalid: { offset: scan.firstBad, line: lineAt(bytes, scan.firstBad), count: scan.bad } }
      : {}),
  };
}

/** The warning that some bytes could not be decoded (rule-catalogue.ts). */
export const INVALID_BYTES_RULE: RuleId = 'read.invalid-bytes';

/**
 * The reading notes of a decoded file's damage: a cut-off end is `read.truncated` (something after it
 * is missing, however complete the rest reads), bad bytes a warning naming the first.
 */
export function decodeNotes(decoded: DecodedText): Finding[] {
  if (!decoded.ok) return [];
  const notes: Finding[] = [];
  const { cutOff, invalid } = decoded;
  if (invalid) {
    notes.push({
      rule: INVALID_BYTES_RULE,
      severity: 'warning',
      message: `第 ${invalid.line} 行（字节偏移 ${invalid.offset}）起有 ${invalid.count} 处字节不是有效的 UTF-8，已显示为“\uFFFD”，其余内容按 UTF-8 读取；请核对该处文字`,
      messageEn: `${invalid.count} byte sequence(s) are not valid UTF-8, the first on line ${invalid.line} (byte offset ${invalid.offset}); shown as U+FFFD, the rest read as UTF-8`,
      cells: [],
    });
  }
  if (cutOff) {
    notes.push(
      finding(
        'read.truncated',
        `文件在第 ${cutOff.line} 行中断：最后一个字符不完整（字节偏移 ${cutOff.offset} 起只有 ${cutOff.bytes} 个字节），其后的内容缺失；请取得完整的文件`,
        `The file is cut off on line ${cutOff.line}, inside a character (byte offset ${cutOff.offset}, ${cutOff.bytes} byte(s) of it); whatever followed is missing`,
      ),
    );
  }
  return notes;
}

/** A short reason to add to a refusal of a damaged file, when the damage may be why it was refused. */
export function damageHint(decoded: DecodedText): string {
  if (!decoded.ok || !decoded.cutOff) return '';
  return `（文件在第 ${decoded.cutOff.line} 行中断，最后一个字符不完整 (the file is cut off)）`;
}
