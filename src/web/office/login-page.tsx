/** @module 登录 (/login): the one page before a session; its form carries a CSRF token of its own. */
import { FieldError, Page } from '../views/layout.js';

export function LoginPage(props: {
  csrfToken: string;
  next?: string;
  error?: string;
  name?: string;
  notice?: string;
}) {
  return (
    <Page title="工作人员登录">
      <div class="login card">
        {props.notice && (
          <p class="notice done" role="status">
            {props.notice}
          </p>
        )}
        <form method="post" action="/login" class="form">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <FieldError id="login-error" message={props.error} />
          <label for="login-name">
            用户名
            <input
              id="login-name"
              name="name"
              autocomplete="username"
              required
              value={props.name ?? ''}
              aria-describedby={props.error ? 'login-error' : undefined}
            />
          </label>
          <label for="login-password">
            密码
            <input
              id="login-password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
            />
          </label>
          <div>
            <button type="submit">登录</button>
          </div>
          <p class="hint">连续输错密码将暂时锁定账户，可请管理员解锁。</p>
        </form>
      </div>
    </Page>
  );
}
