/**
 * @module 待办 (/office/inbox): the agency's open requests by working days left, marked overdue, due
 * within three working days or on time, filterable by state, channel, applicant kind, year and text,
 * paged. The filters live in the URL (a GET form), so a page can be bookmarked and reloaded.
 */
import { z } from 'zod';
import {
  APPLICANT_KIND_LABELS,
  type ApplicantKind,
  CHANNEL_LABELS,
  type Channel,
} from '../../domain/requests/request.js';
import type { AwaitingApplication, Inbox, InboxFilters, RequestLine } from '../../ledger/index.js';
import {
  REQUEST_STATE_LABELS,
  STORED_CHANNEL_LABELS,
  stateLabelOf,
  URGENCY_LABELS,
} from '../../present/labels.js';
import { dueText, leftText } from '../../present/request-view.js';
import { loose } from '../input-schema.js';
import { Page, Pager, type Viewer } from '../views/layout.js';
import { OnlineApplicationsSection, type OnlineAttempt } from './online-applications-section.js';

const OPEN_STATES = ['inProgress', 'paused', 'awaitingCorrection'] as const;
const URGENCIES = ['overdue', 'dueSoon', 'onTime'] as const;

/** The inbox's query string; a value it does not know is dropped (a filter, not an instruction). */
export const InboxQuerySchema = z.object({
  agency: loose(z.coerce.number().int().positive()),
  state: loose(z.enum(OPEN_STATES)),
  channel: loose(z.enum(Object.keys(CHANNEL_LABELS) as [Channel, ...Channel[]])),
  kind: loose(z.enum(Object.keys(APPLICANT_KIND_LABELS) as [ApplicantKind, ...ApplicantKind[]])),
  year: loose(z.coerce.number().int().min(2000).max(2100)),
  urgency: loose(z.enum(URGENCIES)),
  q: loose(z.string().trim().max(100)),
  page: loose(z.coerce.number().int().min(1).max(100000)),
});

export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export function inboxFiltersOf(q: InboxQuery): InboxFilters {
  return {
    ...(q.agency !== undefined ? { agencyId: q.agency } : {}),
    ...(q.state !== undefined ? { state: q.state } : {}),
    ...(q.channel !== undefined ? { channel: q.channel } : {}),
    ...(q.kind !== undefined ? { applicantKind: q.kind } : {}),
    ...(q.year !== undefined ? { year: q.year } : {}),
    ...(q.urgency !== undefined ? { urgency: q.urgency } : {}),
    ...(q.q ? { text: q.q } : {}),
    ...(q.page !== undefined ? { page: q.page } : {}),
  };
}

/** The query string of the same filters on another page. */
function withPage(q: InboxQuery, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...q, page }))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return `/office/inbox?${params.toString()}`;
}

function Select<T extends string>(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly (readonly [T, string])[];
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">全部</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.value === value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function Row({ line, showAgency }: { line: RequestLine; showAgency: boolean }) {
  return (
    <tr>
      <td>
        <span class={`badge ${line.urgency}`}>{URGENCY_LABELS[line.urgency]}</span>
      </td>
      <td class="date">
        <a href={`/office/requests/${line.id}`}>{line.receivedOn}</a>
      </td>
      <td>
        {line.applicantName}
        <br />
        <span class="muted">{APPLICANT_KIND_LABELS[line.applicantKind]}</span>
      </td>
      <td>{line.content.length > 40 ? `${line.content.slice(0, 40)}…` : line.content}</td>
      <td>{STORED_CHANNEL_LABELS[line.channel]}</td>
      <td>{stateLabelOf(line.status)}</td>
      <td>{dueText(line)}</td>
      <td>{leftText(line) || '—'}</td>
      {showAgency && <td>{line.agencyName}</td>}
    </tr>
  );
}

