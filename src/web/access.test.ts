/**
 * Who may call what, route by route, for every route the router has (app.routes, not a hand-kept list):
 * an anonymous call to a back-office page goes to the login page and to the API gets 401; a user of
 * another agency gets 404 for a record that is not theirs; a state-changing call made with the session
 * but without its CSRF token gets 403; an approver's action (条例第三十三条: the extension needs the head's
 * consent) tried by a handler gets 403. A route added without saying here who may call it fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Session, type WebWorld, webWorld } from '../test-support/web-world.js';

/** How each route is reached: `public` needs no login; `page` or `api` need one. */
type Kind = 'public' | 'page' | 'api';

interface RouteSpec {
  readonly kind: Kind;
  /** Fields of a POST (form, or JSON for the API), for the calls that must be refused. */
  readonly body?: (w: WebWorld) => Record<string, string>;
  /** The route names a record of the township (its :id, :name, :agency): another county's user gets 404. */
  readonly owned?: boolean;
}

const event = (w: WebWorld) => ({ event: 'correction-received', on: w.today });
const ROUTES: Readonly<Record<string, RouteSpec>> = {
  'GET /healthz': { kind: 'public' },
  'GET /static/:name': { kind: 'public' },
  'GET /': { kind: 'public' },
  'GET /login': { kind: 'public' },
  'POST /login': { kind: 'public' },
  // The public portal: what was published, for anyone.
  'GET /catalogue': { kind: 'public' },
  'GET /catalogue/:id': { kind: 'public' },
  'GET /catalogue/:id/attachments/:attachment': { kind: 'public' },
  // 依申请公开 online: the form, its receipt and the progress by 查询码 (portal.test.ts, apply.test.ts).
  'GET /sitemap': { kind: 'public' },
  'GET /guide': { kind: 'public' },
  'GET /rules': { kind: 'public' },
  'GET /apply': { kind: 'public' },
  'POST /apply': { kind: 'public' },
  'GET /apply/receipt/:file': { kind: 'public' },
  'GET /lookup': { kind: 'public' },
  // 政府信息公开年报: what was published, for anyone (report-routes.test.ts).
  'GET /reports': { kind: 'public' },
  'GET /reports/report.css': { kind: 'public' },
  'GET /reports/:agency/:year': { kind: 'public' },
  'GET /api/v1/public/requests/:code': { kind: 'public' },
  'POST /api/v1/public/requests': { kind: 'public' },
  'GET /search': { kind: 'public' },
  // The portal's search as JSON: published information, no login.
  'GET /api/v1/public/search': { kind: 'public' },
  'POST /logout': { kind: 'page' },
  'GET /office': { kind: 'page' },
  'GET /office/inbox': { kind: 'page' },
  'GET /office/requests/new': { kind: 'page' },
  'GET /office/guide': { kind: 'page' },
  'GET /office/rules': { kind: 'page' },
  'GET /office/catalogue': { kind: 'page' },
  'POST /office/catalogue': {
    kind: 'page',
    body: (w) => ({
      title: '某通知',
      publisher: '城关镇人民政府',
      writtenOn: w.today,
      topic: '综合政务',
      body: '正文',
      kind: 'other',
    }),
  },
  // An item of another agency is 404 like any record (catalogue.browser.test.ts publishes a real one).
  'POST /office/catalogue/:id/publish': { kind: 'page' },
  'POST /office/catalogue/:id/repeal': { kind: 'page', body: (w) => ({ on: w.today }) },
  // An item's page and its 附件 (an item of another agency is 404: catalogue-attachments.test.ts).
  'GET /office/catalogue/:id': { kind: 'page' },
  'POST /office/catalogue/:id/submit': { kind: 'page' },
  'POST /office/catalogue/:id/amend': {
    kind: 'page',
    body: (w) => ({ on: w.today, document: '某政规〔2025〕2号' }),
  },
  'POST /office/catalogue/:id/withdraw': { kind: 'page', body: () => ({ reason: '误发' }) },
  'GET /office/catalogue/:id/attachments/:attachment': { kind: 'page' },
  'POST /office/catalogue/:id/attachments': { kind: 'page' },
  'POST /office/catalogue/:id/attachments/:attachment/detach': {
    kind: 'page',
    body: () => ({ reason: '误传' }),
  },
  // 栏目、关键词、公开方式 corrected (another agency's item is 404: item-metadata.test.ts).
  'GET /office/catalogue/:id/metadata': { kind: 'page' },
  'POST /office/catalogue/:id/metadata': {
    kind: 'page',
    body: () => ({ column: 'fdzdgknr', disclosure: '主动公开', reason: '录错' }),
  },
  // The agency's own column tree: an administrator's or approver's (a handler's try is 403:
  // columns-routes.test.ts); it acts on the user's own agency only.
  'GET /office/columns': { kind: 'page' },
  'POST /office/columns': { kind: 'page', body: () => ({ parent: 'fdzdgknr', name: '重点领域' }) },
  'POST /office/columns/:id/rename': { kind: 'page', body: () => ({ name: '新名称' }) },
  'POST /office/columns/:id/retire': { kind: 'page' },
  'POST /office/columns/:id/reinstate': { kind: 'page' },
  'POST /office/columns/:id/remove': { kind: 'page' },
  'POST /office/guide': { kind: 'page', body: () => ({ classification: '按主题分类' }) },
  // 政府信息公开制度: the approver's or the administrator's (a handler's try is 403: rules.test.ts).
  'POST /office/rules': { kind: 'page', body: (w) => ({ d0_name: '某制度', d0_issuedOn: w.today }) },
  // Another agency's application is 404 like any record (online-applications.test.ts, apply.test.ts).
  'POST /office/online/:code/confirm': { kind: 'page', body: (w) => ({ confirmedOn: w.today }) },
  'POST /office/online/:code/decline': { kind: 'page', body: () => ({ reason: '重复提交' }) },
  'POST /office/requests': {
    kind: 'page',
    body: () => ({ applicant: '李四', type: '自然人', content: 'x', received: '2026-01-05' }),
  },
  'GET /office/requests/:id': { kind: 'page', owned: true },
  'POST /office/requests/:id/events': { kind: 'page', owned: true, body: event },
  'POST /office/requests/:id/voids': {
    kind: 'page',
    owned: true,
    body: () => ({ seq: '1', reason: '录错' }),
  },
  'POST /office/requests/:id/corrections': {
    kind: 'page',
    owned: true,
    body: () => ({ applicant: '李四', reason: '录错' }),
  },
  'POST /office/cases/:id/withdrawals': {
    kind: 'page',
    owned: true,
    body: (w) => ({ reason: '重复登记', request: w.requestId }),
  },
  // 年度报告发布: the approver's (a handler's try is 403: report-routes.test.ts).
  'GET /office/reports': { kind: 'page' },
  'POST /office/reports/:agency/:year/ledger': {
    kind: 'page',
    owned: true,
    body: () => ({ overview: '总体情况', reason: '更正' }),
  },
  'POST /office/reports/:agency/file': { kind: 'page', owned: true, body: () => ({ reason: '更正' }) },
  'GET /office/admin/users': { kind: 'page' },
  'POST /office/admin/users': {
    kind: 'page',
    body: () => ({ name: 'new.user', agency: '1', roles: 'handler', password: 'Another-pass-1' }),
  },
  'POST /office/admin/users/:name/unlock': { kind: 'page', owned: true },
  'POST /office/admin/users/:name/password': {
    kind: 'page',
    owned: true,
    body: () => ({ password: 'Another-pass-1' }),
  },
  'GET /office/admin/audit-log': { kind: 'page' },
  'GET /office/account': { kind: 'page' },
  'POST /office/account/password': {
    kind: 'page',
    body: () => ({ current: 'x', password: 'Another-pass-1' }),
  },
  'GET /api/openapi.json': { kind: 'public' },
  'GET /api/v1/requests': { kind: 'api' },
  'POST /api/v1/requests': {
    kind: 'api',
    body: () => ({ applicant: '李四', type: '自然人', content: 'x', received: '2026-01-05' }),
  },
  'GET /api/v1/requests/:id': { kind: 'api', owned: true },
  'POST /api/v1/requests/:id/events': { kind: 'api', owned: true, body: event },
  'POST /api/v1/requests/:id/voids': {
    kind: 'api',
    owned: true,
    body: () => ({ seq: 1, reason: '录错' }) as never,
  },
  'POST /api/v1/requests/:id/corrections': {
    kind: 'api',
    owned: true,
    body: () => ({ applicant: '李四', reason: '录错' }),
  },
  'GET /api/v1/agencies/:agency/reports/:year': { kind: 'api', owned: true },
  // An item of another agency is 404 too (with a real item: catalogue-api.test.ts).
  'POST /api/v1/catalogue/items': {
    kind: 'api',
    body: () => ({
      title: '某规定',
      publisher: '城关镇人民政府',
      writtenOn: '2026-01-05',
      topic: '综合政务',
      body: '正文',
      kind: 'other',
    }),
  },
  'GET /api/v1/catalogue/items/:id': { kind: 'api', owned: true },
  'POST /api/v1/catalogue/items/:id/publish': { kind: 'api', owned: true },
  'POST /api/v1/catalogue/items/:id/repeal': { kind: 'api', owned: true, body: (w) => ({ on: w.today }) },
};

