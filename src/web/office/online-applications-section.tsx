/**
 * @module 待确认的网上申请 on the handler's inbox: each application sent on the portal or through the
 * public API, with what 条例第二十九条 asks for (the ID number masked), and two forms — 确认 with the
 * day both sides confirmed it (条例第三十一条(三): that day is its receipt date; it then enters the
 * ledger with channel 网上) and 不予受理 with a reason the applicant will read by the 查询码.
 */
import { MEDIUM_LABELS, ONLINE_DELIVERY_LABELS } from '../../domain/requests/online-application.js';
import { APPLICANT_KIND_LABELS } from '../../domain/requests/request.js';
import type { AwaitingApplication } from '../../ledger/index.js';
import { CsrfField, FieldError } from '../views/layout.js';

/** A refused confirmation or decline, shown on the application it concerns. */
export interface OnlineAttempt {
  readonly code: string;
  readonly message: string;
}

const label = (labels: Readonly<Record<string, string>>, key: string) => labels[key] ?? key;

export function OnlineApplicationsSection(props: {
  awaiting: readonly AwaitingApplication[];
  csrfToken: string;
  today: string;
  attempt?: OnlineAttempt;
}) {
  if (props.awaiting.length === 0) return null;
  return (
    <section class="card online-applications" aria-labelledby="online-title">
      <h2 id="online-title">待确认的网上申请（{props.awaiting.length} 件）</h2>
      <p class="muted">
        网上申请以双方确认之日为收到申请之日（条例第三十一条第三项）：与申请人确认后，按确认之日登记；不属于政府信息公开申请或重复提交的，写明理由不予受理，申请人凭查询码可以看到。
      </p>
      {props.awaiting.map((a) => {
        const id = `online-${a.code}`;
        const refused = props.attempt?.code === a.code ? props.attempt.message : undefined;
        return (
          <details open={refused !== undefined} id={id}>
            <summary>
              {a.submittedOn} · {a.applicantName}（{label(APPLICANT_KIND_LABELS, a.applicantKind)}）·{' '}
              {a.content.length > 30 ? `${a.content.slice(0, 30)}…` : a.content}
            </summary>
            <dl class="receipt">
              <dt>查询码</dt>
              <dd>{a.code}</dd>
              <dt>提交时间</dt>
              <dd>
                {a.submittedOn}（{a.via === 'api' ? '政务服务平台转来' : '本网站'}）
              </dd>
              <dt>身份证明</dt>
              <dd>
                {a.idType} {a.idNumberMasked}
              </dd>
              <dt>联系方式</dt>
              <dd>
                {[a.contact.phone, a.contact.email, a.contact.address, a.contact.postcode]
                  .filter((x) => x)
                  .join('；')}
              </dd>
              <dt>所需信息</dt>
              <dd class="content">{a.content}</dd>
              <dt>提供方式</dt>
              <dd>
                {label(MEDIUM_LABELS, a.requestedForm.medium)}，
                {label(ONLINE_DELIVERY_LABELS, a.requestedForm.delivery)}
              </dd>
            </dl>
            <FieldError id={`${id}-error`} message={refused} />
            <div class="row">
              <form method="post" action={`/office/online/${a.code}/confirm`} class="form">
                <CsrfField token={props.csrfToken} />
                <label for={`${id}-on`}>
                  <span>双方确认之日</span>
                  <input id={`${id}-on`} name="confirmedOn" type="date" value={props.today} required />
                </label>
                <div>
                  <button type="submit">确认并登记</button>
                </div>
              </form>
              <form method="post" action={`/office/online/${a.code}/decline`} class="form">
                <CsrfField token={props.csrfToken} />
                <label for={`${id}-reason`}>
                  <span>不予受理的理由（申请人可见）</span>
                  <input id={`${id}-reason`} name="reason" type="text" maxlength={500} required />
                </label>
                <div>
                  <button type="submit" class="secondary">
                    不予受理
                  </button>
                </div>
              </form>
            </div>
          </details>
        );
      })}
    </section>
  );
}
