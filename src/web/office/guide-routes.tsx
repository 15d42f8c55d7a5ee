/**
 * @module 政府信息公开指南 in the back office (/office/guide): an approver or an administrator writes the
 * agency's guide, with each item 条例第十二条 requires, and publishes it as a new version; the form comes
 * back with each missing item named. The portal's /guide shows the latest version.
 */
import { Hono } from 'hono';
import { publicGuide, publishGuide } from '../../catalogue/index.js';
import {
  type DisclosureGuide,
  GUIDE_LABELS,
  GUIDE_SECTION_LIMIT,
  type GuideField,
  guideValue,
} from '../../domain/portal/guide.js';
import { todayInChina } from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { formOf } from '../form-body.js';
import { statusOfRefusal } from '../refusal-status.js';
import { type FormState, Input, TextArea } from '../views/form-fields.js';
import { CsrfField, documentOf, Notice, Page, type Viewer } from '../views/layout.js';
import { refusedPage, viewerOf } from './office-routes.js';

const OFFICE_KEYS = ['name', 'address', 'hours', 'phone', 'fax', 'online'] as const;
const SECTION_KEYS = ['classification', 'howToObtain', 'requestProcedure', 'fees', 'supervision'] as const;
const fieldName = (f: GuideField) => f.replace('.', '_');

function GuideEditPage(props: { viewer: Viewer; state: FormState; notice?: string; version?: number }) {
  return (
    <Page title="政府信息公开指南" viewer={props.viewer} current="/office/guide">
      <Notice kind="done" text={props.notice} />
      {Object.keys(props.state.errors).length > 0 && (
        <Notice kind="refused" text="未发布：请按提示补充后重新提交（条例第十二条第二款）。" />
      )}
      <p class="muted">
        {props.version
          ? `当前为第 ${props.version} 版；发布后成为新的一版，旧版保留。`
          : '本机关尚未发布指南。'}
        公开网站的“政府信息公开指南”栏目显示最新一版。
      </p>
      <form method="post" action="/office/guide" class="form card" novalidate>
        <CsrfField token={props.viewer.csrfToken} />
        <h2>政府信息公开工作机构</h2>
        {OFFICE_KEYS.map((k) => (
          <Input
            state={props.state}
            name={`office_${k}`}
            label={GUIDE_LABELS[`office.${k}`]}
            required
            maxLength={200}
          />
        ))}
        {SECTION_KEYS.map((k) => (
          <TextArea
            state={props.state}
            name={k}
            label={GUIDE_LABELS[k]}
            required={k === 'classification' || k === 'howToObtain'}
            maxLength={GUIDE_SECTION_LIMIT}
            hint="一行一段"
          />
        ))}
        <div>
          <button type="submit">发布指南</button>
        </div>
      </form>
    </Page>
  );
}

function guideOfForm(values: Record<string, string>): DisclosureGuide {
  const v = (k: string) => values[k] ?? '';
  return {
    office: {
      name: v('office_name'),
      address: v('office_address'),
      hours: v('office_hours'),
      phone: v('office_phone'),
      fax: v('office_fax'),
      online: v('office_online'),
    },
    classification: v('classification'),
    howToObtain: v('howToObtain'),
    requestProcedure: v('requestProcedure'),
    fees: v('fees'),
    supervision: v('supervision'),
  };
}

export function guideRoutes(deps: WebDeps): Hono<AppEnv> {
  const office = new Hono<AppEnv>();
  const authOf = (c: AppContext) => c.get('auth')!;

  office.get('/guide', async (c) => {
    const auth = authOf(c);
    const found = await publicGuide(deps.storage, auth.user.agencyId);
    const values: Record<string, string> = {};
    if (found?.current)
      for (const field of Object.keys(GUIDE_LABELS) as GuideField[])
        values[fieldName(field)] = guideValue(found.current.guide, field) ?? '';
    const notice = c.req.query('done') !== undefined ? '指南已发布。' : undefined;
    return c.html(
      documentOf(
        <GuideEditPage
          viewer={viewerOf(auth)}
          state={{ values, errors: {} }}
          {...(notice ? { notice } : {})}
          {...(found?.versions ? { version: found.versions } : {})}
        />,
      ),
    );
  });

  office.post('/guide', async (c) => {
    const auth = authOf(c);
    const values = await formOf(c);
    const published = await publishGuide(
      deps.storage,
      auth.actor,
      auth.user.agencyId,
      guideOfForm(values),
      todayInChina(deps.now()),
    );
    if (published.ok) return c.redirect('/office/guide?done', 303);
    const error = published.error;
    if (!('problems' in error)) return refusedPage(c, error);
    const errors: Record<string, string> = {};
    for (const p of error.problems) errors[fieldName(p.field)] = p.message;
    return c.html(
      documentOf(<GuideEditPage viewer={viewerOf(auth)} state={{ values, errors }} />),
      statusOfRefusal(error.code) as 422,
    );
  });
  return office;
}
