/**
 * @module 政府信息公开目录 in the back office (/office/catalogue): the agency's items with their state;
 * a liaison or handler drafts one (名称, 发布机构, 成文日期, 文号, 主题分类, 体裁, 栏目, 关键词, 公开方式,
 * 正文); an approver
 * publishes a draft — its 索引号 is issued then (条例第十七条: reviewed before it is made public) — and
 * records the repeal of a published 规章 or 规范性文件 (有效性). The same use cases as the staff API.
 */
import { Hono } from 'hono';
import { agencyColumns, draftItem, listItems, publishItem, repealItem } from '../../catalogue/index.js';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import {
  DISCLOSURE_MODES,
  type DisclosureMode,
  ITEM_KINDS,
  ITEM_LIMITS,
  ITEM_STATUS_LABELS,
  type ItemKind,
  keywordsOf,
} from '../../domain/catalogue/catalogue-item.js';
import type { ColumnTree } from '../../domain/catalogue/columns.js';
import { todayInChina } from '../../ledger/index.js';
import type { StoredItem } from '../../storage/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { formOf } from '../form-body.js';
import { fieldOf } from '../refusal-fields.js';
import { statusOfRefusal } from '../refusal-status.js';
import { Choice, type FormState, Input, TextArea } from '../views/form-fields.js';
import { CsrfField, documentOf, Notice, Page, type Viewer } from '../views/layout.js';
import { ColumnChoice, DisclosureFields, KeywordsField } from './item-metadata.js';
import { refusedPage, viewerOf } from './office-routes.js';

const KIND_OPTIONS = ITEM_KINDS.map((k) => [k, k === 'other' ? '其他' : k] as const);

