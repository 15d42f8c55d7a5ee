/**
 * @module What a person reads about requests, derived on an as-of date from the stored log, the
 * calendar and the domain's rules: one request with its state, its reply due date explained (day zero,
 * the days counted, the days skipped and why, the pauses), its history and the events its state accepts
 * (viewRequest: `requests show`, the back office's request page, the API); an agency's open requests as
 * the inbox (待办), filtered, sorted by due date and paged in SQL (inbox); and an agency's requests as of
 * any day (listRequests: `requests list`). Each asks the policy table whether the actor may read them.
 * The log as known on the as-of date is its events up to that day. The presenters (src/present) put
 * all of it into words.
 */
import type { Actor } from '../domain/access/policy.js';
import { addDays, type LocalDate, localDate } from '../domain/calendar/local-date.js';
import { addWorkingDays, type WorkingCalendar, workingDaysBetween } from '../domain/calendar/working-days.js';
import type { ParticularChange } from '../domain/requests/corrections.js';
import { yearEnd } from '../domain/requests/deadline.js';
import type { EventKind, RequestEvent } from '../domain/requests/events.js';
import { type DeadlineExplanation, explainDeadline } from '../domain/requests/explain.js';
import { type DeadlinePolicy, REGULATION_2019 } from '../domain/requests/policy.js';
import type { ApplicantKind, Intake } from '../domain/requests/request.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { type RequestStatus, replayAsOf, statusOf } from '../domain/requests/status.js';
import { allowedEvents } from '../domain/requests/transitions.js';
import {
  loadCalendar,
  type Storage,
  type StoredEvent,
  type DisclosureRequest as StoredRequest,
} from '../storage/index.js';
import { agenciesWithin, permit } from './access.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { refreshSchedules } from './schedule.js';
import {
  channelOf,
  entryFromStored,
  type LoadedEntry,
  type StoredChannel,
  UNRECORDED_CHANNEL,
  VOID_TYPE,
} from './stored.js';
import { todayInChina } from './today.js';

export interface ViewOptions {
  /** The day the view is of; default today in China. Events after it are left out. */
  readonly asOf?: LocalDate;
  /** Default: the official calendar with the stored overrides. */
  readonly calendar?: WorkingCalendar;
  readonly policy?: DeadlinePolicy;
}

/** One entry of the history: an event (perhaps voided later), or a void (更正). */
export type HistoryItem =
  | {
      readonly seq: number;
      readonly at: LocalDate;
      readonly kind: EventKind;
      readonly by: string;
      readonly reason?: string;
      /** When it was typed in (ISO-8601 UTC). */
      readonly recordedAt: string;
      /** The event itself (the presenters put its facts in words). */
      readonly event: RequestEvent;
      /** The event's own facts: items, dueBy, workingDays, approver, thirdParty, agency, amount, method… */
      readonly details: Readonly<Record<string, unknown>>;
      /** The void that took it out of the effective log, if any. */
      readonly voidedBy?: { readonly seq: number; readonly reason: string };
    }
  | {
      readonly seq: number;
      readonly at: LocalDate;
      readonly kind: 'Voided';
      readonly by: string;
      readonly reason: string;
      readonly recordedAt: string;
      /** The entry it voids. */
      readonly voids: number;
    }
  | {
      readonly seq: number;
      readonly at: LocalDate;
      /** 申请信息更正: the particulars corrected, each with the value it had. */
      readonly kind: 'DetailsCorrected';
      readonly by: string;
      readonly reason: string;
      readonly recordedAt: string;
      readonly changes: readonly ParticularChange[];
    };

export type EventItem = Extract<HistoryItem, { readonly event: RequestEvent }>;

/** Whether a history entry is a recorded event (not a void or a correction of particulars). */
export const isEventItem = (h: HistoryItem): h is EventItem => 'event' in h;

/** A request as it stood on the as-of date. */
interface Standing {
  readonly entry: LoadedEntry;
  /** The events up to the as-of date. */
  readonly known: readonly RequestEvent[];
  readonly status: RequestStatus;
  /** Open, not overdue: the working days after the as-of date up to the due date (0: due that day). */
  readonly workingDaysLeft?: number;
  /** The events the request's state accepts next (the domain's transitions), receipt aside. */
  readonly allowed: readonly EventKind[];
}

