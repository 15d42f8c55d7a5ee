/**
 * Benchmark: the findings table `report check` prints, against the JSON `report check --json` writes for
 * the same findings.
 * Usage: node --import tsx bench/findings-table.ts [N] [WIDTH]   (N findings, default 20,000; WIDTH 100)
 *
 * The findings mix the messages, cells and values real reports give (Chinese text that wraps, several
 * cells, long rule ids). Each output is made five times after a warm-up; the median is printed, and the
 * table's time as a multiple of the JSON's. Before the table was drawn in one pass, 20,000 findings took
 * 78 s (cli-table3 and a width count per character of every line).
 */

import { findingsTable } from '../src/cli/findings-table.js';
import { findingJson } from '../src/documents/json/finding-json.js';
import { exampleReport } from '../src/domain/report/example.js';
import type { Finding } from '../src/domain/report/validation/finding.js';
import { machineLine } from './bench-support.js';

const count = Number(process.argv[2] ?? 20_000);
const width = Number(process.argv[3] ?? 100);
const report = exampleReport(2024);

const findings: Finding[] = Array.from({ length: count }, (_, i) => ({
  rule: i % 3 === 0 ? 'cross-year.carry-over' : i % 3 === 1 ? 'requests.balance' : 'read.unmapped-label',
  severity: i % 3 === 2 ? 'warning' : 'error',
  message: `第 ${i + 1} 处：第三部分“二、上年结转政府信息公开申请数量”应等于上年报告“四、结转下年度继续办理”，自然人 ${i % 50} ≠ ${(i * 7) % 50}`,
  messageEn: `Case ${i + 1}: carried over must equal last year's carried forward`,
  cells: [
    { section: '三', row: 'carriedOver', column: 'natural' },
    { section: '三', row: 'carriedForward', column: 'natural', previousYear: true },
  ],
  expected: String(i % 50),
  found: String((i * 7) % 50),
}));

function median(run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2]!;
}

const table = median(() => findingsTable(findings, report, { width }));
const json = median(() => JSON.stringify({ findings: findings.map(findingJson) }, null, 2));
console.log(machineLine());
console.log(`${count} findings, ${width} columns`);
console.log(
  `table: ${table.toFixed(0)} ms   json: ${json.toFixed(0)} ms   table / json: ${(table / json).toFixed(1)}×`,
);
