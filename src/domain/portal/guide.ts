/**
 * @module 政府信息公开指南 (条例第十二条): what the guide must contain — 政府信息的分类、编排体系、获取方式,
 * and the 政府信息公开工作机构's 名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式 — and the
 * sections a guide usually adds (依申请公开's procedure, fees, 监督和救济; portal.md §4.1). The office
 * writes it; a version missing a required item is refused, naming it; published versions are kept, the
 * latest is the guide (Art. 12 ¶1: kept current).
 */

export interface GuideOffice {
  /** 政府信息公开工作机构名称 */
  readonly name: string;
  readonly address: string;
  /** 办公时间 */
  readonly hours: string;
  readonly phone: string;
  /** 传真号码 ("无" when the office has none: it is still said). */
  readonly fax: string;
  /** 互联网联系方式: an e-mail address or a web address. */
  readonly online: string;
}

export interface DisclosureGuide {
  readonly office: GuideOffice;
  /** 政府信息的分类、编排体系 */
  readonly classification: string;
  /** 主动公开的获取方式 */
  readonly howToObtain: string;
  /** 依申请公开: how to apply, where, the form, time limits. */
  readonly requestProcedure: string;
  /** 收费: 信息处理费 only (国办函〔2020〕109号). */
  readonly fees: string;
  /** 监督和救济: complaints, 复议, 诉讼. */
  readonly supervision: string;
}

export type GuideField = `office.${keyof GuideOffice}` | Exclude<keyof DisclosureGuide, 'office'>;

export const GUIDE_LABELS: Readonly<Record<GuideField, string>> = {
  'office.name': '政府信息公开工作机构名称',
  'office.address': '办公地址',
  'office.hours': '办公时间',
  'office.phone': '联系电话',
  'office.fax': '传真号码',
  'office.online': '互联网联系方式',
  classification: '政府信息的分类、编排体系',
  howToObtain: '获取方式',
  requestProcedure: '依申请公开的办理',
  fees: '收费',
  supervision: '监督和救济',
};

/** What 条例第十二条第二款 requires; the others are the guide's usual sections, which may be left out. */
export const REQUIRED_GUIDE_FIELDS: readonly GuideField[] = [
  'classification',
  'howToObtain',
  'office.name',
  'office.address',
  'office.hours',
  'office.phone',
  'office.fax',
  'office.online',
];

/** The longest text a section takes: a guide is a page, not a file store. */
export const GUIDE_SECTION_LIMIT = 5000;
const OFFICE_LIMIT = 200;

export interface GuideProblem {
  readonly field: GuideField;
  readonly message: string;
}

export const guideValue = (guide: Partial<DisclosureGuide>, field: GuideField): string | undefined =>
  field.startsWith('office.')
    ? guide.office?.[field.slice('office.'.length) as keyof GuideOffice]
    : (guide[field as Exclude<GuideField, `office.${string}`>] as string | undefined);

/** Each required item that is missing, and each item longer than its limit. */
export function checkGuide(guide: Partial<DisclosureGuide>): GuideProblem[] {
  const problems: GuideProblem[] = [];
  for (const field of Object.keys(GUIDE_LABELS) as GuideField[]) {
    const value = guideValue(guide, field)?.trim() ?? '';
    const label = GUIDE_LABELS[field];
    const limit = field.startsWith('office.') ? OFFICE_LIMIT : GUIDE_SECTION_LIMIT;
    if (value === '' && REQUIRED_GUIDE_FIELDS.includes(field))
      problems.push({ field, message: `请填写${label}（条例第十二条第二款：指南应当包括该项）` });
    else if ([...value].length > limit) problems.push({ field, message: `${label}不能超过 ${limit} 个字` });
  }
  return problems;
}

/** A section's text as paragraphs: one per non-blank line. */
export const paragraphsOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
