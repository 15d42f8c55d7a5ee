/**
 * @module What a person reads about requests, derived on an as-of date from the stored log, the
 * calendar and the domain's rules: one request with its state, its reply due date explained (day zero,
 * the days counted, the days skipped and why, the pauses) and its history (viewRequest, for `requests
 * show`); and an agency's requests, with its subordinate agencies', as a deadline dashboard
 * (listRequests, for `requests list`). The log as known on the as-of date is its events up to that
 * day; nothing here writes.
 */
import { type LocalDate, localDate } from '../domain/calendar/local-date.js';
import { type WorkingCalendar, workingDaysBetween } from '../domain/calendar/working-days.js';
import { basisText } from '../domain/fees/charge.js';
import { yearEnd } from '../domain/requests/deadline.js';
import {
  EVENT_LABELS,
  type EventKind,
  type FeeNoticeSent,
  type RequestEvent,
} from '../domain/requests/events.js';
import { type DeadlineExplanation, explainDeadline } from '../domain/requests/explain.js';
import { outcomeSpec } from '../domain/requests/outcomes.js';
import { type DeadlinePolicy, REGULATION_2019 } from '../domain/requests/policy.js';
import { APPLICANT_KIND_LABELS, type ApplicantKind, type Intake } from '../domain/requests/request.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { type RequestStatus, replayAsOf, statusOf } from '../domain/requests/status.js';
import { STATE_LABELS } from '../domain/requests/transitions.js';
import {
  loadCalendar,
  type Storage,
  type StoredEvent,
  type DisclosureRequest as StoredRequest,
} from '../storage/index.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { entryFromStored, type LoadedEntry } from './stored.js';
import { todayInChina } from './today.js';

/** 计费方式 of a fee notice (《政府信息公开信息处理费管理办法》). */
export const FEE_METHOD_LABELS: Readonly<Record<FeeNoticeSent['method'], string>> = {
  perPiece: '按件计收',
  perVolume: '按量计收',
};

export interface ViewOptions {
  /** The day the view is of; default today in China. Events after it are left out. */
  readonly asOf?: LocalDate;
  /** Default: the official calendar with the stored overrides. */
  readonly calendar?: WorkingCalendar;
  readonly policy?: DeadlinePolicy;
}

/** One event of the history as a person reads it. */
export interface HistoryItem {
  readonly seq: number;
  readonly at: LocalDate;
  readonly kind: EventKind;
  /** 中文 name (EVENT_LABELS). */
  readonly label: string;
  readonly by: string;
  readonly reason?: string;
  /** When it was typed in (ISO-8601 UTC). */
  readonly recordedAt: string;
  /** The event's own facts: items, dueBy, workingDays, approver, thirdParty, agency, amount, method… */
  readonly details: Readonly<Record<string, unknown>>;
  /** Those facts in Chinese ('' when the event has none). */
  readonly detailText: string;
}

/** A request as it stood on the as-of date. */
interface Standing {
  readonly entry: LoadedEntry;
  /** The events up to the as-of date. */
  readonly known: readonly RequestEvent[];
  readonly status: RequestStatus;
  readonly stateLabel: string;
  /** Open, not overdue: the working days after the as-of date up to the due date (0: due that day). */
  readonly workingDaysLeft?: number;
  readonly outcomeLabel?: string;
}

export interface RequestView extends Omit<Standing, 'entry' | 'known'> {
  readonly id: string;
  readonly agency: { readonly id: number; readonly name: string };
  readonly externalRef: string | null;
  readonly applicant: { readonly name: string; readonly kind: ApplicantKind; readonly type: string };
  /** As recorded: 当面, 邮寄（签收）, 平信, 网上, 传真, 电子邮件, or 未记载 for an imported request. */
  readonly channel: string;
  readonly content: string;
  readonly receivedOn: LocalDate;
  /** The intake's own dates (when it arrived, when it was confirmed), of which Art. 31 takes one. */
  readonly intake: Intake;
  readonly asOf: LocalDate;
  readonly deadline: DeadlineExplanation;
  /** The events up to the as-of date. */
  readonly history: readonly HistoryItem[];
  /** Events recorded for days after the as-of date (not counted). */
  readonly laterEvents: number;
}

