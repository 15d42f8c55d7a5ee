/**
 * @module What the request page's 更正申请信息 form and `POST /api/v1/requests/{id}/corrections` send,
 * checked once at the edge: the options of `requests correct` as keys (applicant, type, channel,
 * received, reason, confirmCompletedYear). A key left out or blank is not corrected. Problems come back by
 * field, in Chinese; the ledger and the domain decide the rest.
 */
import { z } from 'zod';
import type { RequestParticulars } from '../domain/requests/corrections.js';
import { applicantKindOfWording, channelOfWording, parseRegisterDate } from '../ledger/index.js';
import { type FieldErrors, text } from './input-schema.js';

export const CorrectionBodySchema = z
  .object({
    applicant: text.optional().describe('更正后的申请人姓名或名称'),
    type: text
      .optional()
      .describe('更正后的申请人类型：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他'),
    channel: text.optional().describe('更正后的申请渠道：当面、邮寄（签收）、平信、网上、传真、电子邮件'),
    received: text.optional().describe('更正后的收到申请之日，如 2025-01-03'),
    reason: text.describe('更正理由'),
    confirmCompletedYear: z
      .union([z.boolean(), z.enum(['1', 'on', 'true', ''])])
      .optional()
      .describe('确认更正已标记完成的年度报告的数字'),
  })
  .describe('requests correct ID [--applicant] [--type] [--channel] [--received] --reason TEXT');

export interface CorrectionInput {
  readonly wanted: Partial<RequestParticulars>;
  readonly reason: string;
  readonly confirmCompletedYear: boolean;
}

/** The correction a body asks for, or the problems by field. */
export function correctionInputOf(
  raw: unknown,
): { ok: true; value: CorrectionInput } | { ok: false; errors: FieldErrors } {
  const parsed = CorrectionBodySchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'reason');
      errors[key] ??=
        key === 'reason' ? '请写明更正理由 (reason is required)' : `${key} 的取值有误 (${key}: not text)`;
    }
    return { ok: false, errors };
  }
  const b = parsed.data;
  const errors: Record<string, string> = {};
  const wanted: { -readonly [K in keyof RequestParticulars]?: RequestParticulars[K] } = {};
  if (b.applicant) wanted.applicantName = b.applicant;
  if (b.type) {
    const kind = applicantKindOfWording(b.type);
    if (kind.ok) wanted.applicantKind = kind.value;
    else errors.type = kind.reason;
  }
  if (b.channel) {
    const channel = channelOfWording(b.channel);
    if (channel.ok) wanted.channel = channel.value;
    else errors.channel = channel.reason;
  }
  if (b.received) {
    const on = parseRegisterDate(b.received, '收到申请之日');
    if (on.ok) wanted.receivedOn = on.value;
    else errors.received = on.reason;
  }
  if (!b.reason) errors.reason = '请写明更正理由 (reason is required)';
  if (Object.keys(errors).length === 0 && Object.keys(wanted).length === 0)
    errors.applicant = '请至少填写一项要更正的内容 (give at least one field to correct)';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const confirm = b.confirmCompletedYear;
  return {
    ok: true,
    value: {
      wanted,
      reason: b.reason,
      confirmCompletedYear: confirm === true || confirm === '1' || confirm === 'on' || confirm === 'true',
    },
  };
}
