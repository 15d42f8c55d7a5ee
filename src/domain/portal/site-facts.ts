/**
 * @module The facts a government site prints in its footer and head (portal.md §1.3–1.4; issue 11):
 * 网站主办单位, 承办单位, 联系方式, 网站标识码, ICP备案编号, 公安机关备案号. Configured per site by its
 * administrator. The formats are what 15 and more live portals show [V-sec], not a national text, so
 * a value in another form is a warning, never a refusal: only a missing required fact is an error.
 */

export interface SiteFacts {
  /** 网站名称 (meta SiteName). */
  readonly siteName: string;
  /** 主办单位: the agency the site belongs to. */
  readonly sponsor: string;
  /** 承办单位, when another office runs the site. */
  readonly operator?: string;
  /** 联系方式: address, postcode, phone or e-mail, as printed. */
  readonly contact: string;
  /** 网站标识码 (meta SiteIDCode). */
  readonly siteCode: string;
  /** ICP备案编号, e.g. 闽ICP备09032658号. */
  readonly icp: string;
  /** 公安机关备案号, e.g. 川公网安备51090302000210号. */
  readonly publicSecurity?: string;
}

export interface SiteFactProblem {
  readonly field: keyof SiteFacts;
  readonly severity: 'error' | 'warning';
  /** Chinese first, then English in brackets. */
  readonly message: string;
}

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台蜀黔滇陇';
/** 10 characters: the 6-digit 区划代码 and a 4-digit serial, or bm and 8 digits for a ministry. */
const SITE_CODE = /^(?:\d{10}|bm\d{8})$/;
const ICP = new RegExp(`^[${PROVINCES}]ICP备\\d{8}(?:\\d{2})?号(?:-\\d{1,3})?$`, 'u');
const PUBLIC_SECURITY = new RegExp(`^[${PROVINCES}]公网安备\\s*\\d{14}号$`, 'u');

const REQUIRED: readonly (readonly [keyof SiteFacts, string])[] = [
  ['siteName', '网站名称'],
  ['sponsor', '网站主办单位'],
  ['contact', '联系方式'],
  ['siteCode', '网站标识码'],
  ['icp', 'ICP备案编号'],
];

/** What is missing (errors) or printed in a form live portals do not use (warnings). */
export function checkSiteFacts(facts: Partial<SiteFacts>): SiteFactProblem[] {
  const problems: SiteFactProblem[] = [];
  for (const [field, label] of REQUIRED) {
    const value = facts[field];
    if (typeof value !== 'string' || value.trim() === '')
      problems.push({
        field,
        severity: 'error',
        message: `请填写${label}，页面底部须列明 (${field} is required)`,
      });
  }
  const warn = (field: keyof SiteFacts, message: string) =>
    problems.push({ field, severity: 'warning', message });
  const code = facts.siteCode?.trim();
  if (code && !SITE_CODE.test(code))
    warn(
      'siteCode',
      `网站标识码“${code}”不是常见的 10 位（6 位区划代码加 4 位序号，或 bm 加 8 位数字），请核对 (site code is not of the usual 10 characters)`,
    );
  const icp = facts.icp?.trim();
  if (icp && !ICP.test(icp))
    warn(
      'icp',
      `ICP备案编号“${icp}”不是常见的“省简称ICP备8 或 10 位数字号”形式，请核对 (unusual ICP number)`,
    );
  const police = facts.publicSecurity?.trim();
  if (police && !PUBLIC_SECURITY.test(police))
    warn(
      'publicSecurity',
      `公安机关备案号“${police}”不是常见的“省简称公网安备14 位数字号”形式，请核对 (unusual public-security number)`,
    );
  if (police && PUBLIC_SECURITY.test(police)) {
    // The 14 digits begin with the 区划代码, as the site code's first six do.
    const area = police.replace(/\D/g, '').slice(0, 6);
    if (code && /^\d{10}$/.test(code) && area.slice(0, 2) !== code.slice(0, 2))
      warn(
        'publicSecurity',
        `公安机关备案号的区划代码 ${area} 与网站标识码 ${code} 不在同一省份，请核对 (province differs)`,
      );
  }
  return problems;
}

/** The four standard sub-columns of the 政府信息公开 column as deployed, with their usual URL slugs. */
export const STANDARD_COLUMNS: readonly { readonly name: string; readonly slug: string }[] = [
  { name: '政府信息公开指南', slug: 'zfxxgkzn' },
  { name: '政府信息公开制度', slug: 'zfxxgkzd' },
  { name: '法定主动公开内容', slug: 'fdzdgknr' },
  { name: '政府信息公开年报', slug: 'zfxxgknb' },
];
