/**
 * @module The public search as JSON (issue 11's contract): `GET /api/v1/public/search?q=…[&agency=ID]
 * [&year=YYYY][&validity=有效|已修改|已废止][&topic=…][&page=N]`, no login — published information is
 * for anyone, as on the page /search. 200 `{"query", "filters", "page", "pages", "total", "more",
 * "items": [{"id", "url", "indexNumber", "title", "titleHtml", "snippetHtml", "agency": {"id", "name"},
 * "publisher", "docNumber", "topic", "writtenOn", "publishedOn", "validity"}]}`; titleHtml and
 * snippetHtml are the item's text HTML-escaped with the words found inside <mark>, and nothing else
 * (never HTML from the item). A refused query or filter is 422 `{"error": {"code", "message",
 * "fields"}}` (search.empty, search.too-long, search.term-too-short, search.filter …); an unknown
 * agency is 404 agency.unknown. Mounted before the API's authentication (app.ts).
 */
import { Hono } from 'hono';
import { parseSearchFilters } from '../../domain/search/query.js';
import { markedHtml, snippetHtml } from '../../domain/search/snippet.js';
import { publicSearch } from '../../search/index.js';
import type { AppEnv, WebDeps } from '../context.js';
import { statusOfRefusal } from '../refusal-status.js';

export function publicSearchRoutes(deps: WebDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', async (c) => {
    const query = c.req.query();
    const refused = (r: { code: string; message: string; field: string }) =>
      c.json(
        { error: { code: r.code, message: r.message, fields: { [r.field]: r.message } } },
        statusOfRefusal(r.code) as 404 | 422,
      );
    const request = parseSearchFilters(query);
    if (!request.ok) return refused(request.error);
    const found = await publicSearch(deps.storage, query.q ?? '', request.value.filters, request.value.page);
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
  return routes;
}
