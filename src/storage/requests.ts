/**
 * @module Disclosure requests (政府信息公开申请) and their event log. A request row holds what was
 * asked, by whom, when; everything that happens to it afterwards is an event, appended with the
 * next `seq` and never changed. The event union is src/domain/requests' business: storage keeps
 * `type`, the date `at`, `actor`, `reason` as columns and the whole event object as JSON, and hands
 * it back typed as the caller's union.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { type DerivedState, type DeriveStep, deriveAll, OPEN, sameDerived } from './derived.js';
import { atomic, type Clock, chunks, requireLocalDate, yearBounds } from './query-util.js';
import type { DisclosureRequestsTable, Executor, RequestEventsTable } from './schema.js';

export interface NewRequest {
  /** A UUID; one is made when absent. */
  readonly id?: string;
  readonly agencyId: number;
  readonly applicantKind: string;
  readonly applicantName: string;
  readonly content: string;
  readonly channel: string;
  readonly receivedOn: LocalDate;
  /** For imports: a stable hash of the source record, unique per agency. */
  readonly externalRef?: string | null;
}

export interface DisclosureRequest {
  readonly id: string;
  readonly agencyId: number;
  readonly applicantKind: string;
  readonly applicantName: string;
  readonly content: string;
  readonly channel: string;
  readonly receivedOn: LocalDate;
  readonly externalRef: string | null;
  readonly createdAt: string;
  /** The seq of the latest event (0 before the first). */
  readonly lastSeq: number;
  /** Derived from the events (see derived.ts). */
  readonly derived: DerivedState;
}

/** Column values for an event, when the event object does not carry them as `at`, `actor`, `reason`. */
export interface EventMeta {
  readonly at?: LocalDate;
  readonly actor?: string | null;
  readonly reason?: string | null;
  /**
   * Optimistic concurrency: the seq this event must get (the caller decided on a log of
   * expectedSeq − 1 events). When another event got there first, SeqConflictError and nothing written.
   */
  readonly expectedSeq?: number;
  /**
   * The request's own columns this event corrects (申请信息更正): written with the event, in the same
   * statement, so that the columns stay a cache of the log.
   */
  readonly particulars?: {
    readonly applicantKind?: string;
    readonly applicantName?: string;
    readonly channel?: string;
    readonly receivedOn?: LocalDate;
  };
}

export interface StoredEvent<T> {
  readonly id: number;
  readonly requestId: string;
  readonly seq: number;
  readonly type: string;
  readonly at: LocalDate;
  readonly actor: string | null;
  readonly reason: string | null;
  readonly recordedAt: string;
  /** The event object as appended (after a JSON round trip). */
  readonly event: T;
}

export type IntakeResult<T> =
  | { readonly status: 'created'; readonly id: string; readonly received: StoredEvent<T> }
  /** A request with the same external_ref exists at that agency: nothing was written. */
  | { readonly status: 'duplicate'; readonly id: string };

export interface ImportResult {
  readonly status: 'created' | 'duplicate';
  readonly id: string;
}

/** What the annual report needs of one request (section 三). */
export interface ReportRequestRow {
  readonly id: string;
  readonly agencyId: number;
  readonly applicantKind: string;
  readonly receivedOn: LocalDate;
  readonly closedOn: LocalDate | null;
  readonly closingType: string | null;
  readonly outcome: string | null;
}

export interface DerivedCheck {
  readonly checked: number;
  /** Requests whose cached columns differed from their event log (and, for rebuild, were fixed). */
  readonly mismatched: readonly string[];
}

export class UnknownRequestError extends Error {
  constructor(readonly requestId: string) {
    super(`no such request: ${requestId}`);
    this.name = 'UnknownRequestError';
  }
}

export class SeqConflictError extends Error {
  constructor(
    readonly requestId: string,
    readonly expectedSeq: number,
  ) {
    super(`request ${requestId}: event ${expectedSeq} was already appended by someone else`);
    this.name = 'SeqConflictError';
  }
}

