/**
 * @module The refusal catalogue: every reason the ledger turns an intake, an event or a case away, with
 * a stable code and the rule behind it. Codes never change meaning; a new rule gets a new code.
 */
import type { Refusal } from './result.js';

export const REFUSALS = {
  'intake.unconfirmed':
    '以平信、互联网、传真或电子邮件提交的申请，以双方确认之日为收到申请之日（条例第三十一条），尚未确认',
  'intake.date-order': '确认日期不能早于申请到达日期（条例第三十一条）',
  'intake.arrival-not-kept':
    '当面提交和邮寄签收的申请以收到之日为收到申请之日，不另记到达日期（条例第三十一条）；到达日期只用于平信、网上、传真和电子邮件申请',
  'intake.receipt-too-early': '收到申请之日早于《条例》施行之日 2008-05-01，应是录入错误',
  'intake.name-empty': '申请人姓名或名称不能为空（条例第二十九条）',
  'intake.control-characters': '申请人姓名或名称、申请内容中不能有控制字符（换行只可用于申请内容）',
  'request.not-received': '事件记录应当以“收到申请”开始',
  'request.receipt-mismatch': '“收到申请”的日期应与按条例第三十一条确定的收到申请之日一致',
  'request.date-order': '事件日期不能早于前一事件',
  'request.event-after-today': '事件日期晚于今天',
  'request.not-allowed': '当前状态下不能记录该事件',
  'request.already-decided': '申请已经答复，不能再记录办理事件',
  'request.already-lapsed': '申请已不再处理（逾期未补正或未缴费），不能再记录办理事件',
  'request.already-withdrawn': '申请人已撤回申请，不能再记录办理事件',
  'request.correction-twice': '补正只能要求一次（条例第三十条）',
  'request.correction-too-late': '应当自收到申请之日起7个工作日内一次性告知申请人补正（条例第三十条）',
  'request.correction-deadline': '补正期限应当晚于发出补正通知之日（条例第三十条：合理的补正期限）',
  'request.correction-not-lapsed': '补正期限尚未届满，不能视为放弃申请（条例第三十条）',
  'request.extension-days': '延长的期限应为至少1个的整数个工作日',
  'request.extension-too-long': '延长的期限最长不得超过20个工作日（条例第三十三条）',
  'request.extension-twice': '答复期限只能延长一次（条例第三十三条）',
  'request.extension-no-approver': '延长答复期限应当经政府信息公开工作机构负责人同意（条例第三十三条）',
  'request.extension-after-due': '答复期限已经届满，不能再延长（条例第三十三条）',
  'request.consultation-open': '同类征求意见尚未结束，不能重复开始',
  'request.consultation-not-open': '没有正在进行的同类征求意见',
  'request.fee-notice-twice':
    '一件申请只发一次收费通知，只按一种方式计收（《政府信息公开信息处理费管理办法》第三条）',
  'request.fee-amount': '收费金额应为大于零的十进制数',
  'request.fee-basis':
    '收费金额应与计收依据按《政府信息公开信息处理费管理办法》第四条（按件）或第五条（按量）算出的金额一致',
  'request.fee-not-lapsed': '缴费期限（收到收费通知次日起20个工作日）尚未届满，不能视为放弃申请',
  'request.outcome-by-event': '逾期未补正、逾期未缴费、撤回申请，应当记录相应事件，而不是作出答复',
  'request.unclear-without-correction': '“补正后申请内容仍不明确”须先要求补正并收到补正申请（条例第三十条）',
  'request.other-agency': '该申请不属于本机关',
  'void.reason-empty': '作废一条记录须写明理由 (a reason is required)',
  'void.unknown-entry': '办理记录中没有这一条 (no such entry in the history)',
  'void.of-void': '这一条本身是作废记录，不能再作废；如需恢复，请重新记录该事项 (a void cannot be voided)',
  'void.already': '这一条已经作废 (already voided)',
  'void.receipt': '“收到申请”不能作废：误登记的申请请记录撤回或更正申请信息 (the receipt cannot be voided)',
  'void.breaks-log': '作废后其余记录不符合办理规则 (the rest of the history would break the rules)',
  'void.of-correction':
    '这一条是申请信息更正，不能作废；如更正有误，请再次更正 (a correction is corrected again, not voided)',
  'correct.reason-empty': '更正申请信息须写明理由 (a reason is required)',
  'correct.nothing': '没有要更正的内容：所给的值与现有记录相同 (nothing differs from the record)',
  'correct.name-empty': '申请人姓名或名称不能为空 (the name cannot be blank)',
  'correct.receipt-date': '收到申请之日不能早于条例施行之日，也不能晚于今天 (the receipt date is impossible)',
  'correct.breaks-log': '更正后其余记录不符合办理规则 (the history would break the rules)',
  'case.dates': '结案日期不能早于立案日期',
  'case.pending-closed': '尚未审结的案件不应有结案日期；已审结的案件应有结案日期',
  'case.link': '复议后起诉应当关联同一申请的行政复议案件',
  'case.other-agency': '该案件不属于本机关',
} as const;

export type RefusalCode = keyof typeof REFUSALS;

/** A refusal with the catalogue's reason, and what was found after a full-width colon. */
export function refuse(code: RefusalCode, detail?: string, eventIndex?: number): Refusal {
  const message = detail ? `${REFUSALS[code]}：${detail}` : REFUSALS[code];
  return eventIndex === undefined ? { code, message } : { code, message, eventIndex };
}
