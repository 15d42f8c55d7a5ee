/**
 * @module 网上申请: a request filed on the portal or forwarded by a government-service platform, before
 * the office has confirmed it. Art. 31(三) counts an online request as received on the day both sides
 * confirm it (双方确认之日), so what a citizen submits is not yet a DisclosureRequest: it waits, under its
 * 查询码, until a handler confirms it (it then enters the ledger with channel 网上, arrived on the day
 * it was submitted, received on the day of the confirmation) or declines it with a reason.
 *
 * Here: the form's fields checked against Art. 29 (name, 身份证明, contact; the information described;
 * the form and way asked for), with limits on every field and a message in Chinese for each problem, and
 * the ID numbers' own check characters (GB 11643 for 居民身份证, GB 32100 for 统一社会信用代码), so that
 * a mistyped number is told at once. Pure: the caller hands in what the form gave.
 */

import { hasControlCharacters } from '../shared/plain-text.js';
import type { Applicant, ApplicantKind, RequestedContent, RequestedForm } from './request.js';
import { APPLICANT_KIND_LABELS } from './request.js';

/** The form's fields, as the page and `POST /api/v1/public/requests` name them. */
export type OnlineApplicationField =
  | 'agency'
  | 'applicant'
  | 'type'
  | 'idType'
  | 'idNumber'
  | 'phone'
  | 'email'
  | 'address'
  | 'postcode'
  | 'content'
  | 'medium'
  | 'delivery';

/** The form's fields in the order the form shows them (the problems are listed in this order too). */
export const ONLINE_FIELDS: readonly OnlineApplicationField[] = [
  'agency',
  'type',
  'applicant',
  'idType',
  'idNumber',
  'phone',
  'email',
  'address',
  'postcode',
  'content',
  'medium',
  'delivery',
];

export interface FieldProblem {
  readonly field: OnlineApplicationField;
  readonly message: string;
}

/** The limits of each field: generous for real use, small enough that the form cannot carry a file. */
export const ONLINE_LIMITS = {
  applicant: 100,
  idNumber: 40,
  phone: 30,
  email: 254,
  address: 200,
  content: 2000,
} as const;

/** 身份证明 the form offers: for a person an identity document, for an organisation its code. */
export const ID_TYPES = [
  '居民身份证',
  '护照',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '外国人永久居留身份证',
  '统一社会信用代码',
  '其他',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export const MEDIUM_LABELS: Readonly<Record<'paper' | 'electronic', string>> = {
  paper: '纸质',
  electronic: '电子',
};

/** 获取方式 an online applicant may ask for; 网上 is 'online' (through the portal). */
export const ONLINE_DELIVERY_LABELS: Readonly<Record<'post' | 'email' | 'collect' | 'online', string>> = {
  post: '邮寄',
  email: '电子邮件',
  collect: '当面领取',
  online: '网上获取',
};

/** What the form gives, each field as typed (undefined when absent). */
export interface OnlineApplicationInput {
  readonly applicant?: string;
  readonly type?: string;
  readonly idType?: string;
  readonly idNumber?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
  readonly postcode?: string;
  readonly content?: string;
  readonly medium?: string;
  readonly delivery?: string;
}

/** A checked application: what the ledger will take in once the office confirms it. */
export interface OnlineApplicationForm {
  readonly applicant: Applicant;
  readonly content: RequestedContent;
  readonly requestedForm: RequestedForm;
}

/** Where an online application stands: waiting for the office, confirmed into the ledger, or declined. */
export type OnlineApplicationState = 'awaitingConfirmation' | 'confirmed' | 'declined';

export const ONLINE_STATE_LABELS: Readonly<Record<OnlineApplicationState, string>> = {
  awaitingConfirmation: '已提交，待确认',
  confirmed: '已确认受理',
  declined: '未予受理',
};

const KIND_BY_WORD = new Map<string, ApplicantKind>(
  Object.entries(APPLICANT_KIND_LABELS).flatMap(([kind, label]) => [
    [label, kind as ApplicantKind],
    [kind, kind as ApplicantKind],
  ]),
);
const PERSON_DOCUMENTS: ReadonlySet<string> = new Set(ID_TYPES.filter((t) => t !== '统一社会信用代码'));

const MOBILE = /^1[3-9]\d{9}$/;
/** A landline with its area code (0xx-xxxxxxx), an extension allowed; or +86 and a mobile. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const POSTCODE = /^\d{6}$/;
/** Documents other than the two with check characters: letters, digits and a few separators. */
const OTHER_ID = /^[0-9A-Za-z()（）-]{4,40}$/;

/** Each key by itself, by its label and by the synonyms given: how a form or a platform may word it. */
function byWord(labels: Readonly<Record<string, string>>, synonyms: Readonly<Record<string, string>> = {}) {
  const words = new Map<string, string>(Object.entries(synonyms));
  for (const [key, label] of Object.entries(labels)) words.set(key, key).set(label, key);
  return words;
}
const MEDIUM_BY_WORD = byWord(MEDIUM_LABELS, { 纸质版: 'paper', 电子版: 'electronic' });
const DELIVERY_BY_WORD = byWord(ONLINE_DELIVERY_LABELS, {
  自行领取: 'collect',
  现场领取: 'collect',
  网上: 'online',
  在线获取: 'online',
  邮件: 'email',
});

const blank = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t === undefined || t === '' ? undefined : t;
};

