/**
 * @module The lines every reader works on. Each shape (scraped text, HTML, PDF, DOCX) is turned into
 * source lines — one heading, paragraph or table cell each, with where it stood in the original — and
 * one reader maps those lines onto the report.
 */

import { packedMap } from '../../domain/report/packed-map.js';
import type { KeyedText } from '../keyed-text.js';
import { labelKey } from '../label-key.js';
import { layoutCellLines } from './layout-text.js';
import { pipeCellLines } from './pipe-cells.js';

/** A heading, paragraph or table cell, and its 1-based line in the original file (page for PDF). */
export interface SourceLine {
  readonly text: string;
  readonly line: number;
}

export interface TextLine {
  /** The line's keyed form when it was already computed (a piece cut out of a longer line). */
  readonly keyed?: KeyedText;
  readonly text: string;
  /** labelKey(text), the form labels are compared in; the text itself when too long to be a label. */
  readonly key: string;
  readonly line: number;
}

/**
 * Longer lines are paragraphs, never labels (the longest official label has 37 characters), so they
 * skip normalisation: it is the costliest step of reading a report.
 */
const LONGEST_LABEL_LINE = 120;

/**
 * A text as a line: trimmed (trim() drops every Unicode space, U+3000 and U+00A0 too), with its
 * comparison key; undefined when nothing is left.
 */
export function textLine(text: string, line: number): TextLine | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return { text: trimmed, key: trimmed.length > LONGEST_LABEL_LINE ? trimmed : labelKey(trimmed), line };
}

/** Trimmed, non-empty lines with their comparison keys. */
export function toTextLines(source: readonly SourceLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (const { text, line } of source) {
    const l = textLine(text, line);
    if (l) out.push(l);
  }
  return out;
}

/** The lines of a plain-text file, decoded (decodeReportBytes has dropped any byte-order mark). */
export function sourceLinesOf(text: string): SourceLine[] {
  const lines = packedMap(withoutPinyinGlosses(text).split(/\r\n|\r|\n/), (t, i) => ({
    text: t,
    line: i + 1,
  }));
  return layoutCellLines(lines) ?? (text.includes('|') ? pipeCellLines(lines) : lines);
}

/** A pinyin gloss after a hanzi, "數(shù)", "規（guī）": toned letters in brackets. */
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
const GLOSS = new RegExp(`(?<=[\\u4e00-\\u9fff])[(（](?=[a-zü]*[${TONED}])[a-zü${TONED}]{1,7}[)）]`, 'gu');
const GLOSSED_PAGE = 3;

/**
 * Some mirror sites gloss a page's hanzi with pinyin (件數(shù), 規(guī)章), which splits every label it
 * touches; a page with a few such glosses has them all removed. One toned syllable in brackets after
 * a hanzi is no wording a report uses.
 */
const TONED_VOWEL = new RegExp(`[${TONED}]`, 'u');

/** U+00E0–U+01DC holds every toned vowel: one range is a cheaper scan of a page than the set. */
const TONED_RANGE = /[\u00e0-\u01dc]/;

export function withoutPinyinGlosses(text: string): string {
  // Most pages have no toned letter at all: one plain scan says so, before the costlier pattern.
  if (!TONED_RANGE.test(text) || !TONED_VOWEL.test(text)) return text;
  let glosses = 0;
  for (GLOSS.lastIndex = 0; glosses < GLOSSED_PAGE && GLOSS.exec(text) !== null; ) glosses++;
  GLOSS.lastIndex = 0;
  return glosses < GLOSSED_PAGE ? text : text.replace(GLOSS, '');
}

export type CellToken = { readonly kind: 'number'; readonly text: string } | { readonly kind: 'blank' };

/** Marks agencies print in a cell with no number. */
const BLANK_MARKS = new Set(['—', '——', '–', '-', '/', '无', '−']);
const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A count with its unit in the cell ("3件", "0项"): the unit says nothing the column does not. */
export const COUNT_UNIT = /^(?:件|项|个|条|次|宗|起|家)(?![\u4e00-\u9fff])/u;
const COUNTED = /^([+-]?\d+)(?:件|项|个|条|次|宗|起|家)$/u;

/** A table cell's value as printed, or undefined when the line is a label. */
export function cellToken(key: string): CellToken | undefined {
  if (BLANK_MARKS.has(key)) return { kind: 'blank' };
  if (NUMBER.test(key)) return { kind: 'number', text: key };
  const counted = COUNTED.exec(key);
  if (counted) return { kind: 'number', text: counted[1]! };
  if (GROUPED_NUMBER.test(key)) return { kind: 'number', text: key.replaceAll(',', '') };
  return undefined;
}
