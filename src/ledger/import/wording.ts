/**
 * @module Register wording → the domain's values, by rule, never by guess. A register writes an
 * outcome the way the report's rows do ("予以公开", "（三）不予公开-属于国家秘密", "不予公开（国家秘密）",
 * "1.本机关不掌握相关政府信息") and an applicant type as the report's columns ("自然人", "商业企业" …).
 *
 * The rule: normalise the text (NFKC, so full-width brackets, digits and punctuation become
 * half-width; no spaces or quotes; no trailing full stop), drop the ordinals ("(三)", "1.", "二、"),
 * split off a group name (不予公开, 无法提供, 不予处理, 其他处理) with whatever joins it ("-", ":", "/",
 * brackets), drop a leading 属于, and look what is left up in the table of names: each outcome's
 * official row label, its outcome label and the short name agencies use (国家秘密 for 属于国家秘密).
 * Only an exact entry counts; a group name must be the outcome's own group; a group alone or anything
 * else is unknown, and the row is reported, not imported.
 */
import { OUTCOME_GROUP_LABELS, type OutcomeGroupKey, requestRowSpec } from '../../domain/report/labels.js';
import { OUTCOMES, type OutcomeKind, reportRowOf } from '../../domain/requests/outcomes.js';
import {
  APPLICANT_KIND_LABELS,
  type ApplicantKind,
  CHANNEL_LABELS,
  type Channel,
} from '../../domain/requests/request.js';

/** Half-width, no blanks or quotation marks, no trailing punctuation. */
export function normalizeWording(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s"'“”‘’「」『』《》]/g, '')
    .replace(/[。．.;；,，、]+$/u, '');
}

const ORDINAL =
  /^(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+[、.]|\d+[、.)]|第[一二三四五六七八九十\d]+[项类条种]?[、.:]?)/u;

function dropOrdinals(text: string): string {
  let out = text;
  for (let m = ORDINAL.exec(out); m && m[0].length < out.length; m = ORDINAL.exec(out))
    out = out.slice(m[0].length);
  return out;
}

/** The short names agencies write besides the official labels (same meaning, fewer characters). */
const SHORT_NAMES: Readonly<Partial<Record<OutcomeKind, readonly string[]>>> = {
  alreadyPublic: ['已主动公开', '已公开', '已主动公开告知获取方式'],
  partial: ['部分公开', '区分处理'],
  lawForbidden: ['法律行政法规禁止公开'],
  security: ['三安全一稳定', '危及三安全一稳定'],
  thirdParty: [
    '第三方合法权益',
    '个人隐私',
    '商业秘密',
    '涉及个人隐私',
    '涉及商业秘密',
    '保护第三方合法权益',
  ],
  internal: ['内部事务信息', '三类内部事务信息'],
  process: ['过程性信息', '四类过程性信息'],
  enforcementFile: ['行政执法案卷'],
  inquiry: ['行政查询事项'],
  notHeld: ['不掌握相关政府信息', '本机关不掌握', '信息不存在', '政府信息不存在', '经检索没有'],
  notThisAgency: ['不属于本机关负责公开', '非本机关信息', '不属于本机关'],
  needsCreation: ['需要另行制作', '没有现成信息'],
  unclearAfterCorrection: ['补正后仍不明确'],
  complaint: ['信访举报投诉'],
  publication: ['公开出版物'],
  excessive: ['大量反复申请'],
  confirmation: ['要求确认或重新出具已获取信息'],
  noCorrection: ['逾期不补正', '逾期未补正', '无正当理由逾期不补正'],
  unpaidFee: ['逾期未缴费', '逾期未缴纳费用', '逾期未按收费通知要求缴纳费用'],
  withdrawn: ['撤回申请', '撤回', '申请人撤回'],
};

/** The group a row of section 三 sits in, by the 2021 format (逾期不补正… under 其他处理). */
function groupOf(kind: OutcomeKind): OutcomeGroupKey | undefined {
  return requestRowSpec(reportRowOf(kind, '2021')).group;
}

const GROUPS: readonly [string, OutcomeGroupKey][] = (
  Object.entries(OUTCOME_GROUP_LABELS) as [OutcomeGroupKey, string][]
).map(([key, label]) => [dropOrdinals(normalizeWording(label)), key]);

const stripShu = (text: string) => (text.startsWith('属于') && text.length > 2 ? text.slice(2) : text);

const NAMES = new Map<string, OutcomeKind>();
function name(text: string, kind: OutcomeKind) {
  const key = stripShu(dropOrdinals(normalizeWording(text)));
  const taken = NAMES.get(key);
  if (taken !== undefined && taken !== kind) throw new Error(`wording ${key} names ${taken} and ${kind}`);
  NAMES.set(key, kind);
}
for (const o of OUTCOMES) {
  name(o.label, o.kind);
  // The row label names the outcome only when the row holds it alone (予以公开 also holds 已主动公开).
  if (OUTCOMES.filter((x) => x.row2021 === o.row2021).length === 1)
    name(requestRowSpec(o.row2021).label, o.kind);
  for (const short of SHORT_NAMES[o.kind] ?? []) name(short, o.kind);
}
name('予以公开', 'disclosed');
name('其他', 'other');

