/**
 * @module How a request is said, for `gongkai requests show|list|record` and the back office alike: its
 * state, due date and working days left in words, each event's facts, and the JSON shapes the command
 * line prints and the API answers (the same keys: the API is modelled on the command line).
 */

import { basisText, type FeeAssessment } from '../domain/fees/charge.js';
import { PARTICULAR_LABELS, type ParticularChange, particularText } from '../domain/requests/corrections.js';
import { EVENT_LABELS, type RequestEvent } from '../domain/requests/events.js';
import { outcomeSpec } from '../domain/requests/outcomes.js';
import { APPLICANT_KIND_LABELS } from '../domain/requests/request.js';
import {
  type EarlierPieces,
  isEventItem,
  type RecordedEvent,
  type RequestLine,
  type RequestList,
  type RequestView,
} from '../ledger/index.js';
import { FEE_METHOD_LABELS, STORED_CHANNEL_LABELS, stateLabelOf } from './labels.js';

type Standing = Pick<RequestView, 'status' | 'workingDaysLeft'>;

/** 办理结果 in words, when closed. */
export const outcomeLabelOf = (x: Pick<RequestView, 'status'>): string | undefined =>
  x.status.outcome ? outcomeSpec(x.status.outcome).label : undefined;

/** How long is left, in words ('' when closed or without a due date). */
export function leftText(x: Standing): string {
  if (x.status.closedOn !== undefined) return '';
  if (x.status.overdue) return '已逾期 (overdue)';
  if (x.workingDaysLeft === undefined) return '';
  return x.workingDaysLeft === 0 ? '今日到期 (due today)' : `剩余 ${x.workingDaysLeft} 个工作日`;
}

export function dueText(x: Pick<RequestView, 'status'>): string {
  const s = x.status;
  if (s.dueDate === undefined)
    return s.applicantDueBy ? `无答复期限（补正期限至 ${s.applicantDueBy}）` : '无答复期限';
  return `答复期限 ${s.dueDate}${s.provisional ? '（暂定，暂停仍在进行）' : ''}`;
}

export function closedText(x: Pick<RequestView, 'status'>): string {
  const s = x.status;
  if (s.closedOn === undefined) return '';
  return `${s.closedOn} 办结：${outcomeLabelOf(x) ?? ''}${s.answeredLate ? '（超过答复期限）' : ''}`;
}

/** What an event records besides its date and who, in Chinese ('' when nothing). */
export function eventDetailText(event: RequestEvent): string {
  switch (event.kind) {
    case 'CorrectionRequested':
      return `补正事项：${event.items}；补正期限至 ${event.dueBy}`;
    case 'Extended':
      return `延长 ${event.workingDays} 个工作日，经 ${event.approver} 同意`;
    case 'ThirdPartyConsultationStarted':
      return `第三方：${event.thirdParty}`;
    case 'AgencyConsultationStarted':
      return `征求意见机关：${event.agency}`;
    case 'FeeNoticeSent':
      return `${event.amount} 元，${FEE_METHOD_LABELS[event.method]}${event.basis ? `（${basisText(event.basis)}）` : ''}${event.deliveredOn ? `，${event.deliveredOn} 送达` : ''}`;
    case 'Decided':
      return `办理结果：${outcomeSpec(event.outcome).label}`;
    default:
      return '';
  }
}

type HistoryItem = RequestView['history'][number];

/** A history entry's name: the event's, 作废记录 for a void, 申请信息更正 for a correction (更正). */
export const historyLabel = (h: HistoryItem): string =>
  h.kind === 'Voided' ? '作废记录' : h.kind === 'DetailsCorrected' ? '申请信息更正' : EVENT_LABELS[h.kind];

/** Each corrected field in words: 申请人类型：其他 → 商业企业. */
export const changesText = (changes: readonly ParticularChange[]): string =>
  changes
    .map(
      (c) =>
        `${PARTICULAR_LABELS[c.field]}：${particularText(c.field, c.from) || '（空）'} → ${particularText(c.field, c.to)}`,
    )
    .join('；');

