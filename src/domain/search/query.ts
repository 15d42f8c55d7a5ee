/**
 * @module What a citizen types into the portal's search box (issue 11, part 3), read into a query:
 * words separated by spaces, all of which an item must contain, and quoted phrases ("…", “…” or 「…」)
 * of three or more characters, found exactly as typed. A quoted phrase shorter than three characters
 * is a word like the others (the index of three-character pieces cannot hold it). The limits keep one
 * query cheap; what is refused has a stable code and a Chinese message (English in brackets). The
 * filters beside the words (机关, 年度, 有效性, 主题分类) and the page number are read here too, so the
 * page and the JSON API refuse the same things in the same words. Pure: no segmentation (the words
 * are cut by the search layer's jieba adapter), no I/O.
 */
import type { Validity } from '../catalogue/catalogue-item.js';
import { COLUMN_ID } from '../catalogue/columns.js';
import { err, ok, type Result } from '../requests/result.js';

export const SEARCH_LIMITS = {
  /** Characters of the whole query. */
  queryChars: 100,
  /** Words and phrases together. */
  terms: 8,
  /** A quoted phrase is found exactly from this many characters on. */
  phraseMin: 3,
  /** Characters of a 主题分类 filter (the catalogue holds at most 50). */
  topicChars: 50,
} as const;

export const SEARCH_REFUSALS = {
  'search.empty': '请输入检索词 (enter a word to search for)',
  'search.too-long': `检索词过长：至多 ${SEARCH_LIMITS.queryChars} 个字 (at most ${SEARCH_LIMITS.queryChars} characters)`,
  'search.too-many-terms': `检索词过多：至多 ${SEARCH_LIMITS.terms} 个词或短语 (at most ${SEARCH_LIMITS.terms} words or phrases)`,
  'search.term-too-short':
    '单个字无法检索，请输入至少两个字的词语，如“调休” (a word needs at least two characters)',
  'search.no-words': '检索词中没有可检索的文字，只有标点或符号 (nothing but punctuation to search for)',
  'search.filter': '检索条件有误 (a filter is not valid)',
} as const;

export type SearchRefusalCode = keyof typeof SEARCH_REFUSALS;

export interface SearchRefusal {
  readonly code: SearchRefusalCode;
  readonly message: string;
  /** The query parameter it concerns: `q`, or the filter's. */
  readonly field: string;
}

const refusal = (code: SearchRefusalCode, field: string, detail?: string): SearchRefusal => ({
  code,
  message: detail ? `${SEARCH_REFUSALS[code]}：${detail}` : SEARCH_REFUSALS[code],
  field,
});

export interface SearchQuery {
  /** The query as read: spaces collapsed, control characters gone (what the page shows back). */
  readonly text: string;
  /** Words an item must contain (each cut into the index's words by the search layer), in order. */
  readonly words: readonly string[];
  /** Phrases of at least SEARCH_LIMITS.phraseMin characters an item must contain exactly, in order. */
  readonly phrases: readonly string[];
}

