/**
 * @module Section 二's first table (条例 第二十条第（一）项: 规章 and 规范性文件) counted from the catalogue
 * instead of typed in: each document is tracked from issue to amendment and repeal, so the rows of a
 * year follow from the dates. 2021 format: 本年制发件数 (written that year), 本年废止件数 (repealed that
 * year), 现行有效件数 (in force on 31 December). 2019 format: 本年新制作数量 (written that year), 本年新
 * 公开数量 (published that year), 对外公开总数量 (published by 31 December, the running total) [U: the
 * 2019 column's exact scope is the common reading, not a text read].
 */
import type { LocalDate } from '../calendar/local-date.js';
import type { ReportFormat } from '../report/format.js';

/** Which row of the table a catalogue item counts in, if any. */
export type DocumentKind = 'rule' | 'normativeDocument' | 'other';

export interface CatalogueDocument {
  readonly kind: DocumentKind;
  /** 成文日期. */
  readonly writtenOn: LocalDate;
  /** 发布日期; absent while the item is a draft or awaiting approval. */
  readonly publishedOn?: LocalDate;
  /** 废止 (有效性 已废止) from this date. */
  readonly repealedOn?: LocalDate;
  /** Withdrawn as published in error: it never counted. */
  readonly withdrawn?: boolean;
}

export type DocumentRow2021 = {
  readonly issued: number;
  readonly repealed: number;
  readonly inForce: number;
};
export type DocumentRow2019 = {
  readonly made: number;
  readonly published: number;
  readonly totalPublished: number;
};

export type DocumentRows<F extends ReportFormat> = Readonly<
  Record<'rules' | 'normativeDocuments', F extends '2021' ? DocumentRow2021 : DocumentRow2019>
>;

const ROW_OF: Readonly<Record<Exclude<DocumentKind, 'other'>, 'rules' | 'normativeDocuments'>> = {
  rule: 'rules',
  normativeDocument: 'normativeDocuments',
};

const inYear = (date: LocalDate | undefined, year: number) => date?.startsWith(`${year}-`) === true;
const byYearEnd = (date: LocalDate | undefined, year: number) =>
  date !== undefined && date <= `${year}-12-31`;

/** The rows 规章 and 规范性文件 of the year, in the format's columns, from the agency's catalogue. */
export function documentRows<F extends ReportFormat>(
  documents: readonly CatalogueDocument[],
  year: number,
  format: F,
): DocumentRows<F> {
  const counted = documents.filter(
    (d): d is CatalogueDocument & { kind: Exclude<DocumentKind, 'other'> } =>
      d.kind !== 'other' && d.withdrawn !== true && d.publishedOn !== undefined,
  );
  const rowFor = (row: 'rules' | 'normativeDocuments') => {
    const mine = counted.filter((d) => ROW_OF[d.kind] === row);
    const count = (test: (d: CatalogueDocument) => boolean) => mine.filter(test).length;
    if (format === '2021')
      return {
        issued: count((d) => inYear(d.writtenOn, year)),
        repealed: count((d) => inYear(d.repealedOn, year)),
        inForce: count((d) => byYearEnd(d.writtenOn, year) && !byYearEnd(d.repealedOn, year)),
      };
    return {
      made: count((d) => inYear(d.writtenOn, year)),
      published: count((d) => inYear(d.publishedOn, year)),
      totalPublished: count((d) => byYearEnd(d.publishedOn, year)),
    };
  };
  return { rules: rowFor('rules'), normativeDocuments: rowFor('normativeDocuments') } as DocumentRows<F>;
}
