/**
 * @module 更正: voiding a recorded event (`gongkai requests void ID SEQ --reason TEXT`, the request page's
 * 作废此条, `POST /api/v1/requests/{id}/voids`). The approver's action; the domain decides whether the
 * rest of the log still holds (corrections.ts). The void is appended like any event, in one transaction
 * with the request's schedule and its audit entry; nothing recorded before is changed or removed, and
 * state, due date and report counts follow the effective log.
 */
import { type Actor, actorName, auditedBy } from '../domain/access/policy.js';
import {
  checkParticulars,
  checkVoid,
  figuresChangedFrom,
  type ParticularChange,
  type RequestParticulars,
} from '../domain/requests/corrections.js';
import { REGULATION_2019 } from '../domain/requests/policy.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { loadCalendar, SeqConflictError, type Storage } from '../storage/index.js';
import { permit } from './access.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { completedYearsTouched } from './report-years.js';
import type { UseCaseOptions } from './requests.js';
import { scheduleOf } from './schedule.js';
import {
  DETAILS_TYPE,
  entryFromStored,
  type StoredDetailsCorrection,
  type StoredVoid,
  VOID_TYPE,
} from './stored.js';
import { todayInChina } from './today.js';

export interface CorrectionOptions extends UseCaseOptions {
  /**
   * The approver confirms a correction that changes a year whose report is marked complete: it is
   * recorded, and that year's report lists it as a finding.
   */
  readonly confirmCompletedYear?: boolean;
}

export interface VoidedEvent {
  /** The void's own place in the log. */
  readonly seq: number;
  /** The entry it voids. */
  readonly voids: number;
  /** The request was closed by that entry and is open again. */
  readonly reopened: boolean;
  /** Completed report years the void changes, recorded with the approver's confirmation. */
  readonly completedYears: readonly number[];
}

/** The request a correction is made to, with its log, if the actor may make it; and the day's rules. */
async function loadForCorrection(
  storage: Storage,
  actor: Actor,
  action: 'request.void' | 'request.correct',
  requestId: string,
  options: CorrectionOptions,
) {
  const row = await storage.requests.get(requestId);
  const denied = row
    ? permit(actor, action, row.agencyId, { code: 'request.unknown', what: requestId })
    : ledgerRefusal('request.unknown', requestId);
  if (denied || !row) return err(denied ?? ledgerRefusal('request.unknown', requestId));
  const stored = await storage.requests.events(requestId);
  const entry = entryFromStored(row, stored);
  if (!entry.ok) return entry;
  return ok({
    row,
    stored,
    entry: entry.value,
    today: options.today ?? todayInChina(),
    calendar: options.calendar ?? (await loadCalendar(storage)),
    policy: options.policy ?? REGULATION_2019,
  });
}

/** Voids entry `seq` of a request's log, with the reason, if the rest of the log still holds. */
export async function voidRequestEvent(
  storage: Storage,
  actor: Actor,
  requestId: string,
  seq: number,
  reason: string,
  options: CorrectionOptions = {},
): Promise<Result<VoidedEvent, LedgerRefusal>> {
  const loaded = await loadForCorrection(storage, actor, 'request.void', requestId, options);
  if (!loaded.ok) return loaded;
  const { row, stored, entry, today, calendar, policy } = loaded.value;
  const checked = checkVoid(entry.request, entry.log, seq, reason, calendar, policy);
  if (!checked.ok) return checked;
  const years = await completedYearsTouched(
    storage,
    row.agencyId,
    checked.value.voided.at,
    options.confirmCompletedYear === true,
  );
  if (!years.ok) return years;
  const by = actorName(actor);
  const after = entryFromStored(
    row,
    stored.filter((s) => s.seq !== seq),
  );
  const schedule = after.ok
    ? scheduleOf(after.value.request, after.value.events, calendar, today, policy)
    : undefined;
  const payload: StoredVoid = {
    type: VOID_TYPE,
    actor: by,
    at: today,
    voids: seq,
    reason: reason.trim(),
    reopened: checked.value.reopens,
    ...(years.value.length ? { completedYears: years.value } : {}),
  };
  try {
    return await storage.transaction(async (tx) => {
      const appended = await tx.requests.appendEvent(requestId, payload, {
        expectedSeq: stored.length + 1,
        actor: by,
        reason: payload.reason,
      });
      if (schedule) await tx.schedules.set(requestId, schedule);
      await tx.auditLog.append({
        ...auditedBy(actor, row.agencyId),
        action: 'request.void',
        subject: `request:${requestId}`,
        detail: {
          seq: appended.seq,
          voids: seq,
          kind: checked.value.voided.kind,
          reopened: payload.reopened,
          completedYears: years.value,
        },
      });
      return ok({ seq: appended.seq, voids: seq, reopened: payload.reopened, completedYears: years.value });
    });
  } catch (e) {
    if (e instanceof SeqConflictError) return err(ledgerRefusal('request.concurrent', requestId));
    throw e;
  }
}

