/**
 * 条例 第二十条第（一）项: the 规章 and 规范性文件 rows of section 二, counted from the catalogue's documents
 * and their dates of writing, publication and repeal.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type LocalDate, localDate } from '../calendar/local-date.js';
import { type CatalogueDocument, documentRows } from './section-two.js';

const doc = (kind: CatalogueDocument['kind'], writtenOn: string, extra: Partial<CatalogueDocument> = {}) => ({
  kind,
  writtenOn: localDate(writtenOn),
  publishedOn: localDate(writtenOn),
  ...extra,
});

describe('section 二’s documents counted from the catalogue', () => {
  const catalogue: CatalogueDocument[] = [
    doc('normativeDocument', '2022-03-01'),
    doc('normativeDocument', '2023-05-10'),
    doc('normativeDocument', '2023-07-01', { repealedOn: localDate('2024-02-01') }),
    doc('normativeDocument', '2021-01-15', { repealedOn: localDate('2023-11-30') }),
    doc('rule', '2023-09-09'),
    doc('other', '2023-01-01'),
    doc('normativeDocument', '2023-08-08', { withdrawn: true }),
    { kind: 'normativeDocument', writtenOn: localDate('2023-12-20') },
  ];

  it('2021 format: 本年制发 written this year, 本年废止 repealed this year, 现行有效 in force on 31 December', () => {
    assert.deepEqual(documentRows(catalogue, 2023, '2021'), {
      rules: { issued: 1, repealed: 0, inForce: 1 },
      normativeDocuments: { issued: 2, repealed: 1, inForce: 3 },
    });
    // The repeal in 2024 counts in 2024's report, and the document is no longer in force.
    assert.deepEqual(documentRows(catalogue, 2024, '2021').normativeDocuments, {
      issued: 0,
      repealed: 1,
      inForce: 2,
    });
  });

  it('2019 format: 本年新制作, 本年新公开, and the running 对外公开总数量', () => {
    assert.deepEqual(documentRows(catalogue, 2023, '2019').normativeDocuments, {
      made: 2,
      published: 2,
      totalPublished: 4,
    });
  });

  it('counts neither a draft, nor an item withdrawn as published in error, nor other information', () => {
    const rows = documentRows(
      [
        doc('other', '2023-01-01'),
        doc('rule', '2023-02-02', { withdrawn: true }),
        { kind: 'rule', writtenOn: localDate('2023-03-03') },
      ],
      2023,
      '2021',
    );
    assert.deepEqual(rows.rules, { issued: 0, repealed: 0, inForce: 0 });
  });

  it('carries over: 现行有效 = last year’s + 本年制发 − 本年废止 (property)', () => {
    const day = fc
      .tuple(
        fc.integer({ min: 2019, max: 2026 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
      )
      .map(([y, m, d]) => localDate(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
    const document = fc
      .tuple(
        fc.constantFrom<CatalogueDocument['kind']>('rule', 'normativeDocument'),
        day,
        fc.option(fc.integer({ min: 0, max: 2000 })),
      )
      .map(([kind, writtenOn, after]): CatalogueDocument => {
        const repealedOn =
          after === null
            ? undefined
            : (new Date(Date.parse(writtenOn) + after * 86_400_000).toISOString().slice(0, 10) as LocalDate);
        return {
          kind,
          writtenOn,
          publishedOn: writtenOn,
          ...(repealedOn === undefined ? {} : { repealedOn }),
        };
      });
    fc.assert(
      fc.property(
        fc.array(document, { maxLength: 60 }),
        fc.integer({ min: 2020, max: 2026 }),
        (documents, year) => {
          const now = documentRows(documents, year, '2021');
          const before = documentRows(documents, year - 1, '2021');
          for (const row of ['rules', 'normativeDocuments'] as const)
            assert.equal(now[row].inForce, before[row].inForce + now[row].issued - now[row].repealed);
        },
      ),
    );
  });
});
