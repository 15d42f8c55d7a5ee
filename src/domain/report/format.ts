/**
 * @module Which national format (年度报告格式) a report year uses.
 *
 * 2019 format: 国办公开办函〔2019〕60号 《中华人民共和国政府信息公开工作年度报告格式（试行）》, reports on 2019–2020.
 * 2021 format: 国办公开办函〔2021〕30号, reports on 2021 onward.
 * Reports on years before 2019 were made under the 2008 Regulation and have no national table format.
 */

export type ReportFormat = '2019' | '2021';

export const REPORT_FORMATS: readonly ReportFormat[] = ['2019', '2021'];

/** The first report year each format applies to. */
export const FIRST_YEAR: Readonly<Record<ReportFormat, number>> = { '2019': 2019, '2021': 2021 };

/** Earliest report year Gongkai understands: the revised Regulation took effect 2019-05-15. */
export const EARLIEST_REPORT_YEAR = 2019;

/** The format the national office prescribes for a report year. */
export function formatForYear(year: number): ReportFormat {
  return year >= FIRST_YEAR['2021'] ? '2021' : '2019';
}

export function isReportFormat(value: unknown): value is ReportFormat {
  return value === '2019' || value === '2021';
}

/** The issuing notice of each format, for people reading findings and documents. */
export const FORMAT_NOTICE: Readonly<Record<ReportFormat, string>> = {
  '2019': '国办公开办函〔2019〕60号',
  '2021': '国办公开办函〔2021〕30号',
};
