/**
 * @module The table part of a section as tokens: labels (official row labels, headers, captions),
 * value chunks (digits, decimals, blank marks) and other text. A line that is one cell (the seed's
 * shape) is one token; a line holding a whole table glued together ("规章 000行政规范性文件693665…")
 * is cut at every official label and at every space between numbers.
 */
import { keyedText, originalSlice } from '../keyed-text.js';
import { COUNT_UNIT, cellToken, type TextLine } from './text-lines.js';

export type TableToken =
  | {
      readonly kind: 'label';
      readonly key: string;
      readonly line: number;
      /** The line as printed when it is a label misprinted by one character. */
      readonly misprint?: string;
    }
  | { readonly kind: 'value'; readonly chunk: string; readonly line: number }
  | { readonly kind: 'text'; readonly text: string; readonly key: string; readonly line: number };

/** Labels in comparison form (every printed variant), findable at any position of a glued line. */
export interface AnchorSet {
  /** Printed variant → the official label's key. */
  readonly all: ReadonlyMap<string, string>;
  /**
   * First UTF-16 unit → variants starting with it, longest first (so 行政规范性文件 wins over 规范性文件).
   * Keyed by the unit, not the character: a glued line is asked at every position, and `key[i]` would
   * make a string of each hanzi to ask with.
   */
  readonly byFirst: ReadonlyMap<number, readonly string[]>;
  /** 1 for each UTF-16 unit some variant starts with: most characters of a glued line start none. */
  readonly starts: Uint8Array;
  /** Length → variants of that length, for labels misprinted by a character. */
  readonly byLength: ReadonlyMap<number, readonly string[]>;
}

