/**
 * @module The public portal's routes (issue 11): a pipeline each — the query or path checked, the
 * public use case, the page. No sign-in is asked for. Every page goes out through `render`, which hands
 * it the site's facts and counts the view (the visit counter).
 */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import {
  browseCatalogue,
  publicCatalogue,
  publicGuide,
  publicItem,
  publicRules,
  siteColumns,
} from '../../catalogue/index.js';
import { ITEM_LIMITS } from '../../domain/catalogue/catalogue-item.js';
import { COLUMN_ID } from '../../domain/catalogue/columns.js';
import { hasControlCharacters } from '../../domain/shared/plain-text.js';
import { type ReceivingAgency, receivingAgencies } from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { VisitTally } from '../visit-tally.js';
import { applyRoutes } from './apply-routes.js';
import { GuidePage, HomePage, SitemapPage } from './column-pages.js';
import { PortalPage, portalDocument } from './portal-frame.js';
import { CatalogueItemPage, CatalogueListPage, catalogueHref } from './portal-pages.js';
import { reportRoutes } from './report-routes.js';
import { RulesPage } from './rules-page.js';
import { searchPage } from './search-page.js';

const PAGE = /^[1-9]\d{0,5}$/;
const ITEM_ID = /^[0-9a-zA-Z-]{1,64}$/;
const AGENCY = /^[1-9]\d{0,9}$/;

/** A portal page as the response: with the site's facts, counted when it is a page shown (200). */
export type PortalRender = (
  c: AppContext,
  page: Child,
  status?: 200 | 400 | 404 | 422,
  headers?: Record<string, string>,
) => Promise<Response>;

export function portalRoutes(deps: WebDeps): Hono<AppEnv> {
  const portal = new Hono<AppEnv>();
  const { storage } = deps;
  const { visitCounter, ...facts } = deps.config.site;
  const visits = visitCounter ? (deps.visits ?? new VisitTally(storage, deps.now)) : undefined;
  const render: PortalRender = async (c, page, status = 200, headers = {}) => {
    if (status === 200) visits?.hit();
    const total = visits ? await visits.total() : undefined;
    return c.html(
      portalDocument({ facts, ...(total === undefined ? {} : { visits: total }) }, page),
      status,
      headers,
    );
  };
  /** `?agency=N` when it names an agency of the site; undefined when absent or not one. */
  const agencyAsked = async (c: AppContext) => {
    const asked = c.req.query('agency');
    if (asked === undefined || !AGENCY.test(asked)) return undefined;
    return storage.agencies.get(Number(asked));
  };

  portal.route('/', applyRoutes(deps, render));
  portal.route('/', reportRoutes(deps, render));

  portal.get('/', async (c) => {
    const latest = (await publicCatalogue(storage, 1)).items.slice(0, 8);
    return render(c, <HomePage agencies={await receivingAgencies(storage)} latest={latest} />);
  });

  /**
   * An agency's own page of the column (its 指南, its 制度): `?agency=N`'s, or the site's first
   * agency's; 404 when the site has no agency yet.
   */
  const agencyPage =
    <P,>(
      path: string,
      title: string,
      load: (agencyId: number) => Promise<P | undefined>,
      page: (found: P, agencies: readonly ReceivingAgency[]) => Child,
    ) =>
    async (c: AppContext) => {
      const agencies = await receivingAgencies(storage);
      const agency = (await agencyAsked(c)) ?? (agencies[0] && { id: agencies[0].id });
      const found = agency ? await load(agency.id) : undefined;
      if (!found)
        return render(
          c,
          <PortalPage title={title} current={path}>
            <p>尚未设立机关，暂无{title}。</p>
          </PortalPage>,
          404,
        );
      return render(c, page(found, agencies));
    };

  portal.get(
    '/guide',
    agencyPage(
      '/guide',
      '政府信息公开指南',
      (id) => publicGuide(storage, id),
      (guide, agencies) => <GuidePage guide={guide} others={agencies} />,
    ),
  );
  portal.get(
    '/rules',
    agencyPage(
      '/rules',
      '政府信息公开制度',
      (id) => publicRules(storage, id),
      (rules, agencies) => <RulesPage rules={rules} others={agencies} />,
    ),
  );

  portal.get('/sitemap', async (c) => {
    const [agencies, columns] = await Promise.all([receivingAgencies(storage), siteColumns(storage)]);
    return render(c, <SitemapPage agencies={agencies} columns={columns} />);
  });

  portal.get('/catalogue', async (c) => {
    const asked = c.req.query('page');
    const page = asked !== undefined && PAGE.test(asked) ? Number(asked) : 1;
    const agency = await agencyAsked(c);
    const column = c.req.query('column');
    const topic = c.req.query('topic')?.trim();
    const back = catalogueHref(agency ? { agency: agency.id } : {});
    const notFound = (what: string) =>
      render(
        c,
        <PortalPage title="未找到该栏目" current="/catalogue">
          <p>{what}</p>
          <p>
            <a href={back}>返回目录</a>
          </p>
        </PortalPage>,
        404,
      );
    if (topic !== undefined && (hasControlCharacters(topic) || [...topic].length > ITEM_LIMITS.topic))
      return notFound(`主题分类至多 ${ITEM_LIMITS.topic} 字，且不含控制字符。`);
    if (column !== undefined && !COLUMN_ID.test(column)) return notFound('目录中没有这个栏目。');
    const found = await browseCatalogue(storage, {
      page,
      ...(agency ? { agency: { id: agency.id, kind: agency.kind } } : {}),
      ...(column === undefined ? {} : { column }),
      ...(topic ? { topic } : {}),
    });
    if (!found) return notFound('目录中没有这个栏目。');
    return render(
      c,
      <CatalogueListPage
        page={found}
        {...(agency ? { agency: { id: agency.id, name: agency.name } } : {})}
        {...(topic ? { topic } : {})}
      />,
    );
  });

  portal.get('/catalogue/:id', async (c) => {
    const id = c.req.param('id');
    const item = ITEM_ID.test(id) ? await publicItem(storage, id) : undefined;
    if (!item)
      return render(
        c,
        <PortalPage title="未找到该信息">
          <p>目录中没有这条信息，或它尚未发布。</p>
          <p>
            <a href="/catalogue">返回目录</a>
          </p>
        </PortalPage>,
        404,
      );
    return render(c, <CatalogueItemPage item={item} />);
  });
  portal.get('/search', searchPage(deps, render));
  return portal;
}
