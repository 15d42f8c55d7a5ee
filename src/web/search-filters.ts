/**
 * @module The search's 栏目 filter, resolved for the page and the API alike: the column the URL names,
 * and those below it on the site's tree (the catalogue's, as browsing uses it).
 */
import { columnAndBelow } from '../catalogue/index.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { SearchFilters, SearchRefusal } from '../domain/search/query.js';
import type { Storage } from '../storage/index.js';

export async function withColumns(
  storage: Storage,
  filters: SearchFilters,
): Promise<Result<SearchFilters, SearchRefusal>> {
  if (filters.column === undefined) return ok(filters);
  const columns = await columnAndBelow(storage, filters.column);
  if (!columns)
    return err({
      code: 'search.filter',
      field: 'column',
      message: `没有这个栏目 (no such column)：${filters.column}`,
    });
  return ok({ ...filters, columns });
}
