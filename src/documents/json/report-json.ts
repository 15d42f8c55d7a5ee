/**
 * @module The report JSON interchange format (docs/report-json.md): writing it, and reading it back
 * through one schema so that everything past this point can trust the types.
 */

import { z } from 'zod';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import { formatForYear } from '../../domain/report/format.js';
import { proactiveBlocks, REVIEW_BLOCKS } from '../../domain/report/labels.js';
import type { AnnualReport, ProactiveCell } from '../../domain/report/model.js';
import { canonicalDecimal, isDecimalString } from '../../domain/shared/decimal.js';
import type { TextEncoding } from '../decode.js';
import { type ReadResult, readError } from '../read-result.js';
import { issuePath, issueText } from './issue-text.js';

/** Key order of the written JSON: the fixed keys first, as ../shared/domain/report-json.md lists them. */
export function renderJson(report: AnnualReport): string {
  const ordered: AnnualReport = {
    year: report.year,
    format: report.format,
    agency: report.agency,
    publishedOn: report.publishedOn,
    text: report.text,
    proactive: report.proactive,
    requests: report.requests,
    reviewLitigation: report.reviewLitigation,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

const count = z.number().nullable();
const reviewBlock = z
  .object({ upheld: count, corrected: count, other: count, pending: count, total: count })
  .partial()
  .strict();

const reportSchema = z
  .object({
    year: z.number().int().min(1990).max(2200),
    format: z.enum(['2019', '2021']).optional(),
    // "" when the page never named it: kept, and said (report.agency).
    agency: z.string().trim(),
    publishedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
      .refine(isLocalDate, '不是日历上的日期（如 2025-02-30）(not a calendar date)')
      .nullable()
      .default(null),
    text: z
      .object({
        overview: z.string().default(''),
        problems: z.string().default(''),
        otherMatters: z.string().default(''),
      })
      .strict()
      .default({ overview: '', problems: '', otherMatters: '' }),
    proactive: z
      .record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.null()])))
      .default({}),
    requests: z.record(z.string(), z.array(count).length(7, '每行应有 7 个数（自然人 … 总计）')).default({}),
    reviewLitigation: z
      .object({ review: reviewBlock, litigationDirect: reviewBlock, litigationAfterReview: reviewBlock })
      .partial()
      .strict()
      .default({}),
  })
  .strict();

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issuePath(issue)}: ${issueText(issue)}`;
}

/** Amount columns take decimal strings; a JSON number there is accepted and kept as written. */
function normaliseAmounts(report: AnnualReport): AnnualReport | string {
  const proactive: Record<string, Record<string, ProactiveCell>> = {};
  for (const [rowKey, cells] of Object.entries(report.proactive)) {
    const block = proactiveBlocks(report.format).find((b) => b.rows.some((r) => r.key === rowKey));
    const out: Record<string, ProactiveCell> = {};
    for (const [columnKey, value] of Object.entries(cells)) {
      const kind = block?.columns.find((c) => c.key === columnKey)?.kind;
      if (kind === 'amount' && value !== null && value !== undefined) {
        const text = String(value);
        if (!isDecimalString(text))
          return `proactive.${rowKey}.${columnKey}: 金额“${text}”不是十进制数 (not a decimal amount)`;
        out[columnKey] = canonicalDecimal(text);
      } else if (typeof value === 'string') {
        return `proactive.${rowKey}.${columnKey}: 应为数字，读到字符串“${value}” (counts are numbers)`;
      } else if (value !== undefined) {
        out[columnKey] = value;
      }
    }
    proactive[rowKey] = out;
  }
  return { ...report, proactive };
}

/**
 * Where a JSON text goes wrong. V8 does not always say, but a prefix of valid JSON only ever fails
 * by running out (end of input, or an error placed at its very end), so the shortest prefix that
 * fails otherwise ends at the fault.
 */
function syntaxErrorOffset(text: string): number | undefined {
  const failsInside = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (e) {
      const message = e instanceof Error ? e.message : '';
      const position = /at position (\d+)/.exec(message);
      const ranOut =
        /end of JSON input/.test(message) || (position !== null && Number(position[1]) === length);
      return !ranOut;
    }
  };
  if (!failsInside(text.length)) return undefined;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (failsInside(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

export function parseJsonReport(text: string, encoding: TextEncoding = 'utf-8'): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // V8 quotes the input around the fault; its line breaks must not break the one-line error.
    const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
    const at = syntaxErrorOffset(text);
    const line = at === undefined ? undefined : text.slice(0, at).split('\n').length;
    return readError('json.syntax', `JSON 语法错误 (invalid JSON): ${detail}`, line);
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const more = issues.length > 1 ? `（另有 ${issues.length - 1} 处 / ${issues.length - 1} more）` : '';
    return readError(
      'json.schema',
      `不符合年度报告 JSON 格式 (not report JSON): ${describeIssue(issues[0]!)}${more}`,
    );
  }
  const value = parsed.data;
  const reviewLitigation = Object.fromEntries(
    REVIEW_BLOCKS.map((b) => [b.key, value.reviewLitigation[b.key] ?? {}]),
  );
  const report = normaliseAmounts({
    ...value,
    format: value.format ?? formatForYear(value.year),
    reviewLitigation,
  } as unknown as AnnualReport);
  if (typeof report === 'string') return readError('json.schema', report);
  return { ok: true, report, notes: [], shape: 'json', encoding };
}
