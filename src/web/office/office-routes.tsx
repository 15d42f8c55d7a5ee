/**
 * @module The back office's request pages (/office/…): the inbox, registering a request, a request and
 * its actions. Each handler is a pipeline: read the input (query or form) with its schema, call the
 * ledger's use case with the signed-in Actor (which asks the policy table), present the result or the
 * refusal. No rule is decided here; a refusal's HTTP status comes from refusal-status.ts.
 */
import { Hono } from 'hono';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import { EVENT_LABELS } from '../../domain/requests/events.js';
import {
  awaitingOnlineApplications,
  casesOfRequest,
  confirmOnlineApplication,
  correctParticulars,
  declineOnlineApplication,
  inbox,
  intakeRequest,
  RECORDABLE,
  type RecordableKind,
  recordableKindOf,
  recordRequestEvent,
  todayInChina,
  viewRequest,
  voidRequestEvent,
  withdrawCase,
} from '../../ledger/index.js';
import type { AppContext, AppEnv, Auth, WebDeps } from '../context.js';
import { correctionInputOf } from '../correction-body.js';
import { eventInputOf } from '../event-body.js';
import { formOf } from '../form-body.js';
import { intakeInputOf } from '../intake-body.js';
import { fieldOfRefusal } from '../refusal-fields.js';
import { statusOfRefusal } from '../refusal-status.js';
import { documentOf, Page, type Viewer } from '../views/layout.js';
import { InboxPage, InboxQuerySchema, inboxFiltersOf } from './inbox-page.js';
import type { OnlineAttempt } from './online-applications-section.js';
import { RegisterPage } from './register-page.js';
import {
  type ActionAttempt,
  type CaseWithdrawalAttempt,
  type CorrectionAttempt,
  RequestPage,
  type VoidAttempt,
} from './request-page.js';

export function viewerOf(auth: Auth): Viewer {
  return {
    name: auth.user.name,
    displayName: auth.user.displayName,
    agencyName: auth.agencyName,
    roles: auth.user.roles,
    csrfToken: auth.csrfToken ?? '',
  };
}

/** A refusal as a page: 404 for what the viewer may not see, 403 for what their role may not do. */
export function refusedPage(c: AppContext, refusal: { readonly code: string; readonly message: string }) {
  const auth = c.get('auth');
  const status = statusOfRefusal(refusal.code);
  const title = status === 404 ? '未找到' : status === 403 ? '无权操作' : '无法完成';
  return c.html(
    documentOf(
      <Page title={title} {...(auth ? { viewer: viewerOf(auth) } : {})}>
        <p class="notice refused" role="alert">
          {refusal.message}
        </p>
        <p>
          <a href="/office">返回工作台</a>
        </p>
      </Page>,
    ),
    status,
  );
}

