/**
 * @module The public portal's routes (issue 11; more to come): a pipeline each — the query or path
 * checked, the public use case, the page. No sign-in is asked for.
 */
import { Hono } from 'hono';
import { publicCatalogue, publicItem } from '../../catalogue/index.js';
import type { AppEnv, WebDeps } from '../context.js';
import { documentOf } from '../views/layout.js';
import { applyRoutes } from './apply-routes.js';
import { CatalogueItemPage, CatalogueListPage, PortalPage } from './portal-pages.js';
import { reportRoutes } from './report-routes.js';

const PAGE = /^[1-9]\d{0,5}$/;
const ITEM_ID = /^[0-9a-zA-Z-]{1,64}$/;

export function portalRoutes(deps: WebDeps): Hono<AppEnv> {
  const portal = new Hono<AppEnv>();
  portal.route('/', applyRoutes(deps));
  portal.route('/', reportRoutes(deps));
  portal.get('/catalogue', async (c) => {
    const asked = c.req.query('page');
    const page = asked !== undefined && PAGE.test(asked) ? Number(asked) : 1;
    return c.html(documentOf(<CatalogueListPage page={await publicCatalogue(deps.storage, page)} />));
  });
  portal.get('/catalogue/:id', async (c) => {
    const id = c.req.param('id');
    const item = ITEM_ID.test(id) ? await publicItem(deps.storage, id) : undefined;
    if (!item)
      return c.html(
        documentOf(
          <PortalPage title="未找到该信息">
            <p>目录中没有这条信息，或它尚未发布。</p>
            <p>
              <a href="/catalogue">返回目录</a>
            </p>
          </PortalPage>,
        ),
        404,
      );
    return c.html(documentOf(<CatalogueItemPage item={item} />));
  });
  return portal;
}
