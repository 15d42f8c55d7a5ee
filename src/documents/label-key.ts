/**
 * @module Comparing labels as agencies print them: full- and half-width forms (（ vs (, ： vs :),
 * traditional characters (規章, 件數) and stray spaces and line breaks inside a label do not make a
 * different label.
 */
import { foldTraditional } from '../domain/shared/traditional-fold.js';

/**
 * Text made only of ASCII, CJK ideographs, the common CJK punctuation and full-width ASCII, which NFKC
 * either leaves alone or maps one-to-one (U+FF01–FF5E → U+0021–007E). Report lines are nearly all
 * such text, and skipping the general (costly) normalisation for them keeps reading fast.
 */
const SIMPLE =
  /^[\t\n\r\u0020-\u007e\u4e00-\u9fff\u3000-\u3002\u3008-\u3015\u2014\u2018\u2019\u201c\u201d\uff01-\uff5e]*$/;
const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;
const SPACES = /[\s\u00a0\u3000]+/g;

const halfWidth = (ch: string) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0);

/**
 * Reports repeat the same short lines (labels, "0") thousands of times over a batch, so short keys are
 * remembered; the cache is dropped whole when it grows, which keeps memory flat on any batch.
 */
const cache = new Map<string, string>();
const CACHED_LENGTH = 48;
const CACHE_LIMIT = 20_000;

let graphemes: Intl.Segmenter | undefined;

/**
 * NFKC one grapheme at a time, as keyed-text.ts forms its key: normalising the whole text would also
 * compose across graphemes (㉠ and ￂ become the jamo ᄀ and ᅡ, which NFKC of the pair joins into 가),
 * and the two comparison forms would then differ.
 */
function byGrapheme(text: string): string {
  graphemes ??= new Intl.Segmenter('zh', { granularity: 'grapheme' });
  let out = '';
  for (const { segment } of graphemes.segment(text)) out += segment.normalize('NFKC');
  return out;
}

function computeKey(text: string): string {
  const normal = SIMPLE.test(text) ? text.replace(FULL_WIDTH_ASCII, halfWidth) : byGrapheme(text);
  return foldTraditional(normal.replace(SPACES, ''));
}

/** The form two labels are compared in: NFKC (full-width → half-width), simplified, no whitespace. */
export function labelKey(text: string): string {
  if (text.length > CACHED_LENGTH) return computeKey(text);
  let key = cache.get(text);
  if (key === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    key = computeKey(text);
    cache.set(text, key);
  }
  return key;
}