export interface RequestView extends Omit<Standing, 'entry' | 'known'> {
  readonly id: string;
  readonly agency: { readonly id: number; readonly name: string };
  readonly externalRef: string | null;
  readonly applicant: { readonly name: string; readonly kind: ApplicantKind };
  /** As recorded, or `unrecorded` for a request imported from a register without it. */
  readonly channel: StoredChannel;
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

/** The stored log up to `asOf` as history: every event, voided or not, and every void, in seq order. */
function historyOf(
  entry: LoadedEntry,
  stored: readonly StoredEvent<unknown>[],
  asOf: LocalDate,
): HistoryItem[] {
  const bySeq = new Map(stored.map((s) => [s.seq, s]));
  const voidOf = new Map<number, { seq: number; reason: string }>();
  for (const e of entry.log) if (e.kind === 'void') voidOf.set(e.voids, { seq: e.seq, reason: e.reason });
  return entry.log.flatMap((e): HistoryItem[] => {
    const record = bySeq.get(e.seq)!;
    // A correction corrects the record itself, whatever day the view is of: it is always shown.
    if (e.kind === 'event' && record.at > asOf) return [];
    if (e.kind === 'details')
      return [
        {
          seq: e.seq,
          at: record.at,
          kind: 'DetailsCorrected',
          by: record.actor ?? '',
          reason: e.reason,
          recordedAt: record.recordedAt,
          changes: e.changes,
        },
      ];
    if (e.kind === 'void')
      return [
        {
          seq: e.seq,
          at: record.at,
          kind: 'Voided',
          by: record.actor ?? '',
          reason: e.reason,
          recordedAt: record.recordedAt,
          voids: e.voids,
        },
      ];
    const { kind, at, by, reason, ...details } = e.event;
    const voidedBy = voidOf.get(e.seq);
    return [
      {
        seq: e.seq,
        at,
        kind,
        by,
        ...(reason !== undefined ? { reason } : {}),
        recordedAt: record.recordedAt,
        event: e.event,
        details,
        ...(voidedBy ? { voidedBy } : {}),
      },
    ];
  });
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
    ...(due === undefined ? {} : { workingDaysLeft: workingDaysBetween(calendar, asOf, due) }),
    allowed: allowedEvents(replayed.value).filter((kind) => kind !== 'Received'),
  });
}

/** One request as `requests show` prints it, on `asOf` (default today). */
export async function viewRequest(
  storage: Storage,
  actor: Actor,
  requestId: string,
  options: ViewOptions = {},
): Promise<Result<RequestView, LedgerRefusal>> {
  const asOf = options.asOf ?? todayInChina();
  const policy = options.policy ?? REGULATION_2019;
  const row = await storage.requests.get(requestId);
  const denied = row
    ? permit(actor, 'request.read', row.agencyId, { code: 'request.unknown', what: requestId })
    : ledgerRefusal('request.unknown', requestId);
  if (denied || !row) return err(denied ?? ledgerRefusal('request.unknown', requestId));
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
    applicant: { name: applicant.name, kind: applicant.kind },
    channel: channelOf(row.channel) ?? UNRECORDED_CHANNEL,
    content: entry.request.content.description,
    receivedOn: row.receivedOn,
    intake: entry.request.intake,
    asOf,
    ...state,
    deadline: deadline.value,
    history: historyOf(entry, stored, asOf),
    laterEvents: stored.filter((s) => s.at > asOf && s.type !== VOID_TYPE).length,
  });
}

/**
 * How pressing an open request is on a day: past its due date; due within DUE_SOON_WORKING_DAYS working
 * days; later; or without a reply period (awaiting the applicant's correction, Art. 30).
 */
export type Urgency = 'overdue' | 'dueSoon' | 'onTime' | 'noDueDate' | 'closed';

/** Working days ahead within which an open request is flagged as due soon (临近期限). [U] configurable. */
export const DUE_SOON_WORKING_DAYS = 3;

/** One request of the dashboard. */
export interface RequestLine extends Omit<Standing, 'entry' | 'known'> {
  readonly id: string;
  readonly agencyId: number;
  readonly agencyName: string;
  readonly receivedOn: LocalDate;
  readonly applicantName: string;
  readonly applicantKind: ApplicantKind;
  readonly channel: StoredChannel;
  readonly content: string;
  readonly urgency: Urgency;
}

/** The last day an open request counts as due soon on `today`. */
export const dueSoonBy = (
  calendar: WorkingCalendar,
  today: LocalDate,
  days = DUE_SOON_WORKING_DAYS,
): LocalDate => addWorkingDays(calendar, today, days).date;

