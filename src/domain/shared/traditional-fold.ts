/**
 * @module Traditional characters folded to the simplified ones they stand for, one character for one,
 * so that a page converted by a portal's 繁體 switch, word by word or only half (規范性文件, 處于),
 * compares with the official labels, and a match found in the folded text is cut out of the original
 * at the same place. The pairs are generated from opencc-js (scripts/generate-traditional-labels.ts).
 */
import { TRADITIONAL_FOLD_PAIRS } from './traditional-fold.generated.js';

const FOLD = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_FOLD_PAIRS.length; i += 2)
  FOLD.set(TRADITIONAL_FOLD_PAIRS[i]!, TRADITIONAL_FOLD_PAIRS[i + 1]!);

const FOLDABLE_ALL = new RegExp(`[${[...FOLD.keys()].join('')}]`, 'g');
const fold = (c: string) => FOLD.get(c)!;
/** One flag per UTF-16 code unit: a page is scanned for a foldable character without a regular expression. */
const FOLDS = new Uint8Array(0x10000);
for (const c of FOLD.keys()) FOLDS[c.charCodeAt(0)] = 1;

/** The text with each traditional character replaced by its simplified one; as long as the text. */
export function foldTraditional(text: string): string {
  for (let i = 0; i < text.length; i++)
    if (FOLDS[text.charCodeAt(i)] === 1) return text.replace(FOLDABLE_ALL, fold);
  return text;
}
