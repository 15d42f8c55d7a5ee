import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { arbitraryReport } from '../../test-support/arbitrary-report.js';
import { type GridTable, proactiveGrid, requestGrid, reviewGrid } from './layout.js';
import { zeroReport } from './model.js';

/** Expands merges and checks that every grid position is covered exactly once. */
function coverage(table: GridTable): number[][] {
  const taken: number[][] = table.rows.map(() => Array(table.columns).fill(0));
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]![c]) c++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++)
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) {
          assert.ok(taken[r + dr], `row ${r + dr} exists for a rowspan`);
          taken[r + dr]![c + dc] = (taken[r + dr]![c + dc] ?? 0) + 1;
        }
      c += cell.colSpan ?? 1;
    }
  });
  return taken;
}

describe('the official table layout', () => {
  it('covers every grid position exactly once, with every merge, in both formats', () => {
    fc.assert(
      fc.property(arbitraryReport(), (report) => {
        for (const grid of [proactiveGrid(report), requestGrid(report), reviewGrid(report)]) {
          for (const row of coverage(grid)) assert.deepEqual(row, Array(grid.columns).fill(1));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('spans 三、本年度办理结果 over 22 rows in the 2021 format and 20 in the 2019 format', () => {
    const span = (format: '2019' | '2021') =>
      requestGrid(zeroReport({ year: format === '2019' ? 2020 : 2021, format, agency: '某镇' }))
        .rows.flat()
        .find((c) => c.text === '三、本年度办理结果')?.rowSpan;
    assert.equal(span('2021'), 22);
    assert.equal(span('2019'), 20);
  });

  it('draws section 四 as 15 numbers under 行政复议 (5) and 行政诉讼 (10)', () => {
    const grid = reviewGrid(zeroReport({ year: 2024, format: '2021', agency: '某局' }));
    assert.equal(grid.rows.at(-1)?.length, 15);
    assert.deepEqual(
      grid.rows[0]?.map((c) => [c.text, c.colSpan]),
      [
        ['行政复议', 5],
        ['行政诉讼', 10],
      ],
    );
  });
});
