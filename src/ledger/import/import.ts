/**
 * @module `requests import`: a register (台账) into the ledger, all or nothing by default. Every row is
 * read and checked by the domain's rules first; then, unless a row failed (and --skip-invalid was not
 * given) or this is a dry run, the new requests and their histories are written in one transaction
 * with one audit entry. A row already imported (same stable reference) is not written again; one that
 * was open then and is answered now gets its closing events appended, as the domain allows; one whose
 * recorded closing differs from the register's is a row error, never overwritten.
 */
import { type Actor, actorName, auditedBy } from '../../domain/access/policy.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../../domain/calendar/working-days.js';
import type { RequestEvent } from '../../domain/requests/events.js';
import { outcomeSpec } from '../../domain/requests/outcomes.js';
import { err, ok, type Result } from '../../domain/requests/result.js';
import { recordEvent } from '../../domain/requests/transitions.js';
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
import {
  entryFromStored,
  isOutcomeKind,
  type StoredLedgerEvent,
  toStoredEvent,
  UNRECORDED_CHANNEL,
} from '../stored.js';
import { todayInChina } from '../today.js';
import {
  type ColumnKey,
  checkRow,
  locateHeader,
  notARequest,
  type RegisterRow,
  type RowProblem,
  readRow,
  rowReference,
} from './register.js';
import type { SourceTable } from './table.js';

export interface ImportOptions {
  readonly agencyId: number;
  readonly dryRun?: boolean;
  readonly skipInvalid?: boolean;
  /** Default header → the header the file uses. */
  readonly columnMap?: ReadonlyMap<ColumnKey, string>;
  /** The file, for the audit log. */
  readonly source?: string;
  readonly today?: LocalDate;
  readonly calendar?: WorkingCalendar;
  /** Called while rows are checked (done of total). */
  readonly onProgress?: (done: number, total: number) => void;
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
  readonly invalid: readonly RowProblem[];
  /** Rows taken with a reading worth a second look, each with what was assumed. */
  readonly warnings: readonly RowProblem[];
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
  | { readonly type: 'existing'; readonly row: RegisterRow }
  | {
      readonly type: 'update';
      readonly row: RegisterRow;
      readonly id: string;
      /** The seq the first appended event must get. */
      readonly nextSeq: number;
      readonly events: readonly RequestEvent[];
    };

/** What to do with a row whose reference is already in the ledger (`stored`, with its log). */
function planExisting(
  row: RegisterRow,
  stored: StoredRequest,
  log: readonly StoredEvent<unknown>[],
  events: readonly RequestEvent[],
  calendar: WorkingCalendar,
): Result<Planned, string> {
  const id = stored.id;
  const entry = entryFromStored(stored, log);
  if (!entry.ok) return err(`已导入的申请 ${id}：${entry.error.message}`);
  const { closedOn, outcome } = stored.derived;
  const closing = row.closing;
  if (closedOn === null && closing) {
    // Open in the ledger, answered in the register: append how it closed, if the stored log allows it.
    const more = events.slice(1);
    let current = entry.value.events;
    for (const event of more) {
      const next = recordEvent(entry.value.request, current, event, calendar);
      if (!next.ok)
        return err(
          `已导入的申请 ${id} 无法按台账办结：${next.error.message} (cannot close it as the register says)`,
        );
      current = next.value.events;
    }
    return ok({ type: 'update', row, id, nextSeq: log.length + 1, events: more });
  }
  if (closedOn !== null && closing && (closedOn !== closing.on || outcome !== closing.outcome)) {
    const was = `${closedOn} ${isOutcomeKind(outcome) ? outcomeSpec(outcome).label : (outcome ?? '')}`;
    return err(
      `与已导入的申请 ${id} 的办结情况不同：已记录 ${was}，台账为 ${closing.on} ${outcomeSpec(closing.outcome).label} (conflicts with the imported request)`,
    );
  }
  return ok({ type: 'existing', row });
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
  const header = locateHeader(table.rows, options.columnMap);
  if (!header.ok) return header;
  const columns = header.value.columns;
  const dataRows = table.rows.slice(header.value.index + 1);
  const today = options.today ?? todayInChina();
  const calendar = options.calendar ?? (await loadCalendar(storage));

  // Each row read, checked and looked up by its reference; then the logs of those already imported,
  // in one read, and what to do with each row, in the register's order.
  const checked: (
    | { readonly problem: RowProblem }
    | {
        readonly row: RegisterRow;
        readonly ref: string;
        readonly events: readonly RequestEvent[];
        readonly existing?: StoredRequest;
      }
  )[] = [];
  const seen = new Map<string, number>();
  const total = dataRows.length;
  const skipped: RowProblem[] = [];
  for (const [index, source] of dataRows.entries()) {
    if (index % 200 === 0) options.onProgress?.(index, total);
    const notRequest = notARequest(source, columns);
    if (notRequest) {
      skipped.push({ rowNumber: source.rowNumber, reason: notRequest });
      continue;
    }
    const read = readRow(source, columns, today);
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
    const identity = rowReference(row, options.agencyId, 0);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const ref = occurrence === 0 ? identity : rowReference(row, options.agencyId, occurrence);
    const existing = await storage.requests.findByExternalRef(options.agencyId, ref);
    checked.push({ row, ref, events: events.value, ...(existing ? { existing } : {}) });
  }
  const logs = await storage.requests.eventsOf(
    checked.flatMap((c) => ('existing' in c && c.existing ? [c.existing.id] : [])),
  );
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
    const plan = planExisting(row, existing, logs.get(existing.id) ?? [], events, calendar);
    if (plan.ok) planned.push(plan.value);
    else invalid.push({ rowNumber: row.rowNumber, reason: plan.error });
  }
  options.onProgress?.(total, total);

  const count = (type: Planned['type']) => planned.filter((p) => p.type === type).length;
  const summary = {
    rows: total - skipped.length,
    skipped,
    created: count('new'),
    existing: count('existing'),
    updated: count('update'),
    invalid,
    warnings: planned.flatMap((p) =>
      (p.row.warnings ?? []).map((reason) => ({ rowNumber: p.row.rowNumber, reason })),
    ),
    dryRun: options.dryRun === true,
  };
  const blocked = invalid.length > 0 && options.skipInvalid !== true;
  if (options.dryRun || blocked || (summary.created === 0 && summary.updated === 0))
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
        if (p.type !== 'update') continue;
        for (const [i, event] of p.events.map((e) => toStoredEvent(e)).entries())
          await tx.requests.appendEvent(p.id, event, {
            expectedSeq: p.nextSeq + i,
            actor: event.by,
            reason: event.reason ?? null,
          });
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
