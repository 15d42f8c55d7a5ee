/**
 * @module 操作日志 (/office/admin/audit-log): who did what, when, from where, to what, for the
 * administrator, newest first, filtered by user, kind of action and days, paged. Each entry is part of
 * the hash chain `gongkai audit-log verify` checks; the page shows the start of each entry's hash.
 */
import { z } from 'zod';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS } from '../../present/labels.js';
import type { AuditEntry } from '../../storage/index.js';
import { loose } from '../input-schema.js';
import { Page, Pager, type Viewer } from '../views/layout.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const AuditQuerySchema = z.object({
  actor: loose(z.string().trim().min(1).max(100)),
  action: loose(z.enum(AUDIT_ACTION_GROUPS.map(([prefix]) => prefix) as [string, ...string[]])),
  from: loose(day),
  to: loose(day),
  page: loose(z.coerce.number().int().min(1).max(1_000_000)),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

// To the second (accounts' beijingTime stops at the minute): entries a second apart must read apart.
const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
  hour12: false,
});

/** An entry's detail as short text: its keys and values, no nesting deeper than one level shown. */
function detailText(detail: unknown): string {
  if (typeof detail !== 'object' || detail === null) return '';
  return Object.entries(detail as Record<string, unknown>)
    .map(
      ([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v).slice(0, 80) : String(v)}`,
    )
    .join('；');
}

function link(q: AuditQuery, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...q, page }))
    if (value !== undefined) params.set(key, String(value));
  return `/office/admin/audit-log?${params.toString()}`;
}

export function AuditLogPage(props: {
  viewer: Viewer;
  entries: readonly AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  query: AuditQuery;
  agencyNames: ReadonlyMap<number, string>;
}) {
  const { query } = props;
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <Page title="操作日志" viewer={props.viewer} current="/office/admin/audit-log">
      <p class="muted">
        每条记录含上一条记录的 SHA-256，可用 <code>gongkai audit-log verify</code> 核验是否被改动。共{' '}
        {props.total} 条。
      </p>
      <form class="filters card" method="get" action="/office/admin/audit-log">
        <label>
          用户
          <input name="actor" value={query.actor ?? ''} />
        </label>
        <label>
          操作类别
          <select name="action">
            <option value="">全部</option>
            {AUDIT_ACTION_GROUPS.map(([prefix, label]) => (
              <option value={prefix} selected={query.action === prefix}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          起始日期
          <input type="date" name="from" value={query.from ?? ''} />
        </label>
        <label>
          截止日期
          <input type="date" name="to" value={query.to ?? ''} />
        </label>
        <button type="submit">筛选</button>
        <a href="/office/admin/audit-log">清除条件</a>
      </form>
      <table class="audit">
        <thead>
          <tr>
            <th scope="col">编号</th>
            <th scope="col">时间（北京时间）</th>
            <th scope="col">用户</th>
            <th scope="col">机关</th>
            <th scope="col">地址</th>
            <th scope="col">操作</th>
            <th scope="col">对象</th>
            <th scope="col">内容</th>
            <th scope="col">校验值</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr>
              <td class="num">{e.id}</td>
              <td>{BEIJING.format(new Date(e.at))}</td>
              <td>{e.actor}</td>
              <td>{e.agencyId === null ? '—' : (props.agencyNames.get(e.agencyId) ?? String(e.agencyId))}</td>
              <td>{e.address ?? '—'}</td>
              <td>{AUDIT_ACTION_LABELS[e.action] ?? e.action}</td>
              <td>
                <code>{e.subject}</code>
              </td>
              <td>{detailText(e.detail)}</td>
              <td>
                <code title={e.hash}>{e.hash.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={props.page} pages={pages} href={(page) => link(query, page)} />
    </Page>
  );
}
