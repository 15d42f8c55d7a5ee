/**
 * @module What the registration form (登记申请) and `POST /api/v1/requests` send, checked once at the
 * edge: the options of `requests add` as keys (agency, applicant, type, content, received, channel,
 * arrived, ref) and, from the form, the rest of 条例第二十九条's contents (身份证明, contact details, the
 * form asked for). Problems come back by field, in Chinese. The ledger and the domain decide the rest.
 */

import { z } from 'zod';
import { issueText } from '../documents/json/issue-text.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { Applicant, RequestedForm } from '../domain/requests/request.js';
import {
  applicantKindOfWording,
  channelOfWording,
  type IntakeInput,
  parseRegisterDate,
} from '../ledger/index.js';
import { type FieldErrors, text } from './input-schema.js';

export const IntakeBodySchema = z
  .object({
    agency: z.union([z.number().int(), z.string()]).optional().describe('机关编号；默认为本人所在机关'),
    applicant: text.describe('申请人姓名或名称'),
    type: text.describe('申请人类型：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他'),
    content: text.describe('申请内容'),
    received: text.describe('收到申请之日（条例第三十一条），如 2024-09-27'),
    channel: text.optional().describe('申请渠道：当面、邮寄（签收）、平信、网上、传真、电子邮件；默认当面'),
    arrived: text.optional().describe('平信、网上、传真、电子邮件申请到达之日'),
    ref: text.optional().describe('本机关的登记编号：同一机关同一编号只登记一次'),
    idType: text.optional().describe('身份证明类型，如 居民身份证、统一社会信用代码'),
    idNumber: text.optional().describe('身份证明号码（不写入日志）'),
    phone: text.optional(),
    email: text.optional(),
    address: text.optional(),
    postcode: text.optional(),
    medium: z.enum(['paper', 'electronic', 'inspection', 'other', '']).optional().describe('载体形式'),
    delivery: z
      .enum(['collect', 'post', 'email', 'fax', 'online', 'other', ''])
      .optional()
      .describe('获取方式'),
  })
  .describe('登记申请：requests add 的选项作为键');

export type IntakeBody = z.input<typeof IntakeBodySchema>;

const FIELD_LABELS: Readonly<Record<string, string>> = {
  agency: '机关',
  applicant: '申请人姓名或名称',
  type: '申请人类型',
  content: '申请内容',
  received: '收到申请之日',
  channel: '申请渠道',
  arrived: '到达日期',
  medium: '载体形式',
  delivery: '获取方式',
};

/** The intake a body asks to register at `defaultAgency` (the user's own), or the problems by field. */
export function intakeInputOf(
  raw: unknown,
  defaultAgency: number | undefined,
): { ok: true; value: IntakeInput } | { ok: false; errors: FieldErrors } {
  const parsed = IntakeBodySchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'applicant');
      errors[key] ??= `${FIELD_LABELS[key] ?? key}：${issueText(issue)}`;
    }
    return { ok: false, errors };
  }
  const b = parsed.data;
  const errors: Record<string, string> = {};
  const blank = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
  const need = (key: 'applicant' | 'content' | 'received' | 'type', value: string) => {
    if (!value) errors[key] = `请填写${FIELD_LABELS[key]} (${key} is required)`;
    return value;
  };
  const date = (key: 'received' | 'arrived', value: string | undefined): LocalDate | undefined => {
    if (!value) return undefined;
    const d = parseRegisterDate(value, FIELD_LABELS[key]!);
    if (!d.ok) errors[key] = d.reason;
    return d.ok ? d.value : undefined;
  };
  const agencyText = b.agency === undefined || b.agency === '' ? undefined : String(b.agency).trim();
  const agencyId = agencyText === undefined ? defaultAgency : Number(agencyText);
  if (agencyId === undefined || !Number.isSafeInteger(agencyId) || agencyId < 1)
    errors.agency = '机关编号应为正整数 (agency: a positive integer id)';
  const name = need('applicant', b.applicant);
  const typeText = need('type', b.type);
  const kind = typeText ? applicantKindOfWording(typeText) : undefined;
  if (kind && !kind.ok) errors.type = kind.reason;
  const content = need('content', b.content);
  const receivedOn = date('received', need('received', b.received));
  const channelText = blank(b.channel);
  const channel = channelText === undefined ? undefined : channelOfWording(channelText);
  if (channel && !channel.ok) errors.channel = channel.reason;
  const arrivedOn = date('arrived', blank(b.arrived));
  if (Object.keys(errors).length > 0 || !kind?.ok || !receivedOn || agencyId === undefined)
    return { ok: false, errors };
  const idNumber = blank(b.idNumber);
  const contact = {
    ...(blank(b.phone) ? { phone: b.phone } : {}),
    ...(blank(b.email) ? { email: b.email } : {}),
    ...(blank(b.address) ? { address: b.address } : {}),
    ...(blank(b.postcode) ? { postcode: b.postcode } : {}),
  };
  const applicant: Applicant = {
    kind: kind.value,
    name,
    contact,
    ...(idNumber ? { idDocument: { type: blank(b.idType) ?? '身份证明', number: idNumber } } : {}),
  };
  const medium = blank(b.medium) as RequestedForm['medium'] | undefined;
  const delivery = blank(b.delivery) as RequestedForm['delivery'] | undefined;
  const ref = blank(b.ref);
  return {
    ok: true,
    value: {
      agencyId,
      applicant,
      content: { description: content },
      ...(medium || delivery
        ? { requestedForm: { medium: medium ?? 'other', delivery: delivery ?? 'other' } }
        : {}),
      channel: channel?.ok ? channel.value : 'inPerson',
      receivedOn,
      ...(arrivedOn ? { arrivedOn } : {}),
      ...(ref ? { externalRef: ref } : {}),
    },
  };
}