export interface RequestRepository {
  /**
   * Records a new request and its first event (the receipt) in one transaction. With an externalRef
   * already used at that agency, writes nothing and returns the existing request's id.
   */
  intake<T extends { readonly type: string }>(
    request: NewRequest,
    received: T,
    meta?: Omit<EventMeta, 'expectedSeq'>,
  ): Promise<IntakeResult<T>>;
  /**
   * Bulk import: many requests, each with its whole history (the receipt first), in one transaction
   * and a few multi-row statements. An externalRef already used at that agency (or earlier in the
   * batch) is a 'duplicate' and writes nothing. Results are in input order. Events take `at`,
   * `actor`, `reason` from their own fields.
   */
  importMany<T extends { readonly type: string }>(
    items: readonly { readonly request: NewRequest; readonly events: readonly T[] }[],
  ): Promise<ImportResult[]>;
  get(id: string): Promise<DisclosureRequest | undefined>;
  /**
   * Up to `limit` request ids that begin with `prefix` (letters, digits and '-' only; anything else
   * finds nothing), in id order: so that people can type the first characters of a UUID.
   */
  idsStartingWith(prefix: string, limit: number): Promise<string[]>;
  findByExternalRef(agencyId: number, externalRef: string): Promise<DisclosureRequest | undefined>;
  /**
   * Appends an event with the next seq and updates the derived columns in the same transaction.
   * `at` (required), `actor` and `reason` come from `meta`, else from the event's own fields.
   */
  appendEvent<T extends { readonly type: string }>(
    requestId: string,
    event: T,
    meta?: EventMeta,
  ): Promise<StoredEvent<T>>;
  /** The request's events in seq order. */
  events<T extends { readonly type: string }>(requestId: string): Promise<StoredEvent<T>[]>;
  /** The agencies' requests by receipt date (then id). */
  forAgencies(
    agencyIds: readonly number[],
    options?: {
      /** Only requests received on or before this day. */
      readonly receivedBy?: LocalDate;
      /** Only requests received on or after this day. */
      readonly receivedFrom?: LocalDate;
      /** Only requests not closed on or before this day (by the cached closing column). */
      readonly openOn?: LocalDate;
    },
  ): Promise<DisclosureRequest[]>;
  /** The events of many requests, by request id, each log in seq order (absent ids: no entry). */
  eventsOf<T extends { readonly type: string }>(
    requestIds: readonly string[],
  ): Promise<Map<string, StoredEvent<T>[]>>;
  /**
   * Every event of the agencies' requests with `at` in [from, to], read a page of `pageSize`
   * requests at a time: agency by agency, requests by receipt date (then id), each request's events
   * together in seq order.
   */
  eventsForAgencies<T extends { readonly type: string }>(
    agencyIds: readonly number[],
    range?: { readonly from?: LocalDate; readonly to?: LocalDate; readonly pageSize?: number },
  ): AsyncIterable<StoredEvent<T>>;
  /**
   * The report's query: every request of the agencies that concerns `year` (received by its last
   * day and not closed before its first), from the request rows alone (derived columns, no events).
   */
  reportRows(agencyIds: readonly number[], year: number): Promise<ReportRequestRow[]>;
  /** Recomputes the derived columns of every request from its events; fixes and lists those that differed. */
  rebuildDerived(options?: { readonly pageSize?: number }): Promise<DerivedCheck>;
  /** Like rebuildDerived, but only lists the differences. */
  verifyDerived(options?: { readonly pageSize?: number }): Promise<DerivedCheck>;
}

type RequestRow = Selectable<DisclosureRequestsTable>;
type EventRow = Selectable<RequestEventsTable>;

export function toRequest(row: RequestRow): DisclosureRequest {
  return {
    id: row.id,
    agencyId: row.agency_id,
    applicantKind: row.applicant_kind,
    applicantName: row.applicant_name,
    content: row.content,
    channel: row.channel,
    receivedOn: row.received_on as LocalDate,
    externalRef: row.external_ref,
    createdAt: row.created_at,
    lastSeq: row.last_seq,
    derived: derivedOf(row),
  };
}

