/**
 * @module One item of the 政府信息公开目录 in the back office (/office/catalogue/{id}): its metadata, its
 * log, and its 附件 — the files it shows, with a form to add one (multipart: the file; its type is
 * judged from the content, not the name) and one to take each off (with a reason once published), and
 * the files taken off, which the office can still open. The catalogue's use cases decide; these routes
 * read the form, call them with the signed-in Actor and present. The upload's size is bounded in front
 * of the CSRF check (app.ts).
 */
import { Hono } from 'hono';
import {
  amendItem,
  attachFile,
  detachFile,
  type ItemView,
  officeAttachment,
  submitItem,
  viewItem,
  withdrawItem,
} from '../../catalogue/index.js';
import { authorize } from '../../domain/access/policy.js';
import { isLocalDate } from '../../domain/calendar/local-date.js';

import {
  ATTACHMENT_TYPES,
  type AttachmentRef,
  MAX_ATTACHMENTS_PER_ITEM,
  sizeLabel,
} from '../../domain/catalogue/attachment.js';
import { ITEM_LIMITS, ITEM_STATUS_LABELS, type ItemEvent } from '../../domain/catalogue/catalogue-item.js';
import { todayInChina } from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { attachmentResponse } from '../download.js';
import { formOf } from '../form-body.js';
import { statusOfRefusal } from '../refusal-status.js';
import { CsrfField, documentOf, Notice, Page, type Viewer } from '../views/layout.js';
import { refusedPage, viewerOf } from './office-routes.js';

/** The request body of an upload, above the file's own limit: the form's other fields and the framing. */
export const attachmentBodyBytes = (maxMegabytes: number) => maxMegabytes * 1024 * 1024 + 64 * 1024;

const ACCEPT = Object.values(ATTACHMENT_TYPES)
  .flatMap((t) => t.extensions)
  .join(',');

const EVENT_LABELS: Readonly<Record<ItemEvent['kind'], string>> = {
  Drafted: '起草',
  Submitted: '提交审核',
  Published: '发布',
  Amended: '修改',
  Repealed: '废止',
  Withdrawn: '撤回',
  Corrected: '更正',
  Attached: '上传附件',
  Detached: '撤下附件',
};

function eventDetail(event: ItemEvent, names: ReadonlyMap<string, string>): string {
  switch (event.kind) {
    case 'Published':
      return `索引号 ${event.indexNumber}`;
    case 'Amended':
      return event.document;
    case 'Repealed':
      return event.document ?? '';
    case 'Withdrawn':
    case 'Corrected':
      return event.reason;
    case 'Attached':
      return `${event.attachment.name}（${sizeLabel(event.attachment.size)}）`;
    case 'Detached':
      return `${names.get(event.attachmentId) ?? event.attachmentId}${event.reason ? `：${event.reason}` : ''}`;
    default:
      return '';
  }
}

const fileHref = (itemId: string, a: AttachmentRef) =>
  `/office/catalogue/${encodeURIComponent(itemId)}/attachments/${encodeURIComponent(a.id)}`;

/** What the policy table lets the viewer do on this item (asked by the route, shown by the page). */
type Allowed = ReadonlySet<'catalogue.draft' | 'catalogue.publish' | 'catalogue.repeal'>;

