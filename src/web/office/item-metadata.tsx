/**
 * @module A catalogue item's 栏目, 关键词 and 公开方式 in the back office: the fields the draft form and
 * the correction form share, and `/office/catalogue/{id}/metadata`, where they are corrected — a new
 * 更正 event with its reason, never an edit (a draft's by its drafters, a published item's by an
 * approver). The same use case as everywhere (catalogue/items.ts correctItem).
 */
import { Hono } from 'hono';
import { agencyColumns, correctItem, type ItemView, viewItem } from '../../catalogue/index.js';
import {
  DISCLOSURE_MODES,
  type DisclosureMode,
  ITEM_LIMITS,
  ITEM_STATUS_LABELS,
  type ItemParticulars,
  keywordsOf,
} from '../../domain/catalogue/catalogue-item.js';
import { type ColumnTree, columnForItems, columnOf, columnPath } from '../../domain/catalogue/columns.js';
import { todayInChina } from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { formOf } from '../form-body.js';
import { fieldOf } from '../refusal-fields.js';
import { statusOfRefusal } from '../refusal-status.js';
import { Choice, type FormState, Input } from '../views/form-fields.js';
import { CsrfField, documentOf, Notice, Page, type Viewer } from '../views/layout.js';
import { refusedPage, viewerOf } from './office-routes.js';

/** The columns an item may go in, each by its path, in the tree's order. */
export const columnOptions = (tree: ColumnTree): [string, string][] =>
  tree.columns.filter((c) => columnForItems(tree, c.id).ok).map((c) => [c.id, columnPath(tree, c.id)]);

export function ColumnChoice(props: { state: FormState | undefined; tree: ColumnTree; value?: string }) {
  return (
    <Choice
      state={props.state}
      name="column"
      label="栏目"
      required
      options={[['', '请选择栏目'], ...columnOptions(props.tree)]}
      {...(props.value === undefined ? {} : { value: props.value })}
    />
  );
}

export function KeywordsField(props: { state: FormState | undefined; value?: string }) {
  return (
    <Input
      state={props.state}
      name="keywords"
      label="关键词（主题词）"
      hint={`以空格、逗号或顿号分隔，至多 ${ITEM_LIMITS.keywords} 个，每个至多 ${ITEM_LIMITS.keyword} 字`}
      maxLength={ITEM_LIMITS.keywords * (ITEM_LIMITS.keyword + 1)}
      {...(props.value === undefined ? {} : { value: props.value })}
    />
  );
}

const DISCLOSURE_OPTIONS = DISCLOSURE_MODES.map((m) => [m, m] as const);

export function DisclosureFields(props: {
  state: FormState | undefined;
  value?: { readonly mode: DisclosureMode; readonly reason: string };
}) {
  return (
    <div class="row">
      <Choice
        state={props.state}
        name="disclosure"
        label="公开方式"
        options={DISCLOSURE_OPTIONS}
        value={props.value?.mode ?? '主动公开'}
      />
      <Input
        state={props.state}
        name="disclosureReason"
        label="不予公开（或依申请公开）的理由"
        hint="主动公开的信息不填；不予公开的须写明依据"
        maxLength={ITEM_LIMITS.disclosureReason}
        {...(props.value ? { value: props.value.reason } : {})}
      />
    </div>
  );
}

function MetadataPage(props: {
  viewer: Viewer;
  item: ItemView;
  tree: ColumnTree;
  state?: FormState;
  notice?: string;
}) {
  const p = props.item.state.particulars;
  const published = props.item.state.status === 'published';
  const where = columnOf(props.tree, p.column) ? columnPath(props.tree, p.column) : p.column;
  return (
    <Page title={`栏目与公开方式：${p.title}`} viewer={props.viewer} current="/office/catalogue">
      <Notice kind="done" text={props.notice} />
      <table class="facts">
        <tbody>
          <tr>
            <th scope="row">状态</th>
            <td>{ITEM_STATUS_LABELS[props.item.state.status]}</td>
          </tr>
          <tr>
            <th scope="row">栏目</th>
            <td>{where}</td>
          </tr>
          <tr>
            <th scope="row">关键词</th>
            <td>{p.keywords.length > 0 ? p.keywords.join('；') : '无'}</td>
          </tr>
          <tr>
            <th scope="row">公开方式</th>
            <td>{p.disclosureReason ? `${p.disclosure}（${p.disclosureReason}）` : p.disclosure}</td>
          </tr>
        </tbody>
      </table>
      <form
        method="post"
        action={`/office/catalogue/${encodeURIComponent(props.item.id)}/metadata`}
        class="form card"
        novalidate
      >
        <CsrfField token={props.viewer.csrfToken} />
        <h2>更正</h2>
        <p class="hint">
          {published
            ? '已发布的信息由审核人更正；更正记为新的事件，原记录保留在目录信息的记录中。'
            : '更正记为新的事件，原记录保留。'}
        </p>
        <ColumnChoice state={props.state} tree={props.tree} value={p.column} />
        <KeywordsField state={props.state} value={p.keywords.join('，')} />
        <DisclosureFields state={props.state} value={{ mode: p.disclosure, reason: p.disclosureReason }} />
        <Input state={props.state} name="reason" label="更正理由" required maxLength={ITEM_LIMITS.reason} />
        <div>
          <button type="submit">记录更正</button>
        </div>
      </form>
      <p>
        <a href="/office/catalogue">返回目录</a>
      </p>
    </Page>
  );
}

export function itemMetadataRoutes(deps: WebDeps): Hono<AppEnv> {
  const office = new Hono<AppEnv>();
  const { storage } = deps;
  const show = async (
    c: AppContext,
    extra: { state?: FormState; notice?: string } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const auth = c.get('auth')!;
    const item = await viewItem(storage, auth.actor, c.req.param('id') ?? '');
    if (!item.ok) return refusedPage(c, item.error);
    const columns = await agencyColumns(storage, item.value.agencyId);
    if (!columns.ok) return refusedPage(c, columns.error);
    return c.html(
      documentOf(
        <MetadataPage viewer={viewerOf(auth)} item={item.value} tree={columns.value.tree} {...extra} />,
      ),
      status,
    );
  };

  office.get('/catalogue/:id/metadata', (c) =>
    show(c, c.req.query('done') === 'corrected' ? { notice: '已记录更正。' } : {}),
  );

  office.post('/catalogue/:id/metadata', async (c) => {
    const auth = c.get('auth')!;
    const values = await formOf(c);
    const disclosure = values.disclosure ?? '';
    if (!(DISCLOSURE_MODES as readonly string[]).includes(disclosure))
      return show(c, { state: { values, errors: { disclosure: '请选择公开方式' } } }, 422);
    const changes: Partial<ItemParticulars> = {
      column: values.column ?? '',
      keywords: keywordsOf(values.keywords ?? ''),
      disclosure: disclosure as DisclosureMode,
      disclosureReason: values.disclosureReason?.trim() ?? '',
    };
    const corrected = await correctItem(
      storage,
      auth.actor,
      c.req.param('id'),
      { changes, reason: values.reason ?? '' },
      { today: todayInChina(deps.now()) },
    );
    if (!corrected.ok) {
      const status = statusOfRefusal(corrected.error.code);
      if (status === 403 || status === 404) return refusedPage(c, corrected.error);
      const field = fieldOf(corrected.error, 'reason');
      return show(
        c,
        { state: { values, errors: { [field]: corrected.error.message } } },
        status as 409 | 422,
      );
    }
    return c.redirect(
      `/office/catalogue/${encodeURIComponent(corrected.value.id)}/metadata?done=corrected`,
      303,
    );
  });
  return office;
}
