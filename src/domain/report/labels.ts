/**
 * @module The official labels of the annual report, character for character, and the keys that the
 * report JSON (docs/report-json.md) uses for them. Renderers print these labels; readers map what a
 * page says back onto them; validation names cells by their keys.
 *
 * Source: ../shared/domain/annual-report-formats.md §1–§3 (section titles, section 二 blocks, section 三
 * rows, section 四 headers). Parentheses are full-width （）; item numbers print as "1." then the text.
 */
import type { ReportFormat } from './format.js';

// ── Section titles ────────────────────────────────────────────────────────────

export type SectionNumber = '一' | '二' | '三' | '四' | '五' | '六';
export const SECTION_NUMBERS: readonly SectionNumber[] = ['一', '二', '三', '四', '五', '六'];

const COMMON_TITLES: Readonly<Record<SectionNumber, string>> = {
  一: '一、总体情况',
  二: '二、主动公开政府信息情况',
  三: '三、收到和处理政府信息公开申请情况',
  四: '四、政府信息公开行政复议、行政诉讼情况',
  五: '五、存在的主要问题及改进情况',
  六: '六、其他需要报告的事项',
};

export function sectionTitle(format: ReportFormat, section: SectionNumber): string {
  // The 2019 trial format words section 五 with the subject spelled out.
  if (format === '2019' && section === '五') return '五、政府信息公开工作存在的主要问题及改进情况';
  return COMMON_TITLES[section];
}

/** The report's heading: "<agency><year>年政府信息公开工作年度报告". */
export function reportHeading(agency: string, year: number): string {
  return `${agency}${year}年政府信息公开工作年度报告`;
}

// ── Section 二 主动公开政府信息情况 ─────────────────────────────────────────────

/** How a cell's value is written. */
export type CellKind =
  /** a whole number ≥ 0 (件, 项) */
  | 'count'
  /** a whole number that may be negative: the 2019 format's 本年增/减 */
  | 'signedCount'
  /** an exact decimal amount ≥ 0 (万元 or 元) */
  | 'amount';

export interface ProactiveColumnSpec {
  readonly key: string;
  readonly label: string;
  readonly kind: CellKind;
}

export interface ProactiveRowSpec {
  readonly key: string;
  readonly label: string;
  /**
   * A row an agency may leave out. Only governments and departments with rule-making power make 规章
   * (立法法 Art. 93), so township and county reports, the seed among them, print no 规章 row.
   */
  readonly optional?: boolean;
}

export interface ProactiveBlockSpec {
  readonly key: string;
  /** The full-width caption row, e.g. 第二十条第（一）项. */
  readonly caption: string;
  readonly columns: readonly ProactiveColumnSpec[];
  readonly rows: readonly ProactiveRowSpec[];
}

export const CONTENT_HEADER = '信息内容';

const RULES_ROW: ProactiveRowSpec = { key: 'rules', label: '规章', optional: true };

const PROACTIVE_2021: readonly ProactiveBlockSpec[] = [
  {
    key: 'item1',
    caption: '第二十条第（一）项',
    columns: [
      { key: 'issued', label: '本年制发件数', kind: 'count' },
      { key: 'repealed', label: '本年废止件数', kind: 'count' },
      { key: 'inForce', label: '现行有效件数', kind: 'count' },
    ],
    rows: [RULES_ROW, { key: 'normativeDocuments', label: '行政规范性文件' }],
  },
  {
    key: 'item5',
    caption: '第二十条第（五）项',
    columns: [{ key: 'decisions', label: '本年处理决定数量', kind: 'count' }],
    rows: [{ key: 'licensing', label: '行政许可' }],
  },
  {
    key: 'item6',
    caption: '第二十条第（六）项',
    columns: [{ key: 'decisions', label: '本年处理决定数量', kind: 'count' }],
    rows: [
      { key: 'penalty', label: '行政处罚' },
      { key: 'coercion', label: '行政强制' },
    ],
  },
  {
    key: 'item8',
    caption: '第二十条第（八）项',
    columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'amount' }],
    rows: [{ key: 'fees', label: '行政事业性收费' }],
  },
];

const ITEM_COLUMNS_2019: readonly ProactiveColumnSpec[] = [
  { key: 'previousItems', label: '上一年项目数量', kind: 'count' },
  { key: 'change', label: '本年增/减', kind: 'signedCount' },
  { key: 'decisions', label: '处理决定数量', kind: 'count' },
];