/** The row a new request is written as: its columns, when it was recorded, its log's length and cache. */
function requestValues(
  id: string,
  request: NewRequest,
  log: { readonly createdAt: string; readonly lastSeq: number; readonly derived: DerivedState },
): Insertable<DisclosureRequestsTable> {
  return {
    id,
    agency_id: request.agencyId,
    applicant_kind: request.applicantKind,
    applicant_name: request.applicantName,
    content: request.content,
    channel: request.channel,
    received_on: request.receivedOn,
    external_ref: request.externalRef ?? null,
    created_at: log.createdAt,
    last_seq: log.lastSeq,
    closed_on: log.derived.closedOn,
    closing_type: log.derived.closingType,
    outcome: log.derived.outcome,
  };
}

function derivedOf(row: Pick<RequestRow, 'closed_on' | 'closing_type' | 'outcome'>): DerivedState {
  return { closedOn: row.closed_on, closingType: row.closing_type, outcome: row.outcome };
}

function toStored<T>(row: EventRow): StoredEvent<T> {
  return {
    id: Number(row.id),
    requestId: row.request_id,
    seq: row.seq,
    type: row.type,
    at: row.at as LocalDate,
    actor: row.actor,
    reason: row.reason,
    recordedAt: row.recorded_at,
    event: JSON.parse(row.payload) as T,
  };
}

/** Rows by their request_id, each list in the rows' order (the queries read them in seq order). */
function byRequest<R extends { readonly request_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const row of rows) {
    const list = out.get(row.request_id);
    if (list) list.push(row);
    else out.set(row.request_id, [row]);
  }
  return out;
}

