/**
 * @module What `gongkai requests record ID EVENT` takes for each event: the options that belong to it,
 * and how they become what the ledger records (dates, days, counts, outcomes as registers write them).
 * The ledger assesses a fee notice's amount and the domain's rules judge the event after.
 */
import type { LocalDate } from '../domain/calendar/local-date.js';
import { EVENT_LABELS } from '../domain/requests/events.js';
import {
  EVENT_NAMES,
  type EventInput,
  outcomeOfWording,
  RECORDABLE,
  type RecordableKind,
  recordableKindOf,
} from '../ledger/index.js';
import { FEE_METHOD_LABELS } from '../present/labels.js';
import { CliFailure } from './cli-io.js';
import { fold, parseDateOption } from './cli-options.js';
import { parseCount } from './fees-command.js';

/** The options of `requests record` that belong to particular events. */
const EVENT_OPTIONS = {
  items: '--items',
  dueBy: '--due-by',
  days: '--days',
  approver: '--approver',
  party: '--party',
  with: '--with',
  amount: '--amount',
  method: '--method',
  delivered: '--delivered',
  pages: '--pages',
  pieces: '--pieces',
  earlier: '--earlier',
  outcome: '--outcome',
} as const;
type EventOption = keyof typeof EVENT_OPTIONS;
export type EventOptions = Partial<Record<EventOption, string>>;

type Base = { readonly at: LocalDate; readonly reason?: string };

interface EventCommand<K extends RecordableKind> {
  /** The command line's name for the event (kebab-case); EVENT_LABELS[kind] is accepted too. */
  readonly name: string;
  readonly options: readonly EventOption[];
  readonly build: (given: EventOptions, base: Base) => Extract<EventInput, { kind: K }>;
}

function need(given: EventOptions, option: EventOption, event: string): string {
  const value = given[option];
  if (value === undefined || value.trim() === '')
    throw new CliFailure(`${event} 需要 ${EVENT_OPTIONS[option]} (${EVENT_OPTIONS[option]} is required)`);
  return value.trim();
}

function parseDays(text: string): number {
  if (!/^\d{1,4}$/.test(text.trim()))
    throw new CliFailure(`--days ${text}: 应为工作日数（整数）(a whole number of working days)`);
  return Number(text);
}

const FEE_METHODS = new Map<string, 'perPiece' | 'perVolume'>([
  ['per-piece', 'perPiece'],
  ['per-volume', 'perVolume'],
  ['按件', 'perPiece'],
  ['按量', 'perVolume'],
  [FEE_METHOD_LABELS.perPiece, 'perPiece'],
  [FEE_METHOD_LABELS.perVolume, 'perVolume'],
]);

function parseMethod(text: string): 'perPiece' | 'perVolume' {
  const method = FEE_METHODS.get(fold(text));
  if (!method)
    throw new CliFailure(`--method ${text}: 应为 per-piece（按件）或 per-volume（按量）(fee method)`);
  return method;
}

