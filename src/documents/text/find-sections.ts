/** @module Finding the heading, the publication date and the six section titles in a text report. */
import { SECTION_NUMBERS, type SectionNumber, sectionTitleVariants } from '../../domain/report/labels.js';
import { labelKey } from '../label-key.js';
import type { TextLine } from './text-lines.js';

export interface Heading {
  readonly agency: string;
  readonly year: number;
  readonly index: number;
}

const HEADING =
  /^(.*?)[\s\u3000]*([0-9０-９]{4})[\s\u3000]*年度?[\s\u3000]*政府信息公开工作年度报告[\s\u3000]*$/;

export function findHeading(lines: readonly TextLine[]): Heading | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = HEADING.exec(lines[i]!.text);
    if (!m) continue;
    const agency = m[1]!.trim();
    if (agency === '') continue;
    return { agency, year: Number(m[2]!.normalize('NFKC')), index: i };
  }
  return undefined;
}

const TITLE_KEYS: ReadonlyMap<string, SectionNumber> = new Map(
  SECTION_NUMBERS.flatMap((s) => sectionTitleVariants(s).map((t) => [labelKey(t), s] as const)),
);

/** Index of each section title's line, searched in order after the heading. */
export function findSectionTitles(
  lines: readonly TextLine[],
  from: number,
): Partial<Record<SectionNumber, number>> {
  const found: Partial<Record<SectionNumber, number>> = {};
  let next = 0;
  for (let i = from; i < lines.length && next < SECTION_NUMBERS.length; i++) {
    const section = TITLE_KEYS.get(lines[i]!.key);
    if (section === undefined) continue;
    const expectedAt = SECTION_NUMBERS.indexOf(section);
    if (expectedAt < next) continue;
    found[section] = i;
    next = expectedAt + 1;
  }
  return found;
}

const PUBLISHED = /发布(?:时间|日期)[:：]?(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;
const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

/** 发布时间 / 发布日期 given in the page header, between the start and the first section. */
export function findPublishedLabel(lines: readonly TextLine[], end: number): string | undefined {
  for (let i = 0; i < end; i++) {
    const m = PUBLISHED.exec(lines[i]!.key);
    if (m) return iso(m[1]!, m[2]!, m[3]!);
  }
  return undefined;
}

export function chineseDateLine(line: TextLine): string | undefined {
  const m = CHINESE_DATE.exec(line.key);
  return m ? iso(m[1]!, m[2]!, m[3]!) : undefined;
}

/** Lines of a portal's footer: where the report ends if it has no signature. */
export const FOOTER_LINE = /主办单位|承办单位|ICP备|公网安备|网站标识码|版权所有|网站地图|技术支持|联系我们/;
