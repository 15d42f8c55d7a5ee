/**
 * @module 更正: voiding a recorded event (`gongkai requests void ID SEQ --reason TEXT`, the request page's
 * 作废此条, `POST /api/v1/requests/{id}/voids`). The approver's action; the domain decides whether the
 * rest of the log still holds (corrections.ts). The void is appended like any event, in one transaction
 * with the request's schedule and its audit entry; nothing recorded before is changed or removed, and
 * state, due date and report counts follow the effective log.
 */
import { type Actor, actorName, auditedBy } from '../domain/access/policy.js';
import { checkVoid } from '../domain/requests/corrections.js';
import { REGULATION_2019 } from '../domain/requests/policy.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { loadCalendar, SeqConflictError, type Storage } from '../storage/index.js';
import { permit } from './access.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import type { UseCaseOptions } from './requests.js';
import { scheduleOf } from './schedule.js';
import { entryFromStored, type StoredVoid, VOID_TYPE } from './stored.js';
import { todayInChina } from './today.js';

export interface VoidedEvent {
  /** The void's own place in the log. */
  readonly seq: number;
  /** The entry it voids. */
  readonly voids: number;
  /** The request was closed by that entry and is open again. */
  readonly reopened: boolean;
}

/** Voids entry `seq` of a request's log, with the reason, if the rest of the log still holds. */
export async function voidRequestEvent(
  storage: Storage,
  actor: Actor,
  requestId: string,
  seq: number,
  reason: string,
  options: UseCaseOptions = {},
): Promise<Result<VoidedEvent, LedgerRefusal>> {
  const row = await storage.requests.get(requestId);
  const denied = row
    ? permit(actor, 'request.void', row.agencyId, { code: 'request.unknown', what: requestId })
    : ledgerRefusal('request.unknown', requestId);
  if (denied || !row) return err(denied ?? ledgerRefusal('request.unknown', requestId));
  const today = options.today ?? todayInChina();
  const calendar = options.calendar ?? (await loadCalendar(storage));
  const policy = options.policy ?? REGULATION_2019;
  const stored = await storage.requests.events(requestId);
  const entry = entryFromStored(row, stored);
  if (!entry.ok) return entry;
  const checked = checkVoid(entry.value.request, entry.value.log, seq, reason, calendar, policy);
  if (!checked.ok) return checked;
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
        },
      });
      return ok({ seq: appended.seq, voids: seq, reopened: payload.reopened });
    });
  } catch (e) {
    if (e instanceof SeqConflictError) return err(ledgerRefusal('request.concurrent', requestId));
    throw e;
  }
}