export function InboxPage({
  viewer,
  inbox,
  query,
  online,
}: {
  viewer: Viewer;
  inbox: Inbox;
  query: InboxQuery;
  /** The agency's online applications waiting for confirmation (handlers only). */
  online?: {
    readonly awaiting: readonly AwaitingApplication[];
    readonly attempt?: OnlineAttempt;
    readonly notice?: string;
  };
}) {
  const pages = Math.max(1, Math.ceil(inbox.total / inbox.pageSize));
  const showAgency = inbox.agencyIds.length > 1;
  const years = Array.from({ length: 6 }, (_, i) => Number(inbox.today.slice(0, 4)) - i);
  return (
    <Page title="待办申请" viewer={viewer} current="/office/inbox">
      <p class="muted">
        {inbox.agency.name}
        {showAgency ? `及下级机关（${inbox.agencyIds.length} 个机关）` : ''}，截至 {inbox.today}：未办结{' '}
        {inbox.total} 件。按答复期限排列，已逾期的在前；“临近期限”为 {inbox.dueSoonBy} 前（含）到期。
      </p>
      {online?.notice && (
        <p class="notice done" role="status">
          {online.notice}
        </p>
      )}
      {online && (
        <OnlineApplicationsSection
          awaiting={online.awaiting}
          csrfToken={viewer.csrfToken}
          today={inbox.today}
          {...(online.attempt ? { attempt: online.attempt } : {})}
        />
      )}
      <form class="filters card" method="get" action="/office/inbox">
        {query.agency !== undefined && <input type="hidden" name="agency" value={String(query.agency)} />}
        <Select
          name="urgency"
          label="期限"
          value={query.urgency}
          options={URGENCIES.map((u) => [u, URGENCY_LABELS[u]] as const)}
        />
        <Select
          name="state"
          label="状态"
          value={query.state}
          options={OPEN_STATES.map((s) => [s, REQUEST_STATE_LABELS[s]] as const)}
        />
        <Select
          name="channel"
          label="申请渠道"
          value={query.channel}
          options={(Object.entries(CHANNEL_LABELS) as [Channel, string][]).map(([k, v]) => [k, v] as const)}
        />
        <Select
          name="kind"
          label="申请人类型"
          value={query.kind}
          options={(Object.entries(APPLICANT_KIND_LABELS) as [ApplicantKind, string][]).map(
            ([k, v]) => [k, v] as const,
          )}
        />
        <Select
          name="year"
          label="收到年度"
          value={query.year === undefined ? undefined : String(query.year)}
          options={years.map((y) => [String(y), `${y} 年`] as const)}
        />
        <label>
          查找
          <input type="search" name="q" value={query.q ?? ''} placeholder="申请人、内容或编号" />
        </label>
        <button type="submit">筛选</button>
        <a href="/office/inbox">清除条件</a>
      </form>
      {inbox.excluded.length > 0 && (
        <p class="notice refused" role="alert">
          {inbox.excluded.length} 件申请的记录无法按办理规则读取，未列出：
          {inbox.excluded.map((x) => `${x.id.slice(0, 8)}（${x.refusal.message}）`).join('；')}
        </p>
      )}
      {inbox.lines.length === 0 ? (
        <p class="card">没有符合条件的未办结申请。</p>
      ) : (
        <table>
          <caption class="muted">
            第 {inbox.page} 页，共 {pages} 页
          </caption>
          <thead>
            <tr>
              <th scope="col">期限</th>
              <th scope="col">收到日期</th>
              <th scope="col">申请人</th>
              <th scope="col">申请内容</th>
              <th scope="col">渠道</th>
              <th scope="col">状态</th>
              <th scope="col">答复期限</th>
              <th scope="col">剩余</th>
              {showAgency && <th scope="col">机关</th>}
            </tr>
          </thead>
          <tbody>
            {inbox.lines.map((line) => (
              <Row line={line} showAgency={showAgency} />
            ))}
          </tbody>
        </table>
      )}
      <Pager page={inbox.page} pages={pages} href={(page) => withPage(query, page)} />
    </Page>
  );
}
