/**
 * @module Who did what, when, from where, to what (操作日志): append-only, refused UPDATE and DELETE by
 * a trigger, and chained by SHA-256 (audit-chain.ts) so that an entry edited, removed or reordered in
 * the database file itself shows. Write an entry in the same Storage.transaction as the change it
 * describes, so that neither exists alone.
 *
 * Appending reads the last entry and chains onto it, so appends take turns: a transaction lock on
 * PostgreSQL (held until the caller's transaction ends), SQLite's one write lock there. An entry's id
 * is the last one's plus one, given by the append rather than by the database's numbering, because
 * the hash covers it and must be computed before the insert.
 */
import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { addDays, type LocalDate } from '../domain/calendar/local-date.js';
import {
  type ChainedContent,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  storableText,
  storedContent,
} from './audit-chain.js';
import { lockTransaction } from './dialect.js';
import { atomic, type Clock, requireLocalDate } from './query-util.js';
import type { AuditLogTable, Database, Executor } from './schema.js';

/** An entry as stored: its chained content (audit-chain.ts: who, when, where, what) and its two hashes. */
export interface AuditEntry extends ChainedContent {
  readonly prevHash: string;
  readonly hash: string;
}

export interface NewAuditEntry {
  readonly actor: string;
  /** 'request.intake', 'calendar.override' … */
  readonly action: string;
  /** What it was done to: 'request:<uuid>', 'calendar:2027-01-01' … */
  readonly subject: string;
  /** A summary of what changed: anything JSON.stringify takes. */
  readonly detail?: unknown;
  readonly userId?: number | null;
  /** The agency the change concerns: the administrator's view of the log is filtered by it. */
  readonly agencyId?: number | null;
  readonly address?: string | null;
}

/** Which entries: every filter given must hold. */
export interface AuditFilters {
  /** Entries concerning one of these agencies ([] matches none; entries of no agency never match). */
  readonly agencyIds?: readonly number[];
  /** With agencyIds: also the entries that concern no agency (the one working calendar). */
  readonly orNoAgency?: boolean;
  readonly actor?: string;
  /** Exactly this action, or, ending in '.', every action it begins ('request.' → request.intake …). */
  readonly action?: string;
  readonly subject?: string;
  /** From this day on, inclusive; days are UTC days (the `at` column is UTC). */
  readonly from?: LocalDate;
  /** Up to this day, inclusive (UTC). */
  readonly to?: LocalDate;
}

/** One page of the log, newest first: by `offset`, or after the last entry seen by `beforeId`. */
export interface AuditPageQuery extends AuditFilters {
  /** Default 50, at most 1000. */
  readonly limit?: number;
  readonly offset?: number;
  /** Only entries older than this one (keyset paging: pass the last id of the previous page). */
  readonly beforeId?: number;
}

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** How many entries match the filters in all, whatever the page. */
  readonly total: number;
}

export type ChainProblem =
  /** The entry's content (or its hashes) differ from what was written. */
  | 'hash'
  /** The entry does not chain onto the one before it: an entry before it was removed or rewritten. */
  | 'link';

export type ChainVerdict =
  | { readonly whole: true; readonly checked: number }
  | {
      readonly whole: false;
      /** Entries read, the bad one included. */
      readonly checked: number;
      readonly firstBad: { readonly id: number; readonly problem: ChainProblem };
    };

export interface AuditLogRepository {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Entries in the order written, after an id, at most `limit` (default 1000), filtered. */
  list(
    options?: AuditFilters & { readonly afterId?: number; readonly limit?: number },
  ): Promise<AuditEntry[]>;
  /** The administrator's view: newest first, a page at a time, with the number matching. */
  page(query?: AuditPageQuery): Promise<AuditPage>;
  /** Recomputes the whole chain (verifyAuditChain). */
  verify(): Promise<ChainVerdict>;
}

/** The transaction lock appends take (dialect.ts lockTransaction): 'audt'. */
const AUDIT_HEAD_LOCK = 0x61756474;

const PAGE_DEFAULT = 50;
const PAGE_MAX = 1000;
const VERIFY_BATCH = 1000;

function parseDetail(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Only an edit outside the application writes text that is not JSON: show it as it is
    // (verify names the entry), rather than make the whole page unreadable.
    return text;
  }
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at,
    userId: row.user_id,
    actor: row.actor,
    agencyId: row.agency_id,
    address: row.address,
    action: row.action,
    subject: row.subject,
    detail: parseDetail(row.detail),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function optionalId(value: number | null | undefined, what: string): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value)) throw new TypeError(`${what} must be an integer, got ${value}`);
  return value;
}