function ItemOfficePage(props: {
  viewer: Viewer;
  item: ItemView;
  allowed: Allowed;
  today: string;
  notice?: string;
  refused?: string;
}) {
  const { item, viewer, allowed } = props;
  const { state } = item;
  const p = state.particulars;
  const published = state.status === 'published';
  const open = state.status === 'draft' || state.status === 'submitted';
  const id = encodeURIComponent(item.id);
  // The files are the drafter's before publication, the approver's after (attachments.ts).
  const changes = (open && allowed.has('catalogue.draft')) || (published && allowed.has('catalogue.publish'));
  const shown = new Set(state.attachments.map((a) => a.id));
  const everAttached = item.events.flatMap((e) => (e.kind === 'Attached' ? [e.attachment] : []));
  const takenOff = everAttached.filter((a) => !shown.has(a.id));
  const names = new Map(everAttached.map((a) => [a.id, a.name]));
  return (
    <Page title={p.title} viewer={viewer} current="/office/catalogue">
      <Notice kind="done" text={props.notice} />
      <Notice kind="refused" text={props.refused} />
      <table class="metadata">
        <tbody>
          <tr>
            <th scope="row">状态</th>
            <td>{ITEM_STATUS_LABELS[state.status]}</td>
          </tr>
          <tr>
            <th scope="row">索引号</th>
            <td>{state.indexNumber ?? '发布时赋予'}</td>
          </tr>
          <tr>
            <th scope="row">发布机构</th>
            <td>{p.publisher}</td>
          </tr>
          <tr>
            <th scope="row">成文日期</th>
            <td>{p.writtenOn}</td>
          </tr>
          <tr>
            <th scope="row">有效性</th>
            <td>{state.validity}</td>
          </tr>
        </tbody>
      </table>
      {published && (
        <p>
          <a href={`/catalogue/${id}`}>查看公开页面</a>
        </p>
      )}
      <ItemActions item={item} allowed={allowed} today={props.today} csrf={viewer.csrfToken} />

      <section aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">附件</h2>
        {state.attachments.length === 0 ? (
          <p>尚无附件。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">文件</th>
                <th scope="col">类型</th>
                <th scope="col">大小</th>
                {changes && <th scope="col">撤下</th>}
              </tr>
            </thead>
            <tbody>
              {state.attachments.map((a) => (
                <tr>
                  <td>
                    <a href={fileHref(item.id, a)}>{a.name}</a>
                  </td>
                  <td>{ATTACHMENT_TYPES[a.type].label}</td>
                  <td>{sizeLabel(a.size)}</td>
                  {changes && (
                    <td>
                      <form method="post" action={`${fileHref(item.id, a)}/detach`} class="inline">
                        <CsrfField token={viewer.csrfToken} />
                        {published && (
                          <label>
                            理由{' '}
                            <input name="reason" required maxlength={ITEM_LIMITS.reason} autocomplete="off" />
                          </label>
                        )}{' '}
                        <button type="submit" class="secondary">
                          撤下 {a.name}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {changes && state.attachments.length < MAX_ATTACHMENTS_PER_ITEM && (
          <form
            method="post"
            action={`/office/catalogue/${encodeURIComponent(item.id)}/attachments`}
            enctype="multipart/form-data"
            class="form card"
          >
            <CsrfField token={viewer.csrfToken} />
            <label for="f-file">
              <span>上传附件</span>
              <input
                id="f-file"
                type="file"
                name="file"
                accept={ACCEPT}
                required
                aria-describedby="f-file-hint"
              />
              <span class="hint" id="f-file-hint">
                PDF、Word（.docx）、Excel（.xlsx）或 PNG、JPEG、GIF
                图片；按文件内容判断类型，内容与扩展名不符的文件不予接收。
                {published ? '已发布信息的附件变更会立即公开。' : ''}
              </span>
            </label>
            <div>
              <button type="submit">上传</button>
            </div>
          </form>
        )}
        {takenOff.length > 0 && (
          <>
            <h3>已撤下的附件</h3>
            <ul>
              {takenOff.map((a) => (
                <li>
                  <a href={fileHref(item.id, a)}>{a.name}</a>（{sizeLabel(a.size)}）
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading">记录</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">事项</th>
              <th scope="col">经办</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {item.events.map((e) => (
              <tr>
                <td class="date">{e.on}</td>
                <td>{EVENT_LABELS[e.kind]}</td>
                <td>{e.by}</td>
                <td>{eventDetail(e, names)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p>
        <a href="/office/catalogue">返回目录</a>
      </p>
    </Page>
  );
}

/** The steps of the item's life the viewer may take now, each a form of its own. */
function ItemActions(props: { item: ItemView; allowed: Allowed; today: string; csrf: string }) {
  const { state } = props.item;
  const id = encodeURIComponent(props.item.id);
  const published = state.status === 'published';
  const inForce = published && state.validity !== '已废止';
  const forms = [
    state.status === 'draft' && props.allowed.has('catalogue.draft') && (
      <form method="post" action={`/office/catalogue/${id}/submit`} class="inline">
        <CsrfField token={props.csrf} />
        <button type="submit">提交审核</button>
      </form>
    ),
    (state.status === 'draft' || state.status === 'submitted') && props.allowed.has('catalogue.publish') && (
      <form method="post" action={`/office/catalogue/${id}/publish`} class="inline">
        <CsrfField token={props.csrf} />
        <button type="submit">审核发布</button>
      </form>
    ),
    inForce && props.allowed.has('catalogue.repeal') && (
      <form method="post" action={`/office/catalogue/${id}/amend`} class="form card">
        <CsrfField token={props.csrf} />
        <h3>记录修改（有效性：已修改）</h3>
        <div class="row">
          <label for="f-amend-on">
            <span>修改日期</span>
            <input id="f-amend-on" type="date" name="on" value={props.today} required />
          </label>
          <label for="f-amend-document">
            <span>据以修改的文件（名称或文号）</span>
            <input
              id="f-amend-document"
              name="document"
              required
              maxlength={ITEM_LIMITS.document}
              autocomplete="off"
            />
          </label>
        </div>
        <div>
          <button type="submit" class="secondary">
            记录修改
          </button>
        </div>
      </form>
    ),
    published && props.allowed.has('catalogue.publish') && (
      <form method="post" action={`/office/catalogue/${id}/withdraw`} class="form card">
        <CsrfField token={props.csrf} />
        <h3>撤回（误发的信息）</h3>
        <label for="f-withdraw-reason">
          <span>理由</span>
          <input
            id="f-withdraw-reason"
            name="reason"
            required
            maxlength={ITEM_LIMITS.reason}
            autocomplete="off"
          />
          <span class="hint">撤回后不再公开，索引号保留且不再赋予其他信息。</span>
        </label>
        <div>
          <button type="submit" class="secondary">
            撤回
          </button>
        </div>
      </form>
    ),
  ].filter(Boolean);
  if (forms.length === 0) return null;
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">办理</h2>
      {forms}
    </section>
  );
}

const DONE: Readonly<Record<string, string>> = {
  attached: '附件已上传。',
  detached: '附件已撤下；文件仍保存在记录中。',
  submitted: '已提交审核。',
  amended: '已记录修改。',
  withdrawn: '已撤回：该信息不再公开，索引号保留。',
};

export function catalogueItemOfficeRoutes(deps: WebDeps): Hono<AppEnv> {
  const office = new Hono<AppEnv>();
  const { storage } = deps;
  const today = () => todayInChina(deps.now());
  const authOf = (c: AppContext) => c.get('auth')!;

  const show = async (
    c: AppContext,
    id: string,
    extra: { notice?: string; refused?: string } = {},
    status: 200 | 409 | 413 | 422 = 200,
  ) => {
    const auth = authOf(c);
    const item = await viewItem(storage, auth.actor, id);
    if (!item.ok) return refusedPage(c, item.error);
    const allowed = new Set(
      (['catalogue.draft', 'catalogue.publish', 'catalogue.repeal'] as const).filter(
        (action) => authorize(auth.actor, action, item.value.agencyId).ok,
      ),
    );
    return c.html(
      documentOf(
        <ItemOfficePage
          viewer={viewerOf(auth)}
          item={item.value}
          allowed={allowed}
          today={today()}
          {...extra}
        />,
      ),
      status,
    );
  };
  /** A refused change: not found or forbidden as a page of its own, the rest on the item's page. */
  const refused = (c: AppContext, id: string, error: { code: string; message: string }) => {
    const status = statusOfRefusal(error.code);
    if (status === 404 || status === 403) return refusedPage(c, error);
    return show(c, id, { refused: error.message }, status as 409 | 413 | 422);
  };
  const back = (c: AppContext, id: string, done: keyof typeof DONE) =>
    c.redirect(`/office/catalogue/${encodeURIComponent(id)}?done=${done}`, 303);

  office.get('/catalogue/:id', (c) => {
    const notice = DONE[c.req.query('done') ?? ''];
    return show(c, c.req.param('id'), notice ? { notice } : {});
  });

  office.get('/catalogue/:id/attachments/:attachment', async (c) => {
    const file = await officeAttachment(
      storage,
      authOf(c).actor,
      c.req.param('id'),
      c.req.param('attachment'),
    );
    if (!file.ok) return refusedPage(c, file.error);
    return attachmentResponse(c, file.value, 'private, no-store');
  });

  office.post('/catalogue/:id/attachments', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const file = body.file;
    // No file (or a field that is not one) is an empty file: the use case says so after the policy check.
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0);
    const added = await attachFile(
      storage,
      authOf(c).actor,
      id,
      {
        name: file instanceof File ? file.name : '',
        declaredType: file instanceof File ? file.type : '',
        bytes,
      },
      { today: today(), maxBytes: deps.config.attachments.maxMegabytes * 1024 * 1024 },
    );
    if (!added.ok) return refused(c, id, added.error);
    return back(c, id, 'attached');
  });

  office.post('/catalogue/:id/submit', async (c) => {
    const id = c.req.param('id');
    const submitted = await submitItem(storage, authOf(c).actor, id, { today: today() });
    return submitted.ok ? back(c, id, 'submitted') : refused(c, id, submitted.error);
  });

  office.post('/catalogue/:id/amend', async (c) => {
    const id = c.req.param('id');
    const values = await formOf(c);
    const on = values.on ?? '';
    if (!isLocalDate(on)) return show(c, id, { refused: '修改日期应为 YYYY-MM-DD 格式的真实日期' }, 422);
    const amended = await amendItem(
      storage,
      authOf(c).actor,
      id,
      { on, document: values.document ?? '' },
      { today: today() },
    );
    return amended.ok ? back(c, id, 'amended') : refused(c, id, amended.error);
  });

  office.post('/catalogue/:id/withdraw', async (c) => {
    const id = c.req.param('id');
    const values = await formOf(c);
    const withdrawn = await withdrawItem(
      storage,
      authOf(c).actor,
      id,
      { reason: values.reason ?? '' },
      { today: today() },
    );
    return withdrawn.ok ? back(c, id, 'withdrawn') : refused(c, id, withdrawn.error);
  });

  office.post('/catalogue/:id/attachments/:attachment/detach', async (c) => {
    const id = c.req.param('id');
    const values = await formOf(c);
    const detached = await detachFile(
      storage,
      authOf(c).actor,
      id,
      c.req.param('attachment'),
      values.reason ? { reason: values.reason } : {},
      { today: today() },
    );
    if (!detached.ok) return refused(c, id, detached.error);
    return back(c, id, 'detached');
  });
  return office;
}
