/**
 * @module How `gongkai requests show` and `requests list` print a request: its state, due date and
 * working days left in words, and the JSON both commands share.
 */
import type { RequestLine, RequestView } from '../ledger/index.js';

function leftText(x: { readonly status: RequestView['status']; readonly workingDaysLeft?: number }): string {
  if (x.status.closedOn !== undefined) return '';
  if (x.status.overdue) return '已逾期 (overdue)';
  if (x.workingDaysLeft === undefined) return '';
  return x.workingDaysLeft === 0 ? '今日到期 (due today)' : `剩余 ${x.workingDaysLeft} 个工作日`;
}

export function dueText(x: { readonly status: RequestView['status'] }): string {
  const s = x.status;
  if (s.dueDate === undefined)
    return s.applicantDueBy ? `无答复期限（补正期限至 ${s.applicantDueBy}）` : '无答复期限';
  return `答复期限 ${s.dueDate}${s.provisional ? '（暂定，暂停仍在进行）' : ''}`;
}

export function closedText(x: {
  readonly status: RequestView['status'];
  readonly outcomeLabel?: string;
}): string {
  const s = x.status;
  if (s.closedOn === undefined) return '';
  return `${s.closedOn} 办结：${x.outcomeLabel ?? ''}${s.answeredLate ? '（超过答复期限）' : ''}`;
}

/** The status facts `show --json` and `list --json` share. */
export function statusJson(x: {
  readonly status: RequestView['status'];
  readonly stateLabel: string;
  readonly workingDaysLeft?: number;
  readonly outcomeLabel?: string;
}) {
  const s = x.status;
  return {
    state: s.state,
    stateLabel: x.stateLabel,
    dueDate: s.dueDate ?? null,
    provisional: s.provisional,
    overdue: s.overdue,
    workingDaysLeft: x.workingDaysLeft ?? null,
    applicantDueBy: s.applicantDueBy ?? null,
    closedOn: s.closedOn ?? null,
    outcome: s.outcome ?? null,
    outcomeLabel: x.outcomeLabel ?? null,
    answeredLate: s.answeredLate ?? null,
  };
}

export function viewJson(v: RequestView) {
  return {
    id: v.id,
    agency: v.agency,
    externalRef: v.externalRef,
    applicant: v.applicant,
    channel: v.channel,
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
      label: h.label,
      by: h.by,
      reason: h.reason ?? null,
      recordedAt: h.recordedAt,
      details: h.details,
    })),
    laterEvents: v.laterEvents,
  };
}

/** A letter or online request that arrived before it was confirmed: both days, as Art. 31 counts. */
function arrivalText(v: RequestView): string {
  const arrived = 'arrivedOn' in v.intake ? v.intake.arrivedOn : undefined;
  return arrived !== undefined && arrived !== v.receivedOn
    ? `（${arrived} 到达，${v.receivedOn} 确认，以确认之日为准；条例第三十一条）`
    : '';
}

export function viewLines(v: RequestView): string[] {
  const s = v.status;
  const lines = [
    `申请 (request) ${v.id}`,
    `机关 (agency)：${v.agency.name}（${v.agency.id}）`,
    `申请人 (applicant)：${v.applicant.name}（${v.applicant.type}）`,
    `申请渠道 (channel)：${v.channel}`,
    `申请内容 (content)：${v.content}`,
    `收到申请之日 (received)：${v.receivedOn}${arrivalText(v)}`,
  ];
  if (v.externalRef) lines.push(`外部编号 (ref)：${v.externalRef}`);
  lines.push(`状态（截至 ${v.asOf}）(state)：${v.stateLabel}${s.closedOn ? `，${closedText(v)}` : ''}`);
  lines.push(`${dueText(v)}${leftText(v) ? `，${leftText(v)}` : ''}`);
  if (s.correctionNoticeBy) lines.push(`如需补正，最迟于 ${s.correctionNoticeBy} 一次性告知（条例第三十条）`);
  if (s.applicantDueBy && s.dueDate !== undefined) lines.push(`申请人期限至 ${s.applicantDueBy}`);
  if (s.applicantDeadlinePassed && !s.closedOn)
    lines.push('申请人期限已过，可记录逾期未补正或逾期未缴费 (the applicant’s deadline has passed)');
  lines.push('期限说明 (how the due date is counted)：', ...v.deadline.lines.map((l) => `  ${l}`));
  lines.push('办理记录 (history)：');
  for (const h of v.history)
    lines.push(
      `  ${h.seq}. ${h.at}  ${h.label}  ${h.by}${h.detailText ? `  ${h.detailText}` : ''}${h.reason ? `  理由：${h.reason}` : ''}`,
    );
  if (v.laterEvents > 0)
    lines.push(`  另有 ${v.laterEvents} 条记录晚于 ${v.asOf}，未计入 (later events not counted)`);
  return lines;
}

export function listLine(x: RequestLine): string {
  return [
    x.id,
    x.receivedOn,
    `${x.applicantName}（${x.applicantType}）`,
    x.stateLabel,
    dueText(x),
    x.status.closedOn ? closedText(x) : leftText(x) || '—',
    x.agencyName,
  ].join('  ');
}