export function anchorSet(variants: ReadonlyMap<string, string>): AnchorSet {
  const all = new Map(variants);
  const byFirst = new Map<number, string[]>();
  for (const key of all.keys()) {
    if (key === '') continue;
    const first = key.charCodeAt(0);
    const list = byFirst.get(first) ?? [];
    list.push(key);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const starts = new Uint8Array(0x10000);
  for (const unit of byFirst.keys()) starts[unit] = 1;
  const byLength = new Map<number, string[]>();
  for (const key of all.keys()) byLength.set(key.length, [...(byLength.get(key.length) ?? []), key]);
  return { all, byFirst, starts, byLength };
}

/**
 * The one official label a printed line differs from in a single character ("行政事业型收费" for
 * 行政事业性收费, "6.属于四类过程姓信息"), or undefined: lines of five characters or more only, no
 * digit in the differing place, and never when two labels are that near.
 */
function misprintOf(key: string, anchors: AnchorSet): string | undefined {
  if (key.length < 5 || key.length > 40) return undefined;
  let found: string | undefined;
  for (const variant of anchors.byLength.get(key.length) ?? []) {
    let differences = 0;
    let at = -1;
    for (let i = 0; i < key.length && differences < 2; i++)
      if (key[i] !== variant[i]) {
        differences++;
        at = i;
      }
    if (differences !== 1 || /\d/.test(key[at]!) || /\d/.test(variant[at]!)) continue;
    const official = anchors.all.get(variant)!;
    if (found !== undefined && found !== official) return undefined;
    found = official;
  }
  return found;
}

/** The anchor starting at `i`, skipping spaces inside the text ("社会公益 组织"); its end index. */
function anchorAt(key: string, i: number, anchors: AnchorSet): { anchor: string; end: number } | undefined {
  const candidates = anchors.byFirst.get(key.charCodeAt(i));
  if (!candidates) return undefined;
  for (const anchor of candidates) {
    let k = i;
    let a = 0;
    while (a < anchor.length && k < key.length) {
      const unit = key.charCodeAt(k);
      if (unit === SPACE) {
        k++;
        continue;
      }
      if (unit !== anchor.charCodeAt(a)) break;
      k++;
      a++;
    }
    if (a === anchor.length) return { anchor: anchors.all.get(anchor)!, end: k };
  }
  return undefined;
}

const SPACE = 0x20;
/** [0-9.], [—/] and [0-9], by UTF-16 unit: the scan asks them of every character of a glued line. */
const isNumberUnit = (u: number) => (u >= 0x30 && u <= 0x39) || u === 0x2e;
const isBlankMarkUnit = (u: number) => u === 0x2014 || u === 0x2f;
const isDigitUnit = (u: number) => u >= 0x30 && u <= 0x39;

/** A number that is a date's ("2020年", "12月") or follows a colon in words ("信息数:0"). */
const DATE_AFTER = /^[0-9.]+[年月日]/;
function isProse(key: string, i: number, afterText: boolean): boolean {
  if (DATE_AFTER.test(key.slice(i, i + 12))) return true;
  const before = key.charCodeAt(i - 1);
  return afterText && (before === 0x3a || before === 0xff1a); // : or ：
}
function proseNumberEnd(key: string, i: number): number {
  let end = i;
  while (end < key.length && isNumberUnit(key.charCodeAt(end))) end++;
  return end;
}

/**
 * Cuts one glued line into tokens. A run of text is always a contiguous piece of the key (a space
 * inside it is the key's one space; a number or a label ends it), so it is kept as where it starts and
 * sliced once when it ends, not built a character at a time.
 */
function scanLine(line: TextLine, anchors: AnchorSet, out: TableToken[]): void {
  const keyed = line.keyed ?? keyedText(line.text);
  const { key } = keyed;
  /** Where the run of text began in the key; -1 when there is none. */
  let textStart = -1;
  let digits = '';
  const flushText = (end: number) => {
    if (textStart < 0) return;
    const t = key.slice(textStart, end).trim();
    if (t !== '') {
      // Reported as the page printed it, not in comparison form.
      const original = originalSlice(line.text, keyed, textStart, end).trim();
      out.push({ kind: 'text', text: original, key: t.replaceAll(' ', ''), line: line.line });
    }
    textStart = -1;
  };
  const flushDigits = () => {
    if (digits !== '') out.push({ kind: 'value', chunk: digits, line: line.line });
    digits = '';
  };
  for (let i = 0; i < key.length; ) {
    const unit = key.charCodeAt(i);
    if (unit === SPACE) {
      flushDigits();
      i++;
      continue;
    }
    const found = anchors.starts[unit] === 1 ? anchorAt(key, i, anchors) : undefined;
    if (found) {
      flushText(i);
      flushDigits();
      out.push({ kind: 'label', key: found.anchor, line: line.line });
      i = found.end;
      continue;
    }
    if ((unit === 0x2b || unit === 0x2d) && isDigitUnit(key.charCodeAt(i + 1))) {
      // A sign starts a new number: "255-152" is 255 then -152 (本年增/减).
      flushText(i);
      flushDigits();
      digits = key[i]!;
    } else if (isNumberUnit(unit) && digits === '' && isProse(key, i, textStart >= 0)) {
      // "2020年……:0" amid a table is a sentence, its numbers no cells.
      if (textStart < 0) textStart = i;
      i = proseNumberEnd(key, i);
      continue;
    } else if (isNumberUnit(unit)) {
      flushText(i);
      digits += key[i]!;
      // "1,234": a comma followed by exactly three digits groups thousands.
      if (key[i + 1] === ',' && /^\d{3}(?!\d)/.test(key.slice(i + 2, i + 6))) i++;
    } else if (digits !== '' && COUNT_UNIT.test(key.slice(i, i + 3))) {
      // "33件 | 8件": the count's unit is no text between cells.
      flushDigits();
    } else if (isBlankMarkUnit(unit) && textStart < 0) {
      flushDigits();
      out.push({ kind: 'value', chunk: '—', line: line.line });
    } else {
      flushDigits();
      if (textStart < 0) textStart = i;
    }
    i++;
  }
  flushText(key.length);
  flushDigits();
}

/** A label broken over up to this many lines ("（二）部分公开（区分处理的，只计这一" / "情形，不计其他情形）"). */
const MAX_LABEL_LINES = 4;

/** The official label that lines i… form together, and how many lines it took. */
function labelOverLines(
  lines: readonly TextLine[],
  i: number,
  anchors: AnchorSet,
): { key: string; count: number } | undefined {
  let joined = lines[i]!.key;
  for (let n = 2; n <= MAX_LABEL_LINES && i + n - 1 < lines.length; n++) {
    const next = lines[i + n - 1]!;
    if (next.key.length > 40 || cellToken(next.key)) return undefined;
    joined += next.key;
    const official = anchors.all.get(joined);
    if (official !== undefined) return { key: official, count: n };
  }
  return undefined;
}

export function tableTokens(lines: readonly TextLine[], anchors: AnchorSet): TableToken[] {
  const out: TableToken[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const cell = cellToken(line.key);
    if (cell) {
      out.push({ kind: 'value', chunk: cell.kind === 'blank' ? '—' : cell.text, line: line.line });
      continue;
    }
    // "行政许可：": a label followed by the colon some pages print after it.
    const official = anchors.all.get(line.key) ?? anchors.all.get(line.key.replace(/[:：]$/u, ''));
    if (official !== undefined) {
      out.push({ kind: 'label', key: official, line: line.line });
      continue;
    }
    const broken = line.key.length <= 40 ? labelOverLines(lines, i, anchors) : undefined;
    if (broken) {
      out.push({ kind: 'label', key: broken.key, line: line.line });
      i += broken.count - 1;
      continue;
    }
    const misprinted = misprintOf(line.key, anchors);
    if (misprinted !== undefined) {
      out.push({ kind: 'label', key: misprinted, line: line.line, misprint: line.text });
      continue;
    }
    scanLine(line, anchors, out);
  }
  return out;
}
