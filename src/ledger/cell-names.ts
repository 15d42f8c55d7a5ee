/**
 * @module A cell of the report named as the printed table names it: `予以公开.自然人`,
 * `不予公开.属于国家秘密.商业企业`, `本年新收.总计`, `行政复议.结果维持`, `复议后起诉.总计` — the row's words
 * (optionally its group's first), then the column's, separated by dots. Ordinals (（一）, 1.), the
 * remarks in brackets and blanks are not needed; a leading part of a row's words is enough when only
 * one row begins with it. A name that fits more than one row is refused with the candidates, never
 * guessed.
 */
import type { ReportFormat } from '../domain/report/format.js';
import {
  OUTCOME_GROUP_LABELS,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
  type RequestColumnKey,
  type RequestRowKey,
  type ReviewBlockKey,
  type ReviewColumnKey,
  requestRows,
} from '../domain/report/labels.js';
import { err, ok, type Result } from '../domain/requests/result.js';

export type NamedCell =
  | { readonly section: '三'; readonly row: RequestRowKey; readonly column: RequestColumnKey }
  | { readonly section: '四'; readonly row: ReviewBlockKey; readonly column: ReviewColumnKey };

/** Words as compared: half-width, no blanks, no leading ordinal, no remark in brackets. */
export function wordsOf(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、])/u, '')
    .replace(/\([^)]*\)/g, '');
}

interface Candidate<K> {
  readonly key: K;
  readonly words: string;
  /** The group's words, for rows of a group (不予公开 …). */
  readonly group?: string;
  /** How the candidate is printed in an error. */
  readonly shown: string;
}

/** The one candidate the words name: the same words, else the only one they begin (or are part of). */
type Picked<K> = { readonly key: K } | { readonly matches: readonly string[] };

function pick<K>(candidates: readonly Candidate<K>[], words: string): Picked<K> {
  for (const test of [
    (c: Candidate<K>) => c.words === words,
    (c: Candidate<K>) => c.words.startsWith(words),
    (c: Candidate<K>) => c.words.includes(words),
  ]) {
    const found = candidates.filter(test);
    if (found.length === 1) return { key: found[0]!.key };
    if (found.length > 1) return { matches: found.map((c) => c.shown) };
  }
  return { matches: [] };
}

const LITIGATION = wordsOf('行政诉讼');

function rowCandidates(format: ReportFormat): Candidate<RequestRowKey>[] {
  return requestRows(format).map((r) => ({
    key: r.key as RequestRowKey,
    words: wordsOf(r.label),
    ...(r.group ? { group: wordsOf(OUTCOME_GROUP_LABELS[r.group]) } : {}),
    shown: r.group ? `${wordsOf(OUTCOME_GROUP_LABELS[r.group])}.${wordsOf(r.label)}` : wordsOf(r.label),
  }));
}

/** The cell `text` names in words, or why not (a message that lists what may be written). */
export function cellOfWords(text: string, format: ReportFormat): Result<NamedCell, string> {
  const parts = text
    .split(/[.．。]/u)
    .map(wordsOf)
    .filter((p) => p !== '');
  if (parts.length < 2) return err('应写成 行.列，如 予以公开.自然人 (ROW.COLUMN)');
  const columnWords = parts[parts.length - 1]!;
  let rowParts = parts.slice(0, -1);
  // Section 四: 行政复议, or 行政诉讼's 未经复议直接起诉 / 复议后起诉.
  if (rowParts[0] === LITIGATION) rowParts = rowParts.slice(1);
  const blocks = REVIEW_BLOCKS.map((b) => ({ key: b.key, words: wordsOf(b.label), shown: wordsOf(b.label) }));
  if (rowParts.length === 1) {
    const block = pick(blocks, rowParts[0]!);
    if ('key' in block) {
      const column = pickColumn(REVIEW_COLUMNS, columnWords);
      return column.ok ? ok({ section: '四', row: block.key, column: column.value }) : column;
    }
  }
  const rows = rowCandidates(format);
  const inGroup = rowParts.length >= 2 ? rows.filter((r) => r.group?.startsWith(rowParts[0]!)) : rows;
  const rowWords = rowParts[rowParts.length - 1]!;
  const row = pick(inGroup, rowWords);
  if (!('key' in row))
    return err(
      unknown(
        '行',
        rowParts.join('.'),
        rows.map((r) => r.shown),
        row.matches,
      ),
    );
  const column = pickColumn(REQUEST_COLUMNS, columnWords);
  return column.ok ? ok({ section: '三', row: row.key, column: column.value }) : column;
}

/** The column the words name among `columns` (a section's printed headers), or why not. */
function pickColumn<K extends string>(
  columns: readonly { readonly key: K; readonly label: string }[],
  words: string,
): Result<K, string> {
  const all = columns.map((c) => ({ key: c.key, words: wordsOf(c.label), shown: wordsOf(c.label) }));
  const column = pick(all, words);
  return 'key' in column
    ? ok(column.key)
    : err(
        unknown(
          '列',
          words,
          all.map((c) => c.shown),
          column.matches,
        ),
      );
}

function unknown(what: string, words: string, all: readonly string[], matches: readonly string[]): string {
  return matches.length > 1
    ? `“${words}”可指多个${what}：${matches.join('、')}，请写完整 (ambiguous ${what === '行' ? 'row' : 'column'})`
    : `未知的${what}“${words}”，可用：${all.join('、')} (unknown ${what === '行' ? 'row' : 'column'})`;
}
