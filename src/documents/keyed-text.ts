/**
 * @module A text in its comparison form (see label-key.ts) that remembers where each character came
 * from, so a label found in the comparison form can be cut out of the original text exactly.
 * Whitespace is kept as single spaces here: in glued table text a space may be the only thing
 * separating two numbers.
 */
import { foldTraditional } from '../domain/shared/traditional-fold.js';

export interface KeyedText {
  /** Comparison form: full-width folded, NFKC, simplified, each whitespace run as one " ". */
  readonly key: string;
  /** origin[i] = index in the original text where the unit behind key character i starts… */
  readonly origin: ArrayLike<number>;
  /** …and originEnd[i] where it ends. */
  readonly originEnd: ArrayLike<number>;
}

/**
 * Each UTF-16 unit's class, looked up once per character of a page (a glued page is a line of
 * thousands). SIMPLE: characters NFKC leaves alone (ASCII, CJK ideographs, CJK punctuation
 * 、。〃〇《》【】〔〕…, ·, dashes, geometric marks ■●) or folds one to one (full-width ASCII, also WIDE),
 * and the spaces (also SPACE): SIMPLE alone is a character copied as it is.
 */
const SPACE = 1;
const SIMPLE = 2;
const WIDE = 4;
const UNIT_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  // [flags, first, last]: the spaces (every character trim() drops), then the rest (no overlap).
  const ranges: readonly (readonly [number, number, number])[] = [
    [SPACE | SIMPLE, 0x09, 0x0d],
    [SPACE | SIMPLE, 0x20, 0x20],
    [SPACE | SIMPLE, 0xa0, 0xa0],
    [SPACE | SIMPLE, 0x1680, 0x1680],
    [SPACE | SIMPLE, 0x2000, 0x200a],
    [SPACE | SIMPLE, 0x2028, 0x2029],
    [SPACE | SIMPLE, 0x202f, 0x202f],
    [SPACE | SIMPLE, 0x205f, 0x205f],
    [SPACE | SIMPLE, 0x3000, 0x3000],
    [SPACE | SIMPLE, 0xfeff, 0xfeff],
    [SIMPLE, 0x21, 0x7e],
    [SIMPLE, 0xb7, 0xb7],
    [SIMPLE, 0x2013, 0x2014],
    [SIMPLE, 0x2018, 0x2019],
    [SIMPLE, 0x201c, 0x201d],
    [SIMPLE, 0x25a0, 0x25ff],
    [SIMPLE, 0x3001, 0x301f],
    [SIMPLE, 0x4e00, 0x9fff],
    [SIMPLE | WIDE, 0xff01, 0xff5e],
  ];
  for (const [flags, first, last] of ranges) table.fill(flags, first, last + 1);
  return table;
})();

/**
 * Two arrays of `length` numbers over one buffer: a typed array's memory is allocated outside the heap,
 * which costs far more than the object, and a page's lines each need both arrays.
 */
function twoArrays(length: number): [Int32Array, Int32Array] {
  const both = new Int32Array(length * 2);
  return [both.subarray(0, length), both.subarray(length)];
}

/**
 * Made on first use: creating the first Intl object loads ICU's data (about 10 ms), which a process
 * that only meets the usual characters (an audit worker, most reads) need not pay at start-up.
 */
let graphemes: Intl.Segmenter | undefined;
const segmenter = () => (graphemes ??= new Intl.Segmenter('zh', { granularity: 'grapheme' }));
const MARK = /\p{M}/u;

/**
 * Report pages run to hundreds of kilobytes scraped onto one line, so the usual characters are folded
 * by code-unit tests in one pass. A run of other characters (combining marks, Hangul jamo, enclosed
 * numerals, ©) is folded a grapheme at a time, since NFKC may join neighbouring characters; a run
 * that starts with a combining mark takes the character before it along.
 */
export function keyedText(text: string): KeyedText {
  let key = '';
  let [origin, originEnd] = twoArrays(text.length + 8);
  let length = 0;
  let pendingSpace = false;
  const room = (extra: number) => {
    if (length + extra <= origin.length) return;
    const [grownOrigin, grownEnd] = twoArrays((length + extra) * 2);
    grownOrigin.set(origin);
    grownEnd.set(originEnd);
    origin = grownOrigin;
    originEnd = grownEnd;
  };
  const space = (at: number) => {
    room(1);
    key += ' ';
    origin[length] = at - 1;
    originEnd[length++] = at;
    pendingSpace = false;
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const unit = UNIT_CLASS[c]!;
    if (unit & SPACE) {
      pendingSpace = length > 0;
      i++;
      continue;
    }
    if (pendingSpace) space(i);
    if (unit & SIMPLE) {
      // A run of characters that stay as they are is copied in one piece.
      let end = i;
      while (end < text.length && UNIT_CLASS[text.charCodeAt(end)] === SIMPLE) end++;
      if (end === i) {
        // Full-width ASCII folds one to one, as NFKC does.
        room(1);
        key += String.fromCharCode(c - 0xfee0);
        origin[length] = i;
        originEnd[length++] = i + 1;
        i++;
        continue;
      }
      room(end - i);
      key += foldTraditional(text.slice(i, end));
      for (let k = i; k < end; k++) {
        origin[length] = k;
        originEnd[length++] = k + 1;
      }
      i = end;
      continue;
    }
    let start = i;
    let end = i + 1;
    while (end < text.length && !(UNIT_CLASS[text.charCodeAt(end)]! & SIMPLE)) end++;
    if (MARK.test(text[i]!) && length > 0 && origin[length - 1] === i - 1 && key.at(-1) !== ' ') {
      // The mark composes with the character before it: fold the two together.
      key = key.slice(0, -1);
      length--;
      start = i - 1;
    }
    for (const { segment, index } of segmenter().segment(text.slice(start, end))) {
      for (const ch of foldTraditional(segment.normalize('NFKC'))) {
        if (UNIT_CLASS[ch.charCodeAt(0)]! & SPACE) {
          pendingSpace = length > 0;
          continue;
        }
        if (pendingSpace) space(start + index);
        room(ch.length);
        key += ch;
        for (let k = 0; k < ch.length; k++) {
          origin[length] = start + index;
          originEnd[length++] = start + index + segment.length;
        }
      }
    }
    i = end;
  }
  return { key, origin: origin.subarray(0, length), originEnd: originEnd.subarray(0, length) };
}

/** The original text behind key characters [start, end). */
export function originalSlice(text: string, keyed: KeyedText, start: number, end: number): string {
  if (start >= end) return '';
  return text.slice(keyed.origin[start]!, keyed.originEnd[end - 1]!);
}

/**
 * The piece of a keyed text behind key characters [start, end), spaces at either end left out, as a
 * keyed text of its own: a long line cut into pieces is not folded a second time.
 */
export function keyedSlice(
  text: string,
  keyed: KeyedText,
  start: number,
  end: number,
): { text: string; keyed: KeyedText } | undefined {
  while (start < end && keyed.key.charCodeAt(start) === 0x20) start++;
  while (end > start && keyed.key.charCodeAt(end - 1) === 0x20) end--;
  if (start >= end) return undefined;
  const from = keyed.origin[start]!;
  const [origin, originEnd] = twoArrays(end - start);
  for (let i = start; i < end; i++) {
    origin[i - start] = keyed.origin[i]! - from;
    originEnd[i - start] = keyed.originEnd[i]! - from;
  }
  return {
    text: text.slice(from, keyed.originEnd[end - 1]!),
    keyed: { key: keyed.key.slice(start, end), origin, originEnd },
  };
}