const PROACTIVE_2019: readonly ProactiveBlockSpec[] = [
  {
    key: 'item1',
    caption: '第二十条第（一）项',
    columns: [
      { key: 'made', label: '本年新制作数量', kind: 'count' },
      { key: 'published', label: '本年新公开数量', kind: 'count' },
      { key: 'totalPublished', label: '对外公开总数量', kind: 'count' },
    ],
    rows: [RULES_ROW, { key: 'normativeDocuments', label: '规范性文件' }],
  },
  {
    key: 'item5',
    caption: '第二十条第（五）项',
    columns: ITEM_COLUMNS_2019,
    rows: [
      { key: 'licensing', label: '行政许可' },
      { key: 'otherServices', label: '其他对外管理服务事项' },
    ],
  },
  {
    key: 'item6',
    caption: '第二十条第（六）项',
    columns: ITEM_COLUMNS_2019,
    rows: [
      { key: 'penalty', label: '行政处罚' },
      { key: 'coercion', label: '行政强制' },
    ],
  },
  {
    key: 'item8',
    caption: '第二十条第（八）项',
    columns: ITEM_COLUMNS_2019.slice(0, 2),
    rows: [{ key: 'fees', label: '行政事业性收费' }],
  },
  {
    key: 'item9',
    caption: '第二十条第（九）项',
    columns: [
      { key: 'projects', label: '采购项目数量', kind: 'count' },
      // No unit is printed in the 2019 format [U]; agencies wrote 元 or 万元 in the cell itself.
      { key: 'amount', label: '采购总金额', kind: 'amount' },
    ],
    rows: [{ key: 'procurement', label: '政府集中采购' }],
  },
];

export function proactiveBlocks(format: ReportFormat): readonly ProactiveBlockSpec[] {
  return format === '2019' ? PROACTIVE_2019 : PROACTIVE_2021;
}

/** The widest block has three value columns; narrower blocks span them (colspan). */
export const PROACTIVE_VALUE_COLUMNS = 3;

// ── Section 三 收到和处理政府信息公开申请情况 ────────────────────────────────────

export const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const APPLICANT_HEADER = '申请人情况';
export const ORGANISATION_HEADER = '法人或其他组织';

export type RequestColumnKey =
  | 'natural'
  | 'commercial'
  | 'research'
  | 'publicInterest'
  | 'legalService'
  | 'other'
  | 'total';

export interface RequestColumnSpec {
  readonly key: RequestColumnKey;
  readonly label: string;
}

/** The seven data columns, in the order the report JSON stores them. */
export const REQUEST_COLUMNS: readonly RequestColumnSpec[] = [
  { key: 'natural', label: '自然人' },
  { key: 'commercial', label: '商业企业' },
  { key: 'research', label: '科研机构' },
  { key: 'publicInterest', label: '社会公益组织' },
  { key: 'legalService', label: '法律服务机构' },
  { key: 'other', label: '其他' },
  { key: 'total', label: '总计' },
];

export const REQUEST_COLUMN_KEYS: readonly RequestColumnKey[] = REQUEST_COLUMNS.map((c) => c.key);
export const TOTAL_COLUMN_INDEX = 6;

export const OUTCOMES_LABEL = '三、本年度办理结果';

export type OutcomeGroupKey = 'denied' | 'unable' | 'notProcessed' | 'other';

/** Group label cells that carry no numbers (no subtotal rows in the printed form). */
export const OUTCOME_GROUP_LABELS: Readonly<Record<OutcomeGroupKey, string>> = {
  denied: '（三）不予公开',
  unable: '（四）无法提供',
  notProcessed: '（五）不予处理',
  other: '（六）其他处理',
};

export type RequestRowKey =
  | 'new'
  | 'carriedOver'
  | 'granted'
  | 'partial'
  | 'denied.stateSecret'
  | 'denied.lawForbidden'
  | 'denied.security'
  | 'denied.thirdParty'
  | 'denied.internal'
  | 'denied.process'
  | 'denied.enforcementFile'
  | 'denied.inquiry'
  | 'unable.notHeld'
  | 'unable.needsCreation'
  | 'unable.unclear'
  | 'notProcessed.complaint'
  | 'notProcessed.repeated'
  | 'notProcessed.publication'
  | 'notProcessed.excessive'
  | 'notProcessed.confirmation'
  | 'other'
  | 'other.noCorrection'
  | 'other.unpaidFee'
  | 'other.other'
  | 'total'
  | 'carriedForward';

export interface RequestRowSpec {
  readonly key: RequestRowKey;
  /** The label cell as printed (for sub-rows: the leaf label only, e.g. "1.属于国家秘密"). */
  readonly label: string;
  /** Where the row sits: a top-level item (一、二、四), a result row under 三, or a sub-row of a group. */
  readonly place: 'item' | 'outcome' | 'groupMember';
  readonly group?: OutcomeGroupKey;
  readonly formats: readonly ReportFormat[];
}

const BOTH: readonly ReportFormat[] = ['2019', '2021'];

const member = (
  group: OutcomeGroupKey,
  key: RequestRowKey,
  label: string,
  formats = BOTH,
): RequestRowSpec => ({
  key,
  label,
  place: 'groupMember',
  group,
  formats,
});