/** The filters as one condition (callers check hasFilters first: `and` of nothing is no SQL). */
function matching(f: AuditFilters) {
  return (eb: ExpressionBuilder<Database, 'audit_log'>): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (f.agencyIds !== undefined) {
      const of = f.agencyIds.length > 0 ? [eb('agency_id', 'in', [...f.agencyIds])] : [];
      all.push(eb.or(f.orNoAgency ? [...of, eb('agency_id', 'is', null)] : of));
    }
    if (f.actor !== undefined) all.push(eb('actor', '=', f.actor));
    if (f.action?.endsWith('.'))
      // substr, not LIKE: LIKE is case-insensitive on SQLite and would need '_' and '%' escaped.
      all.push(eb(sql<string>`substr(${eb.ref('action')}, 1, ${[...f.action].length})`, '=', f.action));
    else if (f.action !== undefined) all.push(eb('action', '=', f.action));
    if (f.subject !== undefined) all.push(eb('subject', '=', f.subject));
    // Whole timestamps compared with whole timestamps of the same shape, so that the text order is
    // the time order whatever the database's collation.
    if (f.from !== undefined) all.push(eb('at', '>=', `${requireLocalDate(f.from, 'from')}T00:00:00.000Z`));
    if (f.to !== undefined)
      all.push(eb('at', '<', `${addDays(requireLocalDate(f.to, 'to'), 1)}T00:00:00.000Z`));
    return eb.and(all);
  };
}

const hasFilters = (f: AuditFilters): boolean =>
  [f.agencyIds, f.actor, f.action, f.subject, f.from, f.to].some((v) => v !== undefined);

/**
 * Reads the whole log in id order, a batch at a time (memory stays flat however long it is), and
 * recomputes every entry's hash and its link to the one before. The first entry that fails is named.
 * What a chain alone cannot show: entries removed from the end, or the whole log rewritten from some
 * entry on with hashes recomputed; keep the last hash somewhere else to catch those.
 */
export async function verifyAuditChain(db: Executor): Promise<ChainVerdict> {
  let checked = 0;
  let expectedPrev = GENESIS_HASH;
  let afterId: number | undefined;
  for (;;) {
    let query = db.selectFrom('audit_log').selectAll();
    if (afterId !== undefined) query = query.where('id', '>', afterId);
    const rows = await query.orderBy('id').limit(VERIFY_BATCH).execute();
    for (const row of rows) {
      checked++;
      const id = Number(row.id);
      const content = storedContent(row);
      if (content === undefined || row.hash !== chainHash(row.prev_hash, content))
        return { whole: false, checked, firstBad: { id, problem: 'hash' } };
      if (row.prev_hash !== expectedPrev) return { whole: false, checked, firstBad: { id, problem: 'link' } };
      expectedPrev = row.hash;
      afterId = id;
    }
    if (rows.length < VERIFY_BATCH) return { whole: true, checked };
  }
}

export function auditLogRepository(db: Executor, clock: Clock): AuditLogRepository {
  return {
    append(entry) {
      return atomic(db, async (trx) => {
        await lockTransaction(trx, AUDIT_HEAD_LOCK);
        const head = await trx
          .selectFrom('audit_log')
          .select(['id', 'hash'])
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        // Through JSON and back: the detail is hashed as it will be read (undefined members gone,
        // dates as text), and stored in its canonical form.
        const detail = JSON.parse(JSON.stringify(entry.detail ?? {})) as unknown;
        const content: ChainedContent = {
          id: head ? Number(head.id) + 1 : 1,
          at: clock().toISOString(),
          userId: optionalId(entry.userId, 'userId'),
          actor: storableText(entry.actor),
          agencyId: optionalId(entry.agencyId, 'agencyId'),
          address: entry.address === undefined || entry.address === null ? null : storableText(entry.address),
          action: storableText(entry.action),
          subject: storableText(entry.subject),
          detail,
        };
        const prevHash = head?.hash ?? GENESIS_HASH;
        const row = await trx
          .insertInto('audit_log')
          .values({
            id: content.id,
            at: content.at,
            user_id: content.userId,
            actor: content.actor,
            agency_id: content.agencyId,
            address: content.address,
            action: content.action,
            subject: content.subject,
            detail: canonicalJson(detail),
            prev_hash: prevHash,
            hash: chainHash(prevHash, content),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toEntry(row);
      });
    },

    async list(options = {}) {
      if (options.agencyIds?.length === 0 && !options.orNoAgency) return [];
      let query = db.selectFrom('audit_log').selectAll();
      if (hasFilters(options)) query = query.where(matching(options));
      if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
      const rows = await query
        .orderBy('id')
        .limit(options.limit ?? 1000)
        .execute();
      return rows.map(toEntry);
    },

    async page(query = {}) {
      if (query.agencyIds?.length === 0 && !query.orNoAgency) return { entries: [], total: 0 };
      const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? PAGE_DEFAULT)), PAGE_MAX);
      let rows = db.selectFrom('audit_log').selectAll();
      let count = db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number | string>().as('n'));
      if (hasFilters(query)) {
        rows = rows.where(matching(query));
        count = count.where(matching(query));
      }
      if (query.beforeId !== undefined) rows = rows.where('id', '<', query.beforeId);
      const found = await rows
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(Math.max(0, Math.trunc(query.offset ?? 0)))
        .execute();
      const { n } = await count.executeTakeFirstOrThrow();
      return { entries: found.map(toEntry), total: Number(n) };
    },

    verify: () => verifyAuditChain(db),
  };
}
