/**
 * @module The portal's search (issue 11, part 3): the index kept in step with the catalogue
 * (indexItem, called by the catalogue's use cases in their transaction; reindexPublished), and the
 * public search the page and the JSON API call (publicSearch). Words are cut by jieba (segment.ts).
 */
export { indexItem, searchDocumentOf, withWords } from './index-item.js';
export {
  criteriaOf,
  MAX_COUNTED,
  type PublicSearchRefusal,
  publicSearch,
  SEARCH_PAGE_SIZE,
  type SearchResult,
  type SearchResults,
} from './public-search.js';
export { reindexPublished } from './reindex.js';
export { indexTokens, queryTokens } from './segment.js';
