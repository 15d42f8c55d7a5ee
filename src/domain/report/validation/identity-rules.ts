/**
 * @module Rules on what the report says of itself: its year and format, when it was published, its text
 * sections, and whether section 六 reports fees when requests lapsed for unpaid fees.
 */
import { EARLIEST_REPORT_YEAR, FORMAT_NOTICE, formatForYear } from '../format.js';
import { TOTAL_COLUMN_INDEX } from '../labels.js';
import { type AnnualReport, countOf } from '../model.js';
import { packedMap } from '../packed-map.js';
import type { Finding } from './finding.js';
import { finding } from './make-finding.js';

/** A report whose agency could not be told (the page says only "本局", "我镇"): kept, and said. */
export function checkAgencyNamed(report: AnnualReport): Finding[] {
  if (report.agency.trim() !== '') return [];
  return [
    finding(
      'report.agency',
      '报告未写明机关名称：无法确认是哪个机关的年度报告，请核对原文或补上机关名称',
      'The report does not name its agency: check the source or add the name',
    ),
  ];
}

export function checkYearAndFormat(report: AnnualReport): Finding[] {
  if (report.year < EARLIEST_REPORT_YEAR) {
    return [
      finding(
        'report.year',
        `报告年度 ${report.year} 早于 ${EARLIEST_REPORT_YEAR}：修订后的条例及统一格式只适用于 ${EARLIEST_REPORT_YEAR} 年起的报告`,
        `Report year ${report.year} is before ${EARLIEST_REPORT_YEAR}; the national formats cover reports on ${EARLIEST_REPORT_YEAR} onward`,
      ),
    ];
  }
  const expected = formatForYear(report.year);
  if (report.format === expected) return [];
  return [
    finding(
      'format.year',
      `${report.year} 年度报告应使用 ${expected} 年格式（${FORMAT_NOTICE[expected]}），而本报告为 ${report.format} 年格式`,
      `A report on ${report.year} must use the ${expected} format, this one uses ${report.format}`,
      [],
      { expected: expected, found: report.format },
    ),
  ];
}

/**
 * Art. 49: 县级以上人民政府部门 publish by 1月31日, the 政府信息公开工作主管部门 by 3月31日. Without
 * knowing the agency's kind only the later date can be checked.
 */
export function checkPublicationDate(report: AnnualReport): Finding[] {
  const date = report.publishedOn;
  if (!date) return [];
  if (date <= `${report.year}-12-31`) {
    return [
      finding(
        'report.published-early',
        `发布日期 ${date} 早于报告年度 ${report.year} 结束`,
        `Published ${date}, before the report year ${report.year} ended`,
        [],
        { expected: `> ${report.year}-12-31`, found: date },
      ),
    ];
  }
  const deadline = `${report.year + 1}-03-31`;
  if (date > deadline) {
    return [
      finding(
        'report.deadline',
        `发布日期 ${date} 晚于 ${deadline}（条例第四十九条；县级以上人民政府部门应在 1月31日前公布）`,
        `Published ${date}, after ${deadline} (Regulation Art. 49; departments by 31 January)`,
        [],
        { expected: `≤ ${deadline}`, found: date },
      ),
    ];
  }
  return [];
}

const TEXT_SECTIONS = [
  { key: 'overview', section: '一', name: '总体情况' },
  { key: 'problems', section: '五', name: '存在的主要问题及改进情况' },
  { key: 'otherMatters', section: '六', name: '其他需要报告的事项' },
] as const;

export function checkTextSections(report: AnnualReport): Finding[] {
  const empty = TEXT_SECTIONS.filter((t) => report.text[t.key].trim() === '');
  return packedMap(empty, (t) =>
    finding(
      'text.empty',
      `第${t.section}部分“${t.name}”没有内容`,
      `Section ${t.section} (${t.key}) is empty`,
      [{ section: t.section, row: t.key, column: 'text' }],
    ),
  );
}

const FEE_WORDS = /收费|信息处理费|缴纳费用|缴费/;

/** R11: （六）2 > 0 means 收费通知 went out; section 六 should say so. */
export function checkFeesReported(report: AnnualReport): Finding[] {
  if (report.format !== '2021') return [];
  const unpaid = countOf(report.requests['other.unpaidFee']?.[TOTAL_COLUMN_INDEX]);
  if (unpaid === 0 || FEE_WORDS.test(report.text.otherMatters)) return [];
  return [
    finding(
      'fees.unreported',
      `有 ${unpaid} 件申请因逾期未缴费不再处理，但第六部分未报告信息处理费的收费情况`,
      `${unpaid} request(s) lapsed for unpaid fees, but section 6 does not report fees`,
      [
        { section: '三', row: 'other.unpaidFee', column: 'total' },
        { section: '六', row: 'otherMatters', column: 'text' },
      ],
    ),
  ];
}