/** A history entry's facts in words, and whether a later entry voided it. */
export function historyDetailText(h: HistoryItem): string {
  if (h.kind === 'Voided') return `作废第 ${h.voids} 条`;
  if (h.kind === 'DetailsCorrected') return changesText(h.changes);
  const facts = eventDetailText(h.event);
  const voided = h.voidedBy ? `【已作废：见第 ${h.voidedBy.seq} 条】` : '';
  return [facts, voided].filter(Boolean).join(' ');
}

/** The status facts `show --json`, `list --json` and the API share. */
export function statusJson(x: Standing) {
  const s = x.status;
  return {
    state: s.state,
    stateLabel: stateLabelOf(s),
    dueDate: s.dueDate ?? null,
    provisional: s.provisional,
    overdue: s.overdue,
    workingDaysLeft: x.workingDaysLeft ?? null,
    applicantDueBy: s.applicantDueBy ?? null,
    closedOn: s.closedOn ?? null,
    outcome: s.outcome ?? null,
    outcomeLabel: outcomeLabelOf(x) ?? null,
    answeredLate: s.answeredLate ?? null,
  };
}

/** `requests show --json` and `GET /api/v1/requests/{id}`. */
export function viewJson(v: RequestView) {
  return {
    id: v.id,
    agency: v.agency,
    externalRef: v.externalRef,
    applicant: { ...v.applicant, type: APPLICANT_KIND_LABELS[v.applicant.kind] },
    channel: STORED_CHANNEL_LABELS[v.channel],
    content: v.content,
    receivedOn: v.receivedOn,
    intake: v.intake,
    asOf: v.asOf,
    ...statusJson(v),
    correctionNoticeBy: v.status.correctionNoticeBy ?? null,
    unknownYears: v.status.unknownYears,
    deadline: v.deadline,
    history: v.history.map((h) => ({
      seq: h.seq,
      at: h.at,
      kind: h.kind,
      label: historyLabel(h),
      by: h.by,
      reason: h.reason ?? null,
      recordedAt: h.recordedAt,
      details: isEventItem(h) ? h.details : h.kind === 'Voided' ? { voids: h.voids } : { changes: h.changes },
      voidedBy: isEventItem(h) ? (h.voidedBy?.seq ?? null) : null,
    })),
    laterEvents: v.laterEvents,
  };
}

/** One request of `requests list --json` and `GET /api/v1/requests`. */
export function lineJson(x: RequestLine) {
  return {
    id: x.id,
    agencyId: x.agencyId,
    agencyName: x.agencyName,
    receivedOn: x.receivedOn,
    applicant: { name: x.applicantName, kind: x.applicantKind, type: APPLICANT_KIND_LABELS[x.applicantKind] },
    ...statusJson(x),
  };
}

/** `requests list --json`. */
export function listJson(list: RequestList) {
  return {
    agency: list.agency,
    agencies: list.agencyIds,
    asOf: list.asOf,
    open: list.open,
    requests: list.lines.map(lineJson),
    excluded: list.excluded.map((x) => ({ id: x.id, reason: x.refusal.message })),
  };
}

/** A letter or online request that arrived before it was confirmed: both days, as Art. 31 counts. */
function arrivalText(v: RequestView): string {
  const arrived = 'arrivedOn' in v.intake ? v.intake.arrivedOn : undefined;
  return arrived !== undefined && arrived !== v.receivedOn
    ? `（${arrived} 到达，${v.receivedOn} 确认，以确认之日为准；条例第三十一条）`
    : '';
}

