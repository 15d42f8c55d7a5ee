/**
 * @module 申请详情 (/office/requests/{id}): the applicant, content, channel, receipt date, state, due
 * date and how it was counted day by day (as `requests show` prints it), the full history, and a form
 * for each action the request's state allows (the domain's transitions) that the viewer's role may take
 * (the policy table). A refusal is shown beside the field it concerns, with what was typed kept.
 */
import { type Actor, actionOfEvent, authorize } from '../../domain/access/policy.js';
import { CASE_RESULT_LABELS } from '../../domain/requests/cases.js';
import { EVENT_LABELS } from '../../domain/requests/events.js';
import { OUTCOMES } from '../../domain/requests/outcomes.js';
import { APPLICANT_KIND_LABELS, CHANNEL_LABELS } from '../../domain/requests/request.js';
import {
  CASE_KIND_LABELS,
  EVENT_NAMES,
  isEventItem,
  type RecordableKind,
  type RequestView,
} from '../../ledger/index.js';
import { STORED_CHANNEL_LABELS, stateLabelOf } from '../../present/labels.js';
import {
  closedText,
  dueText,
  historyDetailText,
  historyLabel,
  leftText,
} from '../../present/request-view.js';
import type { Case } from '../../storage/index.js';
import type { FieldErrors } from '../input-schema.js';
import { CsrfField, FieldError, Notice, Page, type Viewer } from '../views/layout.js';

/** What a refused action form sent back, to show it again with the problems. */
export interface ActionAttempt {
  readonly kind: RecordableKind;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

/** Events that close the request: the form asks once before it is sent. */
const CLOSING: readonly RecordableKind[] = ['Decided', 'Withdrawn', 'CorrectionLapsed', 'FeeLapsed'];

/** Outcomes a 答复 can have (a lapse or a withdrawal is its own event). */
const DECISION_OUTCOMES = OUTCOMES.filter((o) => o.byEvent !== true);

/** A text with each date kept whole: a browser would otherwise break 2026-12-09 after a hyphen. */
const withWholeDates = (text: string) =>
  text.split(/(\d{4}-\d{2}-\d{2})/).map((part, i) => (i % 2 === 1 ? <span class="date">{part}</span> : part));

function Field(props: {
  attempt: ActionAttempt | undefined;
  kind: RecordableKind;
  name: string;
  label: string;
  type?: string;
  value?: string;
  hint?: string;
  required?: boolean;
}) {
  const id = `${props.kind}-${props.name}`;
  const mine = props.attempt?.kind === props.kind ? props.attempt : undefined;
  const error = mine?.errors[props.name];
  return (
    <label for={id}>
      {props.label}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={mine?.values[props.name] ?? props.value ?? ''}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {props.hint && <span class="hint">{props.hint}</span>}
      <FieldError id={`${id}-error`} message={error} />
    </label>
  );
}

function ActionForm(props: {
  view: RequestView;
  kind: RecordableKind;
  viewer: Viewer;
  attempt: ActionAttempt | undefined;
  today: string;
}) {
  const { kind, attempt, view } = props;
  const f = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field attempt={attempt} kind={kind} name={name} label={label} {...extra} />
  );
  const mine = attempt?.kind === kind ? attempt : undefined;
  const outcome = mine?.values.outcome;
  return (
    <details open={mine !== undefined} id={`action-${EVENT_NAMES[kind]}`}>
      <summary>{EVENT_LABELS[kind]}</summary>
      <form
        method="post"
        action={`/office/requests/${view.id}/events`}
        class="form"
        data-confirm={
          CLOSING.includes(kind) ? `确认记录“${EVENT_LABELS[kind]}”？记录后申请即办结。` : undefined
        }
      >
        <CsrfField token={props.viewer.csrfToken} />
        <input type="hidden" name="event" value={EVENT_NAMES[kind]} />
        <FieldError id={`${kind}-event-error`} message={mine?.errors.event} />
        {f('on', '日期', { type: 'date', value: props.today, required: true })}
        {kind === 'CorrectionRequested' && [
          f('items', '需要补正的事项', { required: true }),
          f('dueBy', '补正期限', { type: 'date', required: true, hint: '合理的补正期限（条例第三十条）' }),
        ]}
        {kind === 'Extended' && [
          f('days', '延长的工作日数', {
            type: 'number',
            value: '20',
            hint: '最长 20 个工作日（条例第三十三条）',
          }),
          f('approver', '同意延长的负责人', { value: props.viewer.displayName, required: true }),
        ]}
        {kind === 'ThirdPartyConsultationStarted' && f('party', '第三方', { required: true })}
        {kind === 'AgencyConsultationStarted' && f('with', '征求意见的机关', { required: true })}
        {kind === 'FeeNoticeSent' && [
          <label for={`${kind}-method`}>
            计费方式
            <select id={`${kind}-method`} name="method">
              <option value="per-volume" selected={mine?.values.method !== 'per-piece'}>
                按量计收（按页数，《办法》第五条）
              </option>
              <option value="per-piece" selected={mine?.values.method === 'per-piece'}>
                按件计收（《办法》第四条）
              </option>
            </select>
            <FieldError id={`${kind}-method-error`} message={mine?.errors.method} />
          </label>,
          f('pages', '页数（按量）', { type: 'number' }),
          f('pieces', '件数（按件）', { type: 'number', hint: '本月此前件数不填时由系统按同一申请人统计' }),
          f('earlier', '本月此前件数（按件）', { type: 'number' }),
          f('amount', '金额（元）', { hint: '不填时按页数或件数计算' }),
          f('delivered', '送达日期', { type: 'date' }),
        ]}
        {kind === 'Decided' && (
          <label for={`${kind}-outcome`}>
            办理结果
            <select
              id={`${kind}-outcome`}
              name="outcome"
              aria-invalid={mine?.errors.outcome ? 'true' : undefined}
              required
            >
              {DECISION_OUTCOMES.map((o) => (
                <option value={o.label} selected={outcome === o.label}>
                  {o.label}
                </option>
              ))}
            </select>
            <FieldError id={`${kind}-outcome-error`} message={mine?.errors.outcome} />
          </label>
        )}
        {f('reason', '说明（可选）')}
        <div>
          <button type="submit">记录“{EVENT_LABELS[kind]}”</button>
        </div>
      </form>
    </details>
  );
}

