/**
 * @module `requests import`: a register (台账) into the ledger, all or nothing by default. Every row is
 * read and checked by the domain's rules first; then, unless a row failed (and --skip-invalid was not
 * given) or this is a dry run, the new requests and their histories are written in one transaction
 * with one audit entry. A row already imported (same stable reference: the register's serial number
 * within the receipt's year, else a hash of the row) is not written again. When the register now says
 * something else of it, the difference is recorded as corrections, never as an overwrite: an open
 * request answered since gets its closing events; a corrected name, applicant type or receipt date a
 * 申请信息更正 entry; a corrected closing the voids of the recorded one and the register's instead.
 * A serial whose content changed names another request (the register was renumbered): a row error.
 */
import { type Actor, actorName, auditedBy } from '../../domain/access/policy.js';
import { type LocalDate, yearOf } from '../../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../../domain/calendar/working-days.js';
import {
  effectiveEvents,
  figuresChangedFrom,
  PARTICULAR_LABELS,
  type ParticularChange,
  particularsOf,
  withParticulars,
} from '../../domain/requests/corrections.js';
import type { RequestEvent } from '../../domain/requests/events.js';
import { outcomeSpec } from '../../domain/requests/outcomes.js';
import { REGULATION_2019 } from '../../domain/requests/policy.js';
import type { DisclosureRequest } from '../../domain/requests/request.js';
import { err, ok, type Result } from '../../domain/requests/result.js';
import { replay } from '../../domain/requests/transitions.js';
import {
  loadCalendar,
  type NewRequest,
  SeqConflictError,
  type Storage,
  type StoredEvent,
  type DisclosureRequest as StoredRequest,
} from '../../storage/index.js';
import { permit } from '../access.js';
import { type LedgerRefusal, ledgerRefusal } from '../refusals.js';
import { yearsTouched } from '../report-years.js';
import { scheduleOf } from '../schedule.js';
import {
  DETAILS_TYPE,
  entryFromStored,
  isOutcomeKind,
  type StoredDetailsCorrection,
  type StoredLedgerEvent,
  type StoredVoid,
  toStoredEvent,
  UNRECORDED_CHANNEL,
  VOID_TYPE,
} from '../stored.js';
import { todayInChina } from '../today.js';
import { headerSynonyms } from './header-synonyms.js';
import {
  type ColumnKey,
  checkRow,
  locateHeader,
  notARequest,
  type RegisterRow,
  type RowProblem,
  readRow,
  rowReference,
  sameContent,
  serialReference,
} from './register.js';
import type { SourceTable } from './table.js';