/** `requests show`: the request, its due date explained day by day, its history. */
export function viewLines(v: RequestView): string[] {
  const s = v.status;
  const lines = [
    `申请 (request) ${v.id}`,
    `机关 (agency)：${v.agency.name}（${v.agency.id}）`,
    `申请人 (applicant)：${v.applicant.name}（${APPLICANT_KIND_LABELS[v.applicant.kind]}）`,
    `申请渠道 (channel)：${STORED_CHANNEL_LABELS[v.channel]}`,
    `申请内容 (content)：${v.content}`,
    `收到申请之日 (received)：${v.receivedOn}${arrivalText(v)}`,
  ];
  if (v.externalRef) lines.push(`外部编号 (ref)：${v.externalRef}`);
  lines.push(`状态（截至 ${v.asOf}）(state)：${stateLabelOf(s)}${s.closedOn ? `，${closedText(v)}` : ''}`);
  lines.push(`${dueText(v)}${leftText(v) ? `，${leftText(v)}` : ''}`);
  if (s.correctionNoticeBy) lines.push(`如需补正，最迟于 ${s.correctionNoticeBy} 一次性告知（条例第三十条）`);
  if (s.applicantDueBy && s.dueDate !== undefined) lines.push(`申请人期限至 ${s.applicantDueBy}`);
  if (s.applicantDeadlinePassed && !s.closedOn)
    lines.push('申请人期限已过，可记录逾期未补正或逾期未缴费 (the applicant’s deadline has passed)');
  lines.push('期限说明 (how the due date is counted)：', ...v.deadline.lines.map((l) => `  ${l}`));
  lines.push('办理记录 (history)：');
  for (const h of v.history) {
    const detail = historyDetailText(h);
    lines.push(
      `  ${h.seq}. ${h.at}  ${historyLabel(h)}  ${h.by}${detail ? `  ${detail}` : ''}${h.reason ? `  理由：${h.reason}` : ''}`,
    );
  }
  if (v.laterEvents > 0)
    lines.push(`  另有 ${v.laterEvents} 条记录晚于 ${v.asOf}，未计入 (later events not counted)`);
  return lines;
}

/** One line of `requests list`. */
export function listLine(x: RequestLine): string {
  return [
    x.id,
    x.receivedOn,
    `${x.applicantName}（${APPLICANT_KIND_LABELS[x.applicantKind]}）`,
    stateLabelOf(x.status),
    dueText(x),
    x.status.closedOn ? closedText(x) : leftText(x) || '—',
    x.agencyName,
  ].join('  ');
}

/** Which requests made the applicant's earlier 件 this month, so that staff can check the count. */
export function earlierText(counted: EarlierPieces): string {
  if (counted.requests.length === 0)
    return '同一申请人本月此前在本机关没有申请，本次从第 1 件计 (no earlier requests this month)';
  const listed = counted.requests
    .map((r) => `${r.id.slice(0, 8)}（${r.receivedOn}，${r.pieces} 件）`)
    .join('、');
  return `同一申请人（按姓名与类型）本月此前在本机关 ${counted.pieces} 件：${listed}；如有出入，请写明本月此前件数 (earlier requests counted)`;
}

/** How the ledger assessed a fee notice's amount. */
export function assessedText(fee: FeeAssessment, event: RequestEvent): string {
  const basis = event.kind === 'FeeNoticeSent' && event.basis ? basisText(event.basis) : '';
  return `收费金额 (fee)：${basis}，${fee.explanation.join('；')}`;
}

/** `requests record --json` and `POST /api/v1/requests/{id}/events` (201). */
export function recordedJson(recorded: RecordedEvent, view: RequestView) {
  return {
    id: view.id,
    seq: recorded.seq,
    kind: recorded.event.kind,
    at: recorded.event.at,
    state: view.status.state,
    stateLabel: stateLabelOf(view.status),
    dueDate: view.status.dueDate ?? null,
  };
}

/** `requests record`: what was recorded and where the request stands now. */
export function recordedLines(recorded: RecordedEvent, view: RequestView): string[] {
  const { event } = recorded;
  return [
    `已记录 (recorded)：${event.at} ${EVENT_LABELS[event.kind]}（第 ${recorded.seq} 条）`,
    ...(recorded.counted ? [earlierText(recorded.counted)] : []),
    ...(recorded.assessed ? [assessedText(recorded.assessed, event)] : []),
    `状态（截至 ${view.asOf}）(state)：${stateLabelOf(view.status)}；${view.status.closedOn ? closedText(view) : dueText(view)}`,
  ];
}
