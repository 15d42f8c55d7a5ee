/**
 * @module 索引号, the identifier of an item in the 政府信息公开目录: by the 目录系统实施指引 "前段码/后段码"
 * (the publisher's code, then year and a serial: 000014349/2017-00110), but written to each site's own
 * pattern (portal.md §3.2: 18-character 信用代码 prefixes, local prefixes, a category part). So the
 * pattern is configuration; what the domain guarantees is that a number, once issued, is unique in its
 * agency and never changed or issued again — a withdrawn item keeps its number.
 */
import { err, ok, type Result } from '../requests/result.js';

export interface CatalogueRefusal {
  readonly code:
    | 'catalogue.pattern-invalid'
    | 'catalogue.serial-exhausted'
    | 'catalogue.part-missing'
    | 'catalogue.part-invalid';
  readonly message: string;
}

/** The 目录系统实施指引's form: 9-character code, "/", year, "-", five-digit serial. */
export const DEFAULT_INDEX_PATTERN = '{org}/{year}-{serial:5}';

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'org' | 'year' | 'category' }
  | {
      readonly kind: 'serial';
      readonly width: number;
    };

export interface IndexNumberPattern {
  readonly template: string;
  readonly parts: readonly Part[];
  /** Whether the serial restarts each year ({year} in the pattern) and per category. */
  readonly perYear: boolean;
  readonly perCategory: boolean;
}

const TOKEN = /\{(org|year|category|serial)(?::(\d{1,2}))?\}/g;

function refusal(code: CatalogueRefusal['code'], message: string): Result<never, CatalogueRefusal> {
  return err({ code, message });
}

/**
 * A site's 索引号 pattern from its configuration: text with {org} (the agency's code), {year} (the
 * year of the item's publication), {category} (its column's code) and exactly one {serial:N} (N
 * digits, zero-padded; 1–9).
 */
export function parseIndexPattern(template: string): Result<IndexNumberPattern, CatalogueRefusal> {
  const parts: Part[] = [];
  const seen = new Map<string, number>();
  let at = 0;
  for (const m of template.matchAll(TOKEN)) {
    if (m.index > at) parts.push({ kind: 'text', text: template.slice(at, m.index) });
    const name = m[1] as 'org' | 'year' | 'category' | 'serial';
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (name === 'serial') {
      const width = Number(m[2] ?? '5');
      if (width < 1 || width > 9)
        return refusal('catalogue.pattern-invalid', `索引号格式“${template}”的流水号位数应为 1–9 位`);
      parts.push({ kind: 'serial', width });
    } else if (m[2] !== undefined) {
      return refusal('catalogue.pattern-invalid', `索引号格式“${template}”中 {${name}} 不带位数`);
    } else parts.push({ kind: name });
    at = m.index + m[0].length;
  }
  if (at < template.length) parts.push({ kind: 'text', text: template.slice(at) });
  const stray = parts.find((p) => p.kind === 'text' && /[{}]/.test(p.text));
  if (stray)
    return refusal(
      'catalogue.pattern-invalid',
      `索引号格式“${template}”含有无法识别的占位符；可用 {org} {year} {category} {serial:N}`,
    );
  if (seen.get('serial') !== 1)
    return refusal('catalogue.pattern-invalid', `索引号格式“${template}”须恰好含一个流水号 {serial:N}`);
  for (const name of ['org', 'year', 'category'])
    if ((seen.get(name) ?? 0) > 1)
      return refusal('catalogue.pattern-invalid', `索引号格式“${template}”中 {${name}} 出现了不止一次`);
  // Without the agency's code in the number, numbers of two agencies on one site could meet.
  if (!seen.has('org'))
    return refusal(
      'catalogue.pattern-invalid',
      `索引号格式“${template}”须含机关代码 {org}，以免两个机关的索引号相同`,
    );
  return ok({ template, parts, perYear: seen.has('year'), perCategory: seen.has('category') });
}

export interface IndexScope {
  /** The agency's code as the site prints it (组织机构代码, 统一社会信用代码 or a local code). */
  readonly org: string;
  readonly year: number;
  readonly category?: string;
}

/** The key under which serials are counted: the pattern restarts them per year or category only if it prints them. */
export function serialScope(pattern: IndexNumberPattern, scope: IndexScope): string {
  return [
    scope.org,
    pattern.perYear ? String(scope.year) : '*',
    pattern.perCategory ? (scope.category ?? '') : '*',
  ].join('\u0000');
}

const PART_TEXT = /^[0-9A-Za-z\-_.]{1,40}$/;

/**
 * The 索引号 with the given serial: the next after the highest ever issued in its scope (see
 * serialScope), so that no number is issued twice, even after an item is withdrawn.
 */
export function formatIndexNumber(
  pattern: IndexNumberPattern,
  scope: IndexScope,
  serial: number,
): Result<string, CatalogueRefusal> {
  let out = '';
  for (const part of pattern.parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'serial') {
      if (!Number.isSafeInteger(serial) || serial < 1 || String(serial).length > part.width)
        return refusal(
          'catalogue.serial-exhausted',
          `流水号 ${serial} 超出索引号格式“${pattern.template}”的 ${part.width} 位；请由管理员加长流水号位数`,
        );
      out += String(serial).padStart(part.width, '0');
    } else if (part.kind === 'year') out += String(scope.year);
    else {
      const value = part.kind === 'org' ? scope.org : scope.category;
      if (value === undefined || value === '')
        return refusal(
          'catalogue.part-missing',
          `索引号格式“${pattern.template}”需要${part.kind === 'org' ? '机关代码' : '栏目代码'}`,
        );
      if (!PART_TEXT.test(value))
        return refusal(
          'catalogue.part-invalid',
          `${part.kind === 'org' ? '机关代码' : '栏目代码'}“${value}”只能由字母、数字和 - _ . 组成（至多 40 个字符）`,
        );
      out += value;
    }
  }
  return ok(out);
}
