/**
 * @module What the ledger's use cases turn away, as values: the domain's refusals (code and Chinese
 * reason, unchanged) and the application layer's own, which concern what the domain cannot see (an
 * agency or request that does not exist, a write that lost a race, a stored log the domain refuses).
 */
import type { Refusal } from '../domain/requests/result.js';

export const LEDGER_REFUSALS = {
  'agency.unknown': '机关不存在 (no such agency)',
  'agency.parent-unknown': '上级机关不存在 (no such parent agency)',
  'agency.code-taken': '机关代码已被使用 (agency code already in use)',
  'agency.name-empty': '机关名称不能为空 (agency name is empty)',
  'request.unknown': '申请不存在 (no such request)',
  'request.ambiguous': '申请编号的开头对应多件申请，请多写几位 (the id prefix matches several requests)',
  'request.concurrent':
    '另一操作同时记录了该申请的事件，请重试 (another event was recorded at the same time; retry)',
  'request.stored-invalid': '数据库中的申请记录不完整或无法识别 (stored request cannot be read)',
  'request.as-of-before-receipt': '查询日期早于收到申请之日 (as-of date before the receipt date)',
  'correct.year-complete':
    '该年度报告已标记完成，此更正会改变该年度的数字；确需更正请确认，更正将列入该年度报告的发现 (the year is marked complete; confirm to record it with a finding)',
  'report.already-complete': '该年度报告已标记完成 (the year is already marked complete)',
  'report.year-not-over': '年度尚未结束，不能标记完成 (the year is not over)',
  'case.unknown': '案件不存在 (no such case)',
  'case.ambiguous': '案件编号的开头对应多个案件，请多写几位 (the id prefix matches several cases)',
  'case.already-closed': '案件已审结，不能再次结案 (case already closed)',
  'case.likely-duplicate':
    '同一申请已有同类、同日立案的案件，可能重复登记；确属另一案件请确认后再登记 (likely a duplicate; confirm to record it)',
  'case.already-withdrawn': '案件已撤销登记 (case already withdrawn)',
  'case.reason-empty': '撤销登记须写明理由 (a reason is required)',
  'case.followed':
    '该复议案件之后还有复议后起诉的案件，请先撤销后者 (a lawsuit after this review is registered: withdraw it first)',
  'case.date-after-today': '日期晚于今天 (date after today)',
  'case.filed-before-request': '立案日期早于收到申请之日 (case filed before the request was received)',
  'report.year': '报告年度应为 2019 年至 2100 年之间的整数 (a report year from 2019 to 2100)',
  'report.unknown-cell': '未知的单元格 (unknown cell)',
  'calendar.reason-empty': '请说明理由 (a reason is required)',
  'calendar.year': '年度应为 1900 年至 9999 年之间的整数 (not a year)',
  'calendar.date-range': '起算日应在 1900-01-01 至 9990-12-31 之间 (day zero out of range)',
  'import.unreadable': '台账文件无法读取 (register file cannot be read)',
  'import.missing-columns': '台账缺少必需的列 (required columns missing)',
  'import.column-map': '列名映射有误 (bad column mapping)',
  'import.duplicate-column': '台账的表头中有重复的列名 (a header appears twice)',
  'import.too-large': '台账文件过大 (register too large)',
  'import.header-key': '未知的台账列 (unknown register column)',
  'import.header-empty': '表头不能为空 (the header is empty)',
  'import.header-known': '该表头已在同义词表中 (the header is known already)',
  'import.header-built-in': '内置的表头不能删除 (a built-in header cannot be removed)',
  'import.header-unknown': '同义词表中没有该表头 (no such added header)',
  'fee.one-measure':
    '页数（按量）与件数（按件）只能给出一个：一件申请只按一种方式计收（《政府信息公开信息处理费管理办法》第三条）(give pages or pieces, not both)',
  'fee.earlier-without-pieces':
    '本月此前件数只用于按件计收，须与本次件数一起给出 (earlier pieces go with pieces)',
  'fee.pages-per-piece': '页数用于按量计收；按件计收请给出件数 (pages go with per-volume charging)',
  'fee.pieces-per-volume': '件数用于按件计收；按量计收请给出页数 (pieces go with per-piece charging)',
  'fee.amount-needed':
    '收费通知需要金额，或由页数（按量）/ 件数（按件）按《办法》计算 (give the amount, or pages / pieces to compute it)',
  'fee.amount-disagrees':
    '写明的金额与按《办法》计算的金额不一致 (the amount disagrees with the fee measure)',
  'fee.nothing-due': '按《办法》不收费，无需发出收费通知 (no fee is due)',
  'online.unknown': '没有这个查询码对应的网上申请，请核对回执上的查询码 (no such online application)',
  'online.decided':
    '该网上申请已经确认或不予受理，不能再次处理 (the application has been dealt with already)',
  'online.idempotency-key':
    '幂等键应为 8 至 128 个可打印 ASCII 字符 (idempotencyKey: 8 to 128 printable ASCII characters)',
  'online.idempotency-conflict':
    '该幂等键已用于另一份内容不同的申请；新申请请使用新的幂等键 (the idempotency key was used for different contents)',
  'online.reason-empty':
    '不予受理须写明理由，申请人查询时可以看到 (a reason is required; the applicant will read it)',
  'online.reason-long':
    '理由不能超过 500 个字，且不能有控制字符 (the reason is at most 500 characters of plain text)',
  'access.forbidden': '您的角色无权进行此操作 (your role does not allow this)',
  'access.not-found': '记录不存在，或不属于您所在的机关 (no such record in your agency)',
} as const;

export type LedgerCode = keyof typeof LEDGER_REFUSALS;

/** A refusal from the domain (its code) or from the ledger (a LedgerCode); the message is Chinese first. */
export interface LedgerRefusal {
  readonly code: Refusal['code'] | LedgerCode;
  readonly message: string;
  readonly eventIndex?: number;
}

export function ledgerRefusal(code: LedgerCode, detail?: string): LedgerRefusal {
  return { code, message: detail ? `${LEDGER_REFUSALS[code]}：${detail}` : LEDGER_REFUSALS[code] };
}
