/**
 * @module A made-up but plausible report (示例区人民政府) that passes every rule: what the quick start
 * renders, and a starting point for people trying the tools. Totals are computed, never typed.
 */
import { formatForYear } from './format.js';
import { outcomeLeafRows, REQUEST_COLUMNS, TOTAL_COLUMN_INDEX } from './labels.js';
import { type AnnualReport, type CountCell, zeroReport } from './model.js';

const withTotal = (six: readonly number[]): CountCell[] => [...six, six.reduce((a, b) => a + b, 0)];

export function exampleReport(year: number, agency = '示例市示例区人民政府'): AnnualReport {
  const format = formatForYear(year);
  const base = zeroReport({ year, format, agency, publishedOn: `${year + 1}-01-28` });
  const requests: Record<string, CountCell[]> = { ...base.requests } as Record<string, CountCell[]>;
  // Outcome rows by applicant column (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他).
  const outcomes: Record<string, number[]> = {
    granted: [41, 6, 1, 0, 2, 1],
    partial: [7, 2, 0, 0, 1, 0],
    'denied.thirdParty': [3, 1, 0, 0, 0, 0],
    'denied.process': [2, 0, 0, 0, 0, 0],
    'unable.notHeld': [18, 3, 0, 1, 1, 0],
    'unable.needsCreation': [4, 0, 0, 0, 0, 0],
    'notProcessed.complaint': [5, 0, 0, 0, 0, 0],
    'notProcessed.repeated': [2, 0, 0, 0, 0, 0],
    ...(format === '2021'
      ? { 'other.noCorrection': [3, 0, 0, 0, 0, 0], 'other.other': [1, 1, 0, 0, 0, 0] }
      : { other: [4, 1, 0, 0, 0, 0] }),
  };
  // The same number carried over and forward each year keeps a series of examples continuous (R6).
  const carriedOver = [6, 1, 0, 0, 0, 0];
  const carriedForward = carriedOver;
  for (const [key, six] of Object.entries(outcomes)) requests[key] = withTotal(six);
  const handled = REQUEST_COLUMNS.slice(0, TOTAL_COLUMN_INDEX).map((_, c) =>
    outcomeLeafRows(format).reduce((sum, row) => sum + (outcomes[row.key]?.[c] ?? 0), 0),
  );
  requests.total = withTotal(handled);
  requests.carriedOver = withTotal(carriedOver);
  requests.carriedForward = withTotal(carriedForward);
  requests.new = withTotal(handled.map((h, c) => h + carriedForward[c]! - carriedOver[c]!));

  // Counts that move from year to year as R7 and R8 expect.
  const since2021 = year - 2021;
  const since2019 = year - 2019;
  const proactive: AnnualReport['proactive'] =
    format === '2021'
      ? {
          normativeDocuments: { issued: 6, repealed: 2, inForce: 48 + 4 * since2021 },
          licensing: { decisions: 1873 },
          penalty: { decisions: 312 },
          coercion: { decisions: 9 },
          fees: { amount: '12.35' },
        }
      : {
          normativeDocuments: { made: 6, published: 6, totalPublished: 52 },
          licensing: { previousItems: 126 - 4 * since2019, change: -4, decisions: 1873 },
          otherServices: { previousItems: 58 + 3 * since2019, change: 3, decisions: 640 },
          penalty: { previousItems: 211, change: 0, decisions: 312 },
          coercion: { previousItems: 17 + since2019, change: 1, decisions: 9 },
          fees: { previousItems: 6 - since2019, change: -1 },
          procurement: { projects: 14, amount: '386.42' },
        };

  return {
    ...base,
    text: {
      overview: `${year}年，本区认真贯彻落实《中华人民共和国政府信息公开条例》，围绕主动公开、依申请公开、政府信息管理、平台建设和监督保障推进政府信息公开工作。\n全年依申请公开办理规范，按期答复率100%。`,
      problems: `${year}年，本区政府信息公开工作仍存在政策解读形式不够丰富，基层公开标准化规范化有待加强等问题。\n下一步将加强业务培训，完善公开目录，提升公开质量。`,
      otherMatters: `依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。`,
    },
    proactive,
    requests,
    reviewLitigation: {
      review: { upheld: 2, corrected: 1, other: 0, pending: 1, total: 4 },
      litigationDirect: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
      litigationAfterReview: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
    },
  };
}
