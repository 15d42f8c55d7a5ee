/**
 * @module Every check Gongkai runs on an annual report, with a stable id that findings, the JSON and
 * the CSV carry, and where the rule comes from. Ids never change meaning; new rules get new ids.
 *
 * "Stated" rules are printed in the national form or the Regulation; "derived" rules follow from the
 * table's structure or from evaluators' practice (annual-report-formats.md §4, numbered R1–R11 there).
 */
import type { Severity } from './finding.js';

export interface RuleInfo {
  readonly severity: Severity;
  readonly title: string;
  readonly titleEn: string;
  /** Where the rule comes from. */
  readonly basis: string;
}

export const RULES = {
  'requests.balance': {
    severity: 'error',
    title: '第三部分每列：一＋二＝三（七）总计＋四',
    titleEn: 'Section 3, every column: new + carried over = total handled + carried forward',
    basis: 'R1, stated: 表头“第一项加第二项之和，等于第三项加第四项之和”',
  },
  'requests.row-total': {
    severity: 'error',
    title: '第三部分每行：总计列＝各类申请人之和',
    titleEn: 'Section 3, every row: the 总计 column equals the sum of the six applicant columns',
    basis: 'R2, derived from the table structure',
  },
  'requests.outcome-total': {
    severity: 'error',
    title: '第三部分每列：（七）总计＝各项办理结果之和',
    titleEn: 'Section 3, every column: row （七）总计 equals the sum of the outcome rows',
    basis: 'R3, derived from the table structure',
  },
  'review.block-total': {
    severity: 'error',
    title: '第四部分：总计＝结果维持＋结果纠正＋其他结果＋尚未审结',
    titleEn: 'Section 4, each block: total = upheld + corrected + other + pending',
    basis: 'R4, derived from the table structure',
  },
  'cell.value': {
    severity: 'error',
    title: '数值须为非负整数（本年增/减可为负，金额可有小数）',
    titleEn: 'Counts are whole numbers ≥ 0 (本年增/减 may be negative; amounts may have decimals)',
    basis: 'R5, derived',
  },
  'cell.missing': {
    severity: 'error',
    title: '表格数据缺失',
    titleEn: 'A table cell is missing',
    basis: 'The national format prints every row and column',
  },
  'cell.blank': {
    severity: 'info',
    title: '单元格留空（按 0 计算）',
    titleEn: 'Cells left blank (counted as 0)',
    basis: 'No verified rule requires "0"; blanks are a style issue (annual-report-formats.md §4)',
  },
  'format.year': {
    severity: 'error',
    title: '报告格式与报告年度不符',
    titleEn: 'The table format does not match the report year',
    basis: '国办公开办函〔2019〕60号 for 2019–2020, 国办公开办函〔2021〕30号 for 2021 on',
  },
  'format.foreign-row': {
    severity: 'error',
    title: '表格含有本格式没有的行或列',
    titleEn: 'A table has a row or column that its format does not have',
    basis: 'The national format for the year',
  },
  'report.year': {
    severity: 'error',
    title: '报告年度不在条例修订施行之后',
    titleEn: 'The report year is before the revised Regulation (reports on 2019 onward)',
    basis: '条例（国务院令第711号）2019-05-15 施行; the formats cover reports on 2019 onward',
  },
  'report.agency': {
    severity: 'warning',
    title: '报告未写明机关名称',
    titleEn: 'The report does not name its agency',
    basis:
      '条例第四十九条: each agency publishes its own annual report; a report read from a page that never names it ("本局", "我镇") is kept, its agency unknown',
  },
  'report.published-early': {
    severity: 'warning',
    title: '发布日期早于报告年度结束',
    titleEn: 'Published before the year it reports on ended',
    basis: 'Statistical period is 1月1日–12月31日 of the report year',
  },
  'report.deadline': {
    severity: 'warning',
    title: '发布日期晚于条例第四十九条规定的期限',
    titleEn: 'Published after the deadline of Regulation Art. 49',
    basis: '条例第四十九条: 部门 1月31日前, 政府信息公开工作主管部门 3月31日前',
  },
  'report.identity': {
    severity: 'warning',
    title: '报告自述的统计期限与报告年度不符',
    titleEn: 'The period the report says it covers is not its report year',
    basis: 'Statistical period is 1月1日–12月31日 of the report year',
  },
  'text.empty': {
    severity: 'warning',
    title: '文字部分为空',
    titleEn: 'A text section is empty',
    basis: '条例第五十条: the report must cover each item',
  },
  'text.figure-mismatch': {
    severity: 'warning',
    title: '文字部分所述数字与表格不一致',
    titleEn: 'A figure stated in the text differs from the table',
    basis:
      'Derived: a statement of section 一 or 六 is tied to a cell or sum of sections 三/四 only when its words name exactly one; any other statement is left alone',
  },
  'fees.unreported': {
    severity: 'warning',
    title: '有逾期未缴费的申请，但第六部分未报告收费情况',
    titleEn: 'Requests lapsed for unpaid fees, but section 6 reports no fees',
    basis: 'R11, derived: 《政府信息公开信息处理费管理办法》 and the 2021 notice [U]',
  },
  'cross-year.sequence': {
    severity: 'error',
    title: '上年报告的年度不是本报告的前一年',
    titleEn: 'The previous report is not of the year before',
    basis: 'Cross-year rules compare consecutive years',
  },
  'cross-year.agency': {
    severity: 'warning',
    title: '两年报告的机关名称不同',
    titleEn: 'The two reports name different agencies',
    basis: 'Cross-year rules compare one agency',
  },
  'cross-year.carry-over': {
    severity: 'error',
    title: '本年“上年结转”≠上年“结转下年度继续办理”',
    titleEn: "This year's carried-over requests differ from last year's carried-forward",
    basis: 'R6, derived; applies across the 2020→2021 format change',
  },
  'cross-year.identical': {
    severity: 'warning',
    title: '第二、三、四部分的数字与上年报告完全相同',
    titleEn: "Every number of sections 2–4 repeats last year's report",
    basis: 'Derived: a year of work rarely repeats every count; copied reports keep last year’s figures',
  },
  'cross-year.in-force': {
    severity: 'warning',
    title: '现行有效件数≠上年现行有效件数＋本年制发－本年废止',
    titleEn: 'In force ≠ last year in force + issued − repealed',
    basis: 'R7, derived, 2021 format only; legitimate breaks exist (修改, 机构改革)',
  },
  'cross-year.item-count': {
    severity: 'warning',
    title: '上一年项目数量≠上年的上一年项目数量＋本年增/减',
    titleEn: "Previous-year item count ≠ last year's count + last year's change",
    basis: 'R8, derived [U], 2019 format only',
  },
  'read.unmapped-label': {
    severity: 'warning',
    title: '表格中有无法对应到官方格式的文字',
    titleEn: 'Text in a table that maps to no row or header of the national format',
    basis: 'Labels are mapped by rule, never guessed',
  },
  'read.unreadable': {
    severity: 'error',
    title: '文件无法读取',
    titleEn: 'The file could not be read as a report',
    basis: 'Used by gongkai audit for a file it could not read (empty, binary, not a report, cut off)',
  },
  'read.truncated': {
    severity: 'error',
    title: '报告内容中断，后面的部分未能读取',
    titleEn: 'The report is cut off; the parts after the cut could not be read',
    basis: 'A page that ends before section 五 with every later section absent was cut off, not abridged',
  },
  'read.missing-section': {
    severity: 'error',
    title: '缺少报告的某一部分',
    titleEn: 'A section of the report is missing',
    basis: '条例第五十条 and the national format: six sections, 一 to 六',
  },
  'read.section-order': {
    severity: 'warning',
    title: '各部分顺序与统一格式不同',
    titleEn: 'Sections are out of the order of the national format',
    basis: 'The national format orders the sections 一 to 六',
  },
  'read.glued-digits': {
    severity: 'info',
    title: '数字连写，按表格勾稽关系拆分',
    titleEn: 'Numbers printed without separators, cut the only way the table rules allow',
    basis: 'A reading of the published digits, never a change to them',
  },
  'read.ambiguous-digits': {
    severity: 'warning',
    title: '数字连写，无法唯一拆分',
    titleEn: 'Numbers printed without separators that can be cut more than one way',
    basis: 'Labels and numbers are mapped by rule, never guessed',
  },
  'read.row-unreadable': {
    severity: 'warning',
    title: '一行的数字个数不对，无法读取',
    titleEn: 'A row has the wrong number of cells and could not be read',
    basis: 'Each row of the national format has a fixed number of cells',
  },
  'read.stray-number': {
    severity: 'warning',
    title: '表格中有不属于任何一行的数字',
    titleEn: 'A number in a table that belongs to no row',
    basis: 'Labels and numbers are mapped by rule, never guessed',
  },
  'read.row-by-position': {
    severity: 'info',
    title: '一行的行名缺失，按表格位置读取',
    titleEn: 'A row printed without its label, read by its place in the table',
    basis: 'Only where the table leaves one place: after the block’s headers, before its next row',
  },
  'read.inferred': {
    severity: 'info',
    title: '标题未写明的机关名称或年度，由页面其他位置推断',
    titleEn: 'The agency or year was not in the title and was taken from elsewhere on the page',
    basis: 'Said, never silent: the lines above a broken title, the 来源 line, the statistical period',
  },
  'read.invalid-bytes': {
    severity: 'warning',
    title: '文件中有无法解码的字节，已以 � 代替',
    titleEn: 'Some bytes of the file could not be decoded and were replaced by �',
    basis: 'A UTF-8 file with a few bad bytes is read as UTF-8, never re-decoded as another encoding',
  },
  'ledger.corrected-after-complete': {
    severity: 'warning',
    title: '该年度报告标记完成之后，经确认的更正改变了本年度的数字',
    titleEn: 'A correction confirmed after the year was marked complete changes this year’s figures',
    basis:
      'gongkai report complete: a correction to a completed year is recorded only with the approver’s confirmation, and listed here',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];
