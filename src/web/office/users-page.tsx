/**
 * @module 用户管理 (/office/admin/users) and 修改密码 (/office/account): the administrator's list of the
 * users of their agency and those below it, with adding a user, resetting a password and lifting a
 * lockout; and every user's own password change. Passwords are never shown back.
 */
import { beijingTime } from '../../accounts/index.js';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from '../../domain/access/policy.js';
import type { UserSummary } from '../../storage/index.js';
import type { FieldErrors } from '../input-schema.js';
import { CsrfField, FieldError, Notice, Page, type Viewer } from '../views/layout.js';

export interface UserFormState {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

export function UsersPage(props: {
  viewer: Viewer;
  users: readonly UserSummary[];
  agencies: readonly { readonly id: number; readonly name: string }[];
  state?: UserFormState;
  done?: string;
  refused?: string;
  now: Date;
}) {
  const { state } = props;
  const field = (name: string) => state?.errors[name];
  return (
    <Page title="用户管理" viewer={props.viewer} current="/office/admin/users">
      <Notice kind="done" text={props.done} />
      <Notice kind="refused" text={props.refused} />
      <table>
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">机关</th>
            <th scope="col">角色</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => {
            const locked = u.lockedUntil !== null && new Date(u.lockedUntil) > props.now;
            return (
              <tr>
                <td>
                  <code>{u.name}</code>
                </td>
                <td>{u.displayName}</td>
                <td>{u.agencyName}</td>
                <td>{u.roles.map((r) => ROLE_LABELS[r]).join('、')}</td>
                <td>
                  {u.disabledAt ? '已停用' : locked ? `已锁定至 ${beijingTime(u.lockedUntil!)}` : '正常'}
                </td>
                <td>
                  {locked && (
                    <form
                      method="post"
                      action={`/office/admin/users/${encodeURIComponent(u.name)}/unlock`}
                      class="inline"
                    >
                      <CsrfField token={props.viewer.csrfToken} />
                      <button type="submit" class="secondary">
                        解除锁定
                      </button>
                    </form>
                  )}
                  <details>
                    <summary>重置密码</summary>
                    <form
                      method="post"
                      action={`/office/admin/users/${encodeURIComponent(u.name)}/password`}
                      class="form"
                    >
                      <CsrfField token={props.viewer.csrfToken} />
                      <label>
                        新密码
                        <input type="password" name="password" autocomplete="new-password" required />
                      </label>
                      <button type="submit">重置</button>
                    </form>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>添加用户</h2>
      <form method="post" action="/office/admin/users" class="form card">
        <CsrfField token={props.viewer.csrfToken} />
        <div class="row">
          <label for="u-name">
            用户名
            <input
              id="u-name"
              name="name"
              value={state?.values.name ?? ''}
              required
              aria-invalid={field('name') ? 'true' : undefined}
            />
            <span class="hint">字母、数字、点、下划线或连字符</span>
            <FieldError id="u-name-error" message={field('name')} />
          </label>
          <label for="u-display">
            姓名
            <input id="u-display" name="displayName" value={state?.values.displayName ?? ''} />
          </label>
        </div>
        <label for="u-agency">
          机关
          <select id="u-agency" name="agency">
            {props.agencies.map((a) => (
              <option value={String(a.id)} selected={state?.values.agency === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldError id="u-agency-error" message={field('agency')} />
        </label>
        <fieldset>
          <legend>角色</legend>
          {ROLES.map((r) => (
            <label class="inline-choice">
              <input
                type="checkbox"
                name="roles"
                value={r}
                checked={(state?.values.roles ?? '').split(',').includes(r)}
              />{' '}
              {ROLE_LABELS[r]} <span class="hint">{ROLE_DESCRIPTIONS[r]}</span>
            </label>
          ))}
          <FieldError id="u-roles-error" message={field('roles')} />
        </fieldset>
        <label for="u-password">
          初始密码
          <input id="u-password" name="password" type="password" autocomplete="new-password" required />
          <span class="hint">至少 10 位，含字母和数字</span>
          <FieldError id="u-password-error" message={field('password')} />
        </label>
        <div>
          <button type="submit">添加</button>
        </div>
      </form>
    </Page>
  );
}

export function AccountPage(props: {
  viewer: Viewer;
  done?: string;
  error?: { field: string; message: string };
}) {
  const e = props.error;
  return (
    <Page title="修改密码" viewer={props.viewer} current="/office/account">
      <Notice kind="done" text={props.done} />
      <form method="post" action="/office/account/password" class="form card">
        <CsrfField token={props.viewer.csrfToken} />
        <label for="a-old">
          当前密码
          <input id="a-old" name="current" type="password" autocomplete="current-password" required />
          <FieldError id="a-old-error" message={e?.field === 'current' ? e.message : undefined} />
        </label>
        <label for="a-new">
          新密码
          <input id="a-new" name="password" type="password" autocomplete="new-password" required />
          <span class="hint">至少 10 位，含字母和数字；修改后您在其他设备上的登录将退出</span>
          <FieldError id="a-new-error" message={e?.field === 'password' ? e.message : undefined} />
        </label>
        <div>
          <button type="submit">修改</button>
        </div>
      </form>
    </Page>
  );
}