/** GB 11643-1999: 17 digits, then a check character over them (ISO 7064 MOD 11-2), X for 10. */
export function residentIdValid(number: string): boolean {
  if (!/^\d{17}[\dX]$/.test(number)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(number[i]) * weights[i]!;
  const check = '10X98765432'[sum % 11];
  if (number[17] !== check) return false;
  const [y, m, d] = [number.slice(6, 10), number.slice(10, 12), number.slice(12, 14)].map(Number) as [
    number,
    number,
    number,
  ];
  const birth = new Date(Date.UTC(y, m - 1, d));
  return y >= 1800 && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
}

/** GB 32100-2015: 17 characters of a 31-character alphabet, then a check character (mod 31). */
export function creditCodeValid(code: string): boolean {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  if (code.length !== 18) return false;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = alphabet.indexOf(code[i]!);
    if (value < 0) return false;
    sum += value * weights[i]!;
  }
  const check = alphabet[(31 - (sum % 31)) % 31];
  return code[17] === check;
}

/**
 * The form checked: every problem by its field (all of them at once, so the applicant mends the form in
 * one go), or the application the office will confirm.
 */
export function checkOnlineApplication(
  input: OnlineApplicationInput,
): { ok: true; value: OnlineApplicationForm } | { ok: false; problems: readonly FieldProblem[] } {
  const problems: FieldProblem[] = [];
  // One problem per field: the first is what to mend first.
  const problem = (field: OnlineApplicationField, message: string) => {
    if (!problems.some((p) => p.field === field)) problems.push({ field, message });
  };
  const limited = (field: OnlineApplicationField, value: string | undefined, max: number, what: string) => {
    if (value !== undefined && [...value].length > max) problem(field, `${what}不能超过 ${max} 个字`);
    return value;
  };

  const name = limited('applicant', blank(input.applicant), ONLINE_LIMITS.applicant, '申请人姓名或名称');
  if (name === undefined) problem('applicant', '请填写申请人姓名或名称（条例第二十九条）');
  else if (hasControlCharacters(name)) problem('applicant', '申请人姓名或名称中不能有控制字符');

  const typed = blank(input.type);
  const kind = typed === undefined ? undefined : KIND_BY_WORD.get(typed);
  if (typed === undefined) problem('type', '请选择申请人类型');
  else if (kind === undefined)
    problem('type', `申请人类型应为：${Object.values(APPLICANT_KIND_LABELS).join('、')}`);

  const idType = blank(input.idType);
  const idNumber = limited(
    'idNumber',
    blank(input.idNumber)?.toUpperCase(),
    ONLINE_LIMITS.idNumber,
    '证件号码',
  );
  if (idType === undefined) problem('idType', '请选择身份证明类型（条例第二十九条）');
  else if (!(ID_TYPES as readonly string[]).includes(idType))
    problem('idType', `身份证明类型应为：${ID_TYPES.join('、')}`);
  else if (kind === 'natural' && !PERSON_DOCUMENTS.has(idType))
    problem('idType', '自然人请选择身份证件，统一社会信用代码用于法人或其他组织');
  if (idNumber === undefined) problem('idNumber', '请填写身份证明的号码（条例第二十九条）');
  else if (idType === '居民身份证' && !residentIdValid(idNumber))
    problem('idNumber', '居民身份证号码应为18位，且校验位正确，请核对');
  else if (idType === '统一社会信用代码' && !creditCodeValid(idNumber))
    problem('idNumber', '统一社会信用代码应为18位，且校验位正确，请核对');
  else if (idType !== '居民身份证' && idType !== '统一社会信用代码' && !OTHER_ID.test(idNumber))
    problem('idNumber', '证件号码应为4至40位字母或数字');

  const phone = limited(
    'phone',
    blank(input.phone)?.replace(/[\s（）()]/g, ''),
    ONLINE_LIMITS.phone,
    '联系电话',
  );
  const email = limited('email', blank(input.email), ONLINE_LIMITS.email, '电子邮箱');
  const address = limited('address', blank(input.address), ONLINE_LIMITS.address, '通信地址');
  const postcode = blank(input.postcode);
  if (phone === undefined && email === undefined)
    problem('phone', '请至少填写联系电话或电子邮箱中的一项（条例第二十九条：联系方式）');
  if (phone !== undefined && !MOBILE.test(phone.replace(/^\+?86-?/, '')) && !LANDLINE.test(phone))
    problem('phone', '联系电话应为11位手机号码或带区号的固定电话，如 0591-87654321');
  if (email !== undefined && !EMAIL.test(email)) problem('email', '电子邮箱格式不正确，如 name@example.cn');
  if (address !== undefined && hasControlCharacters(address)) problem('address', '通信地址中不能有控制字符');
  if (postcode !== undefined && !POSTCODE.test(postcode)) problem('postcode', '邮政编码应为6位数字');

  const description = limited('content', blank(input.content), ONLINE_LIMITS.content, '所需信息的描述');
  if (description === undefined)
    problem('content', '请描述所需的政府信息：名称、文号或者便于查询的其他特征性描述（条例第二十九条）');
  else if (hasControlCharacters(description, { lines: true }))
    problem('content', '所需信息的描述中不能有控制字符');

  const mediumTyped = blank(input.medium);
  const medium = mediumTyped === undefined ? 'electronic' : (MEDIUM_BY_WORD.get(mediumTyped) ?? mediumTyped);
  if (medium !== 'paper' && medium !== 'electronic') problem('medium', '载体形式应为纸质或电子');
  const deliveryTyped = blank(input.delivery);
  const delivery =
    deliveryTyped === undefined ? undefined : (DELIVERY_BY_WORD.get(deliveryTyped) ?? deliveryTyped);
  if (delivery === undefined) problem('delivery', '请选择获取信息的方式（条例第二十九条）');
  else if (!(delivery in ONLINE_DELIVERY_LABELS))
    problem('delivery', `获取方式应为：${Object.values(ONLINE_DELIVERY_LABELS).join('、')}`);
  else if (delivery === 'post' && address === undefined) problem('address', '选择邮寄的，请填写通信地址');
  else if (delivery === 'email' && email === undefined) problem('email', '选择电子邮件的，请填写电子邮箱');

  if (problems.length > 0 || !name || !kind || !idType || !idNumber || !description)
    return { ok: false, problems };
  return {
    ok: true,
    value: {
      applicant: {
        kind,
        name,
        idDocument: { type: idType, number: idNumber },
        contact: {
          ...(phone ? { phone } : {}),
          ...(email ? { email } : {}),
          ...(address ? { address } : {}),
          ...(postcode ? { postcode } : {}),
        },
      },
      content: { description },
      requestedForm: {
        medium: medium as 'paper' | 'electronic',
        delivery: delivery as RequestedForm['delivery'],
      },
    },
  };
}

/**
 * An ID number as staff screens show it: the first four and last two characters, the rest masked
 * (portal.md §5: mask ID numbers in UIs and exports).
 */
export function maskIdNumber(number: string): string {
  const chars = [...number];
  if (chars.length <= 6) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 6)}${chars.slice(-2).join('')}`;
}
