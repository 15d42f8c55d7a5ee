/**
 * @module 目录栏目 in the back office (/office/columns): the agency's column tree — the standard
 * sub-columns (国办公开办函〔2019〕61号), 条例第二十条's categories and, for a 乡镇/街道, the 基层政务公开
 * 标准目录's areas, with the agency's own columns among them — each with how many items it holds. An
 * administrator or approver adds an own column under one that takes items, renames a column (a
 * standard name the agency words otherwise too), retires one (停用: no new items, the old ones still
 * shown) or reinstates it, and removes an own column that holds nothing. Every change goes to the
 * agency's append-only log of its tree and the audit log (catalogue/columns.ts).
 */
import { Hono } from 'hono';
import {
  addColumn,
  columnsForOffice,
  type OfficeColumns,
  reinstateColumn,
  removeColumn,
  renameColumn,
  retireColumn,
} from '../../catalogue/index.js';
import {
  COLUMN_LIMITS,
  type Column,
  childrenOf,
  columnForItems,
  columnPath,
  FIXED_COLUMNS,
  isRetired,
  subtreeCounts,
} from '../../domain/catalogue/columns.js';
import { todayInChina } from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { formOf } from '../form-body.js';
import { fieldOfRefusal } from '../refusal-fields.js';
import { statusOfRefusal } from '../refusal-status.js';
import { Choice, type FormState, Input } from '../views/form-fields.js';
import { CsrfField, documentOf, Notice, Page, type Viewer } from '../views/layout.js';
import { refusedPage, viewerOf } from './office-routes.js';

function ColumnRow(props: {
  column: Column;
  depth: number;
  columns: OfficeColumns;
  totals: ReadonlyMap<string, number>;
  csrf: string;
}) {
  const { column: c, columns } = props;
  const held = columns.held.get(c.id) ?? 0;
  const retired = isRetired(columns.tree, c.id);
  const action = (what: string) => `/office/columns/${encodeURIComponent(c.id)}/${what}`;
  const removable = c.origin === 'own' && held === 0 && childrenOf(columns.tree, c.id).length === 0;
  return (
    <tr>
      <td class={`column-name depth-${Math.min(props.depth, 4)}`}>
        {c.name}
        {c.retired ? (
          <span class="hint">（已停用）</span>
        ) : retired ? (
          <span class="hint">（上级已停用）</span>
        ) : null}
      </td>
      <td class="index">{c.id}</td>
      <td>{c.origin === 'standard' ? (c.basis ?? '标准栏目') : '本机关自设'}</td>
      <td class="number">{c.holdsItems ? `${held}（含下级 ${props.totals.get(c.id) ?? 0}）` : '—'}</td>
      <td>
        {FIXED_COLUMNS.has(c.id) ? (
          <span class="hint">统一设置</span>
        ) : (
          <details>
            <summary>管理</summary>
            <form method="post" action={action('rename')} class="inline">
              <CsrfField token={props.csrf} />
              <label>
                新名称{' '}
                <input
                  name="name"
                  required
                  maxlength={COLUMN_LIMITS.name}
                  value={c.name}
                  autocomplete="off"
                />
              </label>{' '}
              <button type="submit" class="secondary">
                改名
              </button>
            </form>
            {c.retired ? (
              <form method="post" action={action('reinstate')} class="inline">
                <CsrfField token={props.csrf} />
                <button type="submit" class="secondary">
                  恢复使用
                </button>
              </form>
            ) : (
              <form method="post" action={action('retire')} class="inline">
                <CsrfField token={props.csrf} />
                <label>
                  停用理由 <input name="reason" maxlength={COLUMN_LIMITS.reason} autocomplete="off" />
                </label>{' '}
                <button type="submit" class="secondary">
                  停用
                </button>
              </form>
            )}
            {removable && (
              <form method="post" action={action('remove')} class="inline">
                <CsrfField token={props.csrf} />
                <button type="submit" class="secondary">
                  删除（栏目中没有信息）
                </button>
              </form>
            )}
          </details>
        )}
      </td>
    </tr>
  );
}