const QUOTED = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/gu;
const STRAY_QUOTES = /["“”「」『』]/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/gu;
/** What the index keeps of a word: letters, digits and private-use characters (SQLite's unicode61). */
const WORD_CHARACTERS = /[\p{L}\p{N}\p{Co}]/gu;

const length = (s: string) => [...s].length;
const collapse = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** The query typed into the box, read; a refusal says what to change. */
export function parseSearchQuery(input: string): Result<SearchQuery, SearchRefusal> {
  const text = collapse(input.replace(CONTROL, ' '));
  if (text === '') return err(refusal('search.empty', 'q'));
  if (length(text) > SEARCH_LIMITS.queryChars) return err(refusal('search.too-long', 'q'));
  const phrases: string[] = [];
  const words: string[] = [];
  const addWord = (word: string) => {
    if (!words.includes(word)) words.push(word);
  };
  const rest = text.replace(QUOTED, (_all, ...groups: (string | undefined)[]) => {
    const phrase = collapse(groups.slice(0, 4).find((g) => g !== undefined) ?? '');
    if (length(phrase) >= SEARCH_LIMITS.phraseMin) {
      if (!phrases.includes(phrase)) phrases.push(phrase);
    } else if (phrase !== '') addWord(phrase);
    return ' ';
  });
  for (const word of collapse(rest.replace(STRAY_QUOTES, ' ')).split(' ')) if (word) addWord(word);
  if (words.length + phrases.length > SEARCH_LIMITS.terms) return err(refusal('search.too-many-terms', 'q'));
  const meaningful = words.filter((w) => (w.match(WORD_CHARACTERS) ?? []).length > 0);
  const short = meaningful.find((w) => (w.match(WORD_CHARACTERS) ?? []).length < 2);
  if (short !== undefined) return err(refusal('search.term-too-short', 'q', `“${short}”`));
  if (meaningful.length === 0 && phrases.length === 0) return err(refusal('search.no-words', 'q'));
  return ok({ text, words: meaningful, phrases });
}

export const VALIDITIES: readonly Validity[] = ['有效', '已修改', '已废止'];

/** What the results may be narrowed to; each absent filter narrows nothing. */
export interface SearchFilters {
  /** 发布机构's agency (its id): only its own items, never those of the agencies below it. */
  readonly agencyId?: number;
  /** The year of the 成文日期. */
  readonly year?: number;
  readonly validity?: Validity;
  /** 主题分类, exactly as the catalogue holds it. */
  readonly topic?: string;
  /** 栏目: a column's id as the URL gives it; its items and those of the columns below it. */
  readonly column?: string;
  /** The column and those below it, as the catalogue's tree has them (resolved from `column`). */
  readonly columns?: readonly string[];
}

export interface SearchRequest {
  readonly filters: SearchFilters;
  readonly page: number;
}

/** The filters and page number as the query string gives them (empty means absent); refusals by field. */
export function parseSearchFilters(raw: {
  readonly agency?: string | undefined;
  readonly year?: string | undefined;
  readonly validity?: string | undefined;
  readonly topic?: string | undefined;
  readonly column?: string | undefined;
  readonly page?: string | undefined;
}): Result<SearchRequest, SearchRefusal> {
  const filters: { -readonly [K in keyof SearchFilters]: SearchFilters[K] } = {};
  const given = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
  const agency = given(raw.agency);
  if (agency !== undefined) {
    if (!/^[1-9]\d{0,9}$/.test(agency))
      return err(refusal('search.filter', 'agency', '机关编号应为正整数 (a positive integer)'));
    filters.agencyId = Number(agency);
  }
  const year = given(raw.year);
  if (year !== undefined) {
    if (!/^\d{4}$/.test(year) || Number(year) < 1949 || Number(year) > 2100)
      return err(refusal('search.filter', 'year', '年度应为 1949 至 2100 之间的四位数字 (a year)'));
    filters.year = Number(year);
  }
  const validity = given(raw.validity);
  if (validity !== undefined) {
    if (!(VALIDITIES as readonly string[]).includes(validity))
      return err(refusal('search.filter', 'validity', '有效性应为 有效、已修改 或 已废止'));
    filters.validity = validity as Validity;
  }
  const topic = given(raw.topic);
  if (topic !== undefined) {
    if (length(topic) > SEARCH_LIMITS.topicChars || topic.replace(CONTROL, '') !== topic)
      return err(
        refusal('search.filter', 'topic', `主题分类至多 ${SEARCH_LIMITS.topicChars} 个字，且不能有控制字符`),
      );
    filters.topic = topic;
  }
  const column = given(raw.column);
  if (column !== undefined) {
    if (!COLUMN_ID.test(column))
      return err(refusal('search.filter', 'column', '没有这个栏目 (no such column)'));
    filters.column = column;
  }
  const page = given(raw.page);
  // A page number that is no number is the first page, as on the catalogue's list.
  const number = page !== undefined && /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1;
  return ok({ filters, page: number });
}