/** The state in Chinese: the log's state, and whether the reply period stands still. */
export function stateLabelOf(status: RequestStatus): string {
  const label = STATE_LABELS[status.described];
  if (status.closedOn !== undefined) return label;
  if (status.pausedFor.length > 0) return `${label}（暂停计算答复期限）`;
  if (status.described === 'consulting') return `${label}（对方答复期限已届满，恢复计算答复期限）`;
  return label;
}

/** What an event records besides its date and who, in Chinese. */
export function eventDetailText(event: RequestEvent): string {
  switch (event.kind) {
    case 'CorrectionRequested':
      return `补正事项：${event.items}；补正期限至 ${event.dueBy}`;
    case 'Extended':
      return `延长 ${event.workingDays} 个工作日，经 ${event.approver} 同意`;
    case 'ThirdPartyConsultationStarted':
      return `第三方：${event.thirdParty}`;
    case 'AgencyConsultationStarted':
      return `征求意见机关：${event.agency}`;
    case 'FeeNoticeSent':
      return `${event.amount} 元，${FEE_METHOD_LABELS[event.method]}${event.basis ? `（${basisText(event.basis)}）` : ''}${event.deliveredOn ? `，${event.deliveredOn} 送达` : ''}`;
    case 'Decided':
      return `办理结果：${outcomeSpec(event.outcome).label}`;
    default:
      return '';
  }
}

function historyItem(event: RequestEvent, stored: StoredEvent<unknown>): HistoryItem {
  const { kind, at, by, reason, ...details } = event;
  return {
    seq: stored.seq,
    at,
    kind,
    label: EVENT_LABELS[kind],
    by,
    ...(reason !== undefined ? { reason } : {}),
    recordedAt: stored.recordedAt,
    details,
    detailText: eventDetailText(event),
  };
}

/** The request on `asOf`: its log up to that day replayed by the domain's rules. */
function standing(
  row: StoredRequest,
  stored: readonly StoredEvent<unknown>[],
  calendar: WorkingCalendar,
  asOf: LocalDate,
  policy: DeadlinePolicy,
): Result<Standing, LedgerRefusal> {
  const entry = entryFromStored(row, stored);
  if (!entry.ok) return entry;
  const later = entry.value.events.findIndex((e) => e.at > asOf);
  const known = later < 0 ? entry.value.events : entry.value.events.slice(0, later);
  const replayed = replayAsOf(entry.value.request, known, calendar, asOf, policy);
  if (!replayed.ok) return replayed;
  const status = statusOf(replayed.value, calendar, asOf, policy);
  const due = status.closedOn === undefined && !status.overdue ? status.dueDate : undefined;
  return ok({
    entry: entry.value,
    known,
    status,
    stateLabel: stateLabelOf(status),
    ...(due === undefined ? {} : { workingDaysLeft: workingDaysBetween(calendar, asOf, due) }),
    ...(status.outcome ? { outcomeLabel: outcomeSpec(status.outcome).label } : {}),
  });
}

/** One request as `requests show` prints it, on `asOf` (default today). */
export async function viewRequest(
  storage: Storage,
  requestId: string,
  options: ViewOptions = {},
): Promise<Result<RequestView, LedgerRefusal>> {
  const asOf = options.asOf ?? todayInChina();
  const policy = options.policy ?? REGULATION_2019;
  const row = await storage.requests.get(requestId);
  if (!row) return err(ledgerRefusal('request.unknown', requestId));
  if (asOf < row.receivedOn)
    return err(ledgerRefusal('request.as-of-before-receipt', `${asOf} < ${row.receivedOn}`));
  const stored = await storage.requests.events(requestId);
  const calendar = options.calendar ?? (await loadCalendar(storage));
  const now = standing(row, stored, calendar, asOf, policy);
  if (!now.ok) return now;
  const { entry, known, ...state } = now.value;
  const deadline = explainDeadline(entry.request, known, calendar, asOf, policy);
  if (!deadline.ok) return deadline;
  const agency = await storage.agencies.get(row.agencyId);
  const applicant = entry.request.applicant;
  return ok({
    id: row.id,
    agency: { id: row.agencyId, name: agency?.name ?? '' },
    externalRef: row.externalRef,
    applicant: { name: applicant.name, kind: applicant.kind, type: APPLICANT_KIND_LABELS[applicant.kind] },
    channel: row.channel,
    content: entry.request.content.description,
    receivedOn: row.receivedOn,
    intake: entry.request.intake,
    asOf,
    ...state,
    deadline: deadline.value,
    history: known.map((event, i) => historyItem(event, stored[i]!)),
    laterEvents: entry.events.length - known.length,
  });
}

