/**
 * @module explainDeadline: how a request's due date was counted, so that a person can check it by hand
 * against a wall calendar — day zero, every working day counted (make-up working days 调休上班 named),
 * every day skipped and why (weekend, holiday, a pause), the extension, and the years whose holiday
 * schedule is not known yet.
 */
import type { LocalDate } from '../calendar/local-date.js';
import { type DayKind, dayInfo, type WorkingCalendar } from '../calendar/working-days.js';
import {
  correctionNoticeBy,
  PAUSE_LABELS,
  PAUSE_REASONS,
  pauseEnd,
  pauseOn,
  pauseRunning,
  replyDeadline,
} from './deadline.js';
import type { RequestEvent } from './events.js';
import { type PauseKind, replyClockStopped, replyDayZero } from './ledger-state.js';
import { type DeadlinePolicy, REGULATION_2019 } from './policy.js';
import type { DisclosureRequest } from './request.js';
import { ok, type Result } from './result.js';
import { replayAsOf } from './status.js';

export interface CountedDay {
  readonly date: LocalDate;
  readonly kind: 'workday' | 'makeupWorkday';
  readonly reason: string;
}

export interface SkippedDay {
  readonly date: LocalDate;
  readonly kind: DayKind | 'paused';
  readonly reason: string;
}

export interface PauseSpan {
  readonly kind: PauseKind;
  /** The pause began on this day; the days after it are left out. */
  readonly from: LocalDate;
  /** The last day left out (as of today for a pause still running). */
  readonly until: LocalDate;
  readonly running: boolean;
  /** The other side let its 15 working days run out: the pause ends there (Arts. 32, 34). */
  readonly endedAtLimit: boolean;
  readonly reason: string;
}

export interface ReplyExplanation {
  readonly dayZero: LocalDate;
  /** 收到申请之日 (Art. 31), or 收到补正申请之日 (Art. 30). */
  readonly basis: 'receipt' | 'correction';
  readonly statutoryWorkingDays: number;
  readonly extension?: { readonly on: LocalDate; readonly workingDays: number; readonly approver: string };
  readonly totalWorkingDays: number;
  /** The due date without the extension. */
  readonly originalDueDate: LocalDate;
  readonly dueDate: LocalDate;
  readonly provisional: boolean;
  readonly counted: readonly CountedDay[];
  readonly skipped: readonly SkippedDay[];
  readonly pauses: readonly PauseSpan[];
}

export interface DeadlineExplanation {
  readonly receivedOn: LocalDate;
  readonly correction?: {
    readonly requestedOn: LocalDate;
    /** Art. 30: the last day the agency could ask. */
    readonly noticeBy: LocalDate;
    readonly dueBy: LocalDate;
    readonly receivedOn?: LocalDate;
  };
  /** Absent while awaiting correction: the period restarts from the corrected application. */
  readonly reply?: ReplyExplanation;
  readonly fee?: { readonly sentOn: LocalDate; readonly payBy: LocalDate; readonly paidOn?: LocalDate };
  readonly unknownYears: readonly number[];
  /** The same, in Chinese sentences, one per line. */
  readonly lines: readonly string[];
}

