/**
 * @module 依申请公开 on the portal (issue 11): `/apply`, the online request form with what 条例第二十九条
 * asks for; the receipt (回执) with the 查询码 once it is submitted; `/lookup`, the progress by 查询码.
 * A refused form comes back with a summary of its problems at the top (each a link to its field) and
 * each beside its field, everything typed kept. The receipt and the lookup show nothing that names the
 * applicant: anyone holding the code may open them.
 */
import {
  ID_TYPES,
  MEDIUM_LABELS,
  ONLINE_DELIVERY_LABELS,
  ONLINE_FIELDS,
  ONLINE_LIMITS,
} from '../../domain/requests/online-application.js';
import { APPLICANT_KIND_LABELS } from '../../domain/requests/request.js';
import type { PublicStanding, ReceivingAgency } from '../../ledger/index.js';
import { REQUEST_STATE_LABELS } from '../../present/labels.js';
import { Choice, type FormState, Input, TextArea } from '../views/form-fields.js';
import { PortalPage } from './portal-frame.js';

/** The honeypot's name: a field no person sees or fills, that form-filling robots do. */
export const HONEYPOT_FIELD = 'website';

export function ApplyPage(props: {
  agencies: readonly ReceivingAgency[];
  formToken: string;
  state?: FormState;
  /** A problem of the whole form (expired, refused), not of one field. */
  notice?: string;
}) {
  const { state } = props;
  const problems = state ? ONLINE_FIELDS.filter((f) => state.errors[f]) : [];
  return (
    <PortalPage title="政府信息公开申请" current="/apply">
      {props.notice && (
        <p class="notice refused" role="alert">
          {props.notice}
        </p>
      )}
      {problems.length > 0 && (
        <div class="notice refused error-summary" role="alert" aria-labelledby="error-summary-title">
          <p id="error-summary-title">申请未提交：有 {problems.length} 处需要修改。</p>
          <ul>
            {problems.map((f) => (
              <li>
                <a href={`#f-${f}`}>{state?.errors[f]}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        依据《中华人民共和国政府信息公开条例》第二十七条、第二十九条，可向行政机关申请获取相关政府信息。带
        <span aria-hidden="true"> * </span>
        的为必填项。提交后请保存好系统给出的<strong>查询码</strong>，凭查询码查询办理进度。
      </p>
      <p class="hint">
        网上提交的申请，以双方确认之日为收到申请之日（条例第三十一条）：受理机关将通过您留下的联系方式与您确认。所填个人信息仅用于办理本申请。
      </p>
      <form method="post" action="/apply" class="form card" novalidate>
        <input type="hidden" name="_form" value={props.formToken} />
        <fieldset>
          <legend>受理机关</legend>
          <Choice
            state={state}
            name="agency"
            label="向哪个机关申请"
            value={props.agencies.length === 1 ? String(props.agencies[0]!.id) : ''}
            options={[
              ['', '请选择'],
              ...props.agencies.map((a) => [String(a.id), `${'　'.repeat(a.depth)}${a.name}`] as const),
            ]}
          />
        </fieldset>
        <fieldset>
          <legend>申请人信息</legend>
          <div class="row">
            <Choice
              state={state}
              name="type"
              label="申请人类型"
              value="自然人"
              options={Object.values(APPLICANT_KIND_LABELS).map((l) => [l, l] as const)}
            />
            <Input
              state={state}
              name="applicant"
              label="姓名或名称"
              required
              maxLength={ONLINE_LIMITS.applicant}
              autocomplete="name"
            />
          </div>
          <div class="row">
            <Choice
              state={state}
              name="idType"
              label="身份证明类型"
              value="居民身份证"
              options={ID_TYPES.map((t) => [t, t] as const)}
            />
            <Input
              state={state}
              name="idNumber"
              label="证件号码"
              required
              maxLength={ONLINE_LIMITS.idNumber}
              hint="法人或其他组织填统一社会信用代码"
            />
          </div>
          <div class="row">
            <Input
              state={state}
              name="phone"
              label="联系电话"
              type="tel"
              maxLength={ONLINE_LIMITS.phone}
              autocomplete="tel"
              hint="联系电话与电子邮箱至少填一项"
            />
            <Input
              state={state}
              name="email"
              label="电子邮箱"
              type="email"
              maxLength={ONLINE_LIMITS.email}
              autocomplete="email"
            />
          </div>
          <div class="row">
            <Input
              state={state}
              name="address"
              label="通信地址"
              maxLength={ONLINE_LIMITS.address}
              autocomplete="street-address"
              hint="选择邮寄的必填"
            />
            <Input
              state={state}
              name="postcode"
              label="邮政编码"
              maxLength={6}
              inputmode="numeric"
              autocomplete="postal-code"
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>所需政府信息</legend>
          <TextArea
            state={state}
            name="content"
            label="所需信息的名称、文号或者便于查询的其他特征性描述"
            required
            maxLength={ONLINE_LIMITS.content}
            hint={`一份申请写一项所需信息，最多 ${ONLINE_LIMITS.content} 字`}
          />
          <div class="row">
            <Choice
              state={state}
              name="medium"
              label="载体形式"
              value="electronic"
              options={Object.entries(MEDIUM_LABELS).map(([k, l]) => [k, l] as const)}
            />
            <Choice
              state={state}
              name="delivery"
              label="获取方式"
              value="online"
              options={Object.entries(ONLINE_DELIVERY_LABELS).map(([k, l]) => [k, l] as const)}
            />
          </div>
        </fieldset>
        {/* Hidden from people (and from screen readers): only robots fill it in. */}
        <div class="hp" aria-hidden="true">
          <label for="f-website">网站（请勿填写）</label>
          <input id="f-website" name={HONEYPOT_FIELD} type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <div>
          <button type="submit">提交申请</button>
        </div>
      </form>
    </PortalPage>
  );
}

/** 回执: the 查询码 and what happens next; printable, and as a PDF. */
export function ReceiptPage(props: {
  code: string;
  agencyName: string;
  submittedOn: string;
  again?: boolean;
}) {
  return (
    <PortalPage title="申请已提交" current="/apply">
      <p class="notice done" role="status">
        {props.again
          ? '这份申请此前已经提交过，未重复登记。以下是它的查询码。'
          : '您的政府信息公开申请已提交。请保存好查询码，凭查询码查询办理进度。'}
      </p>
      <dl class="receipt">
        <dt>查询码</dt>
        <dd class="lookup-code">{props.code}</dd>
        <dt>受理机关</dt>
        <dd>{props.agencyName}</dd>
        <dt>提交日期</dt>
        <dd>{props.submittedOn}</dd>
        <dt>当前状态</dt>
        <dd>已提交，待确认</dd>
      </dl>
      <p>
        受理机关将与您确认申请，确认之日为收到申请之日（条例第三十一条），自该日起 20
        个工作日内答复；需要延长的，延长期限最长不超过 20 个工作日（条例第三十三条）。
      </p>
      <p class="no-print">
        <a href={`/apply/receipt/${props.code}.pdf`} download>
          下载回执（PDF）
        </a>
        {' · '}
        <a href={`/lookup?code=${props.code}`}>查询办理进度</a>
      </p>
    </PortalPage>
  );
}

/** The receipt as a self-contained page for printing to PDF (its styles inline, no other file). */
export function ReceiptDocument(props: { code: string; agencyName: string; submittedOn: string }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>{`政府信息公开申请回执 ${props.code}`}</title>
        <style>{`@page { size: A4; margin: 25mm 20mm; }
body { font-family: 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif; font-size: 12pt; color: #000; }
h1 { text-align: center; font-size: 18pt; font-weight: normal; margin-bottom: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 8pt; text-align: left; }
th { width: 28%; font-weight: normal; }
.code { font-size: 16pt; letter-spacing: 2pt; }
p { line-height: 1.8; }`}</style>
      </head>
      <body>
        <h1>政府信息公开申请回执</h1>
        <table>
          <tbody>
            <tr>
              <th scope="row">查询码</th>
              <td class="code">{props.code}</td>
            </tr>
            <tr>
              <th scope="row">受理机关</th>
              <td>{props.agencyName}</td>
            </tr>
            <tr>
              <th scope="row">提交日期</th>
              <td>{props.submittedOn}</td>
            </tr>
            <tr>
              <th scope="row">提交方式</th>
              <td>网上申请</td>
            </tr>
          </tbody>
        </table>
        <p>
          受理机关将与您确认申请，以双方确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条），自该日起
          20 个工作日内答复。请妥善保管查询码，凭查询码在本网站“办理进度查询”栏目查询。
        </p>
      </body>
    </html>
  );
}

export function LookupPage(props: { typed?: string; error?: string; standing?: PublicStanding }) {
  const s = props.standing;
  return (
    <PortalPage title="办理进度查询" current="/lookup">
      <form method="get" action="/lookup" class="form card">
        <Input
          state={{ values: { code: props.typed ?? '' }, errors: props.error ? { code: props.error } : {} }}
          name="code"
          label="查询码"
          required
          maxLength={40}
          hint="回执上的 12 位查询码，如 K7QM-2XWD-9HPC；不区分大小写"
        />
        <div>
          <button type="submit">查询</button>
        </div>
      </form>
      {s && (
        <section aria-labelledby="standing-title">
          <h2 id="standing-title">查询结果</h2>
          <dl class="receipt">
            <dt>查询码</dt>
            <dd class="lookup-code">{s.code}</dd>
            <dt>受理机关</dt>
            <dd>{s.agencyName}</dd>
            <dt>提交日期</dt>
            <dd>{s.submittedOn}</dd>
            <dt>状态</dt>
            <dd>
              {s.requestState === undefined
                ? s.stateLabel
                : `${s.stateLabel}：${REQUEST_STATE_LABELS[s.requestState]}`}
            </dd>
            {s.receivedOn && (
              <>
                <dt>收到申请之日</dt>
                <dd>{s.receivedOn}</dd>
              </>
            )}
            {s.dueOn && (
              <>
                <dt>答复期限</dt>
                <dd>{s.dueOn}</dd>
              </>
            )}
            {s.closedOn && (
              <>
                <dt>办结日期</dt>
                <dd>{s.closedOn}</dd>
              </>
            )}
            {s.declinedReason && (
              <>
                <dt>理由</dt>
                <dd>{s.declinedReason}</dd>
              </>
            )}
          </dl>
          {s.state === 'awaitingConfirmation' && (
            <p class="hint">受理机关尚未与您确认。确认之日为收到申请之日，答复期限自该日起计算。</p>
          )}
        </section>
      )}
    </PortalPage>
  );
}
