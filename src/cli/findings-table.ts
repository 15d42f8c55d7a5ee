/** @module Findings as a table a person reads in a terminal (Chinese first). */
import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { AnnualReport } from '../domain/report/model.js';
import { cellName } from '../domain/report/validation/cell-names.js';
import { type Finding, SEVERITY_LABEL } from '../domain/report/validation/finding.js';

const MAX_CELLS_SHOWN = 4;
const WIDTHS = [6, 22, 40, 40, 12, 12] as const;

/** Breaks text into lines of at most `width` terminal columns (CJK characters take two). */
function wrapToWidth(text: string, width: number): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const ch of paragraph) {
      if (stringWidth(line + ch) > width) {
        out.push(line);
        line = '';
      }
      line += ch;
    }
    out.push(line);
  }
  return out.join('\n');
}

export function findingsTable(findings: readonly Finding[], report: AnnualReport): string {
  const table = new Table({
    head: ['级别', '规则', '说明', '单元格', '应为', '实为'],
    colWidths: [...WIDTHS],
    style: { head: [], border: [] },
  });
  for (const f of findings) {
    const names = f.cells.slice(0, MAX_CELLS_SHOWN).map((c) => cellName(c, report.format));
    if (f.cells.length > MAX_CELLS_SHOWN) names.push(`……共 ${f.cells.length} 个单元格`);
    const row = [
      SEVERITY_LABEL[f.severity],
      f.rule,
      f.message,
      names.join('\n'),
      f.expected ?? '',
      f.found ?? '',
    ];
    table.push(row.map((text, i) => wrapToWidth(text, WIDTHS[i]! - 2)));
  }
  return `${table.toString()}\n`;
}
