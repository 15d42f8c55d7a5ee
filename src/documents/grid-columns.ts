/**
 * @module Where the cells of a layout grid stand: each cell takes the next grid column that no cell
 * merged down from a row above already covers, as HTML lays out rowspan / colspan. The DOCX and XLSX
 * renderers both place cells by it.
 */
import type { GridTable } from '../domain/report/layout.js';

/** The 0-based grid column each cell starts in, row by row. */
export function startColumns(table: GridTable): number[][] {
  const taken = table.rows.map(() => Array<boolean>(table.columns).fill(false));
  return table.rows.map((row, r) => {
    let c = 0;
    return row.map((cell) => {
      while (taken[r]![c]) c++;
      const start = c;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++)
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) {
          const cover = taken[r + dr];
          if (cover) cover[start + dc] = true;
        }
      c += cell.colSpan ?? 1;
      return start;
    });
  });
}
