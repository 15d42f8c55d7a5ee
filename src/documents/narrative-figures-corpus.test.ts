/**
 * text.figure-mismatch on real reports, read through the reader: the published reports of
 * ../shared/corpus/reports, the openings of ../shared/corpus/excerpts and the seed. Every statement the
 * rule ties is listed here, and every warning was checked by reading the report's text against its
 * tables by hand.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cellKey } from '../domain/report/validation/cell-names.js';
import { findFigureStatements } from '../domain/report/validation/narrative-figures.js';
import { checkNarrativeFigures } from '../domain/report/validation/narrative-rule.js';
import { SEED_REPORT, SHARED_DIR, skipUnlessShared } from '../test-support/shared-files.js';
import { readReport } from './read-report.js';

const CORPUS = `${SHARED_DIR}corpus/reports/`;
const EXCERPTS = `${SHARED_DIR}corpus/excerpts/`;

/** What section 一 is read to say, as target=figure, for the published reports. */
const TIED: Readonly<Record<string, readonly string[]>> = {
  // “本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理”: all three as the table has them.
  '2021_pingtan_2.txt': ['new=70', 'total=69', 'carriedForward=1'],
  // “全区收到政府信息公开申请75件”, “共有行政诉讼案件1件、行政复议案件2件”.
  '2022_pingtan_1.txt': ['new=75', 'litigation.total=1', 'review.total=2'],
  // “接收通过邮寄、网络提交的……申请共计81件” names channels and is left alone; “予以公开及部分公开42件”
  // names two rows and is left alone.
  '2023_pingtan_1.html': [
    'total=81',
    'denied=5',
    'unable=31',
    'notProcessed=1',
    'other=2',
    'review.total=2',
    'litigation.total=7',
  ],
  // “全年办理政府信息公开申请218件”: 办理 is neither 收到 nor 办结, so it is left alone.
  '2024_pingtan_1.html': [],
  '2024_pingtan_1.txt': [],
  // “结转至2026年6件” is carried forward; 行政诉讼9起 is 直接起诉 6 + 复议后起诉 3.
  '2025_pingtan_1.txt': ['new=154', 'total=148', 'carriedForward=6', 'review.total=36', 'litigation.total=9'],
};

/**
 * The warnings, as found≠expected@cells. 2022_pingtan_1: section 一 says 收到 75, the table 本年新收 74
 * (自然人 71 + 商业企业 3) with 1 carried over from 2021; 75 is the requests handled, and the same
 * sentence's 自然人72件 is the 总计 row's 自然人 too: the words count last year's request as received.
 */
const WARNINGS: Readonly<Record<string, readonly string[]>> = {
  '2022_pingtan_1.txt': ['75≠74@一.overview.text,三.new.total'],
};

async function read(path: string) {
  const result = await readReport(readFileSync(path));
  if (result.ok) return result.report;
  return result.error.partial?.report;
}

const warnings = (report: NonNullable<Awaited<ReturnType<typeof read>>>) =>
  checkNarrativeFigures(report).map((f) => `${f.found}≠${f.expected}@${f.cells.map(cellKey).join()}`);

describe('text.figure-mismatch on the published reports', { skip: skipUnlessShared(CORPUS) }, () => {
  for (const name of readdirSync(CORPUS).sort()) {
    it(`${name}: ties ${TIED[name]?.length ?? 0} statements, warns ${WARNINGS[name]?.length ?? 0} times`, async () => {
      const report = await read(`${CORPUS}${name}`);
      assert.ok(report);
      const tied = [report.text.overview, report.text.otherMatters].flatMap((t) =>
        findFigureStatements(t, report).map((s) => `${s.target}=${s.figure}`),
      );
      assert.deepEqual(tied, TIED[name]);
      assert.deepEqual(warnings(report), WARNINGS[name] ?? []);
    });
  }
});

describe('text.figure-mismatch on the excerpts and the seed', { skip: skipUnlessShared(EXCERPTS) }, () => {
  const files = [
    ...readdirSync(EXCERPTS)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => `${EXCERPTS}${f}`),
    SEED_REPORT,
  ];
  it('warns about none of them (the one statement tied, 29’s 收到1份申请, has no table row to hold)', async () => {
    for (const path of files) {
      const report = await read(path);
      if (report) assert.deepEqual(warnings(report), [], path);
    }
  });
});
