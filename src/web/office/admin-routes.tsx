/**
 * @module The administrator's pages (/office/admin/…: users, the audit log) and every user's own
 * account page (/office/account). Pipelines like the request pages: read the form, call the accounts
 * or ledger use case with the signed-in Actor (it asks the policy table), present.
 */
import { Hono } from 'hono';
import { changeOwnPassword, createUser, listUsers, resetPassword, unlockUser } from '../../accounts/index.js';
import { reachOf } from '../../domain/access/policy.js';
import { readAuditLog } from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { formOf } from '../form-body.js';
import { documentOf } from '../views/layout.js';
import { AuditLogPage, AuditQuerySchema } from './audit-log-page.js';
import { refusedPage, viewerOf } from './office-routes.js';
import { AccountPage, type UserFormState, UsersPage } from './users-page.js';

/** Which field of the user form an accounts refusal concerns. */
const USER_FIELDS: Readonly<Record<string, string>> = {
  'user.name-invalid': 'name',
  'user.name-taken': 'name',
  'user.role-unknown': 'roles',
  'user.no-role': 'roles',
  'password.weak': 'password',
  'agency.unknown': 'agency',
  'access.not-found': 'agency',
};

export function adminRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { storage } = deps;
  const authOf = (c: AppContext) => c.get('auth')!;

  const usersPage = async (
    c: AppContext,
    extra: { state?: UserFormState; done?: string; refused?: string } = {},
    status: 200 | 422 = 200,
  ) => {
    const auth = authOf(c);
    const users = await listUsers(storage, auth.actor);
    if (!users.ok) return refusedPage(c, users.error);
    const reach = reachOf(auth.actor, 'user.manage');
    const ids = reach === 'all' ? [auth.actor.agencyId] : reach;
    const agencies = [];
    for (const id of ids) {
      const agency = await storage.agencies.get(id);
      if (agency) agencies.push({ id: agency.id, name: agency.name });
    }
    return c.html(
      documentOf(
        <UsersPage
          viewer={viewerOf(auth)}
          users={users.value}
          agencies={agencies}
          now={deps.now()}
          {...extra}
        />,
      ),
      status,
    );
  };

  app.get('/admin/users', (c) => {
    const done = c.req.query('done');
    return usersPage(c, done ? { done } : {});
  });

  app.post('/admin/users', async (c) => {
    const auth = authOf(c);
    const body = await c.req.parseBody({ all: true });
    const one = (v: unknown) =>
      typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
    const roles = (Array.isArray(body.roles) ? body.roles : [body.roles]).filter(
      (r): r is string => typeof r === 'string',
    );
    const values = {
      name: one(body.name).trim(),
      displayName: one(body.displayName).trim(),
      agency: one(body.agency),
      roles: roles.join(','),
    };
    const agencyId = Number(values.agency);
    const created = await createUser(storage, auth.actor, {
      name: values.name,
      ...(values.displayName ? { displayName: values.displayName } : {}),
      agencyId,
      roles: roles as never,
      password: one(body.password),
    });
    if (!created.ok) {
      const field = USER_FIELDS[created.error.code];
      if (!field && created.error.code === 'access.forbidden') return refusedPage(c, created.error);
      return usersPage(c, { state: { values, errors: { [field ?? 'name']: created.error.message } } }, 422);
    }
    return c.redirect(
      `/office/admin/users?done=${encodeURIComponent(`已添加用户 ${created.value.name}`)}`,
      303,
    );
  });

  app.post('/admin/users/:name/unlock', async (c) => {
    const done = await unlockUser(storage, authOf(c).actor, c.req.param('name'));
    if (!done.ok) return refusedPage(c, done.error);
    return c.redirect(
      `/office/admin/users?done=${encodeURIComponent(`已解除 ${c.req.param('name')} 的锁定`)}`,
      303,
    );
  });

  app.post('/admin/users/:name/password', async (c) => {
    const form = await formOf(c);
    const done = await resetPassword(storage, authOf(c).actor, c.req.param('name'), form.password ?? '');
    if (!done.ok) {
      if (done.error.code === 'password.weak') return usersPage(c, { refused: done.error.message }, 422);
      return refusedPage(c, done.error);
    }
    return c.redirect(
      `/office/admin/users?done=${encodeURIComponent(`已重置 ${c.req.param('name')} 的密码，其登录已退出`)}`,
      303,
    );
  });

  app.get('/admin/audit-log', async (c) => {
    const auth = authOf(c);
    const query = AuditQuerySchema.parse(c.req.query());
    const found = await readAuditLog(storage, auth.actor, {
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.from ? { from: query.from as never } : {}),
      ...(query.to ? { to: query.to as never } : {}),
      ...(query.page ? { page: query.page } : {}),
    });
    if (!found.ok) return refusedPage(c, found.error);
    const names = new Map<number, string>();
    for (const e of found.value.entries)
      if (e.agencyId !== null && !names.has(e.agencyId))
        names.set(e.agencyId, (await storage.agencies.get(e.agencyId))?.name ?? String(e.agencyId));
    return c.html(
      documentOf(
        <AuditLogPage
          viewer={viewerOf(auth)}
          entries={found.value.entries}
          total={found.value.total}
          page={found.value.page}
          pageSize={found.value.pageSize}
          query={query}
          agencyNames={names}
        />,
      ),
    );
  });

  app.get('/account', (c) => {
    const done = c.req.query('done') !== undefined ? '密码已修改。' : undefined;
    return c.html(documentOf(<AccountPage viewer={viewerOf(authOf(c))} {...(done ? { done } : {})} />));
  });

  app.post('/account/password', async (c) => {
    const auth = authOf(c);
    const form = await formOf(c);
    const changed = await changeOwnPassword(storage, auth.actor, form.current ?? '', form.password ?? '', {
      ...(auth.sessionId ? { currentSessionId: auth.sessionId } : {}),
    });
    if (!changed.ok) {
      const field = changed.error.code === 'password.weak' ? 'password' : 'current';
      return c.html(
        documentOf(<AccountPage viewer={viewerOf(auth)} error={{ field, message: changed.error.message }} />),
        422,
      );
    }
    return c.redirect('/office/account?done', 303);
  });
  return app;
}
