/**
 * @module The platform's web app (Hono): the back office under /office/, its JSON API under /api/,
 * the login page, health and static files, and the public portal from `/` (portal/). Middleware, in order: request id and client address, the log line,
 * security headers, who is calling, CSRF on state-changing calls. Tests drive it through
 * `app.request()`; `gongkai serve` puts it on a socket (server.ts).
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { apiRoutes } from './api/api-routes.js';
import { authenticate, authRoutes, requireApiAuth, requireCsrf, requirePageAuth } from './auth.js';
import type { AppEnv, WebDeps } from './context.js';
import { adminRoutes } from './office/admin-routes.js';
import { attachmentBodyBytes, catalogueItemOfficeRoutes } from './office/catalogue-item-routes.js';
import { catalogueOfficeRoutes } from './office/catalogue-routes.js';
import { columnsOfficeRoutes } from './office/columns-routes.js';
import { guideRoutes } from './office/guide-routes.js';
import { itemMetadataRoutes } from './office/item-metadata.js';
import { officeRoutes } from './office/office-routes.js';
import { REPORT_UPLOAD_BODY_BYTES, reportOfficeRoutes } from './office/report-office-routes.js';
import { rulesRoutes } from './office/rules-routes.js';
import { attachmentRoutes } from './portal/attachment-routes.js';
import { portalRoutes } from './portal/portal-routes.js';
import { perAddressLimit } from './rate-limit.js';
import { requestContext } from './request-context.js';
import { staticRoutes } from './static-files.js';

/** A request form is a few kilobytes of text; 64 KB holds the longest the field limits allow. */
const PUBLIC_BODY_BYTES = 64 * 1024;

const tooLarge = (c: Context<AppEnv>) => {
  const message = '提交的内容过大 (the submission is too large)';
  return c.req.path.startsWith('/api/')
    ? c.json({ error: { code: 'request.too-large', message } }, 413)
    : c.text(message, 413);
};

export function createApp(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestContext(deps.config.trustProxy));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.log({
      msg: 'request',
      id: c.get('requestId'),
      user: c.get('auth')?.user.name ?? null,
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );

  app.get('/healthz', async (c) => {
    try {
      await deps.storage.agencies.get(1);
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });
  app.route('/', staticRoutes());

  app.use(authenticate(deps));
  // A report file upload is bounded before the CSRF check reads its body.
  app.on(
    'POST',
    '/office/reports/:agency/file',
    bodyLimit({ maxSize: REPORT_UPLOAD_BODY_BYTES, onError: tooLarge }),
  );
  app.on(
    'POST',
    '/office/catalogue/:id/attachments',
    bodyLimit({ maxSize: attachmentBodyBytes(deps.config.attachments.maxMegabytes), onError: tooLarge }),
  );
  app.use(requireCsrf);
  // The public forms that write: bounded bodies, and a limit per address (the form has its honeypot).
  const limited = perAddressLimit(
    () => ({
      max: deps.config.publicRequests.perAddress,
      windowMinutes: deps.config.publicRequests.windowMinutes,
    }),
    deps.now,
  );
  for (const path of ['/apply', '/api/v1/public/requests'])
    app.on('POST', path, bodyLimit({ maxSize: PUBLIC_BODY_BYTES, onError: tooLarge }), limited);
  // The public search, page and API counted together: each query reads the full-text indexes.
  const searchLimited = perAddressLimit(
    () => ({
      max: deps.config.publicSearch.perAddress,
      windowMinutes: deps.config.publicSearch.windowMinutes,
    }),
    deps.now,
    { zh: '检索', en: 'searches' },
  );
  for (const path of ['/search', '/api/v1/public/search']) app.on('GET', path, searchLimited);
  app.route('/', authRoutes(deps));
  app.route('/', portalRoutes(deps));
  app.route('/', attachmentRoutes(deps));

  app.use('/office', requirePageAuth);
  app.use('/office/*', requirePageAuth);
  app.route('/office', officeRoutes(deps));
  app.route('/office', adminRoutes(deps));
  app.route('/office', guideRoutes(deps));
  app.route('/office', rulesRoutes(deps));
  app.route('/office', catalogueOfficeRoutes(deps));
  app.route('/office', catalogueItemOfficeRoutes(deps));
  app.route('/office', itemMetadataRoutes(deps));
  app.route('/office', columnsOfficeRoutes(deps));
  app.route('/office', reportOfficeRoutes(deps));

  app.use('/api/v1/*', requireApiAuth);
  app.route('/api', apiRoutes(deps));

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'route.unknown', message: '没有这个接口 (no such route)' } }, 404)
      : c.text('未找到该页面 (page not found)', 404),
  );
  app.onError((error, c) => {
    // What the framework refuses before a handler runs (a body that is not JSON, say) is the caller's.
    if (error instanceof HTTPException && error.status < 500) {
      const message =
        error.status === 413
          ? '请求内容过大 (the request is too large)'
          : '请求无法读取：请求体应为有效的 JSON 或表单 (the request cannot be read: send valid JSON or a form)';
      return c.req.path.startsWith('/api/')
        ? c.json({ error: { code: 'request.malformed', message } }, error.status)
        : c.text(message, error.status);
    }
    deps.log({
      msg: 'error',
      id: c.get('requestId'),
      route: c.req.routePath,
      error: `${error.name}: ${error.message}`.slice(0, 300),
    });
    const message = '内部错误，请稍后重试或联系管理员 (internal error)';
    return c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'internal', message, requestId: c.get('requestId') } }, 500)
      : c.text(`${message}；请求编号 ${c.get('requestId')}`, 500);
  });
  return app;
}
