/**
 * @module What the back office's action forms and `POST /api/v1/requests/{id}/events` send, checked once
 * at the edge: `event` (a name of `requests record`, its Chinese label, or the kind) and the options of
 * `requests record` as keys (on, items, dueBy, days, approver, party, with, amount, method, pages,
 * pieces, earlier, delivered, outcome, reason), form strings or JSON values alike. Each problem is
 * reported on its field, in Chinese, so a form shows it beside the input. The ledger decides the rest.
 */
import { z } from 'zod';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { EVENT_LABELS } from '../domain/requests/events.js';
import {
  EVENT_NAMES,
  type EventInput,
  outcomeOfWording,
  parseRegisterDate,
  RECORDABLE,
  type RecordableKind,
  recordableKindOf,
} from '../ledger/index.js';
import { type FieldErrors, text } from './input-schema.js';

/** The body's keys: the options of `requests record`, camel-cased as JSON keys. */
export const EventBodySchema = z
  .object({
    event: text,
    on: text,
    reason: text.optional(),
    items: text.optional(),
    dueBy: text.optional(),
    days: text.optional(),
    approver: text.optional(),
    party: text.optional(),
    with: text.optional(),
    amount: text.optional(),
    method: text.optional(),
    pages: text.optional(),
    pieces: text.optional(),
    earlier: text.optional(),
    delivered: text.optional(),
    outcome: text.optional(),
  })
  .describe('事件：event 为 requests record 的事件名，其余键为该命令的选项');

export type EventBody = z.input<typeof EventBodySchema>;

/** Which keys each event takes besides `on` and `reason`. */
const KEYS: Readonly<Record<RecordableKind, readonly (keyof EventBody)[]>> = {
  CorrectionRequested: ['items', 'dueBy'],
  CorrectionReceived: [],
  CorrectionLapsed: [],
  Extended: ['days', 'approver'],
  ThirdPartyConsultationStarted: ['party'],
  ThirdPartyConsultationEnded: [],
  AgencyConsultationStarted: ['with'],
  AgencyConsultationEnded: [],
  FeeNoticeSent: ['method', 'amount', 'pages', 'pieces', 'earlier', 'delivered'],
  FeePaid: [],
  FeeLapsed: [],
  Withdrawn: [],
  Decided: ['outcome'],
};

const FIELD_LABELS: Readonly<Record<string, string>> = {
  on: '日期',
  items: '补正事项',
  dueBy: '补正期限',
  days: '延长工作日数',
  approver: '同意延长的负责人',
  party: '第三方',
  with: '征求意见的机关',
  amount: '金额',
  method: '计费方式',
  pages: '页数',
  pieces: '件数',
  earlier: '本月此前件数',
  delivered: '送达日期',
  outcome: '办理结果',
};

const METHODS: Readonly<Record<string, 'perPiece' | 'perVolume'>> = {
  perpiece: 'perPiece',
  'per-piece': 'perPiece',
  按件: 'perPiece',
  按件计收: 'perPiece',
  pervolume: 'perVolume',
  'per-volume': 'perVolume',
  按量: 'perVolume',
  按量计收: 'perVolume',
};

/**
 * The event a body asks to record, or the problems by field (`event` for the body as a whole). Empty
 * strings count as absent: a form sends every field of its action, filled or not.
 */
export function eventInputOf(
  raw: unknown,
): { ok: true; value: EventInput } | { ok: false; errors: FieldErrors } {
  const parsed = EventBodySchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'event');
      errors[key] ??= `请填写${FIELD_LABELS[key] ?? '事件'} (${key} is required)`;
    }
    return { ok: false, errors };
  }
  const body = parsed.data as Record<string, string | undefined>;
  const given = (key: string) => (body[key] === undefined || body[key] === '' ? undefined : body[key]);
  const kind = recordableKindOf(body.event ?? '', EVENT_LABELS);
  if (!kind)
    return {
      ok: false,
      errors: {
        event: `未知事件“${body.event}”，可选 ${RECORDABLE.map((k) => `${EVENT_NAMES[k]}（${EVENT_LABELS[k]}）`).join('、')} (unknown event)`,
      },
    };
  const errors: Record<string, string> = {};
  for (const key of Object.keys(FIELD_LABELS))
    if (key !== 'on' && given(key) !== undefined && !KEYS[kind].includes(key as keyof EventBody))
      errors[key] =
        `${FIELD_LABELS[key]}不适用于“${EVENT_LABELS[kind]}” (${key} does not apply to ${EVENT_NAMES[kind]})`;
  const need = (key: string): string => {
    const value = given(key);
    if (value === undefined) errors[key] = `请填写${FIELD_LABELS[key]} (${key} is required)`;
    return value ?? '';
  };
  const date = (key: string, value: string | undefined): LocalDate | undefined => {
    if (value === undefined) return undefined;
    const d = parseRegisterDate(value, FIELD_LABELS[key]!);
    if (!d.ok) errors[key] = d.reason;
    return d.ok ? d.value : undefined;
  };
  const count = (key: string, max: number): number | undefined => {
    const value = given(key);
    if (value === undefined) return undefined;
    const digits = value.normalize('NFKC');
    if (!/^\d+$/.test(digits) || Number(digits) > max) {
      errors[key] = `${FIELD_LABELS[key]}应为 0 至 ${max} 之间的整数 (a whole number)`;
      return undefined;
    }
    return Number(digits);
  };
  const at = date('on', need('on'));
  const reason = given('reason');
  const base = { at: at!, ...(reason ? { reason } : {}) };
  let input: EventInput;
  switch (kind) {
    case 'CorrectionRequested': {
      const items = need('items');
      const dueBy = date('dueBy', need('dueBy'));
      input = { ...base, kind, items, dueBy: dueBy! };
      break;
    }
    case 'Extended': {
      const days = count('days', 9999);
      if (given('days') === undefined) need('days');
      input = { ...base, kind, workingDays: days!, approver: need('approver') };
      break;
    }
    case 'ThirdPartyConsultationStarted':
      input = { ...base, kind, thirdParty: need('party') };
      break;
    case 'AgencyConsultationStarted':
      input = { ...base, kind, agency: need('with') };
      break;
    case 'FeeNoticeSent': {
      const methodText = need('method');
      const method = METHODS[methodText.normalize('NFKC').toLowerCase()];
      if (methodText && !method)
        errors.method = '计费方式应为按件计收（per-piece）或按量计收（per-volume）(fee method)';
      const pages = count('pages', 1_000_000);
      const pieces = count('pieces', 1_000_000);
      const earlier = count('earlier', 1_000_000);
      const amount = given('amount');
      const deliveredOn = date('delivered', given('delivered'));
      input = {
        ...base,
        kind,
        method: method ?? 'perVolume',
        ...(amount !== undefined ? { amount } : {}),
        ...(pages !== undefined ? { pages } : {}),
        ...(pieces !== undefined ? { pieces } : {}),
        ...(earlier !== undefined ? { earlier } : {}),
        ...(deliveredOn !== undefined ? { deliveredOn } : {}),
      };
      break;
    }
    case 'Decided': {
      const wording = need('outcome');
      const outcome = wording ? outcomeOfWording(wording) : undefined;
      if (outcome && !outcome.ok) errors.outcome = outcome.reason;
      input = { ...base, kind, outcome: outcome?.ok ? outcome.value : 'disclosed' };
      break;
    }
    default:
      input = { ...base, kind };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: input };
}