function urgencyOf(status: RequestStatus, soonBy: LocalDate): Urgency {
  if (status.closedOn !== undefined) return 'closed';
  if (status.dueDate === undefined) return 'noDueDate';
  if (status.overdue) return 'overdue';
  return status.dueDate <= soonBy ? 'dueSoon' : 'onTime';
}

/** Lines for the rows of one agency tree as of a day; the agency names looked up once each. */
async function linesOf(
  storage: Storage,
  rows: readonly StoredRequest[],
  calendar: WorkingCalendar,
  asOf: LocalDate,
  policy: DeadlinePolicy,
  names: Map<number, string>,
): Promise<{ lines: RequestLine[]; excluded: { id: string; refusal: LedgerRefusal }[] }> {
  const logs = await storage.requests.eventsOf(rows.map((r) => r.id));
  for (const row of rows)
    if (!names.has(row.agencyId))
      names.set(row.agencyId, (await storage.agencies.get(row.agencyId))?.name ?? '');
  const soonBy = dueSoonBy(calendar, asOf);
  const lines: RequestLine[] = [];
  const excluded: { id: string; refusal: LedgerRefusal }[] = [];
  for (const row of rows) {
    const now = standing(row, logs.get(row.id) ?? [], calendar, asOf, policy);
    if (!now.ok) {
      excluded.push({ id: row.id, refusal: now.error });
      continue;
    }
    const { entry, known: _known, ...state } = now.value;
    lines.push({
      id: row.id,
      agencyId: row.agencyId,
      agencyName: names.get(row.agencyId) ?? '',
      receivedOn: row.receivedOn,
      applicantName: entry.request.applicant.name,
      applicantKind: entry.request.applicant.kind,
      channel: channelOf(row.channel) ?? UNRECORDED_CHANNEL,
      content: entry.request.content.description,
      urgency: urgencyOf(state.status, soonBy),
      ...state,
    });
  }
  return { lines, excluded };
}

export interface InboxFilters {
  /** Whose requests: this agency and those below it that the actor may read; default the actor's own. */
  readonly agencyId?: number;
  /** The domain's RequestState of open requests: inProgress, paused, awaitingCorrection. */
  readonly state?: 'inProgress' | 'paused' | 'awaitingCorrection';
  readonly channel?: StoredChannel;
  readonly applicantKind?: ApplicantKind;
  /** Received in this year. */
  readonly year?: number;
  readonly urgency?: 'overdue' | 'dueSoon' | 'onTime';
  /** A piece of the applicant's name, the content, the agency's own number, or the id's beginning. */
  readonly text?: string;
  /** From 1. */
  readonly page?: number;
  /** Default 20, at most 200. */
  readonly pageSize?: number;
}

export interface Inbox {
  readonly agency: { readonly id: number; readonly name: string };
  readonly agencyIds: readonly number[];
  readonly today: LocalDate;
  /** The last day that counts as due soon. */
  readonly dueSoonBy: LocalDate;
  readonly page: number;
  readonly pageSize: number;
  /** Requests matching the filters, all pages. */
  readonly total: number;
  /** This page: by reply due date (overdue first), those without one (awaiting correction) last. */
  readonly lines: readonly RequestLine[];
  readonly excluded: readonly { readonly id: string; readonly refusal: LedgerRefusal }[];
}

export const INBOX_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;

/**
 * 待办: the open requests of an agency (and, for oversight, the agencies below it), filtered, sorted by
 * their reply due date and paged in SQL over the schedule cache, refreshed first where it is stale.
 * Only the page's requests are replayed, so a page costs the same whatever the register's size.
 */
