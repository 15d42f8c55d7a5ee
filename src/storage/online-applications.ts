/**
 * @module 网上申请 waiting for the office (migration 0010): the application as submitted, kept for ever,
 * and the office's one decision on it. A caller's idempotency key is taken once: the same key again
 * finds the first application (a replay) when what was sent is the same, and is a conflict when it is
 * not. A second decision on one application fails on the primary key, so two handlers confirming at
 * once make one request (the loser's transaction rolls back with its request).
 */
import type { Selectable } from 'kysely';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { OnlineApplicationForm } from '../domain/requests/online-application.js';
import { atomic, type Clock, chunks } from './query-util.js';
import type { Executor, OnlineApplicationDecisionsTable, OnlineApplicationsTable } from './schema.js';

export interface StoredOnlineApplication {
  readonly code: string;
  readonly agencyId: number;
  readonly submittedAt: string;
  readonly submittedOn: LocalDate;
  readonly via: 'portal' | 'api';
  readonly form: OnlineApplicationForm;
  readonly decision?: OnlineApplicationDecision;
}

export type OnlineApplicationDecision =
  | {
      readonly decision: 'confirmed';
      readonly decidedOn: LocalDate;
      readonly requestId: string;
      readonly actor: string;
      readonly recordedAt: string;
    }
  | {
      readonly decision: 'declined';
      readonly decidedOn: LocalDate;
      readonly reason: string;
      readonly actor: string;
      readonly recordedAt: string;
    };

export interface NewOnlineApplication {
  readonly code: string;
  readonly agencyId: number;
  readonly submittedAt: string;
  readonly submittedOn: LocalDate;
  readonly idempotencyKey: string;
  readonly fingerprint: string;
  readonly via: 'portal' | 'api';
  readonly form: OnlineApplicationForm;
}

export type SubmitOutcome =
  | { readonly status: 'created'; readonly code: string }
  /** The key was taken before with the same contents: the first application's code. */
  | { readonly status: 'replayed'; readonly code: string }
  /** The key was taken before with other contents. */
  | { readonly status: 'conflict' };

/** A decision as the use case hands it in (the repository stamps when it was recorded). */
export type NewDecision =
  | Omit<Extract<OnlineApplicationDecision, { decision: 'confirmed' }>, 'recordedAt'>
  | Omit<Extract<OnlineApplicationDecision, { decision: 'declined' }>, 'recordedAt'>;

/** Thrown when the application already has a decision (the other decision stands). */
export class AlreadyDecidedError extends Error {
  constructor(readonly code: string) {
    super(`online application ${code} already has a decision`);
    this.name = 'AlreadyDecidedError';
  }
}

export interface OnlineApplicationRepository {
  submit(application: NewOnlineApplication): Promise<SubmitOutcome>;
  get(code: string): Promise<StoredOnlineApplication | undefined>;
  /** The applications of the agencies with no decision yet, oldest first. */
  awaiting(agencyIds: readonly number[]): Promise<StoredOnlineApplication[]>;
  /** Records the decision; AlreadyDecidedError when one exists. */
  decide(code: string, decision: NewDecision): Promise<void>;
  /** The code of the application a request was confirmed from, if it was. */
  codeOfRequest(requestId: string): Promise<string | undefined>;
}

type Row = Selectable<OnlineApplicationsTable> & {
  decision: OnlineApplicationDecisionsTable['decision'] | null;
  decided_on: string | null;
  request_id: string | null;
  reason: string | null;
  actor: string | null;
  recorded_at: string | null;
};

function toApplication(row: Row): StoredOnlineApplication {
  const decided =
    row.decision === 'confirmed'
      ? {
          decision: 'confirmed' as const,
          decidedOn: row.decided_on as LocalDate,
          requestId: row.request_id!,
          actor: row.actor!,
          recordedAt: row.recorded_at!,
        }
      : row.decision === 'declined'
        ? {
            decision: 'declined' as const,
            decidedOn: row.decided_on as LocalDate,
            reason: row.reason!,
            actor: row.actor!,
            recordedAt: row.recorded_at!,
          }
        : undefined;
  return {
    code: row.code,
    agencyId: Number(row.agency_id),
    submittedAt: row.submitted_at,
    submittedOn: row.submitted_on as LocalDate,
    via: row.via,
    form: JSON.parse(row.particulars) as OnlineApplicationForm,
    ...(decided ? { decision: decided } : {}),
  };
}

export function onlineApplicationRepository(db: Executor, clock: Clock): OnlineApplicationRepository {
  const withDecision = (on: Executor) =>
    on
      .selectFrom('online_applications as a')
      .leftJoin('online_application_decisions as d', 'd.code', 'a.code')
      .selectAll('a')
      .select(['d.decision', 'd.decided_on', 'd.request_id', 'd.reason', 'd.actor', 'd.recorded_at']);

  return {
    submit: (application) =>
      atomic(db, async (trx) => {
        const inserted = await trx
          .insertInto('online_applications')
          .values({
            code: application.code,
            agency_id: application.agencyId,
            submitted_at: application.submittedAt,
            submitted_on: application.submittedOn,
            idempotency_key: application.idempotencyKey,
            fingerprint: application.fingerprint,
            via: application.via,
            particulars: JSON.stringify(application.form),
          })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning('code')
          .executeTakeFirst();
        if (inserted) return { status: 'created', code: inserted.code };
        const first = await trx
          .selectFrom('online_applications')
          .select(['code', 'fingerprint'])
          .where('idempotency_key', '=', application.idempotencyKey)
          .executeTakeFirstOrThrow();
        return first.fingerprint === application.fingerprint
          ? { status: 'replayed', code: first.code }
          : { status: 'conflict' };
      }),

    async get(code) {
      const row = await withDecision(db).where('a.code', '=', code).executeTakeFirst();
      return row && toApplication(row as Row);
    },

    async awaiting(agencyIds) {
      const out: StoredOnlineApplication[] = [];
      for (const slice of chunks(agencyIds)) {
        if (slice.length === 0) continue;
        const rows = await withDecision(db)
          .where('a.agency_id', 'in', slice)
          .where('d.code', 'is', null)
          .orderBy('a.submitted_at')
          .orderBy('a.code')
          .execute();
        out.push(...rows.map((r) => toApplication(r as Row)));
      }
      return out.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.code.localeCompare(b.code));
    },

    decide: (code, decision) =>
      atomic(db, async (trx) => {
        const inserted = await trx
          .insertInto('online_application_decisions')
          .values({
            code,
            decision: decision.decision,
            decided_on: decision.decidedOn,
            request_id: decision.decision === 'confirmed' ? decision.requestId : null,
            reason: decision.decision === 'declined' ? decision.reason : null,
            actor: decision.actor,
            recorded_at: clock().toISOString(),
          })
          .onConflict((oc) => oc.column('code').doNothing())
          .returning('code')
          .executeTakeFirst();
        if (!inserted) throw new AlreadyDecidedError(code);
      }),

    async codeOfRequest(requestId) {
      const row = await db
        .selectFrom('online_application_decisions')
        .select('code')
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      return row?.code;
    },
  };
}
