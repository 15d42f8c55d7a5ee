/**
 * Tables with "|" between cells (issue 10, kinds 3 and 6): as portals' stored copies and Markdown
 * converters give them. Whatever the line breaks, "|" ends the cell before it; an empty cell is a
 * blank (never 0), padding cells are dropped; every shape reads the same numbers as the report printed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type LayoutBlock, reportLayout } from '../../domain/report/layout.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { parseTextReport } from './parse-text.js';
import { pipeCellLines } from './pipe-cells.js';
import { BLANK_CELL_MARK } from './render-text.js';
import { sourceLinesOf } from './text-lines.js';

const cells = (text: string) => pipeCellLines(sourceLinesOf(text)).map((l) => l.text);
const B = BLANK_CELL_MARK;

describe('cells from "|" lines', () => {
  it('a whole row on a line, with a padding cell at its end', () => {
    assert.deepEqual(cells('规章 | 0 | 0 | 0 | |'), ['规章', '0', '0', '0', B]);
  });

  it('a Markdown row: its first "|" opens the row; rule lines and ### marks are not content', () => {
    assert.deepEqual(
      cells('### 二、主动公开政府信息情况\n| 信息内容 | 本年制发件数 |\n|---|:---:|\n| 规章 | 5 |'),
      ['二、主动公开政府信息情况', '信息内容', '本年制发件数', '规章', '5'],
    );
  });

  it('one cell per line ending in " |": a "|" alone is an empty cell, and stays one', () => {
    assert.deepEqual(cells('一、本年新收政府信息公开申请数量 |\n|\n|\n0 |\n||'), [
      '一、本年新收政府信息公开申请数量',
      B,
      B,
      '0',
      B,
      B,
    ]);
  });

  it('a cell and its "|" on alternate lines: the "|" closes the cell, a second one is an empty cell', () => {
    assert.deepEqual(cells('现行有效件数\n|\n|\n规章\n|\n0\n|'), ['现行有效件数', B, '规章', '0']);
  });

  it('keeps every line without "|" as it was, with its line number', () => {
    const lines = pipeCellLines(sourceLinesOf('一、总体情况\n\n规章 | 1 |'));
    assert.deepEqual(lines, [
      { text: '一、总体情况', line: 1 },
      { text: '', line: 2 },
      { text: '规章', line: 3 },
      { text: '1', line: 3 },
    ]);
  });
});

// ── Whole reports written in each "|" shape ────────────────────────────────

type Shape = (rows: readonly (readonly string[])[]) => string[];

const SHAPES: Readonly<Record<string, Shape>> = {
  'rows on a line, padded': (rows) => rows.map((r) => `${r.join(' | ')} | |`),
  Markdown: (rows) => rows.flatMap((r, i) => [`| ${r.join(' | ')} |`, ...(i === 0 ? ['|---|---|'] : [])]),
  'one cell per line, " |" after each': (rows) => rows.flatMap((r) => [...r.map((c) => `${c} |`), '||']),
  'cell and "|" on alternate lines': (rows) => rows.flatMap((r) => [...r.flatMap((c) => [c, '|']), '|||']),
};

function written(report: AnnualReport, shape: Shape): string {
  const lines: string[] = [];
  for (const block of reportLayout(report) as readonly LayoutBlock[]) {
    if (block.type === 'table') lines.push(...shape(block.table.rows.map((row) => row.map((c) => c.text))));
    else if (block.type === 'heading') lines.push(block.text);
    else if (block.type === 'section') lines.push(block.title);
    else if (block.type === 'paragraph') lines.push(block.text);
    else lines.push(block.agency);
  }
  return lines.join('\n');
}

describe('a report whose tables are written with "|"', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`reads every cell as printed: ${name}`, () => {
      fc.assert(
        fc.property(arbitraryReport(), (report) => {
          const read = parseTextReport(written(report, shape));
          assert.ok(read.ok, read.ok ? '' : read.error.message);
          assert.deepEqual(read.report.proactive, report.proactive);
          assert.deepEqual(read.report.requests, report.requests);
          assert.deepEqual(read.report.reviewLitigation, report.reviewLitigation);
        }),
        { numRuns: 40 },
      );
    });
  }
});

/**
 * As an OCR or LLM converter writes a report: "#"/"###" titles, and each table cut into small
 * tables of a few rows, each under a header of its own that is generic ("项目 | 数据1 | 数据2 …") or
 * wrong for the values under it. The values are in the official columns whatever the header says.
 */
function convertedMarkdown(report: AnnualReport, rowsPerTable: number, header: 'generic' | 'wrong'): string {
  const lines: string[] = [];
  for (const block of reportLayout(report) as readonly LayoutBlock[]) {
    if (block.type === 'table') {
      const rows = block.table.rows.map((row) => row.map((c) => c.text.replaceAll('\n', '')));
      const width = Math.max(...rows.map((r) => r.length));
      for (let i = 0; i < rows.length; i += rowsPerTable) {
        const head =
          header === 'generic'
            ? ['项目', ...Array.from({ length: width - 1 }, (_, k) => `数据${k + 1}`)]
            : ['指标', '商业企业', '自然人', '总计'];
        lines.push('', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
        for (const r of rows.slice(i, i + rowsPerTable)) lines.push(`| ${r.join(' | ')} |`);
        lines.push('');
      }
    } else if (block.type === 'heading') lines.push(`# ${block.text}`);
    else if (block.type === 'section') lines.push(`### ${block.title}`);
    else if (block.type === 'paragraph') lines.push(block.text);
    else lines.push(block.agency);
  }
  return lines.join('\n');
}

describe('a report converted to Markdown by OCR or a language model', () => {
  it('reads every cell though each table is cut into small ones under generic or wrong headers (property)', () => {
    fc.assert(
      fc.property(
        arbitraryReport(),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom<'generic' | 'wrong'>('generic', 'wrong'),
        (report, rowsPerTable, header) => {
          const read = parseTextReport(convertedMarkdown(report, rowsPerTable, header));
          assert.ok(read.ok, read.ok ? '' : read.error.message);
          assert.deepEqual(read.report.proactive, report.proactive);
          assert.deepEqual(read.report.requests, report.requests);
          assert.deepEqual(read.report.reviewLitigation, report.reviewLitigation);
          // A generic header is no content; a wrong one is text the reader reports, never a cell.
          const unmapped = read.notes.filter((n) => n.rule === 'read.unmapped-label');
          if (header === 'generic') assert.deepEqual(unmapped, []);
          assert.ok(!read.notes.some((n) => n.rule === 'read.stray-number'));
        },
      ),
      { numRuns: 60 },
    );
  });
});
