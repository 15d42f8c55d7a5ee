/**
 * @module The portal's 依申请公开 routes: `GET /apply` (the form, with a fresh form token), `POST /apply`
 * (the form's fields → submitOnlineApplication; the form token is the idempotency key, so the same form
 * sent twice — a double click, a reload — is one application), `GET /apply/receipt/{code}` and
 * `…/{code}.pdf` (the 回执), `GET /lookup?code=…` (the progress). No sign-in. The body limit and the
 * per-address limit sit in front of `POST /apply` (app.ts); the honeypot is checked here.
 */
import { Hono } from 'hono';
import { randomSecret } from '../../accounts/secrets.js';
import { printHtml } from '../../documents/pdf/render-pdf.js';
import { ONLINE_FIELDS, type OnlineApplicationInput } from '../../domain/requests/online-application.js';
import {
  lookupOnlineApplication,
  receivingAgencies,
  submitOnlineApplication,
  todayInChina,
} from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { formOf } from '../form-body.js';
import { printSlot } from '../print-slot.js';
import { documentOf } from '../views/layout.js';
import { ApplyPage, HONEYPOT_FIELD, LookupPage, ReceiptDocument, ReceiptPage } from './apply-pages.js';
import type { PortalRender } from './portal-routes.js';

const FORM_TOKEN = /^[A-Za-z0-9_-]{24,64}$/;
const CODE_PATH = /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/;

export function applyRoutes(deps: WebDeps, render: PortalRender): Hono<AppEnv> {
  const portal = new Hono<AppEnv>();
  const { storage } = deps;

  const form = async (
    c: AppContext,
    props: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string },
    status: 200 | 400 | 422 = 200,
  ) => {
    const agencies = await receivingAgencies(storage);
    // A refused form keeps its token: sent again once mended, it is still one application.
    const token =
      props.values?._form && FORM_TOKEN.test(props.values._form) ? props.values._form : randomSecret(24);
    return render(
      c,
      <ApplyPage
        agencies={agencies}
        formToken={token}
        {...(props.values ? { state: { values: props.values, errors: props.errors ?? {} } } : {})}
        {...(props.notice ? { notice: props.notice } : {})}
      />,
      status,
    );
  };

  portal.get('/apply', (c) => form(c, {}));

  portal.post('/apply', async (c) => {
    const values = await formOf(c);
    if ((values[HONEYPOT_FIELD] ?? '') !== '')
      return form(c, { notice: '申请未能提交，请刷新页面后重新填写 (the form could not be accepted)' }, 400);
    const token = values._form ?? '';
    if (!FORM_TOKEN.test(token))
      return form(
        c,
        { values: { ...values, _form: '' }, notice: '申请表已失效，请核对后重新提交 (the form expired)' },
        400,
      );
    const input: Record<string, string> = {};
    for (const key of ONLINE_FIELDS)
      if (key !== 'agency' && values[key] !== undefined) input[key] = values[key]!;
    const submitted = await submitOnlineApplication(
      storage,
      {
        agency: values.agency ?? '',
        form: input as OnlineApplicationInput,
        idempotencyKey: token,
        via: 'portal',
        address: c.get('address'),
      },
      deps.now(),
    );
    if (!submitted.ok) {
      const error = submitted.error;
      if ('problems' in error) {
        const errors: Record<string, string> = {};
        for (const p of error.problems) errors[p.field] ??= p.message;
        return form(c, { values, errors }, 422);
      }
      // The same form token with other contents: the form was sent, then changed; a new form is a new one.
      return form(c, { values: { ...values, _form: '' }, notice: error.message }, 422);
    }
    const again = submitted.value.status === 'replayed' ? '?again' : '';
    return c.redirect(`/apply/receipt/${submitted.value.code}${again}`, 303);
  });

  const receiptOf = async (code: string) => {
    if (!CODE_PATH.test(code)) return undefined;
    const found = await lookupOnlineApplication(storage, code, { today: todayInChina(deps.now()) });
    return found.ok ? found.value : undefined;
  };

  portal.get('/apply/receipt/:file', async (c) => {
    const file = c.req.param('file');
    const pdf = file.endsWith('.pdf');
    const standing = await receiptOf(pdf ? file.slice(0, -4) : file);
    if (!standing) return render(c, <LookupPage error="没有这个查询码，请核对回执上的查询码" />, 404);
    const props = { code: standing.code, agencyName: standing.agencyName, submittedOn: standing.submittedOn };
    if (!pdf) return render(c, <ReceiptPage {...props} again={c.req.query('again') !== undefined} />);
    const release = await printSlot();
    try {
      const bytes = await printHtml(documentOf(<ReceiptDocument {...props} />));
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="receipt-${standing.code}.pdf"`,
        'cache-control': 'no-store',
      });
    } finally {
      release();
    }
  });

  portal.get('/lookup', async (c) => {
    const typed = c.req.query('code')?.slice(0, 40);
    if (typed === undefined || typed.trim() === '') return render(c, <LookupPage />);
    const found = await lookupOnlineApplication(storage, typed, { today: todayInChina(deps.now()) });
    if (!found.ok)
      return render(
        c,
        <LookupPage typed={typed} error={found.error.message} />,
        found.error.code === 'online.unknown' ? 404 : 422,
      );
    return render(c, <LookupPage typed={typed} standing={found.value} />);
  });

  return portal;
}