/** A refused void: which entry, and why (shown beside its reason field). */
export interface VoidAttempt {
  readonly seq: number;
  readonly reason: string;
  readonly error: string;
  /** Refused because it changes a completed report year: the form asks for the confirmation. */
  readonly needsConfirm?: boolean;
}

/** A refused 撤销登记 of a case: which, what was typed, why. */
export interface CaseWithdrawalAttempt {
  readonly caseId: string;
  readonly reason: string;
  readonly error: string;
  readonly needsConfirm: boolean;
}

/** 复议/诉讼 about the request, each with 撤销登记 for one entered by mistake (kept, no longer counted). */
function CasesSection(props: {
  view: RequestView;
  cases: readonly Case[];
  viewer: Viewer;
  canWithdraw: boolean;
  attempt: CaseWithdrawalAttempt | undefined;
}) {
  if (props.cases.length === 0) return null;
  return (
    <>
      <h2>行政复议、行政诉讼</h2>
      <table class="history">
        <thead>
          <tr>
            <th scope="col">类别</th>
            <th scope="col">立案日期</th>
            <th scope="col">结果</th>
            {props.canWithdraw && <th scope="col">更正</th>}
          </tr>
        </thead>
        <tbody>
          {props.cases.map((c) => {
            const mine = props.attempt?.caseId === c.id ? props.attempt : undefined;
            const id = `withdraw-${c.id.slice(0, 8)}`;
            return (
              <tr>
                <td>{CASE_KIND_LABELS[c.kind]}</td>
                <td>{c.filedOn}</td>
                <td>
                  {CASE_RESULT_LABELS[c.result]}
                  {c.closedOn && `（${c.closedOn}）`}
                </td>
                {props.canWithdraw && (
                  <td class="correct">
                    <details open={mine !== undefined}>
                      <summary>撤销登记</summary>
                      <form
                        method="post"
                        action={`/office/cases/${c.id}/withdrawals`}
                        class="form"
                        data-confirm="确认撤销该案件的登记？记录仍保留，但不再计入年度报告第四部分。"
                      >
                        <CsrfField token={props.viewer.csrfToken} />
                        <input type="hidden" name="request" value={props.view.id} />
                        <label for={id}>
                          撤销理由（如：重复登记）
                          <input
                            id={id}
                            name="reason"
                            required
                            value={mine?.reason ?? ''}
                            aria-invalid={mine ? 'true' : undefined}
                            aria-describedby={mine ? `${id}-error` : undefined}
                          />
                          <FieldError id={`${id}-error`} message={mine?.error} />
                        </label>
                        {mine?.needsConfirm && <ConfirmCompletedYear id={`${id}-confirm`} />}
                        <button type="submit" class="secondary">
                          撤销登记
                        </button>
                      </form>
                    </details>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** What a refused 更正申请信息 form sent back, with the problems by field. */
export interface CorrectionAttempt {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

/** The confirmation a correction to a completed report year needs (shown once it was refused for it). */
function ConfirmCompletedYear(props: { id: string }) {
  return (
    <label for={props.id} class="check">
      <input id={props.id} type="checkbox" name="confirmCompletedYear" value="1" />
      确认更正：该年度报告已标记完成，此更正将列入该年度报告的发现
    </label>
  );
}

const selectOptions = (labels: Readonly<Record<string, string>>, chosen: string | undefined) => [
  <option value="">（不更正）</option>,
  ...Object.values(labels).map((label) => (
    <option value={label} selected={chosen === label}>
      {label}
    </option>
  )),
];

/**
 * 更正申请信息: the approver corrects the applicant's name or type, the channel or the receipt date
 * entered wrong; what is left blank is kept. The old values stay in the history.
 */
function CorrectionForm(props: {
  view: RequestView;
  viewer: Viewer;
  attempt: CorrectionAttempt | undefined;
}) {
  const values = props.attempt?.values ?? {};
  const errors = props.attempt?.errors ?? {};
  const field = (name: string, label: string, control: (id: string, invalid: boolean) => unknown) => {
    const id = `correct-${name}`;
    const error = errors[name];
    return (
      <label for={id}>
        {label}
        {control(id, error !== undefined)}
        <FieldError id={`${id}-error`} message={error} />
      </label>
    );
  };
  const described = (id: string, invalid: boolean) => ({
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': invalid ? `${id}-error` : undefined,
  });
  return (
    <details open={props.attempt !== undefined} class="card">
      <summary>更正申请信息</summary>
      <form method="post" action={`/office/requests/${props.view.id}/corrections`} class="form">
        <CsrfField token={props.viewer.csrfToken} />
        <p class="hint">登记有误时更正；未填写的项目保持不变，原值保留在办理记录中（条例第四十五条）。</p>
        {field('applicant', '申请人姓名或名称', (id, invalid) => (
          <input
            id={id}
            name="applicant"
            value={values.applicant ?? ''}
            placeholder={props.view.applicant.name}
            {...described(id, invalid)}
          />
        ))}
        {field('type', '申请人类型', (id, invalid) => (
          <select id={id} name="type" {...described(id, invalid)}>
            {selectOptions(APPLICANT_KIND_LABELS, values.type)}
          </select>
        ))}
        {field('channel', '申请渠道', (id, invalid) => (
          <select id={id} name="channel" {...described(id, invalid)}>
            {selectOptions(CHANNEL_LABELS, values.channel)}
          </select>
        ))}
        {field('received', '收到申请之日', (id, invalid) => (
          <input
            id={id}
            name="received"
            type="date"
            value={values.received ?? ''}
            {...described(id, invalid)}
          />
        ))}
        {field('reason', '更正理由', (id, invalid) => (
          <input id={id} name="reason" required value={values.reason ?? ''} {...described(id, invalid)} />
        ))}
        {errors.confirmCompletedYear !== undefined && (
          <>
            <FieldError id="correct-confirm-error" message={errors.confirmCompletedYear} />
            <ConfirmCompletedYear id="correct-confirm" />
          </>
        )}
        <FieldError id="correct-event-error" message={errors.event} />
        <div>
          <button type="submit" class="secondary">
            更正
          </button>
        </div>
      </form>
    </details>
  );
}

/** 作废 an entry of the history (更正): the approver says why; the entry stays, marked. */
function VoidForm(props: {
  view: RequestView;
  seq: number;
  viewer: Viewer;
  attempt: VoidAttempt | undefined;
}) {
  const mine = props.attempt?.seq === props.seq ? props.attempt : undefined;
  const id = `void-${props.seq}`;
  return (
    <details open={mine !== undefined}>
      <summary>作废此条</summary>
      <form
        method="post"
        action={`/office/requests/${props.view.id}/voids`}
        class="form"
        data-confirm={`确认作废第 ${props.seq} 条？该条仍保留在办理记录中，状态和期限将按其余记录重新计算。`}
      >
        <CsrfField token={props.viewer.csrfToken} />
        <input type="hidden" name="seq" value={String(props.seq)} />
        <label for={id}>
          作废理由
          <input
            id={id}
            name="reason"
            required
            value={mine?.reason ?? ''}
            aria-invalid={mine ? 'true' : undefined}
            aria-describedby={mine ? `${id}-error` : undefined}
          />
          <FieldError id={`${id}-error`} message={mine?.error} />
        </label>
        {mine?.needsConfirm && <ConfirmCompletedYear id={`${id}-confirm`} />}
        <button type="submit" class="secondary">
          作废
        </button>
      </form>
    </details>
  );
}

export function RequestPage(props: {
  viewer: Viewer;
  actor: Actor;
  view: RequestView;
  attempt?: ActionAttempt;
  voidAttempt?: VoidAttempt;
  correctionAttempt?: CorrectionAttempt;
  cases?: readonly Case[];
  caseAttempt?: CaseWithdrawalAttempt;
  done?: string;
  today: string;
}) {
  const { view: v, viewer } = props;
  const canVoid = authorize(props.actor, 'request.void', v.agency.id).ok;
  const canCorrect = authorize(props.actor, 'request.correct', v.agency.id).ok;
  const s = v.status;
  const actions = (v.allowed as RecordableKind[]).filter(
    (kind) => authorize(props.actor, actionOfEvent(kind), v.agency.id).ok,
  );
  const arrived = 'arrivedOn' in v.intake ? v.intake.arrivedOn : undefined;
  return (
    <Page title={`申请 ${v.id.slice(0, 8)}`} viewer={viewer} current="/office/inbox">
      <Notice kind="done" text={props.done} />
      <Notice
        kind="refused"
        text={
          props.attempt
            ? `未记录“${EVENT_LABELS[props.attempt.kind]}”：${props.attempt.errors.event ?? '请按提示修改后重新提交。'}`
            : undefined
        }
      />
      <div class="layout-2">
        <section>
          <table class="facts card">
            <tbody>
              <tr>
                <th scope="row">申请编号</th>
                <td>
                  <code>{v.id}</code>
                  {v.externalRef && <span class="muted">（本机关编号 {v.externalRef}）</span>}
                </td>
              </tr>
              <tr>
                <th scope="row">机关</th>
                <td>{v.agency.name}</td>
              </tr>
              <tr>
                <th scope="row">申请人</th>
                <td>
                  {v.applicant.name}（{APPLICANT_KIND_LABELS[v.applicant.kind]}）
                </td>
              </tr>
              <tr>
                <th scope="row">申请内容</th>
                <td>{v.content}</td>
              </tr>
              <tr>
                <th scope="row">申请渠道</th>
                <td>{STORED_CHANNEL_LABELS[v.channel]}</td>
              </tr>
              <tr>
                <th scope="row">收到申请之日</th>
                <td>
                  {v.receivedOn}
                  {arrived && arrived !== v.receivedOn && (
                    <span class="muted">（{arrived} 到达，以确认之日为准；条例第三十一条）</span>
                  )}
                </td>
              </tr>
              <tr>
                <th scope="row">状态</th>
                <td>
                  <strong>{stateLabelOf(s)}</strong>
                  {s.closedOn && `，${closedText(v)}`}
                </td>
              </tr>
              <tr>
                <th scope="row">答复期限</th>
                <td>
                  {dueText(v)}
                  {leftText(v) && `，${leftText(v)}`}
                  {s.correctionNoticeBy && (
                    <div class="hint">如需补正，最迟于 {s.correctionNoticeBy} 一次性告知（条例第三十条）</div>
                  )}
                </td>
              </tr>
            </tbody>
          </table>
          {canCorrect && <CorrectionForm view={v} viewer={viewer} attempt={props.correctionAttempt} />}
          <CasesSection
            view={v}
            cases={props.cases ?? []}
            viewer={viewer}
            canWithdraw={authorize(props.actor, 'case.record', v.agency.id).ok}
            attempt={props.caseAttempt}
          />
          <h2>期限计算</h2>
          <div class="card">
            <ol class="deadline-lines">
              {v.deadline.lines.map((line) => (
                <li>{withWholeDates(line)}</li>
              ))}
            </ol>
          </div>
          <h2>办理记录</h2>
          <table class="history">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">日期</th>
                <th scope="col">事项</th>
                <th scope="col">记录人</th>
                <th scope="col">内容</th>
                {canVoid && <th scope="col">更正</th>}
              </tr>
            </thead>
            <tbody>
              {v.history.map((h) => (
                <tr class={isEventItem(h) && h.voidedBy ? 'voided' : undefined}>
                  <td class="num">{h.seq}</td>
                  <td>{h.at}</td>
                  <td>{historyLabel(h)}</td>
                  <td>{h.by}</td>
                  <td>
                    {historyDetailText(h)}
                    {h.reason && <div class="muted">说明：{h.reason}</div>}
                  </td>
                  {canVoid && (
                    <td class="correct">
                      {isEventItem(h) && h.kind !== 'Received' && !h.voidedBy && (
                        <VoidForm view={v} seq={h.seq} viewer={viewer} attempt={props.voidAttempt} />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">办理</h2>
          {actions.length === 0 ? (
            <p class="card muted" id="no-actions">
              {s.closedOn ? '申请已办结，不能再记录办理事项。' : '您的角色不能在此申请上记录办理事项。'}
            </p>
          ) : (
            <div class="actions">
              {actions.map((kind) => (
                <ActionForm
                  view={v}
                  kind={kind}
                  viewer={viewer}
                  attempt={props.attempt}
                  today={props.today}
                />
              ))}
            </div>
          )}
        </section>
      </div>
    </Page>
  );
}
