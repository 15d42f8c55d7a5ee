/**
 * @module 办理结果: how a request ended, named by the article that allows it, and the one function
 * that says which row of section 三 counts it in each report format. A request has exactly one final
 * outcome, so it counts in exactly one outcome row; 区分处理 (Art. 37) is the single outcome `partial`
 * and so counts only under （二）, as the row label requires.
 *
 * The mapping follows common practice (annual-report-formats.md §5.5); rows marked [U] there are
 * where agencies differ: 36(1) under 予以公开, 36(5) under 本机关不掌握, 36(7) under 行政查询事项.
 */
import type { ReportFormat } from '../report/format.js';
import type { RequestRowKey } from '../report/labels.js';

export type OutcomeKind =
  | 'disclosed'
  | 'alreadyPublic'
  | 'partial'
  | 'stateSecret'
  | 'lawForbidden'
  | 'security'
  | 'thirdParty'
  | 'internal'
  | 'process'
  | 'enforcementFile'
  | 'inquiry'
  | 'notHeld'
  | 'notThisAgency'
  | 'needsCreation'
  | 'unclearAfterCorrection'
  | 'complaint'
  | 'repeated'
  | 'publication'
  | 'excessive'
  | 'confirmation'
  | 'noCorrection'
  | 'unpaidFee'
  | 'withdrawn'
  | 'other';

export interface OutcomeSpec {
  readonly kind: OutcomeKind;
  /** 中文名称 */
  readonly label: string;
  /** The article (条例 unless named otherwise). */
  readonly basis: string;
  /** The row in the 2021 format (国办公开办函〔2021〕30号). */
  readonly row2021: RequestRowKey;
  /** Recorded by its own event (lapse, withdrawal), never by a 答复. */
  readonly byEvent?: true;
}

const spec = (
  kind: OutcomeKind,
  label: string,
  basis: string,
  row2021: RequestRowKey,
  byEvent?: true,
): OutcomeSpec => (byEvent ? { kind, label, basis, row2021, byEvent } : { kind, label, basis, row2021 });

/** Every outcome, in the order of the report's rows. */
export const OUTCOMES: readonly OutcomeSpec[] = [
  spec('disclosed', '予以公开', '第三十六条第（二）项', 'granted'),
  spec('alreadyPublic', '已主动公开，告知获取方式和途径', '第三十六条第（一）项', 'granted'),
  spec('partial', '部分公开（区分处理）', '第三十七条', 'partial'),
  spec('stateSecret', '属于国家秘密', '第三十六条第（三）项、第十四条', 'denied.stateSecret'),
  spec('lawForbidden', '其他法律行政法规禁止公开', '第三十六条第（三）项、第十四条', 'denied.lawForbidden'),
  spec('security', '危及“三安全一稳定”', '第三十六条第（三）项、第十四条', 'denied.security'),
  spec('thirdParty', '保护第三方合法权益', '第三十六条第（三）项、第十五条', 'denied.thirdParty'),
  spec('internal', '属于三类内部事务信息', '第三十六条第（三）项、第十六条第一款', 'denied.internal'),
  spec('process', '属于四类过程性信息', '第三十六条第（三）项、第十六条第二款', 'denied.process'),
  spec(
    'enforcementFile',
    '属于行政执法案卷',
    '第三十六条第（三）项、第十六条第二款',
    'denied.enforcementFile',
  ),
  spec('inquiry', '属于行政查询事项', '第三十六条第（七）项', 'denied.inquiry'),
  spec('notHeld', '本机关不掌握相关政府信息', '第三十六条第（四）项', 'unable.notHeld'),
  spec('notThisAgency', '不属于本机关负责公开', '第三十六条第（五）项', 'unable.notHeld'),
  spec('needsCreation', '没有现成信息需要另行制作', '第三十八条', 'unable.needsCreation'),
  spec('unclearAfterCorrection', '补正后申请内容仍不明确', '第三十条', 'unable.unclear'),
  spec('complaint', '信访举报投诉类申请', '第三十九条第一款', 'notProcessed.complaint'),
  spec('repeated', '重复申请', '第三十六条第（六）项', 'notProcessed.repeated'),
  spec('publication', '要求提供公开出版物', '第三十九条第二款', 'notProcessed.publication'),
  spec('excessive', '无正当理由大量反复申请', '第三十五条', 'notProcessed.excessive'),
  spec('confirmation', '要求行政机关确认或重新出具已获取信息', '（无专门条款）', 'notProcessed.confirmation'),
  spec('noCorrection', '无正当理由逾期不补正，不再处理', '第三十条', 'other.noCorrection', true),
  spec(
    'unpaidFee',
    '逾期未按收费通知缴纳费用，不再处理',
    '《政府信息公开信息处理费管理办法》',
    'other.unpaidFee',
    true,
  ),
  spec('withdrawn', '申请人撤回申请', '—', 'other.other', true),
  spec('other', '其他', '—', 'other.other'),
];

const BY_KIND = new Map(OUTCOMES.map((o) => [o.kind, o]));

export function outcomeSpec(kind: OutcomeKind): OutcomeSpec {
  const found = BY_KIND.get(kind);
  if (!found) throw new Error(`unknown outcome ${kind}`);
  return found;
}

/**
 * The section 三 row that counts a request with this outcome. The 2019 format has one （六）其他处理 row
 * where the 2021 format has three (逾期不补正, 逾期未缴费, 其他).
 */
export function reportRowOf(outcome: OutcomeKind, format: ReportFormat): RequestRowKey {
  const row = outcomeSpec(outcome).row2021;
  return format === '2019' && row.startsWith('other.') ? 'other' : row;
}
