/**
 * @module The portal's search page (issue 11, part 3): `GET /search?q=…[&agency=ID][&year=YYYY]
 * [&validity=有效|已修改|已废止][&topic=…][&column=ID][&page=N]`. The query and the filters stay in the URL (a GET
 * form), so a result page can be bookmarked, shared and paged; each result links to its item and shows
 * its title and a snippet with the words found inside <mark> (the item's text is always text: hono/jsx
 * escapes it). An empty or refused query is answered on the page in Chinese, with the form kept.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { siteItemColumns } from '../../catalogue/index.js';
import type { Column } from '../../domain/catalogue/columns.js';
import { parseSearchFilters, SEARCH_LIMITS, VALIDITIES } from '../../domain/search/query.js';
import type { TextPart } from '../../domain/search/snippet.js';
import { receivingAgencies } from '../../ledger/index.js';
import { MAX_COUNTED, publicSearch, type SearchResults } from '../../search/index.js';
import type { AppEnv, WebDeps } from '../context.js';
import { withColumns } from '../search-filters.js';
import { Notice, Pager } from '../views/layout.js';
import { PortalPage } from './portal-frame.js';
import type { PortalRender } from './portal-routes.js';

interface FormValues {
  readonly q: string;
  readonly agency: string;
  readonly year: string;
  readonly validity: string;
  readonly topic: string;
  readonly column: string;
}

const Marked = ({ parts }: { parts: readonly TextPart[] }) => (
  <>{parts.map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>
);

/** The URL of the same search on another page. */
export function searchHref(values: FormValues, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== '') params.set(key, value);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

function SearchForm(props: {
  values: FormValues;
  agencies: readonly { id: number; name: string }[];
  columns: readonly { readonly column: Column; readonly depth: number }[];
  problem?: { field: string; message: string } | undefined;
}) {
  const v = props.values;
  const invalid = (field: string) => (props.problem?.field === field ? 'true' : undefined);
  return (
    <form method="get" action="/search" class="search-form" aria-label="检索政府信息">
      <div class="search-box">
        <label for="q">检索词</label>
        <input
          id="q"
          name="q"
          type="search"
          value={v.q}
          maxlength={SEARCH_LIMITS.queryChars * 2}
          aria-describedby="search-hint"
          aria-invalid={invalid('q')}
        />
        <button type="submit">检索</button>
      </div>
      <p id="search-hint" class="muted">
        多个词用空格分开，结果须同时含有这些词；用引号括起三个字以上的短语，按原文精确查找，如
        "房屋征收与补偿"。
      </p>
      <fieldset class="filters">
        <legend>筛选</legend>
        <label>
          发布机构
          <select name="agency" aria-invalid={invalid('agency')}>
            <option value="">全部</option>
            {props.agencies.map((a) => (
              <option value={String(a.id)} selected={v.agency === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          成文年度
          <input
            name="year"
            inputmode="numeric"
            pattern="[0-9]{4}"
            size={6}
            value={v.year}
            aria-invalid={invalid('year')}
          />
        </label>
        <label>
          有效性
          <select name="validity" aria-invalid={invalid('validity')}>
            <option value="">全部</option>
            {VALIDITIES.map((x) => (
              <option value={x} selected={v.validity === x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <label>
          栏目
          <select name="column" aria-invalid={invalid('column')}>
            <option value="">全部</option>
            {props.columns.map(({ column, depth }) => (
              <option value={column.id} selected={v.column === column.id}>
                {`${'　'.repeat(depth)}${column.name}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          主题分类
          <input
            name="topic"
            maxlength={SEARCH_LIMITS.topicChars}
            size={10}
            value={v.topic}
            aria-invalid={invalid('topic')}
          />
        </label>
      </fieldset>
    </form>
  );
}

function Results({ results, values }: { results: SearchResults; values: FormValues }) {
  if (results.total === 0)
    return (
      <p role="status">没有找到含有“{results.query.text}”的已发布信息。可以换一个词，或减少筛选条件。</p>
    );
  return (
    <>
      <p role="status">
        {results.more
          ? `找到 ${MAX_COUNTED} 条以上（只列前 ${MAX_COUNTED} 条）`
          : `共找到 ${results.total} 条`}
        ，第 {results.page}/{results.pages} 页，最新发布的在前
      </p>
      <ol class="search-results">
        {results.items.map((item) => (
          <li>
            <h2>
              <a href={`/catalogue/${encodeURIComponent(item.id)}`}>
                <Marked parts={item.titleParts} />
              </a>
            </h2>
            <p class="snippet">
              {item.snippet.cutBefore ? '…' : ''}
              <Marked parts={item.snippet.parts} />
              {item.snippet.cutAfter ? '…' : ''}
            </p>
            <p class="meta">
              <span>索引号 {item.indexNumber}</span> <span>{item.agency.name}</span>{' '}
              <span>成文日期 {item.writtenOn}</span> <span>发布日期 {item.publishedOn}</span>{' '}
              <span class={item.validity === '有效' ? undefined : 'not-in-force'}>{item.validity}</span>
            </p>
          </li>
        ))}
      </ol>
      {results.pages > 1 ? (
        <Pager page={results.page} pages={results.pages} href={(p) => searchHref(values, p)} />
      ) : null}
    </>
  );
}

/** The handler of GET /search. */
export function searchPage(deps: WebDeps, render: PortalRender) {
  return async (c: Context<AppEnv>) => {
    const query = c.req.query();
    const values: FormValues = {
      q: query.q ?? '',
      agency: query.agency ?? '',
      year: query.year ?? '',
      validity: query.validity ?? '',
      topic: query.topic ?? '',
      column: query.column ?? '',
    };
    const agencies = await receivingAgencies(deps.storage);
    const columns = await siteItemColumns(deps.storage);
    const page = (body: Child, problem?: { field: string; message: string }, status: 200 | 422 = 200) =>
      render(
        c,
        <PortalPage title="检索" current="/search">
          <SearchForm values={values} agencies={agencies} columns={columns} problem={problem} />
          {problem ? <Notice kind="refused" text={problem.message} /> : null}
          {body}
        </PortalPage>,
        status,
      );
    // The page itself, before anything is asked: the form alone.
    if (query.q === undefined) return page(null);
    const request = parseSearchFilters(query);
    if (!request.ok) return page(null, request.error, 422);
    const filters = await withColumns(deps.storage, request.value.filters);
    if (!filters.ok) return page(null, filters.error, 422);
    const found = await publicSearch(deps.storage, values.q, filters.value, request.value.page);
    if (!found.ok) return page(null, found.error, 422);
    return page(<Results results={found.value} values={values} />);
  };
}
