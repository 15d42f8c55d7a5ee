/**
 * @module A text in its comparison form (see label-key.ts) that remembers where each character came
 * from, so a label found in the comparison form can be cut out of the original text exactly.
 * Whitespace is kept as single spaces here: in glued table text a space may be the only thing
 * separating two numbers.
 */
import { labelKey } from './label-key.js';

export interface KeyedText {
  /** Comparison form: full-width folded, NFKC, each whitespace run as one " ". */
  readonly key: string;
  /** origin[i] = index in the original text of key character i. */
  readonly origin: readonly number[];
}

const SPACE = /[\s\u00a0\u3000]/;

export function keyedText(text: string): KeyedText {
  let key = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    if (SPACE.test(ch)) {
      if (key !== '' && !key.endsWith(' ')) {
        key += ' ';
        origin.push(i);
      }
    } else {
      const folded = labelKey(ch);
      for (const part of folded) {
        key += part;
        origin.push(i);
      }
    }
    i += ch.length;
  }
  return {
    key: key.endsWith(' ') ? key.slice(0, -1) : key,
    origin: key.endsWith(' ') ? origin.slice(0, -1) : origin,
  };
}

/** The original text behind key characters [start, end). */
export function originalSlice(text: string, keyed: KeyedText, start: number, end: number): string {
  if (start >= end) return '';
  const from = keyed.origin[start]!;
  const lastOrigin = keyed.origin[end - 1]!;
  const last = text.codePointAt(lastOrigin)! > 0xffff ? lastOrigin + 2 : lastOrigin + 1;
  return text.slice(from, last);
}
