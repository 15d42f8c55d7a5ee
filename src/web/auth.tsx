/**
 * @module Who is calling, and may they change anything: the session cookie (HttpOnly, SameSite=Lax,
 * Secure behind TLS or when configured; a new id at every login, ended at logout, idle and absolute
 * expiry kept by src/accounts) or an API token (`Authorization: Bearer …`). Every state-changing call
 * made with a session carries the session's CSRF token (a form's `_csrf` field or the X-CSRF-Token
 * header), compared in constant time; the login form has its own (a cookie and the same value in the
 * form). Anonymous calls to the back office go to the login page; to the API, 401.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AccountsConfig } from '../accounts/index.js';
import { login, logout, randomSecret, sessionActor, tokenActor } from '../accounts/index.js';
import type { AppContext, AppEnv, Auth, WebDeps } from './context.js';
import { LoginPage } from './office/login-page.js';
import { overTls } from './request-context.js';
import { documentOf } from './views/layout.js';

export const SESSION_COOKIE = 'gk_session';
const LOGIN_CSRF_COOKIE = 'gk_login_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function accountsConfigOf(deps: WebDeps): AccountsConfig {
  const { session, login: l } = deps.config;
  return {
    idleMinutes: session.idleMinutes,
    absoluteHours: session.absoluteHours,
    maxFailures: l.maxFailures,
    lockMinutes: l.lockMinutes,
    maxAddressFailures: l.maxAddressFailures,
    addressWindowMinutes: l.addressWindowMinutes,
  } as AccountsConfig;
}

function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function authOf(
  deps: WebDeps,
  found: { actor: Auth['actor']; user: Omit<Auth['user'], never> } | undefined,
  via: Auth['via'],
  extra: Partial<Pick<Auth, 'csrfToken' | 'sessionId'>>,
): Promise<Auth | undefined> {
  if (!found) return undefined;
  const agency = await deps.storage.agencies.get(found.user.agencyId);
  return { actor: found.actor, user: found.user, agencyName: agency?.name ?? '', via, ...extra };
}

/** Resolves the caller (session or token) into `auth`; checks nothing else. */
export function authenticate(deps: WebDeps): MiddlewareHandler<AppEnv> {
  const config = accountsConfigOf(deps);
  return async (c, next) => {
    const address = c.get('address');
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    let auth: Auth | undefined;
    if (bearer) {
      const found = await tokenActor(deps.storage, bearer, deps.now());
      auth = await authOf(deps, found && { ...found, actor: { ...found.actor, address } }, 'token', {});
    } else {
      const sessionId = getCookie(c, SESSION_COOKIE);
      if (sessionId) {
        const found = await sessionActor(deps.storage, sessionId, deps.now(), config);
        auth = await authOf(deps, found && { ...found, actor: { ...found.actor, address } }, 'session', {
          csrfToken: found?.csrfToken,
          sessionId,
        });
        if (!found) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
    }
    if (auth) c.set('auth', auth);
    await next();
  };
}

/** The back office wants a signed-in user: otherwise the login page, with where to come back to. */
export const requirePageAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('auth')) {
    const next_ =
      c.req.method === 'GET' ? new URL(c.req.url).pathname + new URL(c.req.url).search : '/office';
    return c.redirect(`/login?next=${encodeURIComponent(next_)}`, 303);
  }
  await next();
};

/**
 * The API wants a signed-in user or a token: otherwise 401 with the error body. `/api/v1/public/` is
 * the public's (the portal's actions as JSON): no sign-in there.
 */
export const requireApiAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('auth') && !c.req.path.startsWith('/api/v1/public/'))
    return c.json(
      {
        error: {
          code: 'auth.required',
          message: '需要登录或 API 令牌 (authentication required: Authorization: Bearer TOKEN, or a session)',
        },
      },
      401,
      { 'WWW-Authenticate': 'Bearer' },
    );
  await next();
};

/** A state-changing call made with the session cookie must carry the session's CSRF token. */
export const requireCsrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.get('auth');
  if (UNSAFE.has(c.req.method) && auth?.via === 'session') {
    let given = c.req.header('x-csrf-token');
    if (!given && (c.req.header('content-type') ?? '').match(/form/)) {
      const body = await c.req.parseBody();
      given = typeof body._csrf === 'string' ? body._csrf : undefined;
    }
    if (!sameSecret(given, auth.csrfToken)) return csrfRefused(c);
  }
  await next();
};

function csrfRefused(c: AppContext) {
  const message = '缺少或无效的 CSRF 令牌，请刷新页面后重试 (missing or wrong CSRF token)';
  if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'csrf.invalid', message } }, 403);
  return c.html(documentOf(<p role="alert">{message}</p>), 403);
}

/** Where a login may send the browser on: a path of this site only. */
const safeNext = (next: string | undefined) =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/office';

/** /login and /logout. */
export function authRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const config = accountsConfigOf(deps);
  const cookieSecure = (c: AppContext) => deps.config.secureCookies || overTls(c, deps.config.trustProxy);

  const loginPage = (
    c: AppContext,
    props: { error?: string; name?: string; next?: string; notice?: string },
    status: 200 | 401 | 403 | 429 = 200,
  ) => {
    const token = randomSecret(24);
    setCookie(c, LOGIN_CSRF_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/login',
      secure: cookieSecure(c),
      maxAge: 60 * 60,
    });
    return c.html(documentOf(<LoginPage csrfToken={token} {...props} />), status);
  };

  app.get('/login', (c) => {
    if (c.get('auth')) return c.redirect(safeNext(c.req.query('next')), 303);
    const next = c.req.query('next');
    const notice = c.req.query('bye') !== undefined ? '已退出登录。' : undefined;
    return loginPage(c, { ...(next ? { next } : {}), ...(notice ? { notice } : {}) });
  });

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const name = str(body.name).trim();
    const next = str(body.next) || undefined;
    if (!sameSecret(str(body._csrf), getCookie(c, LOGIN_CSRF_COOKIE)))
      return loginPage(
        c,
        { error: '登录页面已过期，请重新输入 (the login form expired)', name, ...(next ? { next } : {}) },
        403,
      );
    const result = await login(
      deps.storage,
      {
        name,
        password: str(body.password),
        address: c.get('address'),
        userAgent: c.req.header('user-agent') ?? '',
      },
      deps.now(),
      config,
    );
    if (!result.ok) {
      const status = result.error.code === 'login.address-throttled' ? 429 : 401;
      return loginPage(c, { error: result.error.message, name, ...(next ? { next } : {}) }, status);
    }
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/login' });
    setCookie(c, SESSION_COOKIE, result.value.sessionId, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: cookieSecure(c),
      maxAge: config.absoluteHours * 3600,
    });
    return c.redirect(safeNext(next), 303);
  });

  app.post('/logout', async (c) => {
    const auth = c.get('auth');
    if (auth?.sessionId) await logout(deps.storage, auth.sessionId, deps.now());
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login?bye', 303);
  });
  return app;
}