export type WordingResult<T> =
  | { readonly ok: true; readonly value: T; readonly warning?: string }
  | { readonly ok: false; readonly reason: string };

const unknownOutcome = (text: string): WordingResult<never> => ({
  ok: false,
  reason: `无法识别的办理结果“${text}”，可用的办理结果：${OUTCOMES.map((o) => o.label).join('、')} (unknown outcome wording)`,
});

/** The outcome a register's 办理结果 cell names. */
export function outcomeOfWording(text: string): WordingResult<OutcomeKind> {
  const whole = dropOrdinals(normalizeWording(text));
  if (!whole) return unknownOutcome(text);
  const direct = NAMES.get(stripShu(whole));
  if (direct) return { ok: true, value: direct };
  for (const [group, key] of GROUPS) {
    if (!whole.startsWith(group)) continue;
    let rest = whole.slice(group.length).replace(/^[-—–~:：/|_]+/u, '');
    if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1);
    rest = stripShu(dropOrdinals(rest));
    if (!rest)
      return {
        ok: false,
        reason: `办理结果“${text}”只写了类别，没有写明具体情形 (outcome group without the case)`,
      };
    const kind = NAMES.get(rest);
    if (!kind) return unknownOutcome(text);
    if (groupOf(kind) !== key)
      return {
        ok: false,
        reason: `办理结果“${text}”：“${rest}”不属于“${OUTCOME_GROUP_LABELS[key]}” (case not in that group)`,
      };
    return { ok: true, value: kind };
  }
  return unknownOutcome(text);
}

const KINDS = new Map<string, ApplicantKind>(
  (Object.entries(APPLICANT_KIND_LABELS) as [ApplicantKind, string][]).map(([key, label]) => [label, key]),
);

/** How registers write the applicant columns besides the report's labels. [U] extend as registers show. */
const KIND_WORDINGS: ReadonlyMap<string, ApplicantKind> = new Map([
  ['公民', 'natural'],
  ['个人', 'natural'],
  ['自然人申请', 'natural'],
  ['企业', 'commercial'],
  ['公司', 'commercial'],
  ['企业法人', 'commercial'],
  ['商业企业', 'commercial'],
  ['科研院所', 'research'],
  ['高校', 'research'],
  ['公益组织', 'publicInterest'],
  ['社会组织', 'publicInterest'],
  ['律师事务所', 'legalService'],
  ['律所', 'legalService'],
  ['律师', 'legalService'],
]);

/** The applicant column a register's 申请人类型 cell names: 自然人, or one of the five 法人或其他组织. */
export function applicantKindOfWording(text: string): WordingResult<ApplicantKind> {
  let t = normalizeWording(text);
  if (t.startsWith('法人或其他组织')) {
    t = t.slice('法人或其他组织'.length).replace(/^[-—–:：/|_]+/u, '');
    if (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1);
    // The register says only that it is an organisation: counted under 其他, and said so.
    if (t === '')
      return {
        ok: true,
        value: 'other',
        warning: `申请人类型“${text}”未写明是哪一类法人或其他组织，计入“其他”列 (organisation without its kind: counted as other)`,
      };
  }
  const kind = KINDS.get(t) ?? KIND_WORDINGS.get(t);
  return kind
    ? { ok: true, value: kind }
    : {
        ok: false,
        reason: `无法识别的申请人类型“${text}”，应为 ${[...KINDS.keys()].join(' / ')} 之一 (unknown applicant type)`,
      };
}

/** 申请渠道 by its key or its name (CHANNEL_LABELS); 邮寄 alone is a signed-for letter (Art. 31). */
const CHANNELS = new Map<string, Channel>([
  ...(Object.entries(CHANNEL_LABELS) as [Channel, string][]).flatMap(([key, label]) => [
    [normalizeWording(label), key] as const,
    [key.toLowerCase(), key] as const,
  ]),
  ['邮寄', 'postSigned'],
  ['信函', 'postOrdinary'],
  ['互联网', 'online'],
  ['网络', 'online'],
  ['现场', 'inPerson'],
]);

/** The channel a form or a register names. */
export function channelOfWording(text: string): WordingResult<Channel> {
  const channel = CHANNELS.get(normalizeWording(text).toLowerCase());
  return channel
    ? { ok: true, value: channel }
    : {
        ok: false,
        reason: `未知的申请渠道“${text}”，可选 ${Object.values(CHANNEL_LABELS).join('、')} (unknown channel)`,
      };
}
