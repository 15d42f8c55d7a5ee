/**
 * @module The back office's page frame: one stylesheet and one small script, both served by the app
 * (nothing from another host), a header with the agency and the user, the navigation their roles give,
 * and the page. hono/jsx escapes every text and attribute. Pages work without the script; it only adds
 * conveniences (showing the fields of the chosen action, confirming a decision).
 */
import type { Child } from 'hono/jsx';
import { ROLE_LABELS, type Role } from '../../domain/access/policy.js';

export interface Viewer {
  readonly name: string;
  readonly displayName: string;
  readonly agencyName: string;
  readonly roles: readonly Role[];
  readonly csrfToken: string;
}

export interface PageProps {
  readonly title: string;
  readonly viewer?: Viewer;
  /** Which navigation item is this page's. */
  readonly current?: string;
  readonly children?: Child;
}

const NAV: readonly { readonly href: string; readonly label: string; readonly roles: readonly Role[] }[] = [
  { href: '/office/inbox', label: '待办申请', roles: ['handler', 'approver', 'oversight'] },
  { href: '/office/requests/new', label: '登记申请', roles: ['handler'] },
  { href: '/office/catalogue', label: '公开目录', roles: ['liaison', 'handler', 'approver'] },
  { href: '/office/columns', label: '目录栏目', roles: ['approver', 'admin'] },
  { href: '/office/guide', label: '公开指南', roles: ['approver', 'admin'] },
  { href: '/office/rules', label: '公开制度', roles: ['approver', 'admin'] },
  { href: '/office/reports', label: '年度报告发布', roles: ['approver'] },
  { href: '/office/admin/users', label: '用户管理', roles: ['admin'] },
  { href: '/office/admin/audit-log', label: '操作日志', roles: ['admin'] },
  {
    href: '/office/account',
    label: '修改密码',
    roles: ['admin', 'handler', 'approver', 'liaison', 'oversight'],
  },
];

/** A hidden field carrying the session's CSRF token: every form that changes something has one. */
export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

export interface NavItem {
  readonly href: string;
  readonly label: string;
}

/**
 * The frame every page shares, the back office's and the public portal's: the head (one stylesheet,
 * the office's script when asked for), the skip link, the red header with the site's name and what the
 * page puts beside it, the navigation, and the page under its title.
 */
export function Frame(props: {
  readonly title: string;
  /** The window's title when it should say more than the page's heading (a report's name). */
  readonly headTitle?: string;
  readonly site: string;
  readonly script?: boolean;
  readonly beside?: Child;
  readonly nav: readonly NavItem[];
  readonly navLabel: string;
  readonly current?: string;
  /** `<meta name content>` of the head (the portal's SiteName, SiteIDCode, ColumnName). */
  readonly meta?: readonly { readonly name: string; readonly content: string }[];
  /** What the page's foot shows (the portal's site facts). */
  readonly footer?: Child;
  readonly children?: Child;
}) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.headTitle ?? props.title} · ${props.site}`}</title>
        {props.meta?.map((m) => (
          <meta name={m.name} content={m.content} />
        ))}
        <link rel="stylesheet" href="/static/office.css" />
        {props.script ? <script src="/static/office.js" defer></script> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          跳到正文
        </a>
        <header class="top">
          <div class="brand">
            <span class="seal" aria-hidden="true">
              公开
            </span>
            <span>{props.site}</span>
          </div>
          {props.beside}
        </header>
        {props.nav.length > 0 && (
          <nav class="main-nav" aria-label={props.navLabel}>
            <ul>
              {props.nav.map((n) => (
                <li>
                  <a href={n.href} aria-current={props.current === n.href ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
        {props.footer}
      </body>
    </html>
  );
}

export function Page({ title, viewer, current, children }: PageProps) {
  return (
    <Frame
      title={title}
      site="政府信息公开工作平台"
      script
      navLabel="主导航"
      nav={viewer ? NAV.filter((n) => n.roles.some((r) => viewer.roles.includes(r))) : []}
      {...(current === undefined ? {} : { current })}
      beside={
        viewer && (
          <div class="who">
            <span>{viewer.agencyName}</span>
            <span>
              {viewer.displayName}（{viewer.roles.map((r) => ROLE_LABELS[r]).join('、')}）
            </span>
            <form method="post" action="/logout" class="inline">
              <CsrfField token={viewer.csrfToken} />
              <button type="submit" class="link">
                退出
              </button>
            </form>
          </div>
        )
      }
    >
      {children}
    </Frame>
  );
}

/** A page as the HTTP response body: the doctype, then the frame. */
export const documentOf = (element: Child): string => `<!doctype html>\n${String(element)}`;

/** A refusal beside a field, or at the top of a form. */
export const FieldError = ({ id, message }: { id: string; message: string | undefined }) =>
  message ? (
    <p class="field-error" id={id} role="alert">
      {message}
    </p>
  ) : null;

/** A notice at the top of a page after an action: what was done, or why not. */
export const Notice = ({ kind, text }: { kind: 'done' | 'refused'; text: string | undefined }) =>
  text ? (
    <p class={`notice ${kind}`} role={kind === 'refused' ? 'alert' : 'status'}>
      {text}
    </p>
  ) : null;

/** Previous / next page links of a paged list, with where it stands; `href(page)` keeps the filters. */
export const Pager = (props: { page: number; pages: number; href: (page: number) => string }) => (
  <nav class="pager" aria-label="分页">
    {props.page > 1 && <a href={props.href(props.page - 1)}>上一页</a>}
    <span>
      第 {props.page} / {props.pages} 页
    </span>
    {props.page < props.pages && <a href={props.href(props.page + 1)}>下一页</a>}
  </nav>
);