export const EVENT_COMMANDS: { readonly [K in RecordableKind]: EventCommand<K> } = {
  CorrectionRequested: {
    name: EVENT_NAMES.CorrectionRequested,
    options: ['items', 'dueBy'],
    build: (o, base) => ({
      ...base,
      kind: 'CorrectionRequested',
      items: need(o, 'items', 'correction-requested'),
      dueBy: parseDateOption(need(o, 'dueBy', 'correction-requested'), '--due-by'),
    }),
  },
  CorrectionReceived: {
    name: EVENT_NAMES.CorrectionReceived,
    options: [],
    build: (_, base) => ({ ...base, kind: 'CorrectionReceived' }),
  },
  CorrectionLapsed: {
    name: EVENT_NAMES.CorrectionLapsed,
    options: [],
    build: (_, base) => ({ ...base, kind: 'CorrectionLapsed' }),
  },
  Extended: {
    name: EVENT_NAMES.Extended,
    options: ['days', 'approver'],
    build: (o, base) => ({
      ...base,
      kind: 'Extended',
      workingDays: parseDays(need(o, 'days', 'extended')),
      approver: need(o, 'approver', 'extended'),
    }),
  },
  ThirdPartyConsultationStarted: {
    name: EVENT_NAMES.ThirdPartyConsultationStarted,
    options: ['party'],
    build: (o, base) => ({
      ...base,
      kind: 'ThirdPartyConsultationStarted',
      thirdParty: need(o, 'party', 'third-party-started'),
    }),
  },
  ThirdPartyConsultationEnded: {
    name: EVENT_NAMES.ThirdPartyConsultationEnded,
    options: [],
    build: (_, base) => ({ ...base, kind: 'ThirdPartyConsultationEnded' }),
  },
  AgencyConsultationStarted: {
    name: EVENT_NAMES.AgencyConsultationStarted,
    options: ['with'],
    build: (o, base) => ({
      ...base,
      kind: 'AgencyConsultationStarted',
      agency: need(o, 'with', 'agency-consultation-started'),
    }),
  },
  AgencyConsultationEnded: {
    name: EVENT_NAMES.AgencyConsultationEnded,
    options: [],
    build: (_, base) => ({ ...base, kind: 'AgencyConsultationEnded' }),
  },
  FeeNoticeSent: {
    name: EVENT_NAMES.FeeNoticeSent,
    options: ['amount', 'method', 'delivered', 'pages', 'pieces', 'earlier'],
    build: (o, base) => ({
      ...base,
      kind: 'FeeNoticeSent',
      method: parseMethod(need(o, 'method', 'fee-notice')),
      ...(o.amount !== undefined ? { amount: need(o, 'amount', 'fee-notice') } : {}),
      ...(o.pages !== undefined ? { pages: parseCount(o.pages, '--pages') } : {}),
      ...(o.pieces !== undefined ? { pieces: parseCount(o.pieces, '--pieces') } : {}),
      ...(o.earlier !== undefined ? { earlier: parseCount(o.earlier, '--earlier') } : {}),
      ...(o.delivered !== undefined ? { deliveredOn: parseDateOption(o.delivered, '--delivered') } : {}),
    }),
  },
  FeePaid: { name: EVENT_NAMES.FeePaid, options: [], build: (_, base) => ({ ...base, kind: 'FeePaid' }) },
  FeeLapsed: {
    name: EVENT_NAMES.FeeLapsed,
    options: [],
    build: (_, base) => ({ ...base, kind: 'FeeLapsed' }),
  },
  Withdrawn: {
    name: EVENT_NAMES.Withdrawn,
    options: [],
    build: (_, base) => ({ ...base, kind: 'Withdrawn' }),
  },
  Decided: {
    name: EVENT_NAMES.Decided,
    options: ['outcome'],
    build: (o, base) => {
      const outcome = outcomeOfWording(need(o, 'outcome', 'decided'));
      if (!outcome.ok) throw new CliFailure(`--outcome ${o.outcome}: ${outcome.reason}`);
      return { ...base, kind: 'Decided', outcome: outcome.value };
    },
  },
};

/** The event an EVENT argument names: its kebab-case name or its Chinese label. */
export function eventKindOf(text: string): RecordableKind {
  const kind = recordableKindOf(text, EVENT_LABELS);
  if (!kind)
    throw new CliFailure(
      `未知事件“${text}”，可选 ${RECORDABLE.map((k) => `${EVENT_COMMANDS[k].name}（${EVENT_LABELS[k]}）`).join('、')} (unknown event)`,
    );
  return kind;
}

export function buildEvent(kind: RecordableKind, given: EventOptions, base: Base): EventInput {
  const command = EVENT_COMMANDS[kind] as EventCommand<RecordableKind>;
  for (const option of Object.keys(EVENT_OPTIONS) as EventOption[])
    if (given[option] !== undefined && !command.options.includes(option))
      throw new CliFailure(
        `${EVENT_OPTIONS[option]} 不适用于事件 ${command.name}（${EVENT_LABELS[kind]}）(option does not apply to this event)`,
      );
  return command.build(given, base);
}
