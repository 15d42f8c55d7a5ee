/**
 * @module The public portal's catalogue pages (issue 11): `/catalogue`, the 政府信息公开目录 paged and
 * browsed by 栏目 (the column tree as navigation, with counts) and by 主题分类, the query kept in the URL;
 * `/catalogue/{id}`, an item with its metadata table (索引号, 名称, 栏目, 发布机构, 成文日期, 发布日期,
 * 文号, 主题分类, 关键词, 体裁, 公开方式, 有效性) and body — a 依申请公开 item's body is not shown, the
 * page says how to ask for it. No sign-in; nothing from another host; hono/jsx escapes every text.
 */
import type { Child } from 'hono/jsx';
import type { CatalogueBrowse, ColumnCounts, PublicItem } from '../../catalogue/index.js';
import { type Column, childrenOf, columnPath, isRetired } from '../../domain/catalogue/columns.js';
import { AttachmentList } from './attachment-list.js';
import { PortalPage } from './portal-frame.js';

const KIND_LABELS: Readonly<Record<string, string>> = {
  规范性文件: '规范性文件',
  规章: '规章',
  other: '其他',
};

/** What a catalogue link keeps of the browsing: the agency, the column, the topic, the page. */
export interface CatalogueLinkQuery {
  readonly agency?: number;
  readonly column?: string;
  readonly topic?: string;
  readonly page?: number;
}

/** `/catalogue?…` with the query in the URL, each value escaped. */
export function catalogueHref(q: CatalogueLinkQuery): string {
  const params = new URLSearchParams();
  if (q.agency !== undefined) params.set('agency', String(q.agency));
  if (q.column !== undefined) params.set('column', q.column);
  if (q.topic !== undefined) params.set('topic', q.topic);
  if (q.page !== undefined && q.page > 1) params.set('page', String(q.page));
  const query = params.toString();
  return query ? `/catalogue?${query}` : '/catalogue';
}

/** Topics shown beside the list (the most used); the rest are reached through search. */
const TOPICS_SHOWN = 40;

/**
 * The column tree as navigation: every column that takes items, with how many it holds (with those
 * below it); 指南 and 年报 link to their own pages. A retired column shows only while it holds items.
 */
export function ColumnNav(props: {
  browse: ColumnCounts & Pick<CatalogueBrowse, 'column'>;
  agency?: number;
}) {
  const { tree, counts } = props.browse;
  const current = props.browse.column?.id;
  const link = (column?: string) =>
    catalogueHref({
      ...(props.agency === undefined ? {} : { agency: props.agency }),
      ...(column === undefined ? {} : { column }),
    });
  const ownPage: Readonly<Record<string, string>> = {
    zfxxgkzn: props.agency === undefined ? '/guide' : `/guide?agency=${props.agency}`,
    zfxxgknb: '/reports',
  };
  const shown = (c: Column) =>
    (props.agency !== undefined || c.origin === 'standard') &&
    (!isRetired(tree, c.id) || (counts.get(c.id) ?? 0) > 0);
  const branch = (parentId: string | null): Child => {
    const children = childrenOf(tree, parentId).filter(shown);
    if (children.length === 0) return null;
    return (
      <ul>
        {children.map((c) => {
          const page = ownPage[c.id];
          return (
            <li>
              {page ? (
                <a href={page}>{c.name}</a>
              ) : (
                <a href={link(c.id)} {...(c.id === current ? { 'aria-current': 'page' } : {})}>
                  {c.name}
                  {isRetired(tree, c.id) ? '（已停用）' : ''}{' '}
                  <span class="count">{`(${counts.get(c.id) ?? 0})`}</span>
                </a>
              )}
              {page ? null : branch(c.id)}
            </li>
          );
        })}
      </ul>
    );
  };
  return (
    <nav class="column-nav" aria-label="按栏目浏览">
      <h2>栏目</h2>
      <p>
        <a href={link()} {...(current === undefined ? { 'aria-current': 'page' } : {})}>
          全部
        </a>
      </p>
      {branch(null)}
    </nav>
  );
}

