/**
 * @module The report as a scraped portal page reads: one line per heading, paragraph or table cell,
 * blank lines between them (the shape of ../shared/seed). `parseTextReport` reads it back.
 */
import { chineseDate, type LayoutBlock, reportLayout } from '../../domain/report/layout.js';
import type { AnnualReport } from '../../domain/report/model.js';

/**
 * A blank cell prints as "—": in a one-cell-per-line page an empty line would be indistinguishable
 * from the spacing between cells, and "—" is how Chinese tables mark an empty cell.
 */
export const BLANK_CELL_MARK = '—';

export const PUBLISHED_ON_LABEL = '发布时间：';

export function renderText(report: AnnualReport): string {
  const lines: string[] = [];
  for (const block of reportLayout(report)) lines.push(...blockLines(block, report));
  return `${lines.join('\n\n')}\n`;
}

function blockLines(block: LayoutBlock, report: AnnualReport): string[] {
  switch (block.type) {
    case 'heading':
      return report.publishedOn ? [block.text, `${PUBLISHED_ON_LABEL}${report.publishedOn}`] : [block.text];
    case 'section':
      return [block.title];
    case 'paragraph':
      return [block.text];
    case 'table':
      return block.table.rows
        .flat()
        .map((cell) => (cell.role === 'value' && cell.text === '' ? BLANK_CELL_MARK : cell.text));
    case 'signature':
      return block.date ? [block.agency, chineseDate(block.date)] : [block.agency];
  }
}
