/**
 * @module The parts of an annual report the request ledger does not hold — sections 一, 五 and 六 as
 * text, section 二's counts, the publication date — given as a partial report (a "fill"), laid over the
 * report built from the ledger. What the ledger counts (sections 三 and 四) is never taken from a fill.
 * A template to start from carries last year's text and section 二's stock figures (现行有效件数; in the
 * 2019 format 对外公开总数量 and 上一年项目数量 from last year's 上一年项目数量 + 本年增/减), every flow 0.
 */
import { proactiveBlocks } from './labels.js';
import type { AnnualReport, ProactiveCell, ProactiveTable, ReportText } from './model.js';

export interface ReportFill {
  readonly publishedOn?: string | null;
  readonly text?: Partial<ReportText>;
  readonly proactive?: ProactiveTable;
}

/** The report with the fill's parts laid over it, row by row for section 二. */
export function applyFill(report: AnnualReport, fill: ReportFill): AnnualReport {
  const proactive: Record<string, Partial<Record<string, ProactiveCell>>> = { ...report.proactive };
  for (const [row, cells] of Object.entries(fill.proactive ?? {}))
    proactive[row] = { ...proactive[row], ...cells };
  return {
    ...report,
    ...(fill.publishedOn !== undefined ? { publishedOn: fill.publishedOn } : {}),
    text: { ...report.text, ...fill.text },
    proactive,
  };
}

const STOCK_2021 = new Set(['inForce']);

/** The fill a year's report starts from: last year's text and stock figures, every other cell 0. */
export function fillTemplate(report: AnnualReport, previous?: AnnualReport): Required<ReportFill> {
  const before = previous?.format === report.format ? previous.proactive : {};
  const proactive: Record<string, Record<string, ProactiveCell>> = {};
  for (const block of proactiveBlocks(report.format))
    for (const row of block.rows) {
      const last = before[row.key] ?? {};
      const num = (key: string) => (typeof last[key] === 'number' ? (last[key] as number) : 0);
      proactive[row.key] = Object.fromEntries(
        block.columns.map((c) => {
          if (c.kind === 'amount') return [c.key, '0'];
          if (report.format === '2021' && STOCK_2021.has(c.key)) return [c.key, num(c.key)];
          if (report.format === '2019' && c.key === 'totalPublished') return [c.key, num('totalPublished')];
          if (report.format === '2019' && c.key === 'previousItems')
            return [c.key, Math.max(0, num('previousItems') + num('change'))];
          return [c.key, 0];
        }),
      );
    }
  return {
    publishedOn: null,
    text: previous ? { ...previous.text } : { overview: '', problems: '', otherMatters: '' },
    proactive,
  };
}
