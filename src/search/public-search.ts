/**
 * @module The portal's search (issue 11, part 3), for the page /search and the JSON API
 * /api/v1/public/search: what was published is 主动公开 information anyone may read, so no actor is
 * asked for. The query is read by the domain (words, quoted phrases, limits), its words cut by jieba
 * as the index's were, and found through the indexes only; an agency filter gives that agency's own
 * items and nothing of another's. Results come newest first, ten to a page, each with its title and a
 * snippet highlighted; the count stops at MAX_COUNTED (the page then says "more than"), which keeps a
 * common word as quick as a rare one.
 */
import type { Validity } from '../domain/catalogue/catalogue-item.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import {
  parseSearchQuery,
  type SearchFilters,
  type SearchQuery,
  type SearchRefusal,
} from '../domain/search/query.js';
import { highlight, type Snippet, snippet, type TextPart } from '../domain/search/snippet.js';
import type { SearchCriteria, Storage } from '../storage/index.js';
import { queryTokens } from './segment.js';

export const SEARCH_PAGE_SIZE = 10;
/** Matches counted at most; pages beyond MAX_COUNTED / SEARCH_PAGE_SIZE are not offered. */
export const MAX_COUNTED = 1000;

export interface SearchResult {
  readonly id: string;
  readonly indexNumber: string;
  readonly title: string;
  readonly titleParts: readonly TextPart[];
  readonly snippet: Snippet;
  readonly agency: { readonly id: number; readonly name: string };
  readonly publisher: string;
  readonly docNumber: string;
  readonly topic: string;
  readonly writtenOn: string;
  readonly publishedOn: string;
  readonly validity: Validity;
}

export interface SearchResults {
  readonly query: SearchQuery;
  readonly filters: SearchFilters;
  readonly items: readonly SearchResult[];
  readonly page: number;
  readonly pages: number;
  /** Matches counted, at most MAX_COUNTED. */
  readonly total: number;
  /** There are more matches than `total` (it reached MAX_COUNTED). */
  readonly more: boolean;
}

export type PublicSearchRefusal =
  | SearchRefusal
  | { readonly code: 'agency.unknown'; readonly message: string; readonly field: 'agency' };

/** The words and phrases as the index is asked for them, and what the results highlight. */
export function criteriaOf(query: SearchQuery, filters: SearchFilters): SearchCriteria {
  return { words: [...new Set(query.words.flatMap(queryTokens))], phrases: query.phrases, filters };
}

/** What is marked: the words as typed, their index words of two characters or more, the phrases. */
function needlesOf(query: SearchQuery, criteria: SearchCriteria): string[] {
  return [...query.words, ...criteria.words.filter((w) => [...w].length >= 2), ...query.phrases];
}

export async function publicSearch(
  storage: Storage,
  text: string,
  filters: SearchFilters = {},
  page = 1,
): Promise<Result<SearchResults, PublicSearchRefusal>> {
  const query = parseSearchQuery(text);
  if (!query.ok) return query;
  const agencyNames = new Map<number, string>();
  const nameOf = async (id: number) => {
    if (!agencyNames.has(id)) agencyNames.set(id, (await storage.agencies.get(id))?.name ?? '');
    return agencyNames.get(id)!;
  };
  if (filters.agencyId !== undefined && !(await storage.agencies.get(filters.agencyId)))
    return err({
      code: 'agency.unknown',
      message: `机关不存在 (no such agency)：${filters.agencyId}`,
      field: 'agency',
    });
  const criteria = criteriaOf(query.value, filters);
  const counted = await storage.search.count(criteria, MAX_COUNTED + 1);
  const total = Math.min(counted, MAX_COUNTED);
  const pages = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  // A page past the last is the last, as on the catalogue's list.
  const shown = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const hits =
    total === 0
      ? []
      : await storage.search.find(criteria, {
          offset: (shown - 1) * SEARCH_PAGE_SIZE,
          limit: SEARCH_PAGE_SIZE,
          few: counted <= MAX_COUNTED,
        });
  const needles = needlesOf(query.value, criteria);
  const items: SearchResult[] = [];
  for (const h of hits)
    items.push({
      id: h.itemId,
      indexNumber: h.indexNumber,
      title: h.title,
      titleParts: highlight(h.title, needles),
      snippet: snippet([h.body, h.attachmentText], needles),
      agency: { id: h.agencyId, name: await nameOf(h.agencyId) },
      publisher: h.publisher,
      docNumber: h.docNumber,
      topic: h.topic,
      writtenOn: h.writtenOn,
      publishedOn: h.publishedOn,
      validity: h.validity,
    });
  return ok({
    query: query.value,
    filters,
    items,
    page: shown,
    pages,
    total,
    more: counted > MAX_COUNTED,
  });
}