/** One request of the dashboard. */
export interface RequestLine extends Omit<Standing, 'entry' | 'known'> {
  readonly id: string;
  readonly agencyId: number;
  readonly agencyName: string;
  readonly receivedOn: LocalDate;
  readonly applicantName: string;
  readonly applicantKind: ApplicantKind;
  readonly applicantType: string;
}

export interface RequestList {
  readonly agency: { readonly id: number; readonly name: string };
  /** The agency and its subordinate agencies, whose requests are listed. */
  readonly agencyIds: readonly number[];
  readonly asOf: LocalDate;
  readonly open: boolean;
  /** Open: by reply due date (overdue first), those without one (awaiting correction) last. */
  readonly lines: readonly RequestLine[];
  /** Requests whose stored record or log the domain refuses: left out, with why. */
  readonly excluded: readonly { readonly id: string; readonly refusal: LedgerRefusal }[];
}

export interface ListOptions extends ViewOptions {
  /** Only requests open on the as-of date. */
  readonly open?: boolean;
  /** Only requests received in this year (a large agency's register, one year at a time). */
  readonly year?: number;
}

const byDueDate = (a: RequestLine, b: RequestLine): number => {
  const [x, y] = [a.status.dueDate, b.status.dueDate];
  if (x !== y) return x === undefined ? 1 : y === undefined ? -1 : x < y ? -1 : 1;
  if (a.receivedOn !== b.receivedOn) return a.receivedOn < b.receivedOn ? -1 : 1;
  return a.id < b.id ? -1 : 1;
};

/**
 * The requests of an agency and its subordinate agencies received by `asOf`, each with its state and
 * reply due date on that day: in receipt order, or, with `open`, only the open ones by due date.
 */
export async function listRequests(
  storage: Storage,
  agencyId: number,
  options: ListOptions = {},
): Promise<Result<RequestList, LedgerRefusal>> {
  const asOf = options.asOf ?? todayInChina();
  const policy = options.policy ?? REGULATION_2019;
  const open = options.open === true;
  const agency = await storage.agencies.get(agencyId);
  if (!agency) return err(ledgerRefusal('agency.unknown', String(agencyId)));
  const agencyIds = await storage.agencies.subtreeIds(agencyId);
  const lastDay = options.year === undefined ? undefined : yearEnd(options.year);
  const rows = await storage.requests.forAgencies(agencyIds, {
    receivedBy: lastDay !== undefined && lastDay < asOf ? lastDay : asOf,
    ...(options.year === undefined ? {} : { receivedFrom: localDate(`${options.year}-01-01`) }),
    ...(open ? { openOn: asOf } : {}),
  });
  const logs = await storage.requests.eventsOf(rows.map((r) => r.id));
  // The names of the agencies with a request listed, not of every agency below (a province has thousands).
  const names = new Map([[agency.id, agency.name]]);
  for (const row of rows)
    if (!names.has(row.agencyId))
      names.set(row.agencyId, (await storage.agencies.get(row.agencyId))?.name ?? '');
  const calendar = options.calendar ?? (await loadCalendar(storage));
  const lines: RequestLine[] = [];
  const excluded: { id: string; refusal: LedgerRefusal }[] = [];
  for (const row of rows) {
    const now = standing(row, logs.get(row.id) ?? [], calendar, asOf, policy);
    if (!now.ok) {
      excluded.push({ id: row.id, refusal: now.error });
      continue;
    }
    const { entry, known: _known, ...state } = now.value;
    if (open && state.status.closedOn !== undefined) continue;
    const applicant = entry.request.applicant;
    lines.push({
      id: row.id,
      agencyId: row.agencyId,
      agencyName: names.get(row.agencyId) ?? '',
      receivedOn: row.receivedOn,
      applicantName: applicant.name,
      applicantKind: applicant.kind,
      applicantType: APPLICANT_KIND_LABELS[applicant.kind],
      ...state,
    });
  }
  if (open) lines.sort(byDueDate);
  return ok({ agency: { id: agency.id, name: agency.name }, agencyIds, asOf, open, lines, excluded });
}
