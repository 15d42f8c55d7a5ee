/** @module The non-empty lines of a text report, trimmed, with their 1-based line numbers. */
import { labelKey } from '../label-key.js';

export interface TextLine {
  readonly text: string;
  /** labelKey(text): the form labels are compared in. */
  readonly key: string;
  readonly line: number;
}

/**
 * Longer lines are paragraphs, never labels (the longest official label has 37 characters), so they
 * skip normalisation: it is the costliest step of reading a report.
 */
const LONGEST_LABEL_LINE = 120;

export function textLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  raw.forEach((line, i) => {
    const trimmed = line.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
    if (trimmed === '') return;
    out.push({
      text: trimmed,
      key: trimmed.length > LONGEST_LABEL_LINE ? trimmed : labelKey(trimmed),
      line: i + 1,
    });
  });
  return out;
}

export type CellToken = { readonly kind: 'number'; readonly text: string } | { readonly kind: 'blank' };

/** Marks agencies print in a cell with no number. */
const BLANK_MARKS = new Set(['—', '——', '–', '-', '/', '无', '−']);
const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A table cell's value as printed, or undefined when the line is a label. */
export function cellToken(key: string): CellToken | undefined {
  if (BLANK_MARKS.has(key)) return { kind: 'blank' };
  if (NUMBER.test(key)) return { kind: 'number', text: key };
  if (GROUPED_NUMBER.test(key)) return { kind: 'number', text: key.replaceAll(',', '') };
  return undefined;
}
