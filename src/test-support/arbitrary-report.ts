/**
 * @module fast-check generators of annual reports that pass every table rule (R1–R5), for round-trip
 * and property tests. Blank (null) cells appear only where the value is 0, as blanks count as 0.
 */
import fc from 'fast-check';
import type { ReportFormat } from '../domain/report/format.js';
import {
  outcomeLeafRows,
  proactiveBlocks,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
  TOTAL_COLUMN_INDEX,
} from '../domain/report/labels.js';
import type { AnnualReport, CountCell, ProactiveCell } from '../domain/report/model.js';

const HAN = [
  ...'政府信息公开工作年度报告本机关依申请主动规范性文件办理结果情况加强落实制度建设平台管理监督保障群众',
];
const PUNCT = [...'，。、；：“”（）《》'];

const hanText = (min: number, max: number) =>
  fc.array(fc.constantFrom(...HAN), { minLength: min, maxLength: max }).map((cs) => cs.join(''));

/** A paragraph as agencies write them: starts with a character, mixes digits and punctuation. */
const paragraph = fc
  .tuple(
    hanText(1, 4),
    fc.array(fc.oneof(hanText(1, 12), fc.constantFrom(...PUNCT), fc.nat(3000).map(String)), {
      maxLength: 12,
    }),
    fc.constantFrom('。', '；', ''),
  )
  .map(([head, body, end]) => head + body.join('') + end);

const sectionText = fc.array(paragraph, { minLength: 0, maxLength: 4 }).map((ps) => ps.join('\n'));

const agencyName = fc
  .tuple(
    hanText(2, 6),
    fc.constantFrom('镇', '街道办事处', '区人民政府', '市教育局', '县自然资源局', '人民政府办公厅'),
  )
  .map(([a, b]) => a + b);

/** 0 is sometimes printed as a blank cell. */
const zeroOrBlank = fc.constantFrom<CountCell>(0, 0, null);
const small = fc.oneof(zeroOrBlank, fc.integer({ min: 1, max: 500 }));

const amount = fc
  .tuple(fc.nat(99_999), fc.nat(3), fc.nat(9_999))
  .map(([whole, scale, fraction]) =>
    scale === 0 ? String(whole) : `${whole}.${String(fraction).padStart(4, '0').slice(0, scale)}`,
  );

function proactiveTable(format: ReportFormat): fc.Arbitrary<Record<string, Record<string, ProactiveCell>>> {
  const rows: fc.Arbitrary<[string, Record<string, ProactiveCell>] | null>[] = [];
  for (const block of proactiveBlocks(format)) {
    for (const row of block.rows) {
      const cells = fc.tuple(
        ...block.columns.map((c): fc.Arbitrary<[string, ProactiveCell]> => {
          const value: fc.Arbitrary<ProactiveCell> =
            c.kind === 'amount'
              ? fc.oneof(amount, fc.constant(null))
              : c.kind === 'signedCount'
                ? fc.oneof(fc.integer({ min: -300, max: 300 }), zeroOrBlank)
                : small;
          return value.map((v) => [c.key, v]);
        }),
      );
      const entry = cells.map(
        (cs) => [row.key, Object.fromEntries(cs)] as [string, Record<string, ProactiveCell>],
      );
      rows.push(row.optional ? fc.option(entry, { nil: null }) : entry);
    }
  }
  return fc.tuple(...rows).map((entries) => Object.fromEntries(entries.filter((e) => e !== null)));
}

/** Section 三 built column by column so that R1–R3 hold by construction. */
function requestTable(format: ReportFormat): fc.Arbitrary<Record<string, CountCell[]>> {
  const leaves = outcomeLeafRows(format);
  const column = fc
    .tuple(
      fc.array(
        fc.oneof(
          { weight: 3, arbitrary: zeroOrBlank },
          { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }) },
        ),
        {
          minLength: leaves.length,
          maxLength: leaves.length,
        },
      ),
      fc.nat(40),
      fc.nat(100),
    )
    .map(([outcomes, carriedForward, carriedOverSeed]) => {
      const handled = outcomes.reduce<number>((a, v) => a + (v ?? 0), 0);
      const carriedOver = Math.min(carriedOverSeed, handled + carriedForward);
      return {
        outcomes,
        handled,
        carriedForward,
        carriedOver,
        fresh: handled + carriedForward - carriedOver,
      };
    });
  return fc.array(column, { minLength: 6, maxLength: 6 }).map((columns) => {
    const table: Record<string, CountCell[]> = {};
    const put = (key: string, values: number[]) => {
      const blankZero = (v: number): CountCell => v;
      table[key] = [...values.map(blankZero), values.reduce((a, b) => a + b, 0)];
    };
    put(
      'new',
      columns.map((c) => c.fresh),
    );
    put(
      'carriedOver',
      columns.map((c) => c.carriedOver),
    );
    leaves.forEach((leaf, i) => {
      const cells = columns.map((c) => c.outcomes[i] ?? 0);
      const total = cells.reduce<number>((a, v) => a + (v ?? 0), 0);
      // A leaf row that is all blank keeps a blank total; otherwise the total is printed.
      table[leaf.key] = [...cells, cells.every((v) => v === null) ? null : total];
    });
    put(
      'total',
      columns.map((c) => c.handled),
    );
    put(
      'carriedForward',
      columns.map((c) => c.carriedForward),
    );
    return table;
  });
}

const reviewTable = fc.array(fc.tuple(small, small, small, small), { minLength: 3, maxLength: 3 }).map(
  (blocks) =>
    Object.fromEntries(
      REVIEW_BLOCKS.map((b, i) => {
        const [upheld, corrected, other, pending] = blocks[i]!;
        const total = [upheld, corrected, other, pending].reduce<number>((a, v) => a + (v ?? 0), 0);
        return [b.key, { upheld, corrected, other, pending, total }];
      }),
    ) as AnnualReport['reviewLitigation'],
);

const publishedOn = (year: number) =>
  fc.option(
    fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 28 }))
      .map(([m, d]) => `${year + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    { nil: null },
  );

/** A report of the given format (any year that format covers) that passes every table rule. */
export function arbitraryReport(format?: ReportFormat): fc.Arbitrary<AnnualReport> {
  const formatArb = format ? fc.constant(format) : fc.constantFrom<ReportFormat>('2019', '2021');
  return formatArb.chain((f) =>
    (f === '2019' ? fc.integer({ min: 2019, max: 2020 }) : fc.integer({ min: 2021, max: 2026 })).chain(
      (year) =>
        fc.record(
          {
            year: fc.constant(year),
            format: fc.constant(f),
            agency: agencyName,
            publishedOn: publishedOn(year),
            text: fc.record(
              { overview: sectionText, problems: sectionText, otherMatters: sectionText },
              { noNullPrototype: true },
            ),
            proactive: proactiveTable(f),
            requests: requestTable(f),
            reviewLitigation: reviewTable,
          },
          { noNullPrototype: true },
        ),
    ),
  );
}

export { REQUEST_COLUMNS, TOTAL_COLUMN_INDEX };