function field(event: object, name: string): unknown {
  return (event as Record<string, unknown>)[name];
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function requestRepository(db: Executor, derive: DeriveStep, clock: Clock): RequestRepository {
  /** The event's columns, and the object the derive step sees (after the JSON round trip). */
  function prepare(event: { readonly type: string }, meta: EventMeta) {
    if (typeof event.type !== 'string' || !event.type) throw new TypeError('an event needs a type');
    const payload = JSON.stringify(event);
    return {
      type: event.type,
      at: requireLocalDate(meta.at ?? field(event, 'at'), `event ${event.type}: at`),
      actor: meta.actor !== undefined ? meta.actor : optionalText(field(event, 'actor')),
      reason: meta.reason !== undefined ? meta.reason : optionalText(field(event, 'reason')),
      payload,
      parsed: JSON.parse(payload) as unknown,
    };
  }

  async function insertEvent<T>(
    trx: Executor,
    requestId: string,
    seq: number,
    event: ReturnType<typeof prepare>,
  ): Promise<StoredEvent<T>> {
    const row = await trx
      .insertInto('request_events')
      .values({
        request_id: requestId,
        seq,
        type: event.type,
        at: event.at,
        actor: event.actor,
        reason: event.reason,
        payload: event.payload,
        recorded_at: clock().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toStored<T>(row);
  }

  async function append<T extends { readonly type: string }>(
    trx: Executor,
    requestId: string,
    event: T,
    meta: EventMeta = {},
  ): Promise<StoredEvent<T>> {
    const prepared = prepare(event, meta);
    // Taking the next seq is an UPDATE of the request row: on PostgreSQL it locks the row until
    // commit, so concurrent appends to one request queue instead of racing for the same seq
    // (SQLite's BEGIN IMMEDIATE serializes all writers anyway).
    const p = meta.particulars ?? {};
    let bump = trx
      .updateTable('disclosure_requests')
      .set((eb) => ({
        last_seq: eb('last_seq', '+', 1),
        ...(p.applicantKind !== undefined ? { applicant_kind: p.applicantKind } : {}),
        ...(p.applicantName !== undefined ? { applicant_name: p.applicantName } : {}),
        ...(p.channel !== undefined ? { channel: p.channel } : {}),
        ...(p.receivedOn !== undefined ? { received_on: p.receivedOn } : {}),
      }))
      .where('id', '=', requestId);
    if (meta.expectedSeq !== undefined) bump = bump.where('last_seq', '=', meta.expectedSeq - 1);
    const current = await bump
      .returning(['last_seq', 'closed_on', 'closing_type', 'outcome'])
      .executeTakeFirst();
    if (!current) {
      const exists = await trx
        .selectFrom('disclosure_requests')
        .select('id')
        .where('id', '=', requestId)
        .executeTakeFirst();
      if (!exists) throw new UnknownRequestError(requestId);
      throw new SeqConflictError(requestId, meta.expectedSeq ?? 0);
    }
    const stored = await insertEvent<T>(trx, requestId, current.last_seq, prepared);
    const before = derivedOf(current);
    const after = derive(before, { type: prepared.type, at: prepared.at, payload: prepared.parsed });
    if (!sameDerived(before, after)) {
      await trx
        .updateTable('disclosure_requests')
        .set({ closed_on: after.closedOn, closing_type: after.closingType, outcome: after.outcome })
        .where('id', '=', requestId)
        .execute();
    }
    return stored;
  }

  async function checkDerived(fix: boolean, pageSize = 500): Promise<DerivedCheck> {
    const mismatched: string[] = [];
    let checked = 0;
    let after = '';
    for (;;) {
      const page = await atomic(db, async (trx) => {
        const ids = (
          await trx
            .selectFrom('disclosure_requests')
            .select('id')
            .where('id', '>', after)
            .orderBy('id')
            .limit(pageSize)
            .execute()
        ).map((r) => r.id);
        if (ids.length === 0) return ids;
        // Lock the page's rows (appendEvent waits on them) so no event lands between reading the
        // log and writing what it derives.
        if (fix)
          await trx
            .updateTable('disclosure_requests')
            .set((eb) => ({ last_seq: eb.ref('last_seq') }))
            .where('id', 'in', ids)
            .execute();
        const rows = await trx.selectFrom('disclosure_requests').selectAll().where('id', 'in', ids).execute();
        const events = await trx
          .selectFrom('request_events')
          .select(['request_id', 'seq', 'type', 'at', 'payload'])
          .where('request_id', 'in', ids)
          .orderBy('request_id')
          .orderBy('seq')
          .execute();
        const logs = byRequest(events);
        for (const row of rows) {
          const log = logs.get(row.id) ?? [];
          const lastSeq = log.length ? log[log.length - 1]!.seq : 0;
          const expected = deriveAll(
            derive,
            log.map((e) => ({ type: e.type, at: e.at, payload: JSON.parse(e.payload) as unknown })),
          );
          if (sameDerived(expected, derivedOf(row)) && row.last_seq === lastSeq) continue;
          mismatched.push(row.id);
          if (fix)
            await trx
              .updateTable('disclosure_requests')
              .set({
                last_seq: lastSeq,
                closed_on: expected.closedOn,
                closing_type: expected.closingType,
                outcome: expected.outcome,
              })
              .where('id', '=', row.id)
              .execute();
        }
        return ids;
      });
      if (page.length === 0) break;
      checked += page.length;
      after = page[page.length - 1]!;
      if (page.length < pageSize) break;
    }
    return { checked, mismatched };
  }

  return {
    async intake<T extends { readonly type: string }>(
      request: NewRequest,
      received: T,
      meta: Omit<EventMeta, 'expectedSeq'> = {},
    ): Promise<IntakeResult<T>> {
      requireLocalDate(request.receivedOn, 'receivedOn');
      const prepared = prepare(received, meta);
      const derived = derive(OPEN, { type: prepared.type, at: prepared.at, payload: prepared.parsed });
      return atomic(db, async (trx) => {
        const id = request.id ?? randomUUID();
        const inserted = await trx
          .insertInto('disclosure_requests')
          // The receipt is event 1, written just below.
          .values(requestValues(id, request, { createdAt: clock().toISOString(), lastSeq: 1, derived }))
          // Not an error, so that a transaction around a whole import stays usable on PostgreSQL.
          .onConflict((oc) => oc.columns(['agency_id', 'external_ref']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) {
          const existing = await trx
            .selectFrom('disclosure_requests')
            .select('id')
            .where('agency_id', '=', request.agencyId)
            .where('external_ref', '=', request.externalRef ?? '')
            .executeTakeFirstOrThrow();
          return { status: 'duplicate', id: existing.id } as const;
        }
        const stored = await insertEvent<T>(trx, id, 1, prepared);
        return { status: 'created', id, received: stored } as const;
      });
    },

    async importMany(items) {
      const recordedAt = clock().toISOString();
      const prepared = items.map((item) => {
        requireLocalDate(item.request.receivedOn, 'receivedOn');
        if (item.events.length === 0)
          throw new TypeError('an imported request needs its events, receipt first');
        const events = item.events.map((e) => prepare(e, {}));
        const derived = deriveAll(
          derive,
          events.map((e) => ({ type: e.type, at: e.at, payload: e.parsed })),
        );
        return { id: item.request.id ?? randomUUID(), request: item.request, events, derived };
      });
      return atomic(db, async (trx) => {
        const created = new Set<string>();
        // 500 rows × 13 columns, 1000 events × 8: well under both dialects' bound-parameter limits.
        for (const part of chunks(prepared, 500)) {
          const rows = await trx
            .insertInto('disclosure_requests')
            .values(
              part.map(({ id, request, events, derived }) =>
                requestValues(id, request, { createdAt: recordedAt, lastSeq: events.length, derived }),
              ),
            )
            .onConflict((oc) => oc.columns(['agency_id', 'external_ref']).doNothing())
            .returning('id')
            .execute();
          for (const row of rows) created.add(row.id);
        }
        const events = prepared
          .filter((p) => created.has(p.id))
          .flatMap((p) =>
            p.events.map((e, i) => ({
              request_id: p.id,
              seq: i + 1,
              type: e.type,
              at: e.at,
              actor: e.actor,
              reason: e.reason,
              payload: e.payload,
              recorded_at: recordedAt,
            })),
          );
        for (const part of chunks(events, 1000))
          await trx.insertInto('request_events').values(part).execute();

        const key = (agencyId: number, ref: string) => `${agencyId}\u0000${ref}`;
        const duplicates = prepared.filter((p) => !created.has(p.id));
        const existing = new Map<string, string>();
        // With the agencies too, so that the (agency_id, external_ref) index finds the rows: by
        // external_ref alone, both dialects scan the whole table.
        const agencyIds = [...new Set(duplicates.map((p) => p.request.agencyId))];
        for (const part of chunks([...new Set(duplicates.map((p) => p.request.externalRef ?? ''))])) {
          const rows = await trx
            .selectFrom('disclosure_requests')
            .select(['id', 'agency_id', 'external_ref'])
            .where('agency_id', 'in', agencyIds)
            .where('external_ref', 'in', part)
            .execute();
          for (const row of rows) existing.set(key(row.agency_id, row.external_ref ?? ''), row.id);
        }
        return prepared.map((p): ImportResult => {
          if (created.has(p.id)) return { status: 'created', id: p.id };
          const id = existing.get(key(p.request.agencyId, p.request.externalRef ?? ''));
          if (!id) throw new Error(`request ${p.id} was neither written nor a duplicate`);
          return { status: 'duplicate', id };
        });
      });
    },

    async idsStartingWith(prefix, limit) {
      // LIKE's wildcards (% and _) and escapes can never reach the pattern.
      if (!/^[0-9A-Za-z-]+$/.test(prefix)) return [];
      const rows = await db
        .selectFrom('disclosure_requests')
        .select('id')
        .where('id', 'like', `${prefix.toLowerCase()}%`)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    async get(id) {
      const row = await db
        .selectFrom('disclosure_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRequest(row);
    },

    async findByExternalRef(agencyId, externalRef) {
      const row = await db
        .selectFrom('disclosure_requests')
        .selectAll()
        .where('agency_id', '=', agencyId)
        .where('external_ref', '=', externalRef)
        .executeTakeFirst();
      return row && toRequest(row);
    },

    appendEvent(requestId, event, meta) {
      return atomic(db, (trx) => append(trx, requestId, event, meta));
    },

    async events<T extends { readonly type: string }>(requestId: string) {
      const rows = await db
        .selectFrom('request_events')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('seq')
        .execute();
      return rows.map((r) => toStored<T>(r));
    },

    async forAgencies(agencyIds, options = {}) {
      const out: DisclosureRequest[] = [];
      for (const ids of chunks([...new Set(agencyIds)])) {
        let query = db.selectFrom('disclosure_requests').selectAll().where('agency_id', 'in', ids);
        if (options.receivedBy) query = query.where('received_on', '<=', options.receivedBy);
        if (options.receivedFrom) query = query.where('received_on', '>=', options.receivedFrom);
        const openOn = options.openOn;
        if (openOn)
          query = query.where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', openOn)]));
        out.push(...(await query.orderBy('received_on').orderBy('id').execute()).map(toRequest));
      }
      // Each chunk is sorted; a list over more agencies than one chunk holds is merged here.
      return out.sort((a, b) =>
        a.receivedOn !== b.receivedOn ? (a.receivedOn < b.receivedOn ? -1 : 1) : a.id < b.id ? -1 : 1,
      );
    },

    async eventsOf<T extends { readonly type: string }>(requestIds: readonly string[]) {
      const out = new Map<string, StoredEvent<T>[]>();
      for (const ids of chunks([...new Set(requestIds)])) {
        const rows = await db
          .selectFrom('request_events')
          .selectAll()
          .where('request_id', 'in', ids)
          .orderBy('request_id')
          .orderBy('seq')
          .execute();
        // The slices hold distinct requests, so each request's log comes whole from one of them.
        for (const [id, log] of byRequest(rows)) out.set(id, log.map(toStored<T>));
      }
      return out;
    },

    async *eventsForAgencies<T extends { readonly type: string }>(
      agencyIds: readonly number[],
      range: { readonly from?: LocalDate; readonly to?: LocalDate; readonly pageSize?: number } = {},
    ) {
      const pageSize = range.pageSize ?? 1000;
      // A page of one agency's requests by the (agency_id, received_on, id) index, then their events
      // by the (request_id, seq) index: two indexed reads per page, however big the ledger.
      for (const agencyId of new Set(agencyIds)) {
        let after: { receivedOn: string; id: string } | undefined;
        for (;;) {
          let requests = db
            .selectFrom('disclosure_requests')
            .select(['id', 'received_on'])
            .where('agency_id', '=', agencyId);
          if (after) {
            const { receivedOn, id } = after;
            requests = requests.where(({ eb, refTuple, tuple }) =>
              eb(refTuple('received_on', 'id'), '>', tuple(receivedOn, id)),
            );
          }
          const page = await requests.orderBy('received_on').orderBy('id').limit(pageSize).execute();
          const last = page[page.length - 1];
          if (!last) break;
          let events = db
            .selectFrom('request_events')
            .selectAll()
            .where(
              'request_id',
              'in',
              page.map((r) => r.id),
            );
          if (range.from) events = events.where('at', '>=', range.from);
          if (range.to) events = events.where('at', '<=', range.to);
          const logs = byRequest(await events.orderBy('request_id').orderBy('seq').execute());
          for (const request of page) for (const row of logs.get(request.id) ?? []) yield toStored<T>(row);
          if (page.length < pageSize) break;
          after = { receivedOn: last.received_on, id: last.id };
        }
      }
    },

    async reportRows(agencyIds, year) {
      const { first, last } = yearBounds(year);
      const out: ReportRequestRow[] = [];
      for (const ids of chunks([...new Set(agencyIds)])) {
        const rows = await db
          .selectFrom('disclosure_requests')
          .select([
            'id',
            'agency_id',
            'applicant_kind',
            'received_on',
            'closed_on',
            'closing_type',
            'outcome',
          ])
          .where('agency_id', 'in', ids)
          .where('received_on', '<=', last)
          .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', first)]))
          .orderBy('received_on')
          .orderBy('id')
          .execute();
        for (const r of rows)
          out.push({
            id: r.id,
            agencyId: r.agency_id,
            applicantKind: r.applicant_kind,
            receivedOn: r.received_on as LocalDate,
            closedOn: r.closed_on as LocalDate | null,
            closingType: r.closing_type,
            outcome: r.outcome,
          });
      }
      return out;
    },

    rebuildDerived: (options) => checkDerived(true, options?.pageSize),
    verifyDerived: (options) => checkDerived(false, options?.pageSize),
  };
}
