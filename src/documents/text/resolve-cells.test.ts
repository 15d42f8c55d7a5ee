/**
 * Choosing how a row's run of digits is cut into cells, by the table's own arithmetic: R1 (each
 * column's 一+二 = （七）+四) and R3 (（七）总计 = the outcome rows), never by guess.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ReportFormat } from '../../domain/report/format.js';
import {
  outcomeLeafRows,
  REQUEST_COLUMNS,
  type RequestRowKey,
  requestRows,
} from '../../domain/report/labels.js';
import { type Cells, columnChecksPassed, resolveRequestRows } from './resolve-cells.js';

/** The checks as the rulebook states them, column by column over the whole table. */
function checksByTheRulebook(table: ReadonlyMap<RequestRowKey, Cells>, format: ReportFormat): number {
  const n = (c: number | null | undefined) => c ?? 0;
  let passed = 0;
  for (let c = 0; c < REQUEST_COLUMNS.length; c++) {
    const cell = (k: RequestRowKey) => table.get(k)?.[c];
    const [fresh, over, total, forward] = (['new', 'carriedOver', 'total', 'carriedForward'] as const).map(
      cell,
    );
    if (fresh !== undefined && over !== undefined && total !== undefined && forward !== undefined) {
      if (n(fresh) + n(over) === n(total) + n(forward)) passed++;
    }
    const leaves = outcomeLeafRows(format);
    if (total !== undefined && leaves.every((l) => cell(l.key) !== undefined)) {
      if (leaves.reduce((s, l) => s + n(cell(l.key)), 0) === n(total)) passed++;
    }
  }
  return passed;
}

const cells = fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 })), {
  minLength: 5,
  maxLength: 7,
});

describe('cutting digit runs into cells by the table’s arithmetic', () => {
  it('counts the passed column checks as the rulebook does, for any partial table (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ReportFormat>('2019', '2021'),
        fc.array(fc.tuple(fc.nat(), cells), { maxLength: 40 }),
        (format, entries) => {
          const keys = requestRows(format).map((r) => r.key);
          const table = new Map(entries.map(([k, c]) => [keys[k % keys.length]!, c] as const));
          assert.equal(columnChecksPassed(table, format), checksByTheRulebook(table, format));
        },
      ),
    );
  });

  it('chooses the one cut of 总计 that makes every column balance', () => {
    const format = '2021';
    const rows = requestRows(format).map((r) => r.key);
    const zero: Cells = [0, 0, 0, 0, 0, 0, 0];
    const one: Cells = [1, 0, 0, 0, 0, 0, 1];
    const candidates = rows.map((key) => {
      if (key === 'new' || key === 'granted') return { key, candidates: [one], complete: true };
      // "1 0 0 0 0 0 1" or "10 0 0 0 0 0 10": both add up across the row; only one balances the columns.
      if (key === 'total') return { key, candidates: [[10, 0, 0, 0, 0, 0, 10], one], complete: true };
      return { key, candidates: [zero], complete: true };
    });
    const resolved = resolveRequestRows(candidates, format);
    assert.deepEqual(resolved.chosen.get('total'), one);
    assert.deepEqual(resolved.byRule, ['total']);
    assert.equal(resolved.ambiguous.size, 0);
  });

  it('leaves a row unread when two cuts pass the same checks', () => {
    const format = '2021';
    const candidates = requestRows(format).map((r) =>
      r.key === 'carriedForward'
        ? {
            key: r.key,
            candidates: [
              [1, 1, 0, 0, 0, 0, 2],
              [0, 0, 1, 1, 0, 0, 2],
            ] as Cells[],
            complete: true,
          }
        : { key: r.key, candidates: [[0, 0, 0, 0, 0, 0, 0]] as Cells[], complete: true },
    );
    const resolved = resolveRequestRows(candidates, format);
    assert.equal(resolved.chosen.has('carriedForward'), false);
    assert.equal(resolved.ambiguous.get('carriedForward')?.length, 2);
  });
});