export function officeRoutes(deps: WebDeps): Hono<AppEnv> {
  const office = new Hono<AppEnv>();
  const { storage } = deps;
  const today = () => todayInChina(deps.now());
  const authOf = (c: AppContext) => c.get('auth')!;

  office.get('/', (c) => {
    const roles = authOf(c).user.roles;
    if (roles.some((r) => r === 'handler' || r === 'approver' || r === 'oversight'))
      return c.redirect('/office/inbox', 303);
    if (roles.includes('admin')) return c.redirect('/office/admin/users', 303);
    return c.redirect('/office/account', 303);
  });

  const showInbox = async (c: AppContext, attempt?: OnlineAttempt, status: 200 | 404 | 409 | 422 = 200) => {
    const query = InboxQuerySchema.parse(c.req.query());
    const auth = authOf(c);
    const found = await inbox(storage, auth.actor, inboxFiltersOf(query), { asOf: today() });
    if (!found.ok) return refusedPage(c, found.error);
    // Only a handler confirms online applications; for other roles the section is not there.
    const awaiting = auth.user.roles.includes('handler')
      ? await awaitingOnlineApplications(storage, auth.actor)
      : undefined;
    const done = c.req.query('online');
    const notice =
      done === 'confirmed'
        ? '网上申请已确认并登记。'
        : done === 'declined'
          ? '已不予受理，申请人凭查询码可以看到理由。'
          : undefined;
    return c.html(
      documentOf(
        <InboxPage
          viewer={viewerOf(auth)}
          inbox={found.value}
          query={query}
          {...(awaiting?.ok
            ? {
                online: {
                  awaiting: awaiting.value,
                  ...(attempt ? { attempt } : {}),
                  ...(notice ? { notice } : {}),
                },
              }
            : {})}
        />,
      ),
      status,
    );
  };
  office.get('/inbox', (c) => showInbox(c));

  office.post('/online/:code/confirm', async (c) => {
    const code = c.req.param('code');
    const values = await formOf(c);
    const on = values.confirmedOn ?? '';
    if (!isLocalDate(on))
      return showInbox(c, { code, message: '请填写双方确认之日，如 2025-09-29 (a date YYYY-MM-DD)' }, 422);
    const confirmed = await confirmOnlineApplication(storage, authOf(c).actor, code, on, { today: today() });
    if (!confirmed.ok) {
      if (statusOfRefusal(confirmed.error.code) === 403) return refusedPage(c, confirmed.error);
      return showInbox(
        c,
        { code, message: confirmed.error.message },
        statusOfRefusal(confirmed.error.code) as 404 | 409 | 422,
      );
    }
    return c.redirect(`/office/requests/${confirmed.value.requestId}?done=registered`, 303);
  });

  office.post('/online/:code/decline', async (c) => {
    const code = c.req.param('code');
    const values = await formOf(c);
    const declined = await declineOnlineApplication(
      storage,
      authOf(c).actor,
      code,
      values.reason ?? '',
      today(),
    );
    if (!declined.ok) {
      if (statusOfRefusal(declined.error.code) === 403) return refusedPage(c, declined.error);
      return showInbox(
        c,
        { code, message: declined.error.message },
        statusOfRefusal(declined.error.code) as 404 | 409 | 422,
      );
    }
    return c.redirect('/office/inbox?online=declined', 303);
  });

  office.get('/requests/new', (c) =>
    c.html(documentOf(<RegisterPage viewer={viewerOf(authOf(c))} today={today()} />)),
  );

  office.post('/requests', async (c) => {
    const auth = authOf(c);
    const values = await formOf(c);
    const again = (errors: Record<string, string>, status: 422 | 403 | 404) =>
      c.html(
        documentOf(<RegisterPage viewer={viewerOf(auth)} today={today()} state={{ values, errors }} />),
        status,
      );
    const input = intakeInputOf(values, auth.actor.agencyId);
    if (!input.ok) return again({ ...input.errors }, 422);
    const result = await intakeRequest(storage, auth.actor, input.value, { today: today() });
    if (!result.ok) {
      const status = statusOfRefusal(result.error.code);
      if (status === 403) return refusedPage(c, result.error);
      return again({ [fieldOfRefusal(result.error.code)]: result.error.message }, status === 404 ? 404 : 422);
    }
    const note = result.value.status === 'duplicate' ? 'duplicate' : 'registered';
    return c.redirect(`/office/requests/${result.value.id}?done=${note}`, 303);
  });

  const showRequest = async (
    c: AppContext,
    id: string,
    attempt?: ActionAttempt,
    voidAttempt?: VoidAttempt,
    correctionAttempt?: CorrectionAttempt,
    caseAttempt?: CaseWithdrawalAttempt,
  ) => {
    const auth = authOf(c);
    const viewed = await viewRequest(storage, auth.actor, id, { asOf: today() });
    if (!viewed.ok) return refusedPage(c, viewed.error);
    const cases = await casesOfRequest(storage, auth.actor, id);
    const done = c.req.query('done');
    const doneText =
      done === 'registered'
        ? '已登记。'
        : done?.startsWith('void-')
          ? `已作废第 ${done.slice(5)} 条；状态和期限已按其余记录重新计算。`
          : done === 'case-withdrawn'
            ? '已撤销该案件的登记；记录保留，不再计入年度报告第四部分。'
            : done?.startsWith('correct-')
              ? `已更正申请信息（第 ${done.slice(8)} 条）；期限和报告数字已按更正后的信息重新计算。`
              : done === 'duplicate'
                ? '本机关登记编号已登记过，未重复登记；以下是已登记的申请。'
                : done && recordableKindOf(done, EVENT_LABELS)
                  ? `已记录“${EVENT_LABELS[recordableKindOf(done, EVENT_LABELS)!]}”。`
                  : undefined;
    return c.html(
      documentOf(
        <RequestPage
          viewer={viewerOf(auth)}
          actor={auth.actor}
          view={viewed.value}
          today={today()}
          {...(attempt ? { attempt } : {})}
          {...(voidAttempt ? { voidAttempt } : {})}
          {...(correctionAttempt ? { correctionAttempt } : {})}
          {...(caseAttempt ? { caseAttempt } : {})}
          cases={cases.ok ? cases.value : []}
          {...(doneText ? { done: doneText } : {})}
        />,
      ),
      attempt || voidAttempt || correctionAttempt || caseAttempt ? 422 : 200,
    );
  };

  office.get('/requests/:id', (c) => showRequest(c, c.req.param('id')));

  office.post('/requests/:id/events', async (c) => {
    const auth = authOf(c);
    const id = c.req.param('id');
    const values = await formOf(c);
    const kind: RecordableKind = recordableKindOf(values.event ?? '', EVENT_LABELS) ?? RECORDABLE[0]!;
    const input = eventInputOf(values);
    if (!input.ok) return showRequest(c, id, { kind, values, errors: input.errors });
    const recorded = await recordRequestEvent(storage, auth.actor, id, input.value, { today: today() });
    if (!recorded.ok) {
      const status = statusOfRefusal(recorded.error.code);
      if (status === 403 || status === 404) return refusedPage(c, recorded.error);
      return showRequest(c, id, {
        kind,
        values,
        errors: { [fieldOfRefusal(recorded.error.code)]: recorded.error.message },
      });
    }
    return c.redirect(`/office/requests/${id}?done=${encodeURIComponent(values.event ?? '')}`, 303);
  });

  office.post('/requests/:id/voids', async (c) => {
    const auth = authOf(c);
    const id = c.req.param('id');
    const values = await formOf(c);
    const seq = Number(values.seq);
    const reason = values.reason ?? '';
    const confirmCompletedYear = values.confirmCompletedYear === '1';
    const voided = Number.isSafeInteger(seq)
      ? await voidRequestEvent(storage, auth.actor, id, seq, reason, { today: today(), confirmCompletedYear })
      : undefined;
    if (!voided?.ok) {
      const refusal = voided?.error ?? {
        code: 'void.unknown-entry',
        message: '请指明要作废的记录 (which entry?)',
      };
      const status = statusOfRefusal(refusal.code);
      if (status === 403 || status === 404) return refusedPage(c, refusal);
      return showRequest(c, id, undefined, {
        seq,
        reason,
        error: refusal.message,
        needsConfirm: refusal.code === 'correct.year-complete',
      });
    }
    return c.redirect(`/office/requests/${id}?done=void-${seq}`, 303);
  });

  office.post('/requests/:id/corrections', async (c) => {
    const auth = authOf(c);
    const id = c.req.param('id');
    const values = await formOf(c);
    const input = correctionInputOf(values);
    if (!input.ok) return showRequest(c, id, undefined, undefined, { values, errors: input.errors });
    const { wanted, reason, confirmCompletedYear } = input.value;
    const corrected = await correctParticulars(storage, auth.actor, id, wanted, reason, {
      today: today(),
      confirmCompletedYear,
    });
    if (!corrected.ok) {
      const status = statusOfRefusal(corrected.error.code);
      if (status === 403 || status === 404) return refusedPage(c, corrected.error);
      return showRequest(c, id, undefined, undefined, {
        values,
        errors: { [fieldOfRefusal(corrected.error.code)]: corrected.error.message },
      });
    }
    return c.redirect(`/office/requests/${id}?done=correct-${corrected.value.seq}`, 303);
  });

  office.post('/cases/:id/withdrawals', async (c) => {
    const auth = authOf(c);
    const caseId = c.req.param('id');
    const values = await formOf(c);
    // Only where to go back: the request page checks again what the user may see.
    const requestId = values.request ?? '';
    const withdrawn = await withdrawCase(
      storage,
      auth.actor,
      { caseId, reason: values.reason ?? '' },
      { today: today(), confirmCompletedYear: values.confirmCompletedYear === '1' },
    );
    if (!withdrawn.ok) {
      const status = statusOfRefusal(withdrawn.error.code);
      if (status === 403 || status === 404 || !requestId) return refusedPage(c, withdrawn.error);
      return showRequest(c, requestId, undefined, undefined, undefined, {
        caseId,
        reason: values.reason ?? '',
        error: withdrawn.error.message,
        needsConfirm: withdrawn.error.code === 'correct.year-complete',
      });
    }
    return c.redirect(`/office/requests/${withdrawn.value.requestId ?? requestId}?done=case-withdrawn`, 303);
  });

  return office;
}