function CataloguePage(props: {
  viewer: Viewer;
  items: readonly StoredItem[];
  columns: ColumnTree;
  today: string;
  state?: FormState;
  notice?: string;
  refused?: string;
}) {
  const drafts = props.viewer.roles.some((r) => r === 'liaison' || r === 'handler');
  const approves = props.viewer.roles.includes('approver');
  return (
    <Page title="政府信息公开目录" viewer={props.viewer} current="/office/catalogue">
      <Notice kind="done" text={props.notice} />
      <Notice kind="refused" text={props.refused} />
      {props.items.length === 0 ? (
        <p class="card">本机关目录中尚无信息。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">体裁</th>
              <th scope="col">成文日期</th>
              <th scope="col">状态</th>
              <th scope="col">索引号</th>
              <th scope="col">有效性</th>
              {approves && <th scope="col">审核</th>}
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => (
              <tr>
                <td>
                  <a href={`/office/catalogue/${encodeURIComponent(item.id)}`}>{item.title}</a>{' '}
                  {item.status !== 'withdrawn' && (
                    <a class="hint" href={`/office/catalogue/${encodeURIComponent(item.id)}/metadata`}>
                      栏目与公开方式
                    </a>
                  )}
                </td>
                <td>{item.kind === 'other' ? '其他' : item.kind}</td>
                <td class="date">{item.writtenOn}</td>
                <td>{ITEM_STATUS_LABELS[item.status]}</td>
                <td>{item.indexNumber ?? ''}</td>
                <td>{item.validity}</td>
                {approves && (
                  <td>
                    {(item.status === 'draft' || item.status === 'submitted') && (
                      <form method="post" action={`/office/catalogue/${item.id}/publish`} class="inline">
                        <CsrfField token={props.viewer.csrfToken} />
                        <button type="submit">审核发布</button>
                      </form>
                    )}
                    {item.status === 'published' && item.kind !== 'other' && item.validity !== '已废止' && (
                      <form method="post" action={`/office/catalogue/${item.id}/repeal`} class="inline">
                        <CsrfField token={props.viewer.csrfToken} />
                        <label>
                          废止日期 <input type="date" name="on" value={props.today} required />
                        </label>{' '}
                        <button type="submit" class="secondary">
                          记录废止
                        </button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {drafts && (
        <form method="post" action="/office/catalogue" class="form card" novalidate>
          <CsrfField token={props.viewer.csrfToken} />
          <h2>起草目录信息</h2>
          <Input state={props.state} name="title" label="名称" required maxLength={ITEM_LIMITS.title} />
          <div class="row">
            <Input
              state={props.state}
              name="publisher"
              label="发布机构"
              required
              maxLength={ITEM_LIMITS.publisher}
              value={props.viewer.agencyName}
            />
            <Input
              state={props.state}
              name="writtenOn"
              label="成文日期"
              type="date"
              required
              value={props.today}
            />
          </div>
          <div class="row">
            <Input state={props.state} name="docNumber" label="文号" maxLength={ITEM_LIMITS.docNumber} />
            <Input state={props.state} name="topic" label="主题分类" required maxLength={ITEM_LIMITS.topic} />
            <Choice state={props.state} name="kind" label="体裁" options={KIND_OPTIONS} value="other" />
          </div>
          <ColumnChoice state={props.state} tree={props.columns} />
          <KeywordsField state={props.state} />
          <DisclosureFields state={props.state} />
          <TextArea state={props.state} name="body" label="正文" required maxLength={ITEM_LIMITS.body} />
          <div>
            <button type="submit">保存草稿</button>
          </div>
        </form>
      )}
    </Page>
  );
}

export function catalogueOfficeRoutes(deps: WebDeps): Hono<AppEnv> {
  const office = new Hono<AppEnv>();
  const { storage } = deps;
  const today = () => todayInChina(deps.now());
  const show = async (
    c: AppContext,
    extra: { state?: FormState; notice?: string; refused?: string } = {},
    status: 200 | 404 | 409 | 422 = 200,
  ) => {
    const auth = c.get('auth')!;
    const items = await listItems(storage, auth.actor, auth.user.agencyId);
    if (!items.ok) return refusedPage(c, items.error);
    const columns = await agencyColumns(storage, auth.user.agencyId);
    if (!columns.ok) return refusedPage(c, columns.error);
    return c.html(
      documentOf(
        <CataloguePage
          viewer={viewerOf(auth)}
          items={items.value}
          columns={columns.value.tree}
          today={today()}
          {...extra}
        />,
      ),
      status,
    );
  };
  const done = (c: AppContext) => {
    const note = c.req.query('done');
    return note === 'drafted'
      ? '草稿已保存，待审核人审核发布。'
      : note === 'published'
        ? '已发布，索引号已赋予。'
        : note === 'repealed'
          ? '已记录废止。'
          : undefined;
  };

  office.get('/catalogue', (c) => {
    const notice = done(c);
    return show(c, notice ? { notice } : {});
  });

  office.post('/catalogue', async (c) => {
    const auth = c.get('auth')!;
    const values = await formOf(c);
    const errors: Record<string, string> = {};
    const writtenOn = values.writtenOn ?? '';
    if (!isLocalDate(writtenOn)) errors.writtenOn = '成文日期应为 YYYY-MM-DD 格式的真实日期';
    const kind = (ITEM_KINDS as readonly string[]).includes(values.kind ?? '')
      ? (values.kind as ItemKind)
      : undefined;
    if (!kind) errors.kind = '请选择体裁';
    // The office form asks for the column (the staff API may leave it to the default).
    const column = values.column ?? '';
    if (!column) errors.column = '请选择栏目';
    const disclosure = (DISCLOSURE_MODES as readonly string[]).includes(values.disclosure ?? '')
      ? (values.disclosure as DisclosureMode)
      : undefined;
    if (!disclosure) errors.disclosure = '请选择公开方式';
    if (Object.keys(errors).length > 0 || !kind || !disclosure || !isLocalDate(writtenOn))
      return show(c, { state: { values, errors } }, 422);
    const drafted = await draftItem(
      storage,
      auth.actor,
      {
        agencyId: auth.user.agencyId,
        title: values.title ?? '',
        publisher: values.publisher ?? '',
        writtenOn,
        docNumber: values.docNumber ?? '',
        topic: values.topic ?? '',
        body: values.body ?? '',
        kind,
        column,
        keywords: keywordsOf(values.keywords ?? ''),
        disclosure,
        disclosureReason: values.disclosureReason ?? '',
      },
      { today: today() },
    );
    if (!drafted.ok) {
      if (statusOfRefusal(drafted.error.code) === 403) return refusedPage(c, drafted.error);
      return show(
        c,
        {
          state: { values, errors: { [fieldOf(drafted.error, 'title')]: drafted.error.message } },
        },
        422,
      );
    }
    return c.redirect('/office/catalogue?done=drafted', 303);
  });

  office.post('/catalogue/:id/publish', async (c) => {
    const published = await publishItem(storage, c.get('auth')!.actor, c.req.param('id'), { today: today() });
    if (!published.ok) {
      const status = statusOfRefusal(published.error.code);
      if (status === 403) return refusedPage(c, published.error);
      return show(c, { refused: published.error.message }, status as 404 | 409 | 422);
    }
    return c.redirect('/office/catalogue?done=published', 303);
  });

  office.post('/catalogue/:id/repeal', async (c) => {
    const values = await formOf(c);
    const on = values.on ?? '';
    if (!isLocalDate(on)) return show(c, { refused: '废止日期应为 YYYY-MM-DD 格式的真实日期' }, 422);
    const repealed = await repealItem(
      storage,
      c.get('auth')!.actor,
      c.req.param('id'),
      { on },
      { today: today() },
    );
    if (!repealed.ok) {
      const status = statusOfRefusal(repealed.error.code);
      if (status === 403) return refusedPage(c, repealed.error);
      return show(c, { refused: repealed.error.message }, status as 404 | 409 | 422);
    }
    return c.redirect('/office/catalogue?done=repealed', 303);
  });
  return office;
}
