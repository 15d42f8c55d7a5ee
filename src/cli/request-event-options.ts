/**
 * @module What `gongkai requests record ID EVENT` takes for each event: the options that belong to it,
 * how they become the domain's event (dates, days, amounts as decimal strings, outcomes as registers
 * write them), and the fee notice's amount from the measure. The domain's rules judge the event after.
 */
import type { LocalDate } from '../domain/calendar/local-date.js';
import { assessFee, basisText, type FeeAssessment } from '../domain/fees/charge.js';
import { PER_PIECE_2020 } from '../domain/fees/schedule.js';
import { EVENT_LABELS, type EventKind, type RequestEvent } from '../domain/requests/events.js';
import { canonicalDecimal, compareDecimals, isDecimalString } from '../domain/shared/decimal.js';
import { type EarlierPieces, FEE_METHOD_LABELS, outcomeOfWording } from '../ledger/index.js';
import { CliFailure } from './cli-io.js';
import { fold, parseDateOption } from './cli-options.js';
import { parseFeeBasis } from './fees-command.js';

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

type RecordableKind = Exclude<EventKind, 'Received'>;
type Base = { readonly at: LocalDate; readonly by: string; readonly reason?: string };

interface EventCommand<K extends RecordableKind> {
  /** The command line's name for the event (kebab-case); EVENT_LABELS[kind] is accepted too. */
  readonly name: string;
  readonly options: readonly EventOption[];
  readonly build: (given: EventOptions, base: Base) => Extract<RequestEvent, { kind: K }>;
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

/** 元, as a decimal string (never a float); what is not a decimal goes to the domain, which refuses it. */
function parseAmount(text: string): string {
  const amount = text.normalize('NFKC').trim().replace(/元$/u, '').trim();
  return isDecimalString(amount) ? canonicalDecimal(amount) : amount;
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

/**
 * The fee the measure gives for fee-notice's --pages or --pieces [--earlier], checked against
 * --method; undefined when no basis is given (then --amount is required).
 */
export function assessedFee(
  o: EventOptions,
  method: 'perPiece' | 'perVolume',
): { readonly fee: FeeAssessment; readonly on: string } | undefined {
  const basis = parseFeeBasis(o);
  if (basis && basis.method !== method)
    throw new CliFailure(
      basis.method === 'perVolume'
        ? '--pages 只用于 --method per-volume（按量计收）；按件计收请给出 --pieces (--pages goes with per-volume)'
        : '--pieces 和 --earlier 只用于 --method per-piece（按件计收）；按量计收请给出 --pages (--pieces goes with per-piece)',
    );
  return basis && { fee: assessFee(basis), on: basisText(basis) };
}

/** 件 an applicant may ask for free each month (Art. 4): the first band of the per-piece table. */
export const FREE_PIECES_A_MONTH = PER_PIECE_2020.bands[0]!.upTo ?? 0;

/** Which requests made the applicant's earlier 件 this month, so that staff can check the count. */
export function earlierText(counted: EarlierPieces): string {
  if (counted.requests.length === 0)
    return '同一申请人本月此前在本机关没有申请，本次从第 1 件计 (no earlier requests this month)';
  const listed = counted.requests
    .map((r) => `${r.id.slice(0, 8)}（${r.receivedOn}，${r.pieces} 件）`)
    .join('、');
  return `同一申请人（按姓名与类型）本月此前在本机关 ${counted.pieces} 件：${listed}；如有出入，请用 --earlier 写明 (earlier requests counted)`;
}

/**
 * fee-notice's amount: --amount as written (canonical form), or computed from the basis; when both are
 * given they must agree.
 */
function feeNoticeAmount(o: EventOptions, method: 'perPiece' | 'perVolume'): string {
  const assessed = assessedFee(o, method);
  const given = o.amount === undefined ? undefined : parseAmount(need(o, 'amount', 'fee-notice'));
  if (!assessed) {
    if (given === undefined)
      throw new CliFailure(
        'fee-notice 需要 --amount 金额，或由 --pages（按量）/ --pieces（按件）按《办法》计算 (give --amount, or --pages / --pieces to compute it)',
      );
    return given;
  }
  const { fee, on } = assessed;
  if (given !== undefined && isDecimalString(given) && compareDecimals(given, fee.amount) !== 0)
    throw new CliFailure(
      `按${fee.basis}，${on}应收 ${fee.amount} 元，--amount 为 ${given} 元 (the fee measure gives ${fee.amount} yuan; --amount says ${given})`,
    );
  if (given === undefined && compareDecimals(fee.amount, '0') === 0)
    throw new CliFailure(`按${fee.basis}，${on}应收 0 元，不收费，无需发出收费通知 (no fee is due)`);
  return given ?? fee.amount;
}

export const EVENT_COMMANDS: { readonly [K in RecordableKind]: EventCommand<K> } = {
  CorrectionRequested: {
    name: 'correction-requested',
    options: ['items', 'dueBy'],
    build: (o, base) => ({
      ...base,
      kind: 'CorrectionRequested',
      items: need(o, 'items', 'correction-requested'),
      dueBy: parseDateOption(need(o, 'dueBy', 'correction-requested'), '--due-by'),
    }),
  },
  CorrectionReceived: {
    name: 'correction-received',
    options: [],
    build: (_, base) => ({ ...base, kind: 'CorrectionReceived' }),
  },
  CorrectionLapsed: {
    name: 'correction-lapsed',
    options: [],
    build: (_, base) => ({ ...base, kind: 'CorrectionLapsed' }),
  },
  Extended: {
    name: 'extended',
    options: ['days', 'approver'],
    build: (o, base) => ({
      ...base,
      kind: 'Extended',
      workingDays: parseDays(need(o, 'days', 'extended')),
      approver: need(o, 'approver', 'extended'),
    }),
  },
  ThirdPartyConsultationStarted: {
    name: 'third-party-started',
    options: ['party'],
    build: (o, base) => ({
      ...base,
      kind: 'ThirdPartyConsultationStarted',
      thirdParty: need(o, 'party', 'third-party-started'),
    }),
  },
  ThirdPartyConsultationEnded: {
    name: 'third-party-ended',
    options: [],
    build: (_, base) => ({ ...base, kind: 'ThirdPartyConsultationEnded' }),
  },
  AgencyConsultationStarted: {
    name: 'agency-consultation-started',
    options: ['with'],
    build: (o, base) => ({
      ...base,
      kind: 'AgencyConsultationStarted',
      agency: need(o, 'with', 'agency-consultation-started'),
    }),
  },
  AgencyConsultationEnded: {
    name: 'agency-consultation-ended',
    options: [],
    build: (_, base) => ({ ...base, kind: 'AgencyConsultationEnded' }),
  },
  FeeNoticeSent: {
    name: 'fee-notice',
    options: ['amount', 'method', 'delivered', 'pages', 'pieces', 'earlier'],
    build: (o, base) => {
      const method = parseMethod(need(o, 'method', 'fee-notice'));
      const basis = parseFeeBasis(o);
      return {
        ...base,
        kind: 'FeeNoticeSent',
        amount: feeNoticeAmount(o, method),
        method,
        ...(basis ? { basis } : {}),
        ...(o.delivered !== undefined ? { deliveredOn: parseDateOption(o.delivered, '--delivered') } : {}),
      };
    },
  },
  FeePaid: { name: 'fee-paid', options: [], build: (_, base) => ({ ...base, kind: 'FeePaid' }) },
  FeeLapsed: { name: 'fee-lapsed', options: [], build: (_, base) => ({ ...base, kind: 'FeeLapsed' }) },
  Withdrawn: { name: 'withdrawn', options: [], build: (_, base) => ({ ...base, kind: 'Withdrawn' }) },
  Decided: {
    name: 'decided',
    options: ['outcome'],
    build: (o, base) => {
      const outcome = outcomeOfWording(need(o, 'outcome', 'decided'));
      if (!outcome.ok) throw new CliFailure(`--outcome ${o.outcome}: ${outcome.reason}`);
      return { ...base, kind: 'Decided', outcome: outcome.value };
    },
  },
};

export const RECORDABLE = Object.keys(EVENT_COMMANDS) as RecordableKind[];

/** The event an EVENT argument names: its kebab-case name or its Chinese label. */
export function eventKindOf(text: string): RecordableKind {
  const wanted = fold(text).toLowerCase();
  const kind = RECORDABLE.find((k) => EVENT_COMMANDS[k].name === wanted || fold(EVENT_LABELS[k]) === wanted);
  if (!kind)
    throw new CliFailure(
      `未知事件“${text}”，可选 ${RECORDABLE.map((k) => `${EVENT_COMMANDS[k].name}（${EVENT_LABELS[k]}）`).join('、')} (unknown event)`,
    );
  return kind;
}

export function buildEvent(kind: RecordableKind, given: EventOptions, base: Base): RequestEvent {
  const command = EVENT_COMMANDS[kind] as EventCommand<RecordableKind>;
  for (const option of Object.keys(EVENT_OPTIONS) as EventOption[])
    if (given[option] !== undefined && !command.options.includes(option))
      throw new CliFailure(
        `${EVENT_OPTIONS[option]} 不适用于事件 ${command.name}（${EVENT_LABELS[kind]}）(option does not apply to this event)`,
      );
  return command.build(given, base);
}