function ColumnsPage(props: {
  viewer: Viewer;
  columns: OfficeColumns;
  state?: FormState;
  notice?: string;
  refused?: string;
}) {
  const { tree } = props.columns;
  const totals = subtreeCounts(tree, props.columns.held);
  const rows: { column: Column; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const column of childrenOf(tree, parentId)) {
      rows.push({ column, depth });
      walk(column.id, depth + 1);
    }
  };
  walk(null, 0);
  const parents: [string, string][] = tree.columns
    .filter((c) => columnForItems(tree, c.id).ok)
    .map((c) => [c.id, columnPath(tree, c.id)]);
  return (
    <Page title="政府信息公开目录栏目" viewer={props.viewer} current="/office/columns">
      <Notice kind="done" text={props.notice} />
      <Notice kind="refused" text={props.refused} />
      <p class="hint">
        {
          '标准栏目按国办公开办函〔2019〕61号、条例第二十条和基层政务公开标准目录设置，名称可按本机关的用法修改；本机关可在其下增设栏目。已有信息的栏目只能停用，不能删除：停用后不再放入新信息，原有信息仍在门户中可查。'
        }
      </p>
      <section class="table-scroll" aria-label="栏目" tabindex={0}>
        <table class="column-tree">
          <thead>
            <tr>
              <th scope="col">栏目</th>
              <th scope="col">编号（网址中）</th>
              <th scope="col">依据</th>
              <th scope="col">信息数</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <ColumnRow
                column={r.column}
                depth={r.depth}
                columns={props.columns}
                totals={totals}
                csrf={props.viewer.csrfToken}
              />
            ))}
          </tbody>
        </table>
      </section>
      <form method="post" action="/office/columns" class="form card" novalidate>
        <CsrfField token={props.viewer.csrfToken} />
        <h2>增设栏目</h2>
        <Choice state={props.state} name="parent" label="上级栏目" options={parents} value="fdzdgknr" />
        <Input state={props.state} name="name" label="栏目名称" required maxLength={COLUMN_LIMITS.name} />
        <div>
          <button type="submit">增设</button>
        </div>
      </form>
    </Page>
  );
}

const DONE: Readonly<Record<string, string>> = {
  added: '栏目已增设。',
  renamed: '栏目已改名。',
  retired: '栏目已停用，原有信息仍可查阅。',
  reinstated: '栏目已恢复使用。',
  removed: '栏目已删除。',
};

export function columnsOfficeRoutes(deps: WebDeps): Hono<AppEnv> {
  const office = new Hono<AppEnv>();
  const { storage } = deps;
  const today = () => todayInChina(deps.now());
  const show = async (
    c: AppContext,
    extra: { state?: FormState; notice?: string; refused?: string } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const auth = c.get('auth')!;
    const columns = await columnsForOffice(storage, auth.actor, auth.user.agencyId);
    if (!columns.ok) return refusedPage(c, columns.error);
    return c.html(
      documentOf(<ColumnsPage viewer={viewerOf(auth)} columns={columns.value} {...extra} />),
      status,
    );
  };
  /** The answer to a change: back to the page with its note, or the page with the refusal. */
  const answer = async (
    c: AppContext,
    done: string,
    result: { ok: true } | { ok: false; error: { code: string; message: string } },
    state?: (field: string, message: string) => FormState,
  ) => {
    if (result.ok) return c.redirect(`/office/columns?done=${done}`, 303);
    const status = statusOfRefusal(result.error.code);
    if (status === 403) return refusedPage(c, result.error);
    const code = status === 409 ? 409 : 422;
    return state
      ? show(c, { state: state(fieldOfRefusal(result.error.code, 'name'), result.error.message) }, code)
      : show(c, { refused: result.error.message }, code);
  };

  office.get('/columns', (c) => {
    const notice = DONE[c.req.query('done') ?? ''];
    return show(c, notice ? { notice } : {});
  });

  office.post('/columns', async (c) => {
    const auth = c.get('auth')!;
    const values = await formOf(c);
    const added = await addColumn(
      storage,
      auth.actor,
      { agencyId: auth.user.agencyId, parentId: values.parent ?? '', name: values.name ?? '' },
      { today: today() },
    );
    return answer(c, 'added', added, (field, message) => ({
      values,
      errors: { [field === 'column' ? 'parent' : field]: message },
    }));
  });

  office.post('/columns/:id/rename', async (c) => {
    const auth = c.get('auth')!;
    const values = await formOf(c);
    const renamed = await renameColumn(
      storage,
      auth.actor,
      { agencyId: auth.user.agencyId, id: c.req.param('id'), name: values.name ?? '' },
      { today: today() },
    );
    return answer(c, 'renamed', renamed);
  });

  office.post('/columns/:id/retire', async (c) => {
    const auth = c.get('auth')!;
    const values = await formOf(c);
    const retired = await retireColumn(
      storage,
      auth.actor,
      {
        agencyId: auth.user.agencyId,
        id: c.req.param('id'),
        ...(values.reason ? { reason: values.reason } : {}),
      },
      { today: today() },
    );
    return answer(c, 'retired', retired);
  });

  office.post('/columns/:id/reinstate', async (c) => {
    const auth = c.get('auth')!;
    const reinstated = await reinstateColumn(
      storage,
      auth.actor,
      { agencyId: auth.user.agencyId, id: c.req.param('id') },
      { today: today() },
    );
    return answer(c, 'reinstated', reinstated);
  });

  office.post('/columns/:id/remove', async (c) => {
    const auth = c.get('auth')!;
    const removed = await removeColumn(
      storage,
      auth.actor,
      { agencyId: auth.user.agencyId, id: c.req.param('id') },
      { today: today() },
    );
    return answer(c, 'removed', removed);
  });
  return office;
}