/** Every section 三 row of both formats, in printed order. */
export const REQUEST_ROWS: readonly RequestRowSpec[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量', place: 'item', formats: BOTH },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', place: 'item', formats: BOTH },
  { key: 'granted', label: '（一）予以公开', place: 'outcome', formats: BOTH },
  {
    key: 'partial',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    place: 'outcome',
    formats: BOTH,
  },
  member('denied', 'denied.stateSecret', '1.属于国家秘密'),
  member('denied', 'denied.lawForbidden', '2.其他法律行政法规禁止公开'),
  member('denied', 'denied.security', '3.危及“三安全一稳定”'),
  member('denied', 'denied.thirdParty', '4.保护第三方合法权益'),
  member('denied', 'denied.internal', '5.属于三类内部事务信息'),
  member('denied', 'denied.process', '6.属于四类过程性信息'),
  member('denied', 'denied.enforcementFile', '7.属于行政执法案卷'),
  member('denied', 'denied.inquiry', '8.属于行政查询事项'),
  member('unable', 'unable.notHeld', '1.本机关不掌握相关政府信息'),
  member('unable', 'unable.needsCreation', '2.没有现成信息需要另行制作'),
  member('unable', 'unable.unclear', '3.补正后申请内容仍不明确'),
  member('notProcessed', 'notProcessed.complaint', '1.信访举报投诉类申请'),
  member('notProcessed', 'notProcessed.repeated', '2.重复申请'),
  member('notProcessed', 'notProcessed.publication', '3.要求提供公开出版物'),
  member('notProcessed', 'notProcessed.excessive', '4.无正当理由大量反复申请'),
  member('notProcessed', 'notProcessed.confirmation', '5.要求行政机关确认或重新出具已获取信息'),
  { key: 'other', label: '（六）其他处理', place: 'outcome', formats: ['2019'] },
  member('other', 'other.noCorrection', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [
    '2021',
  ]),
  member(
    'other',
    'other.unpaidFee',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    ['2021'],
  ),
  member('other', 'other.other', '3.其他', ['2021']),
  { key: 'total', label: '（七）总计', place: 'outcome', formats: BOTH },
  { key: 'carriedForward', label: '四、结转下年度继续办理', place: 'item', formats: BOTH },
];

const ROWS_BY_FORMAT: Readonly<Record<ReportFormat, readonly RequestRowSpec[]>> = {
  '2019': REQUEST_ROWS.filter((r) => r.formats.includes('2019')),
  '2021': REQUEST_ROWS.filter((r) => r.formats.includes('2021')),
};

export function requestRows(format: ReportFormat): readonly RequestRowSpec[] {
  return ROWS_BY_FORMAT[format];
}

const leavesOf = (format: ReportFormat) =>
  requestRows(format).filter(
    (r) => (r.place === 'outcome' || r.place === 'groupMember') && r.key !== 'total',
  );
/** Made once: the reader and the rules ask for them several times for every report. */
const LEAVES_BY_FORMAT: Readonly<Record<ReportFormat, readonly RequestRowSpec[]>> = {
  '2019': leavesOf('2019'),
  '2021': leavesOf('2021'),
};

/** The rows whose numbers make up （七）总计: every leaf under 三、本年度办理结果 except the total itself. */
export function outcomeLeafRows(format: ReportFormat): readonly RequestRowSpec[] {
  return LEAVES_BY_FORMAT[format];
}

export function requestRowSpec(key: RequestRowKey): RequestRowSpec {
  const spec = REQUEST_ROWS.find((r) => r.key === key);
  if (!spec) throw new Error(`unknown section 三 row ${key}`);
  return spec;
}

// ── Section 四 政府信息公开行政复议、行政诉讼情况 ─────────────────────────────────

export type ReviewBlockKey = 'review' | 'litigationDirect' | 'litigationAfterReview';
export type ReviewColumnKey = 'upheld' | 'corrected' | 'other' | 'pending' | 'total';

export const REVIEW_BLOCKS: readonly { readonly key: ReviewBlockKey; readonly label: string }[] = [
  { key: 'review', label: '行政复议' },
  { key: 'litigationDirect', label: '未经复议直接起诉' },
  { key: 'litigationAfterReview', label: '复议后起诉' },
];

export const LITIGATION_HEADER = '行政诉讼';

export const REVIEW_COLUMNS: readonly { readonly key: ReviewColumnKey; readonly label: string }[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];

/** The 15 cells of section 四 in printed order (行政复议 ×5, 直接起诉 ×5, 复议后起诉 ×5). */
export const REVIEW_CELLS: readonly { readonly block: ReviewBlockKey; readonly column: ReviewColumnKey }[] =
  REVIEW_BLOCKS.flatMap((b) => REVIEW_COLUMNS.map((c) => ({ block: b.key, column: c.key })));