export async function inbox(
  storage: Storage,
  actor: Actor,
  filters: InboxFilters,
  options: ViewOptions = {},
): Promise<Result<Inbox, LedgerRefusal>> {
  const today = options.asOf ?? todayInChina();
  const policy = options.policy ?? REGULATION_2019;
  const agencyId = filters.agencyId ?? (actor.kind === 'user' ? actor.agencyId : undefined);
  if (agencyId === undefined) return err(ledgerRefusal('agency.unknown', '未指定机关'));
  const agency = await storage.agencies.get(agencyId);
  const denied = agency
    ? permit(actor, 'request.read', agencyId, { code: 'agency.unknown', what: String(agencyId) })
    : ledgerRefusal('agency.unknown', String(agencyId));
  if (denied || !agency) return err(denied ?? ledgerRefusal('agency.unknown', String(agencyId)));
  const agencyIds = await agenciesWithin(storage, actor, 'request.read', agencyId);
  const calendar = options.calendar ?? (await loadCalendar(storage));
  await refreshSchedules(storage, agencyIds, calendar, today, policy);
  const soonBy = dueSoonBy(calendar, today);
  const due =
    filters.urgency === 'overdue'
      ? { dueBy: addDays(today, -1) }
      : filters.urgency === 'dueSoon'
        ? { dueFrom: today, dueBy: soonBy }
        : filters.urgency === 'onTime'
          ? { dueFrom: addDays(soonBy, 1) }
          : {};
  const pageSize = Math.min(Math.max(1, Math.trunc(filters.pageSize ?? INBOX_PAGE_SIZE)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.trunc(filters.page ?? 1));
  const found = await storage.schedules.page({
    agencyIds,
    open: true,
    ...(filters.state !== undefined ? { state: filters.state } : {}),
    ...(filters.channel !== undefined ? { channel: filters.channel } : {}),
    ...(filters.applicantKind !== undefined ? { applicantKind: filters.applicantKind } : {}),
    ...(filters.year !== undefined ? { year: filters.year } : {}),
    ...(filters.text?.trim() ? { text: filters.text.trim() } : {}),
    ...due,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const { lines, excluded } = await linesOf(
    storage,
    found.rows,
    calendar,
    today,
    policy,
    new Map([[agency.id, agency.name]]),
  );
  return ok({
    agency: { id: agency.id, name: agency.name },
    agencyIds,
    today,
    dueSoonBy: soonBy,
    page,
    pageSize,
    total: found.total,
    lines,
    excluded,
  });
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
 * reply due date on that day: in receipt order, or, with `open`, only the open ones by due date. Open
 * requests as of today are read through the inbox, page by page in SQL; any other listing (as of an
 * earlier day, or every request of a year) replays each request listed.
 */
export async function listRequests(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  options: ListOptions = {},
): Promise<Result<RequestList, LedgerRefusal>> {
  const today = todayInChina();
  const asOf = options.asOf ?? today;
  const policy = options.policy ?? REGULATION_2019;
  const open = options.open === true;
  const agency = await storage.agencies.get(agencyId);
  const denied = agency
    ? permit(actor, 'request.read', agencyId, { code: 'agency.unknown', what: String(agencyId) })
    : ledgerRefusal('agency.unknown', String(agencyId));
  if (denied || !agency) return err(denied ?? ledgerRefusal('agency.unknown', String(agencyId)));
  const calendar = options.calendar ?? (await loadCalendar(storage));
  const head = { agency: { id: agency.id, name: agency.name }, asOf, open };
  if (open && asOf === today) {
    const lines: RequestLine[] = [];
    const excluded: { id: string; refusal: LedgerRefusal }[] = [];
    let agencyIds: readonly number[] = [];
    for (let page = 1; ; page++) {
      const got = await inbox(
        storage,
        actor,
        {
          agencyId,
          page,
          pageSize: MAX_PAGE_SIZE,
          ...(options.year === undefined ? {} : { year: options.year }),
        },
        { asOf, calendar, policy },
      );
      if (!got.ok) return got;
      agencyIds = got.value.agencyIds;
      lines.push(...got.value.lines);
      excluded.push(...got.value.excluded);
      if (page * MAX_PAGE_SIZE >= got.value.total) break;
    }
    return ok({ ...head, agencyIds, lines, excluded });
  }
  const agencyIds = await agenciesWithin(storage, actor, 'request.read', agencyId);
  const lastDay = options.year === undefined ? undefined : yearEnd(options.year);
  const rows = await storage.requests.forAgencies(agencyIds, {
    receivedBy: lastDay !== undefined && lastDay < asOf ? lastDay : asOf,
    ...(options.year === undefined ? {} : { receivedFrom: localDate(`${options.year}-01-01`) }),
    ...(open ? { openOn: asOf } : {}),
  });
  const found = await linesOf(storage, rows, calendar, asOf, policy, new Map([[agency.id, agency.name]]));
  const lines = open
    ? found.lines.filter((l) => l.status.closedOn === undefined).sort(byDueDate)
    : found.lines;
  return ok({ ...head, agencyIds, lines, excluded: found.excluded });
}
