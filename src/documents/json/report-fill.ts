/**
 * @module Reading a fill (`report build --fill FILE`): a partial report JSON with the keys of
 * docs/report-json.md the ledger does not hold — `publishedOn`, `text`, `proactive` — checked against the
 * year's format. `requests` and `reviewLitigation` are refused: the ledger counts them. `year`, `format`
 * and `agency` may be present (a template has them) and must then be the report's.
 */

import { z } from 'zod';
import type { ReportFill } from '../../domain/report/fill.js';
import type { ReportFormat } from '../../domain/report/format.js';
import { proactiveBlocks } from '../../domain/report/labels.js';
import type { ProactiveCell } from '../../domain/report/model.js';
import { canonicalDecimal, isDecimalString } from '../../domain/shared/decimal.js';
import { issuePath, issueText, jsonSyntaxText } from './issue-text.js';

const FillSchema = z
  .object({
    year: z.number().int().optional(),
    format: z.enum(['2019', '2021']).optional(),
    agency: z.string().optional(),
    publishedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD (a date YYYY-MM-DD)')
      .nullable()
      .optional(),
    text: z
      .object({ overview: z.string(), problems: z.string(), otherMatters: z.string() })
      .partial()
      .strict()
      .optional(),
    proactive: z
      .record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.null()])))
      .optional(),
    requests: z.unknown().optional(),
    reviewLitigation: z.unknown().optional(),
  })
  .strict();

export type FillResult =
  | { readonly ok: true; readonly fill: ReportFill }
  | { readonly ok: false; readonly message: string };

const refused = (message: string): FillResult => ({ ok: false, message });

export function parseReportFill(
  text: string,
  expect: { readonly year: number; readonly format: ReportFormat },
): FillResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return refused(jsonSyntaxText(e));
  }
  const parsed = FillSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refused(`${issuePath(issue)}: ${issueText(issue)}`);
  }
  const f = parsed.data;
  for (const key of ['requests', 'reviewLitigation'] as const)
    if (f[key] !== undefined)
      return refused(
        `${key}: 第三、四部分由申请台账统计，不能在填写文件中给出 (sections 三 and 四 are counted by the ledger)`,
      );
  if (f.year !== undefined && f.year !== expect.year)
    return refused(
      `year: 填写文件是 ${f.year} 年度的，报告是 ${expect.year} 年度 (the fill is for another year)`,
    );
  if (f.format !== undefined && f.format !== expect.format)
    return refused(
      `format: 填写文件为 ${f.format} 年格式，${expect.year} 年度报告用 ${expect.format} 年格式 (wrong format)`,
    );
  const proactive: Record<string, Record<string, ProactiveCell>> = {};
  for (const [rowKey, cells] of Object.entries(f.proactive ?? {})) {
    const block = proactiveBlocks(expect.format).find((b) => b.rows.some((r) => r.key === rowKey));
    if (!block)
      return refused(
        `proactive.${rowKey}: ${expect.format} 年格式第二部分没有这一行 (no such row in section 二)`,
      );
    const row: Record<string, ProactiveCell> = {};
    for (const [columnKey, value] of Object.entries(cells)) {
      const column = block.columns.find((c) => c.key === columnKey);
      const at = `proactive.${rowKey}.${columnKey}`;
      if (!column) return refused(`${at}: 这一行没有这一列 (no such column)`);
      if (value === null) row[columnKey] = null;
      else if (column.kind === 'amount') {
        if (!isDecimalString(String(value)))
          return refused(`${at}: 金额“${value}”不是十进制数 (not a decimal amount)`);
        row[columnKey] = canonicalDecimal(String(value));
      } else if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        (value < 0 && column.kind !== 'signedCount')
      )
        return refused(
          `${at}: 应为${column.kind === 'signedCount' ? '' : '非负'}整数，读到 ${JSON.stringify(value)} (a whole number)`,
        );
      else row[columnKey] = value;
    }
    proactive[rowKey] = row;
  }
  return {
    ok: true,
    fill: {
      ...(f.publishedOn !== undefined ? { publishedOn: f.publishedOn } : {}),
      ...(f.text ? { text: f.text } : {}),
      ...(f.proactive ? { proactive } : {}),
    },
  };
}