export interface ParticularsCorrected {
  /** The correction's place in the log. */
  readonly seq: number;
  readonly changes: readonly ParticularChange[];
  /** Completed report years the correction changes, recorded with the approver's confirmation. */
  readonly completedYears: readonly number[];
}

/**
 * 申请信息更正: corrects the applicant's name or type, the channel or the receipt date of a request,
 * with the reason, if the history still holds on the corrected request. The old values stay in the
 * correction entry; the request row's columns (a cache of the log) take the new ones in the same
 * statement, and the due date and report counts follow.
 */
export async function correctParticulars(
  storage: Storage,
  actor: Actor,
  requestId: string,
  wanted: Partial<RequestParticulars>,
  reason: string,
  options: CorrectionOptions = {},
): Promise<Result<ParticularsCorrected, LedgerRefusal>> {
  const loaded = await loadForCorrection(storage, actor, 'request.correct', requestId, options);
  if (!loaded.ok) return loaded;
  const { row, stored, entry, today, calendar, policy } = loaded.value;
  const recorded = {
    applicantName: row.applicantName,
    applicantKind: row.applicantKind,
    channel: row.channel,
    receivedOn: row.receivedOn,
  };
  const checked = checkParticulars(
    entry.request,
    recorded,
    entry.log,
    wanted,
    reason,
    today,
    calendar,
    policy,
  );
  if (!checked.ok) return checked;
  const { changes } = checked.value;
  const years = await completedYearsTouched(
    storage,
    row.agencyId,
    figuresChangedFrom(changes, row.receivedOn),
    options.confirmCompletedYear === true,
  );
  if (!years.ok) return years;
  const by = actorName(actor);
  const payload: StoredDetailsCorrection = {
    type: DETAILS_TYPE,
    actor: by,
    at: today,
    changes,
    reason: reason.trim(),
    ...(years.value.length ? { completedYears: years.value } : {}),
  };
  const particulars = Object.fromEntries(changes.map((c) => [c.field, c.to]));
  try {
    return await storage.transaction(async (tx) => {
      const appended = await tx.requests.appendEvent(requestId, payload, {
        expectedSeq: stored.length + 1,
        actor: by,
        reason: payload.reason,
        particulars,
      });
      const after = entryFromStored({ ...row, ...particulars }, [...stored, appended]);
      const schedule = after.ok
        ? scheduleOf(after.value.request, after.value.events, calendar, today, policy)
        : undefined;
      if (schedule) await tx.schedules.set(requestId, schedule);
      await tx.auditLog.append({
        ...auditedBy(actor, row.agencyId),
        action: 'request.correct',
        subject: `request:${requestId}`,
        detail: {
          seq: appended.seq,
          fields: changes.map((c) => c.field),
          completedYears: years.value,
        },
      });
      return ok({ seq: appended.seq, changes, completedYears: years.value });
    });
  } catch (e) {
    if (e instanceof SeqConflictError) return err(ledgerRefusal('request.concurrent', requestId));
    throw e;
  }
}
