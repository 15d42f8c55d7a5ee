/** @module Chinese names of cells for people: "三 · 一、本年新收… · 自然人". */

import type { ReportFormat } from '../format.js';
import {
  OUTCOME_GROUP_LABELS,
  proactiveBlocks,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
} from '../labels.js';
import type { CellRef } from './finding.js';

export function requestRowName(key: string): string {
  const spec = REQUEST_ROWS.find((r) => r.key === key);
  if (!spec) return key;
  return spec.group ? `${OUTCOME_GROUP_LABELS[spec.group]}${spec.label}` : spec.label;
}

export function requestColumnName(key: string): string {
  return REQUEST_COLUMNS.find((c) => c.key === key)?.label ?? key;
}

export function cellName(ref: CellRef, format: ReportFormat): string {
  const prefix = ref.previousYear ? '上年报告 ' : '';
  switch (ref.section) {
    case '三':
      return `${prefix}三 · ${requestRowName(ref.row)} · ${requestColumnName(ref.column)}`;
    case '四': {
      const block = REVIEW_BLOCKS.find((b) => b.key === ref.row)?.label ?? ref.row;
      const column = REVIEW_COLUMNS.find((c) => c.key === ref.column)?.label ?? ref.column;
      return `${prefix}四 · ${block} · ${column}`;
    }
    case '二': {
      for (const block of proactiveBlocks(format)) {
        const row = block.rows.find((r) => r.key === ref.row);
        if (!row) continue;
        const column = block.columns.find((c) => c.key === ref.column)?.label ?? ref.column;
        return `${prefix}二 · ${row.label} · ${column}`;
      }
      return `${prefix}二 · ${ref.row} · ${ref.column}`;
    }
    default:
      return `${prefix}${ref.section}`;
  }
}

/** The machine form used in CSV and on the command line: "三.new.natural". */
export function cellKey(ref: CellRef): string {
  return `${ref.previousYear ? 'previous:' : ''}${ref.section}.${ref.row}.${ref.column}`;
}
