/**
 * @module Runs of text put back into lines: runs on one baseline side by side, the lines of one cell
 * or paragraph joined. Shared by the table and the body-text passes of the PDF reader.
 */
import type { TextRun } from './read-pdf-page.js';

/** One printed line: its runs joined, where it starts and ends, its baseline and font size. */
export interface VisualLine {
  readonly text: string;
  readonly x: number;
  readonly right: number;
  readonly y: number;
  readonly size: number;
  /** Cut from a wider line at a gap: a cell of a table drawn without borders. */
  readonly cut: boolean;
}

/** Runs whose baselines differ by less than this share of the font size sit on one line. */
const SAME_BASELINE = 0.35;
/**
 * A gap wider than this share of the font size between two runs of Latin letters or digits stood
 * for a space. Chinese text has none: its gaps are justification stretching a short line.
 */
const SPACE_GAP = 0.3;
/** Chinese characters and punctuation, full-width forms, and the dash and quotes Chinese text uses. */
const CJK_RANGE = String.raw`\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2014\u2018-\u201d`;
const CJK = new RegExp(`[${CJK_RANGE}]`, 'u');
const CJK_SPACE = new RegExp(`(?<=[${CJK_RANGE}]) | (?=[${CJK_RANGE}])`, 'gu');

/**
 * The runs as lines, top to bottom, each left to right. With `split`, a line is cut where a gap wider
 * than `split` font sizes separates two runs (cells of a table drawn without borders).
 */
export function visualLines(runs: readonly TextRun[], split = Number.POSITIVE_INFINITY): VisualLine[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of sorted) {
    const group = groups.at(-1);
    const first = group?.[0];
    if (group && first && Math.abs(first.y - run.y) <= SAME_BASELINE * Math.max(first.size, run.size))
      group.push(run);
    else groups.push([run]);
  }
  const lines: VisualLine[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    const pieces: TextRun[][] = [];
    for (const run of group) {
      const piece = pieces.at(-1);
      const prev = piece?.at(-1);
      if (piece && prev && run.x - (prev.x + prev.width) <= split * Math.max(prev.size, run.size))
        piece.push(run);
      else pieces.push([run]);
    }
    for (const piece of pieces) lines.push(lineOf(piece, pieces.length > 1));
  }
  return lines;
}

function lineOf(runs: readonly TextRun[], cut: boolean): VisualLine {
  let text = '';
  let right = Number.NEGATIVE_INFINITY;
  let size = 0;
  for (const run of runs) {
    if (
      text !== '' &&
      run.x - right > SPACE_GAP * run.size &&
      !CJK.test(text.at(-1)!) &&
      !CJK.test(run.text[0]!)
    )
      text += ' ';
    text += run.text;
    right = Math.max(right, run.x + run.width);
    size = Math.max(size, run.size);
  }
  const first = runs[0]!;
  // pdf.js also puts spaces inside a run where justification widened the gaps between glyphs.
  const spaced = text.replace(/\s+/g, ' ').replace(CJK_SPACE, '').trim();
  return { text: spaced, x: first.x, right, y: first.y, size, cut };
}

/**
 * Two lines of one paragraph or cell as one. A line broken between two Latin words lost a space
 * there; Chinese text (and a number broken anywhere) is joined as is.
 */
export function joinWrapped(before: string, after: string): string {
  return /[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(after) ? `${before} ${after}` : before + after;
}