export interface ImportOptions {
  readonly agencyId: number;
  readonly dryRun?: boolean;
  readonly skipInvalid?: boolean;
  /** Default header → the header the file uses. */
  readonly columnMap?: ReadonlyMap<ColumnKey, string>;
  /** The file, for the audit log and the reason of each correction. */
  readonly source?: string;
  readonly today?: LocalDate;
  readonly calendar?: WorkingCalendar;
  /** Called while rows are checked (done of total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What the import does (or, in a dry run, would do) with one row of the register. */
export type RowStatus = 'new' | 'unchanged' | 'changed' | 'invalid' | 'skipped';

export interface RowListing {
  readonly rowNumber: number;
  readonly status: RowStatus;
  /** The request the row is (for unchanged and changed rows). */
  readonly requestId?: string;
  /** For a changed row: what the register now says differently (收到申请之日, 办结情况 …). */
  readonly fields?: readonly string[];
  /** For an invalid or skipped row: why. */
  readonly reason?: string;
}

export interface ImportSummary {
  /** Data rows read (blank rows, total rows and notes under the table not counted). */
  readonly rows: number;
  /** Rows below the header that are not requests (合计 rows, notes), skipped, each with why. */
  readonly skipped: readonly RowProblem[];
  /** New requests written (or, in a dry run or when nothing was written, that would be). */
  readonly created: number;
  /** Rows already in the ledger, unchanged. */
  readonly existing: number;
  /** Rows already in the ledger as open requests that the register now shows closed. */
  readonly updated: number;
  /** Rows already in the ledger whose particulars or closing the register corrects. */
  readonly corrected: number;
  readonly invalid: readonly RowProblem[];
  /** Rows taken with a reading worth a second look, each with what was assumed. */
  readonly warnings: readonly RowProblem[];
  /** Every row below the header, in the register's order, with what is done with it. */
  readonly listing: readonly RowListing[];
  /** Whether anything was written (false for a dry run, and when invalid rows stopped the import). */
  readonly written: boolean;
  readonly dryRun: boolean;
}

type Planned =
  | {
      readonly type: 'new';
      readonly row: RegisterRow;
      readonly ref: string;
      readonly events: readonly RequestEvent[];
    }
  | { readonly type: 'existing'; readonly row: RegisterRow; readonly id: string }
  | {
      /** An open request the register shows closed ('update'), or one it corrects ('correct'). */
      readonly type: 'update' | 'correct';
      readonly row: RegisterRow;
      readonly id: string;
      /** The seq the first appended entry must get. */
      readonly nextSeq: number;
      /** Recorded events to void, last first (the closing the register corrects). */
      readonly voids: readonly { readonly seq: number; readonly reopens: boolean }[];
      readonly changes: readonly ParticularChange[];
      readonly events: readonly RequestEvent[];
      /** What differs, in words, for the listing. */
      readonly fields: readonly string[];
      /** The effective log after the change, for the request's schedule. */
      readonly after: { readonly request: DisclosureRequest; readonly events: readonly RequestEvent[] };
    };

const CLOSING_FIELD = '办结情况';

/** The closing the ledger has recorded, in words (its outcome as stored, if the domain does not know it). */
const recordedClosing = (on: string | null, outcome: string | null) =>
  `${on ?? ''} ${isOutcomeKind(outcome) ? outcomeSpec(outcome).label : (outcome ?? '')}`.trim();

/** The closing a register row states, in words. */
const closingText = (closing: RegisterRow['closing']) =>
  closing ? `${closing.on} ${outcomeSpec(closing.outcome).label}` : '办理中';

/**
 * What to do with a row whose reference is already in the ledger (`stored`, with its log): nothing,
 * append how it closed, or correct it; or why the row cannot be taken. `bySerial`: the row was found
 * by its serial number, so its name, type, receipt date and closing may have been corrected since.
 */
function planExisting(
  row: RegisterRow,
  stored: StoredRequest,
  log: readonly StoredEvent<unknown>[],
  events: readonly RequestEvent[],
  calendar: WorkingCalendar,
  bySerial: boolean,
): Result<Planned, string> {
  const id = stored.id;
  const entry = entryFromStored(stored, log);
  if (!entry.ok) return err(`已导入的申请 ${id}：${entry.error.message}`);
  if (bySerial && !sameContent(stored.content ?? entry.value.request.content.description, row.content))
    return err(
      `序号 ${row.serial} 已导入为另一件申请（${id}），申请内容不同；台账的序号可能已重排，请核对后再导入 (the serial names another request: renumbered?)`,
    );
  const recorded = particularsOf(entry.value.request);
  const changes: ParticularChange[] = [];
  if (bySerial) {
    if (recorded.applicantName !== row.applicantName)
      changes.push({ field: 'applicantName', from: recorded.applicantName, to: row.applicantName });
    if (recorded.applicantKind !== row.applicantKind)
      changes.push({ field: 'applicantKind', from: recorded.applicantKind, to: row.applicantKind });
    if (recorded.receivedOn !== row.receivedOn)
      changes.push({ field: 'receivedOn', from: recorded.receivedOn, to: row.receivedOn });
  }
  const { closedOn, outcome } = stored.derived;
  const closing = row.closing;
  const wasClosed = closedOn !== null;
  const closingDiffers = wasClosed && closing && (closedOn !== closing.on || outcome !== closing.outcome);
  if (wasClosed && !closing)
    return err(
      `已导入的申请 ${id} 已记录办结（${recordedClosing(closedOn, outcome)}），台账为办理中；如办结记录有误，请用 gongkai requests void 作废 (the ledger has it closed)`,
    );
  if (closingDiffers && !bySerial) {
    return err(
      `与已导入的申请 ${id} 的办结情况不同：已记录 ${recordedClosing(closedOn, outcome)}，台账为 ${closingText(closing)}；台账有序号列时，重新导入按序号更正，否则请用 gongkai requests void 更正 (conflicts with the imported request)`,
    );
  }
  // The closing the register corrects: every recorded event after the receipt, voided last first, so
  // that the register's history replaces it (a register holds nothing but receipt and closing).
  const effective = effectiveEvents(entry.value.log);
  const voids = closingDiffers
    ? effective
        .slice(1)
        .reverse()
        .map((e, i) => ({ seq: e.seq, reopens: i === 0 }))
    : [];
  const appended = !wasClosed || closingDiffers ? events.slice(1) : [];
  if (changes.length === 0 && appended.length === 0) return ok({ type: 'existing', row, id });
  const corrected = withParticulars(entry.value.request, changes);
  if (!corrected.ok) return err(`已导入的申请 ${id}：${corrected.error.message}`);
  const kept = effective
    .filter((e) => !voids.some((v) => v.seq === e.seq))
    .map((e) => (e.event.kind === 'Received' ? { ...e.event, at: corrected.value.receivedOn } : e.event));
  const after = [...kept, ...appended];
  const replayed = replay(corrected.value, after, calendar);
  if (!replayed.ok)
    return err(
      `已导入的申请 ${id} 无法按台账${closingDiffers || changes.length ? '更正' : '办结'}：${replayed.error.message} (the ledger's history would not hold)`,
    );
  const fields = [
    ...changes.map((c) => PARTICULAR_LABELS[c.field]),
    ...(appended.length
      ? [
          `${CLOSING_FIELD}（${wasClosed ? `${recordedClosing(closedOn, outcome)} → ` : ''}${closingText(closing)}）`,
        ]
      : []),
  ];
  return ok({
    type: changes.length === 0 && !closingDiffers ? 'update' : 'correct',
    row,
    id,
    nextSeq: log.length + 1,
    voids,
    changes,
    events: appended,
    fields,
    after: { request: corrected.value, events: after },
  });
}

/**
 * The earliest day a planned change alters report figures from (for the completed-year guard), or
 * undefined when it alters none (a corrected name).
 */
function planFiguresFrom(
  plan: Extract<Planned, { nextSeq: number }>,
  stored: StoredRequest,
): LocalDate | undefined {
  const days: string[] = [];
  const particulars = figuresChangedFrom(plan.changes, stored.receivedOn);
  if (particulars) days.push(particulars);
  if (plan.voids.length > 0 && stored.derived.closedOn) days.push(stored.derived.closedOn);
  if (plan.events.length > 0 && plan.row.closing) days.push(plan.row.closing.on);
  return days.length ? (days.sort()[0] as LocalDate) : undefined;
}

function newRequestOf(row: RegisterRow, agencyId: number, ref: string): NewRequest {
  return {
    agencyId,
    applicantKind: row.applicantKind,
    applicantName: row.applicantName,
    content: row.content,
    channel: UNRECORDED_CHANNEL,
    receivedOn: row.receivedOn,
    externalRef: ref,
  };
}

/** The events as storage keeps them; the receipt carries the applicant and content as entered. */
function storedEvents(row: RegisterRow, events: readonly RequestEvent[]): StoredLedgerEvent[] {
  return events.map((event, i) =>
    i === 0
      ? toStoredEvent(event, {
          applicant: { kind: row.applicantKind, name: row.applicantName, contact: {} },
          content: { description: row.content },
        })
      : toStoredEvent(event),
  );
}

export async function importRegister(
  storage: Storage,
  actor: Actor,
  table: SourceTable,
  options: ImportOptions,
): Promise<Result<ImportSummary, LedgerRefusal>> {
  const agency = await storage.agencies.get(options.agencyId);
  const denied = agency
    ? permit(actor, 'request.register', options.agencyId, {
        code: 'agency.unknown',
        what: String(options.agencyId),
      })
    : ledgerRefusal('agency.unknown', String(options.agencyId));
  if (denied) return err(denied);
  const by = actorName(actor);
  const header = locateHeader(table.rows, options.columnMap, await headerSynonyms(storage));
  if (!header.ok) return header;
  const { columns, serial: serialColumn } = header.value;
  const dataRows = table.rows.slice(header.value.index + 1);
  const today = options.today ?? todayInChina();
  const calendar = options.calendar ?? (await loadCalendar(storage));
  const reason = `由台账重新导入更正${options.source ? `（${options.source}）` : ''}`;

  // Each row read, checked and looked up by its reference; then the logs of those already imported,
  // in one read, and what to do with each row, in the register's order.
  type Checked =
    | { readonly problem: RowProblem }
    | {
        readonly row: RegisterRow;
        readonly ref: string;
        readonly events: readonly RequestEvent[];
        readonly existing?: StoredRequest;
        readonly bySerial: boolean;
      };
  const checked: Checked[] = [];
  const seen = new Map<string, number>();
  const serials = new Map<string, number>();
  const total = dataRows.length;
  const skipped: RowProblem[] = [];
  for (const [index, source] of dataRows.entries()) {
    if (index % 200 === 0) options.onProgress?.(index, total);
    const notRequest = notARequest(source, columns);
    if (notRequest) {
      skipped.push({ rowNumber: source.rowNumber, reason: notRequest });
      continue;
    }
    const read = readRow(source, columns, today, serialColumn);
    if (!read.ok) {
      checked.push({ problem: read.error });
      continue;
    }
    const row = read.value;
    const events = checkRow(row, options.agencyId, by, calendar);
    if (!events.ok) {
      checked.push({ problem: { rowNumber: row.rowNumber, reason: events.error } });
      continue;
    }
    if (row.serial !== undefined) {
      const year = yearOf(row.receivedOn);
      const ref = serialReference(row.serial, year);
      const earlier = serials.get(ref);
      if (earlier !== undefined) {
        checked.push({
          problem: {
            rowNumber: row.rowNumber,
            reason: `序号 ${row.serial} 与第 ${earlier} 行重复（同一年度） (the serial appears twice)`,
          },
        });
        continue;
      }
      serials.set(ref, row.rowNumber);
      checked.push({
        row,
        ref,
        events: events.value,
        bySerial: true,
        ...(await findBySerial(storage, options.agencyId, row)),
      });
      continue;
    }
    const identity = rowReference(row, options.agencyId, 0);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const ref = occurrence === 0 ? identity : rowReference(row, options.agencyId, occurrence);
    const existing = await storage.requests.findByExternalRef(options.agencyId, ref);
    checked.push({ row, ref, events: events.value, bySerial: false, ...(existing ? { existing } : {}) });
  }
  const logs = await storage.requests.eventsOf(
    checked.flatMap((c) => ('existing' in c && c.existing ? [c.existing.id] : [])),
  );
  const completedYears = (await storage.reportYears.completed(options.agencyId)).map((y) => y.year);
  const invalid: RowProblem[] = [];
  const planned: Planned[] = [];
  for (const c of checked) {
    if ('problem' in c) {
      invalid.push(c.problem);
      continue;
    }
    const { row, ref, events, existing } = c;
    if (!existing) {
      planned.push({ type: 'new', row, ref, events });
      continue;
    }
    const plan = planExisting(row, existing, logs.get(existing.id) ?? [], events, calendar, c.bySerial);
    if (!plan.ok) {
      invalid.push({ rowNumber: row.rowNumber, reason: plan.error });
      continue;
    }
    if (plan.value.type === 'correct' || plan.value.type === 'update') {
      const years = yearsTouched(completedYears, planFiguresFrom(plan.value, existing), false);
      if (!years.ok) {
        invalid.push({
          rowNumber: row.rowNumber,
          reason: `${years.error.message}；请用 gongkai requests correct 或 requests void 加 --confirm-completed-year 逐件更正 (correct it by hand)`,
        });
        continue;
      }
    }
    planned.push(plan.value);
  }
  options.onProgress?.(total, total);

  const count = (...types: Planned['type'][]) => planned.filter((p) => types.includes(p.type)).length;
  const listing: RowListing[] = [
    ...skipped.map((p) => ({ rowNumber: p.rowNumber, status: 'skipped' as const, reason: p.reason })),
    ...invalid.map((p) => ({ rowNumber: p.rowNumber, status: 'invalid' as const, reason: p.reason })),
    ...planned.map((p): RowListing => {
      if (p.type === 'new') return { rowNumber: p.row.rowNumber, status: 'new' };
      if (p.type === 'existing') return { rowNumber: p.row.rowNumber, status: 'unchanged', requestId: p.id };
      return { rowNumber: p.row.rowNumber, status: 'changed', requestId: p.id, fields: p.fields };
    }),
  ].sort((x, y) => x.rowNumber - y.rowNumber);
  const summary = {
    rows: total - skipped.length,
    skipped,
    created: count('new'),
    existing: count('existing'),
    updated: count('update'),
    corrected: count('correct'),
    invalid,
    warnings: planned.flatMap((p) =>
      (p.row.warnings ?? []).map((reason) => ({ rowNumber: p.row.rowNumber, reason })),
    ),
    listing,
    dryRun: options.dryRun === true,
  };
  const blocked = invalid.length > 0 && options.skipInvalid !== true;
  if (options.dryRun || blocked || count('new', 'update', 'correct') === 0)
    return ok({ ...summary, written: false });

  try {
    const created = await storage.transaction(async (tx) => {
      const news = planned.filter((p) => p.type === 'new');
      const results = await tx.requests.importMany(
        news.map((p) => ({
          request: newRequestOf(p.row, options.agencyId, p.ref),
          events: storedEvents(p.row, p.events),
        })),
      );
      for (const p of planned) {
        if (p.type !== 'update' && p.type !== 'correct') continue;
        let seq = p.nextSeq;
        for (const v of p.voids) {
          const entry: StoredVoid = {
            type: VOID_TYPE,
            actor: by,
            at: today,
            voids: v.seq,
            reason,
            reopened: v.reopens,
          };
          await tx.requests.appendEvent(p.id, entry, { expectedSeq: seq++, actor: by, reason });
        }
        if (p.changes.length > 0) {
          const entry: StoredDetailsCorrection = {
            type: DETAILS_TYPE,
            actor: by,
            at: today,
            changes: p.changes,
            reason,
          };
          await tx.requests.appendEvent(p.id, entry, {
            expectedSeq: seq++,
            actor: by,
            reason,
            particulars: Object.fromEntries(p.changes.map((c) => [c.field, c.to])),
          });
        }
        for (const event of p.events.map((e) => toStoredEvent(e)))
          await tx.requests.appendEvent(p.id, event, {
            expectedSeq: seq++,
            actor: event.by,
            reason: event.reason ?? null,
          });
        const schedule = scheduleOf(p.after.request, p.after.events, calendar, today, REGULATION_2019);
        if (schedule) await tx.schedules.set(p.id, schedule);
      }
      const written = results.filter((r) => r.status === 'created').length;
      await tx.auditLog.append({
        ...auditedBy(actor, options.agencyId),
        action: 'requests.import',
        subject: `agency:${options.agencyId}`,
        detail: {
          source: options.source ?? null,
          rows: total,
          created: written,
          existing: summary.existing + (results.length - written),
          updated: summary.updated,
          corrected: planned.flatMap((p) => (p.type === 'correct' ? [p.id] : [])),
          invalidRows: invalid.map((p) => p.rowNumber),
        },
      });
      return written;
    });
    return ok({
      ...summary,
      created,
      existing: summary.existing + (summary.created - created),
      written: true,
    });
  } catch (e) {
    if (e instanceof SeqConflictError) return err(ledgerRefusal('request.concurrent', e.requestId));
    throw e;
  }
}

/**
 * The request a row with a serial number already is: by the serial within the receipt's year; else
 * within a neighbouring year with the same content (its receipt date corrected across New Year); else
 * by the row's hash, for a request imported before the register had its serial column.
 */
async function findBySerial(
  storage: Storage,
  agencyId: number,
  row: RegisterRow,
): Promise<{ existing?: StoredRequest }> {
  const serial = row.serial!;
  const year = yearOf(row.receivedOn);
  const same = await storage.requests.findByExternalRef(agencyId, serialReference(serial, year));
  if (same) return { existing: same };
  for (const near of [year - 1, year + 1]) {
    const found = await storage.requests.findByExternalRef(agencyId, serialReference(serial, near));
    if (found && sameContent(found.content ?? '', row.content)) return { existing: found };
  }
  const legacy = await storage.requests.findByExternalRef(agencyId, rowReference(row, agencyId, 0));
  return legacy ? { existing: legacy } : {};
}
