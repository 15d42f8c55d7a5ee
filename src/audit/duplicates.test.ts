import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleReport } from '../domain/report/example.js';
import type { AnnualReport } from '../domain/report/model.js';
import { tableNumbers } from '../domain/report/validation/identical-rule.js';
import { type DuplicateReport, differingCells, duplicateVerdict } from './duplicates.js';

const report = exampleReport(2022);

const withRequests = (r: AnnualReport, row: string, cells: (number | null)[]): AnnualReport => ({
  ...r,
  requests: { ...r.requests, [row]: cells },
});

describe('differingCells: the numbers of two reports of one agency-year, cell by cell', () => {
  it('finds none between a report and itself, and agrees with the fingerprint’s signature', () => {
    assert.deepEqual(differingCells(report, structuredClone(report)), []);
  });

  it('counts a blank cell as 0 and an amount by its value, as cross-year.identical does', () => {
    const blank = withRequests(report, 'carriedOver', [null, 0, 0, 0, 0, 0, null]);
    const zeros = withRequests(report, 'carriedOver', [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(differingCells(blank, zeros), []);
    assert.equal(tableNumbers(blank).signature, tableNumbers(zeros).signature);
    const amount = Object.entries(report.proactive).find(([, row]) =>
      Object.values(row).some((v) => typeof v === 'string'),
    );
    assert.ok(amount, 'the example prints an amount');
    const [row, cells] = amount;
    const column = Object.keys(cells).find((k) => typeof cells[k] === 'string')!;
    const padded: AnnualReport = {
      ...report,
      proactive: { ...report.proactive, [row]: { ...cells, [column]: `${cells[column]}0` } },
    };
    assert.deepEqual(differingCells(report, padded), []);
  });

  it('names each cell that differs in the format’s printed order, as each file printed it', () => {
    // The example: 本年新收 · 自然人 86, 予以公开 41 … 51 in all.
    const other = withRequests(withRequests(report, 'granted', [9, 6, 1, 0, 2, 1, 19]), 'new', [
      null,
      13,
      1,
      1,
      4,
      1,
      106,
    ]);
    assert.deepEqual(differingCells(report, other), [
      { cell: { section: '三', row: 'new', column: 'natural' }, first: '86', second: '—' },
      { cell: { section: '三', row: 'granted', column: 'natural' }, first: '41', second: '9' },
      { cell: { section: '三', row: 'granted', column: 'total' }, first: '51', second: '19' },
    ]);
  });

  it('tells a cell not read (null) from a blank one, and reports of two formats apart', () => {
    const { new: _dropped, ...rest } = report.requests;
    const unread: AnnualReport = { ...report, requests: rest as AnnualReport['requests'] };
    const found = differingCells(report, unread);
    assert.ok(found.length > 0);
    assert.ok(found.every((d) => d.cell.row === 'new' && d.second === null));
    const older = { ...exampleReport(2020), year: 2022, agency: report.agency };
    assert.ok(differingCells(report, older).length > 0);
  });
});

describe('duplicateVerdict', () => {
  const base: DuplicateReport = {
    agency: '乙镇',
    year: 2022,
    files: ['a.txt', 'b.txt'],
    formats: ['2021', '2021'],
    numbersAgree: true,
    differingCells: 0,
    differences: [],
  };

  it('says 数字一致, 数字不同 with the cells in Chinese, or that the files could not be compared', () => {
    assert.equal(duplicateVerdict(base), '数字一致 (the numbers agree)');
    const differ = duplicateVerdict({
      ...base,
      numbersAgree: false,
      differingCells: 7,
      differences: [{ cell: { section: '三', row: 'new', column: 'natural' }, first: '1', second: null }],
    });
    assert.equal(
      differ,
      '数字不同 (the numbers differ)：共 7 处，三 · 一、本年新收政府信息公开申请数量 · 自然人：1 ≠ 未读取……',
    );
    assert.match(
      duplicateVerdict({ ...base, numbersAgree: false, differingCells: 30, formats: ['2019', '2021'] }),
      /格式不同（2019 年格式 \/ 2021 年格式）/,
    );
    assert.match(duplicateVerdict({ ...base, numbersAgree: null, differingCells: null }), /未比较数字/);
  });
});