function TopicNav(props: { browse: CatalogueBrowse; query: CatalogueLinkQuery }) {
  const topics = props.browse.topics.filter((t) => t.topic !== '').slice(0, TOPICS_SHOWN);
  if (topics.length === 0) return null;
  const { page: _page, topic: asked, ...keep } = props.query;
  return (
    <nav class="topic-nav" aria-label="按主题分类浏览">
      <h2>主题分类</h2>
      <ul>
        <li>
          <a href={catalogueHref(keep)} {...(asked === undefined ? { 'aria-current': 'page' } : {})}>
            全部主题
          </a>
        </li>
        {topics.map((t) => (
          <li>
            <a
              href={catalogueHref({ ...keep, topic: t.topic })}
              {...(t.topic === asked ? { 'aria-current': 'page' } : {})}
            >
              {t.topic} <span class="count">{`(${t.count})`}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function CatalogueListPage({
  page,
  agency,
  topic,
}: {
  page: CatalogueBrowse;
  /** The agency whose own catalogue this is (absent: the whole site's). */
  agency?: { readonly id: number; readonly name: string };
  /** The 主题分类 asked for. */
  topic?: string;
}) {
  const query: CatalogueLinkQuery = {
    ...(agency ? { agency: agency.id } : {}),
    ...(page.column ? { column: page.column.id } : {}),
    ...(topic === undefined ? {} : { topic }),
  };
  const href = (n: number) => catalogueHref({ ...query, page: n });
  const base = agency ? `${agency.name}政府信息公开目录` : '政府信息公开目录';
  const within = [page.column ? columnPath(page.tree, page.column.id) : '', topic ?? ''].filter((t) => t);
  return (
    <PortalPage
      title={page.column ? page.column.name : base}
      headTitle={[...within.reverse(), base].join(' - ')}
      current="/catalogue"
    >
      {within.length > 0 && (
        <p class="browse-path">
          {`${base} › ${[
            page.column ? columnPath(page.tree, page.column.id) : '',
            topic ? `主题分类：${topic}` : '',
          ]
            .filter((t) => t)
            .join(' · ')}`}{' '}
          <a href={catalogueHref(agency ? { agency: agency.id } : {})}>查看全部</a>
        </p>
      )}
      <div class="catalogue-browse">
        <div class="catalogue-side">
          <ColumnNav browse={page} {...(agency ? { agency: agency.id } : {})} />
          <TopicNav browse={page} query={query} />
        </div>
        <div class="catalogue-main">
          {page.total === 0 ? (
            <p>
              {within.length > 0
                ? '该栏目（或主题分类）中尚无已发布的政府信息。'
                : '目录中尚无已发布的政府信息。'}
            </p>
          ) : (
            <section class="table-scroll" aria-label="目录列表" tabindex={0}>
              <table class="catalogue-list">
                <caption>{`共 ${page.total} 条，第 ${page.page}/${page.pages} 页`}</caption>
                <thead>
                  <tr>
                    <th scope="col">索引号</th>
                    <th scope="col">名称</th>
                    <th scope="col">成文日期</th>
                    <th scope="col">发布日期</th>
                    <th scope="col">有效性</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => (
                    <tr>
                      <td class="index">{item.indexNumber}</td>
                      <td class="title">
                        <a href={`/catalogue/${encodeURIComponent(item.id)}`}>{item.title}</a>
                        {item.disclosure === '依申请公开' ? <span class="hint">（依申请公开）</span> : null}
                      </td>
                      <td>{item.writtenOn}</td>
                      <td>{item.publishedOn}</td>
                      <td>{item.validity}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {page.pages > 1 ? (
            <nav class="pager" aria-label="分页">
              {page.page > 1 ? <a href={href(page.page - 1)}>上一页</a> : null}{' '}
              {page.page < page.pages ? <a href={href(page.page + 1)}>下一页</a> : null}
            </nav>
          ) : null}
        </div>
      </div>
    </PortalPage>
  );
}

export function CatalogueItemPage({ item }: { item: PublicItem }) {
  const { state } = item;
  const p = state.particulars;
  const rows: [string, string][] = [
    ['索引号', state.indexNumber],
    ['名称', p.title],
    ['栏目', item.columnPath],
    ['发布机构', p.publisher],
    ['成文日期', p.writtenOn],
    ['发布日期', state.publishedOn],
    ['文号', p.docNumber || '无'],
    ['主题分类', p.topic],
    ['关键词', p.keywords.length > 0 ? p.keywords.join('；') : '无'],
    ['体裁', KIND_LABELS[p.kind] ?? p.kind],
    ['公开方式', p.disclosureReason ? `${p.disclosure}（${p.disclosureReason}）` : p.disclosure],
    [
      '有效性',
      state.repealed
        ? `已废止（${state.repealed.on}${state.repealed.document ? `，${state.repealed.document}` : ''}）`
        : state.amendments.length > 0
          ? `已修改（${state.amendments.map((a) => `${a.on}，${a.document}`).join('；')}）`
          : state.validity,
    ],
  ];
  return (
    <PortalPage title={p.title}>
      <table class="metadata">
        <tbody>
          {rows.map(([label, value]) => (
            <tr>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {item.onRequest ? (
        <p class="notice">
          本信息依申请公开，正文不在网上公开。如需获取，请<a href="/apply">提出政府信息公开申请</a>
          （可写明索引号 {state.indexNumber}）。
        </p>
      ) : (
        <article>
          {p.body.split(/\n+/).map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </article>
      )}
      {item.onRequest ? null : <AttachmentList item={item} />}
      <p>
        <a href="/catalogue">返回目录</a>
      </p>
    </PortalPage>
  );
}
