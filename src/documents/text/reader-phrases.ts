/**
 * @module Every phrase the reader looks for in a page: the official labels, the section titles with
 * their known wording drifts, and the heading. Their traditional-character forms are generated from
 * this list (scripts/generate-traditional-labels.ts).
 */
import {
  APPLICANT_HEADER,
  BALANCE_NOTE,
  CONTENT_HEADER,
  LITIGATION_HEADER,
  ORGANISATION_HEADER,
  OUTCOME_GROUP_LABELS,
  OUTCOMES_LABEL,
  proactiveBlocks,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
  type SectionNumber,
} from '../../domain/report/labels.js';

/**
 * Each section's title as a pattern over the comparison form, with the drifts agencies print: either
 * format's 五, 四 with or without 政府信息公开 / 因政府信息公开申请 / 提起, and the misspelt 行政法复议
 * (2022 Pingtan report); 的 put in or left out, 改进情况 / 改进措施.
 */
export const TITLE_PATTERNS: Readonly<Record<SectionNumber, string>> = {
  一: '一、(?:总体情况|工作基本情况|基本情况|总体工作情况|工作总体情况)',
  二: '二、主动公开政府信息(?:的)?情况',
  三: '三、收到和处理政府信息公开申请(?:的)?情况',
  四: '四、(?:政府信息公开)?(?:因政府信息公开申请)?(?:提起)?行政法?复议[、和及]?(?:提起)?行政诉讼(?:的)?情况',
  五: '五、(?:政府信息公开工作)?存在的?主要问题(?:及|和|与)(?:其)?改进(?:情况|措施|方向)',
  六: '六、其他需要报告的?事项',
};

/** The heading's fixed part: "<agency><year>年(度)" + this. */
export const HEADING_PHRASE = '政府信息公开工作年度报告';
/** The same heading as some agencies shorten or word it. */
export const HEADING_PHRASE_VARIANTS: readonly string[] = [
  '政府信息公开年度报告',
  '政府信息公开工作年报',
  '政务公开工作年度报告',
];

type TableSection = '二' | '三' | '四';
const BOTH_FORMATS = ['2019', '2021'] as const;

/** What each section's tables print above and beside the numbers, in either format: captions, column heads, notes. */
export const TABLE_HEADERS: Readonly<Record<TableSection, readonly string[]>> = {
  二: [
    CONTENT_HEADER,
    ...BOTH_FORMATS.flatMap((f) =>
      proactiveBlocks(f).flatMap((b) => [b.caption, ...b.columns.map((c) => c.label)]),
    ),
  ],
  三: [
    BALANCE_NOTE,
    APPLICANT_HEADER,
    ORGANISATION_HEADER,
    OUTCOMES_LABEL,
    ...REQUEST_COLUMNS.map((c) => c.label),
    ...Object.values(OUTCOME_GROUP_LABELS),
  ],
  四: [LITIGATION_HEADER, ...REVIEW_BLOCKS.map((b) => b.label), ...REVIEW_COLUMNS.map((c) => c.label)],
};

/** The row labels each section's tables print, in either format (section 四's blocks are headers). */
export const TABLE_ROW_LABELS: Readonly<Record<TableSection, readonly string[]>> = {
  二: BOTH_FORMATS.flatMap((f) => proactiveBlocks(f).flatMap((b) => b.rows.map((r) => r.label))),
  三: REQUEST_ROWS.map((r) => r.label),
  四: [],
};

/** Section 三's rows as also printed with their group label in front ("（三）不予公开1.属于国家秘密"). */
export const GROUPED_REQUEST_ROWS: readonly string[] = REQUEST_ROWS.flatMap((r) =>
  r.group ? [OUTCOME_GROUP_LABELS[r.group] + r.label] : [],
);

/** Every table label of both formats. */
export const TABLE_LABELS: readonly string[] = (['二', '三', '四'] as const).flatMap((s) => [
  ...TABLE_HEADERS[s],
  ...TABLE_ROW_LABELS[s],
]);

export const READER_PHRASES: readonly string[] = [
  ...TABLE_LABELS,
  ...Object.values(TITLE_PATTERNS),
  HEADING_PHRASE,
  ...HEADING_PHRASE_VARIANTS,
  '发布时间',
  '发布日期',
];
