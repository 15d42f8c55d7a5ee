/**
 * @module The public search as JSON (issue 11's contract): `GET /api/v1/public/search?q=…[&agency=ID]
 * [&year=YYYY][&validity=有效|已修改|已废止][&topic=…][&page=N]`, no login — published information is
 * for anyone, as on the page /search. 200 `{"query", "filters", "page", "pages", "total", "more",
 * "items": [{"id", "url", "indexNumber", "title", "titleHtml", "snippetHtml", "agency": {"id", "name"},
 * "publisher", "docNumber", "topic", "writtenOn", "publishedOn", "validity"}]}`; titleHtml and
 * snippetHtml are the item's text HTML-escaped with the words found inside <mark>, and nothing else
 * (never HTML from the item). A refused query or filter is 422 `{"error": {"code", "message",
 * "fields"}}` (search.empty, search.too-long, search.term-too-short, search.filter …); an unknown
 * agency is 404 agency.unknown. In the OpenAPI document, without security.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { parseSearchFilters } from '../../domain/search/query.js';
import { markedHtml, snippetHtml } from '../../domain/search/snippet.js';
import { publicSearch } from '../../search/index.js';
import type { AppEnv, WebDeps } from '../context.js';
import { statusOfRefusal } from '../refusal-status.js';
import { withColumns } from '../search-filters.js';
import { ErrorSchema, json, serve } from './api-shared.js';

const SearchQuerySchema = z.object({
  q: z.string().optional().describe('检索词：空格分隔的词须都出现；引号内 3 个字以上为精确短语'),
  agency: z.string().optional().describe('机关编号：只检索该机关本身的信息'),
  year: z.string().optional().describe('成文年度'),
  validity: z.string().optional().describe('有效性：有效、已修改、已废止'),
  topic: z.string().optional().describe('主题分类'),
  column: z.string().optional().describe('栏目编号（如 fdzdgknr-01）：该栏目及其下级栏目的信息'),
  page: z.string().optional().describe('页码'),
});

const HitSchema = z.object({
  id: z.string(),
  url: z.string(),
  indexNumber: z.string(),
  title: z.string(),
  titleHtml: z.string().describe('名称，HTML 转义，命中的词在 <mark> 内'),
  snippetHtml: z.string().describe('摘要，HTML 转义，命中的词在 <mark> 内'),
  agency: z.object({ id: z.number(), name: z.string() }),
  publisher: z.string(),
  docNumber: z.string(),
  topic: z.string(),
  writtenOn: z.string(),
  publishedOn: z.string(),
  validity: z.string(),
});

const searchRoute = createRoute({
  method: 'get',
  path: '/v1/public/search',
  summary: '检索已发布的政府信息（无需登录）',
  security: [],
  request: { query: SearchQuerySchema },
  responses: {
    200: json(
      z.object({
        query: z.object({ text: z.string(), words: z.array(z.string()), phrases: z.array(z.string()) }),
        filters: z.record(z.string(), z.unknown()),
        page: z.number(),
        pages: z.number(),
        total: z.number(),
        more: z.boolean(),
        items: z.array(HitSchema),
      }),
      '检索结果',
    ),
    404: json(ErrorSchema, '没有这个机关'),
    422: json(ErrorSchema, '检索词或筛选条件有误'),
  },
});

export function publicSearchRoutes(api: OpenAPIHono<AppEnv>, deps: WebDeps): void {
  serve(api, searchRoute, async (c) => {
    const query = c.req.query();
    const refused = (r: { code: string; message: string; field: string }) =>
      c.json(
        { error: { code: r.code, message: r.message, fields: { [r.field]: r.message } } },
        statusOfRefusal(r.code) as 404 | 422,
      );
    const request = parseSearchFilters(query);
    if (!request.ok) return refused(request.error);
    const filters = await withColumns(deps.storage, request.value.filters);
    if (!filters.ok) return refused(filters.error);
    const found = await publicSearch(deps.storage, query.q ?? '', filters.value, request.value.page);
    if (!found.ok) return refused(found.error);
    const r = found.value;
    return c.json({
      query: { text: r.query.text, words: r.query.words, phrases: r.query.phrases },
      filters: r.filters,
      page: r.page,
      pages: r.pages,
      total: r.total,
      more: r.more,
      items: r.items.map((item) => ({
        id: item.id,
        url: `/catalogue/${encodeURIComponent(item.id)}`,
        indexNumber: item.indexNumber,
        title: item.title,
        titleHtml: markedHtml(item.titleParts),
        snippetHtml: snippetHtml(item.snippet),
        agency: item.agency,
        publisher: item.publisher,
        docNumber: item.docNumber,
        topic: item.topic,
        writtenOn: item.writtenOn,
        publishedOn: item.publishedOn,
        validity: item.validity,
      })),
    });
  });
}
