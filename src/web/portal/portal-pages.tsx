/**
 * @module The public portal's catalogue pages (issue 11): `/catalogue`, the 政府信息公开目录 paged, and
 * `/catalogue/{id}`, an item with its metadata table (索引号, 发布机构, 成文日期, 发布日期, 文号, 主题分类,
 * 体裁, 有效性) and body. No sign-in; nothing from another host; hono/jsx escapes every text.
 */
import type { CataloguePage, PublicItem } from '../../catalogue/index.js';
import { AttachmentList } from './attachment-list.js';
import { PortalPage } from './portal-frame.js';

const KIND_LABELS: Readonly<Record<string, string>> = {
  规范性文件: '规范性文件',
  规章: '规章',
  other: '其他',
};

export function CatalogueListPage({
  page,
  agency,
}: {
  page: CataloguePage;
  /** The agency whose own catalogue this is (absent: the whole site's). */
  agency?: { readonly id: number; readonly name: string };
}) {
  const href = (n: number) => `/catalogue?${agency ? `agency=${agency.id}&` : ''}page=${n}`;
  return (
    <PortalPage title={agency ? `${agency.name}政府信息公开目录` : '政府信息公开目录'} current="/catalogue">
      {page.total === 0 ? (
        <p>目录中尚无已发布的政府信息。</p>
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
    </PortalPage>
  );
}

export function CatalogueItemPage({ item }: { item: PublicItem }) {
  const { state } = item;
  const p = state.particulars;
  const rows: [string, string][] = [
    ['索引号', state.indexNumber],
    ['名称', p.title],
    ['发布机构', p.publisher],
    ['成文日期', p.writtenOn],
    ['发布日期', state.publishedOn],
    ['文号', p.docNumber || '无'],
    ['主题分类', p.topic],
    ['体裁', KIND_LABELS[p.kind] ?? p.kind],
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
      <article>
        {p.body.split(/\n+/).map((paragraph) => (
          <p>{paragraph}</p>
        ))}
      </article>
      <AttachmentList item={item} />
      <p>
        <a href="/catalogue">返回目录</a>
      </p>
    </PortalPage>
  );
}