/** The router's own routes (middleware aside), each once. */
function routesOf(w: WebWorld): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of w.app.routes)
    if (r.method !== 'ALL' && !r.path.endsWith('/*'))
      seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.values()];
}

/** A route's path with the township's records in its parameters. */
function pathOf(w: WebWorld, path: string): string {
  return path
    .replace(':id', w.requestId)
    .replace(':name', 'handler')
    .replace(':agency', String(w.township))
    .replace(':year', w.today.slice(0, 4));
}

async function call(
  w: WebWorld,
  method: string,
  path: string,
  spec: RouteSpec,
  session?: Session,
  csrf = true,
) {
  const url = pathOf(w, path);
  if (method === 'GET') return w.get(url, session);
  const fields = spec.body?.(w) ?? {};
  if (spec.kind === 'api')
    return w.app.request(url, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(session ? { cookie: session.cookie, ...(csrf ? { 'x-csrf-token': session.csrf } : {}) } : {}),
      },
      body: JSON.stringify(fields),
    });
  return w.post(url, session, fields, csrf);
}

describe('access, for every route of the router', () => {
  let w: WebWorld;
  let outsider: Session;
  let handler: Session;
  before(async () => {
    w = await webWorld();
    outsider = await w.login('outsider');
    handler = await w.login('handler');
  });
  after(() => w.close());

  it('says of every route who may call it (a new route must be added here)', () => {
    const routes = routesOf(w);
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((key) => !(key in ROUTES));
    assert.deepEqual(missing, []);
    // The list is the router's: the routes of the issue are among them.
    for (const key of [
      'GET /office/inbox',
      'GET /office/requests/:id',
      'POST /api/v1/requests',
      'GET /login',
    ])
      assert.ok(
        routes.some((r) => `${r.method} ${r.path}` === key),
        key,
      );
  });

  it('sends an anonymous caller of a back-office page to the login page, and answers the API with 401', async () => {
    for (const { method, path } of routesOf(w)) {
      const spec = ROUTES[`${method} ${path}`]!;
      if (spec.kind === 'public') continue;
      const answer = await call(w, method, path, spec);
      if (spec.kind === 'page') {
        assert.equal(answer.status, 303, `${method} ${path}`);
        assert.match(answer.headers.get('location') ?? '', /^\/login/, `${method} ${path}`);
      } else {
        assert.equal(answer.status, 401, `${method} ${path}`);
        assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'auth.required');
      }
    }
  });

  it('answers a user of another agency 404 for a record of the township, never 403', async () => {
    for (const { method, path } of routesOf(w)) {
      const spec = ROUTES[`${method} ${path}`]!;
      if (!spec.owned) continue;
      const answer = await call(w, method, path, spec, outsider);
      assert.equal(answer.status, 404, `${method} ${path}`);
    }
    // The list of another agency's requests is not theirs either.
    assert.equal((await w.get(`/api/v1/requests?agency=${w.township}`, outsider)).status, 404);
    assert.equal((await w.get(`/office/inbox?agency=${w.township}`, outsider)).status, 404);
  });

  it('refuses a state-changing call made with the session but without its CSRF token: 403', async () => {
    for (const { method, path } of routesOf(w)) {
      const spec = ROUTES[`${method} ${path}`]!;
      if (method === 'GET' || spec.kind === 'public') continue;
      const answer = await call(w, method, path, spec, handler, false);
      assert.equal(answer.status, 403, `${method} ${path}`);
    }
    // A token that is not the session's is no better than none.
    const wrong = { ...handler, csrf: handler.csrf.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) };
    assert.equal((await w.post(`/office/requests/${w.requestId}/events`, wrong, event(w))).status, 403);
    // The request was not changed by any of them.
    const view = (await (await w.get(`/api/v1/requests/${w.requestId}`, handler)).json()) as {
      history: unknown[];
    };
    assert.equal(view.history.length, 1);
  });

  it('refuses a handler the approver’s actions (extension and decision, 条例第三十三条) with 403', async () => {
    // Voiding a recorded event and correcting the particulars (更正) are the approver's too.
    assert.equal(
      (await w.post(`/office/requests/${w.requestId}/voids`, handler, { seq: '1', reason: '录错' })).status,
      403,
    );
    assert.equal(
      (
        await w.post(`/office/requests/${w.requestId}/corrections`, handler, {
          applicant: '李四',
          reason: '录错',
        })
      ).status,
      403,
    );
    const extend = { event: 'extended', on: w.today, days: '10', approver: '李主任' };
    const decide = { event: 'decided', on: w.today, outcome: '予以公开' };
    for (const fields of [extend, decide]) {
      assert.equal((await w.post(`/office/requests/${w.requestId}/events`, handler, fields)).status, 403);
      const api = await w.app.request(`/api/v1/requests/${w.requestId}/events`, {
        method: 'POST',
        headers: { cookie: handler.cookie, 'x-csrf-token': handler.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      });
      assert.equal(api.status, 403);
      assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'access.forbidden');
    }
    // The handler's page offers neither action; the approver's offers both.
    const handlerPage = await (await w.get(`/office/requests/${w.requestId}`, handler)).text();
    assert.doesNotMatch(handlerPage, /id="action-extended"|id="action-decided"/);
    const approverPage = await (
      await w.get(`/office/requests/${w.requestId}`, await w.login('approver'))
    ).text();
    assert.match(approverPage, /id="action-extended"/);
    assert.match(approverPage, /id="action-decided"/);
    assert.doesNotMatch(approverPage, /id="action-correction-requested"/);
  });

  it('keeps administrators’ pages for administrators and request data from liaisons and administrators', async () => {
    assert.equal((await w.get('/office/admin/users', handler)).status, 403);
    assert.equal((await w.get('/office/admin/audit-log', handler)).status, 403);
    const liaison = await w.login('liaison');
    assert.equal((await w.get(`/office/requests/${w.requestId}`, liaison)).status, 403);
    assert.equal((await w.get('/office/inbox', liaison)).status, 403);
    const admin = await w.login('admin');
    assert.equal((await w.get('/office/admin/users', admin)).status, 200);
    assert.equal((await w.get(`/api/v1/requests/${w.requestId}`, admin)).status, 403);
  });

  it('lets oversight of the county read the township’s request and record nothing on it', async () => {
    const jiandu = await w.login('jiandu');
    const page = await w.get(`/office/requests/${w.requestId}`, jiandu);
    assert.equal(page.status, 200);
    assert.doesNotMatch(await page.text(), /action="\/office\/requests\/[^"]+\/events"/);
    assert.equal((await w.post(`/office/requests/${w.requestId}/events`, jiandu, event(w))).status, 403);
    const inbox = await (await w.get(`/office/inbox`, jiandu)).text();
    assert.match(inbox, new RegExp(`/office/requests/${w.requestId}`));
  });
});