export function explainDeadline(
  request: DisclosureRequest,
  events: readonly RequestEvent[],
  calendar: WorkingCalendar,
  today: LocalDate,
  policy: DeadlinePolicy = REGULATION_2019,
): Result<DeadlineExplanation> {
  const replayed = replayAsOf(request, events, calendar, today, policy);
  if (!replayed.ok) return replayed;
  const s = replayed.value;
  const asOf = s.closure?.on ?? today;
  const lines: string[] = [`收到申请之日：${s.receivedOn}（第零日，不计入期限；条例第三十一条）`];

  const correction = s.correction && {
    requestedOn: s.correction.requestedOn,
    noticeBy: correctionNoticeBy(calendar, s.receivedOn, policy),
    dueBy: s.correction.dueBy,
    ...(s.correction.receivedOn ? { receivedOn: s.correction.receivedOn } : {}),
  };
  if (correction) {
    lines.push(
      `${correction.requestedOn} 一次性告知补正（最迟 ${correction.noticeBy}），补正期限至 ${correction.dueBy}（条例第三十条）`,
    );
    lines.push(
      correction.receivedOn
        ? `${correction.receivedOn} 收到补正申请，答复期限自该日起重新计算（条例第三十条）`
        : s.closure
          ? `未收到补正申请，${s.closure.on} 起不再处理，无答复期限（条例第三十条）`
          : '尚未收到补正申请：答复期限自收到补正申请之日起计算（条例第三十条）',
    );
  }

  let reply: ReplyExplanation | undefined;
  let unknownYears: readonly number[] = [];
  if (!replyClockStopped(s)) {
    const deadline = replyDeadline(s, calendar, policy, asOf);
    const count = deadline.extended ?? deadline.base;
    unknownYears = count.unknownYears;
    const pauseOf = pauseOn(s, asOf);
    const counted = count.counted.map((date): CountedDay => {
      const info = dayInfo(calendar, date);
      return { date, kind: info.kind === 'makeupWorkday' ? 'makeupWorkday' : 'workday', reason: info.reason };
    });
    const skipped = count.skipped.map((day): SkippedDay => {
      const pause = dayInfo(calendar, day.date).working ? pauseOf(day.date) : undefined;
      return pause
        ? { date: day.date, kind: 'paused', reason: PAUSE_LABELS[pause.kind] }
        : { date: day.date, kind: day.kind, reason: day.reason };
    });
    const pauses = s.pauses.map((p): PauseSpan => {
      const until = pauseEnd(p, asOf);
      return {
        kind: p.kind,
        from: p.from,
        until,
        running: !s.closure && pauseRunning(p, today),
        endedAtLimit: p.limit !== undefined && until === p.limit && (p.to === undefined || p.to > p.limit),
        reason: PAUSE_REASONS[p.kind],
      };
    });
    const dayZero = replyDayZero(s);
    reply = {
      dayZero: dayZero.date,
      basis: dayZero.basis,
      statutoryWorkingDays: policy.replyWorkingDays,
      ...(s.extension ? { extension: s.extension } : {}),
      totalWorkingDays: count.counted.length,
      originalDueDate: deadline.base.date,
      dueDate: deadline.dueDate,
      provisional: !s.closure && deadline.provisional,
      counted,
      skipped,
      pauses,
    };
    lines.push(...replyLines(reply));
    if (s.closure?.state === 'decided')
      lines.push(
        `${s.closure.on} 作出答复，${s.closure.on > reply.dueDate ? '超过答复期限' : '在答复期限内'}`,
      );
  }

  const fee = s.fee && {
    sentOn: s.fee.sentOn,
    payBy: s.fee.payBy,
    ...(s.fee.paidOn ? { paidOn: s.fee.paidOn } : {}),
  };
  if (fee)
    lines.push(
      `${fee.sentOn} 发出收费通知，缴费期限至 ${fee.payBy}（收到通知次日起${policy.feePaymentWorkingDays}个工作日）${fee.paidOn ? `，${fee.paidOn} 已缴费` : ''}`,
    );
  if (unknownYears.length > 0)
    lines.push(`注意：${unknownYears.join('、')} 年的节假日安排尚未录入，期限只按周末计算，可能变动`);
  return ok({
    receivedOn: s.receivedOn,
    ...(correction ? { correction } : {}),
    ...(reply ? { reply } : {}),
    ...(fee ? { fee } : {}),
    unknownYears,
    lines,
  });
}

function replyLines(r: ReplyExplanation): string[] {
  const lines = [
    `答复期限自 ${r.dayZero} 的次日起计算：法定 ${r.statutoryWorkingDays} 个工作日（条例第三十三条）`,
  ];
  if (r.extension)
    lines.push(
      `${r.extension.on} 经 ${r.extension.approver} 同意延长 ${r.extension.workingDays} 个工作日（条例第三十三条）`,
    );
  for (const p of r.pauses)
    lines.push(
      `不计入期限：${p.from} 次日至 ${p.until}${p.running ? '（仍在进行）' : ''}${p.endedAtLimit ? '（对方答复期限届满）' : ''}，${p.reason}`,
    );
  const counted = r.counted.map((d) => (d.kind === 'makeupWorkday' ? `${d.date}（${d.reason}）` : d.date));
  lines.push(`计入的工作日（${r.counted.length} 日）：${counted.join('、')}`);
  if (r.skipped.length > 0)
    lines.push(`跳过的日期：${r.skipped.map((d) => `${d.date}（${d.reason}）`).join('、')}`);
  lines.push(
    r.extension ? `原答复期限 ${r.originalDueDate}，延长后答复期限 ${r.dueDate}` : `答复期限 ${r.dueDate}`,
  );
  if (r.provisional) lines.push('暂停仍在进行：以上期限按今日结束暂停计算，暂停继续则顺延');
  return lines;
}
