/**
 * @module The 政府信息公开目录's items: each an append-only event log (catalogue_item_events) with a row
 * caching what the log says (catalogue_items), written together; the 索引号 serial counters, incremented
 * in the publishing transaction (so two publications never draw one serial, on either dialect: the
 * upsert takes the counter row's lock on PostgreSQL, the write lock on SQLite); the register of every
 * number issued; each agency's changes to its column tree (catalogue_column_events, migration 0016),
 * append-only. The domain (domain/catalogue) decides what an event may be; this module keeps it.
 */
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type {
  DisclosureMode,
  ItemEvent,
  ItemKind,
  ItemStatus,
  Validity,
} from '../domain/catalogue/catalogue-item.js';
import type { ColumnEvent } from '../domain/catalogue/columns.js';
import { atomic, type Clock, chunks } from './query-util.js';
import type { CatalogueItemsTable, Database, Executor } from './schema.js';

type WhereQuery = SelectQueryBuilder<Database, 'catalogue_items', object>;

/** What the item's row caches of its log (the ledger computes it with the domain's itemStateOf). */
export interface ItemSummary {
  readonly status: ItemStatus;
  readonly kind: ItemKind;
  readonly title: string;
  readonly writtenOn: LocalDate;
  readonly publishedOn: LocalDate | null;
  readonly repealedOn: LocalDate | null;
  readonly validity: Validity;
  readonly indexNumber: string | null;
  /** 栏目 (a column id of the agency's tree) */
  readonly column: string;
  /** 主题分类 */
  readonly topic: string;
  /** 公开方式 */
  readonly disclosure: DisclosureMode;
}

/** What the portal's browsing narrows the agencies' items to (page, counts). */
export interface ItemFilter {
  readonly status?: ItemStatus;
  /** Items in any of these columns. */
  readonly columns?: readonly string[];
  readonly topic?: string;
  /** Items of these 公开方式 only. */
  readonly disclosures?: readonly DisclosureMode[];
}

export interface StoredColumnEvent {
  readonly seq: number;
  readonly event: ColumnEvent;
  readonly recordedAt: string;
}

/** Another change to the agency's tree came first (its log is longer than the writer read). */
export class ColumnSeqConflictError extends Error {
  constructor(
    readonly agencyId: number,
    readonly expectedSeq: number,
  ) {
    super(`column tree of agency ${agencyId}: expected last seq ${expectedSeq}, another change came first`);
    this.name = 'ColumnSeqConflictError';
  }
}

export interface StoredItem extends ItemSummary {
  readonly id: string;
  readonly agencyId: number;
  readonly createdAt: string;
  readonly lastSeq: number;
}

export interface StoredItemEvent {
  readonly seq: number;
  readonly event: ItemEvent;
  readonly recordedAt: string;
}

/** An agency's 索引号 settings: its code ({org}) and its pattern (null: the default). */
export interface IndexSettings {
  readonly code: string | null;
  readonly pattern: string | null;
}

/** Another write reached the item first (its log is longer than the writer read). */
export class ItemSeqConflictError extends Error {
  constructor(
    readonly itemId: string,
    readonly expectedSeq: number,
  ) {
    super(`catalogue item ${itemId}: expected last seq ${expectedSeq}, another event came first`);
    this.name = 'ItemSeqConflictError';
  }
}

export interface CatalogueRepository {
  /** Records a new item with its first event (Drafted) as seq 1. */
  add(item: {
    readonly id: string;
    readonly agencyId: number;
    readonly event: ItemEvent;
    readonly summary: ItemSummary;
  }): Promise<StoredItem>;
  get(id: string): Promise<StoredItem | undefined>;
  /** The items of these ids that exist, by id, in one query (an unknown id is simply absent). */
  getMany(ids: readonly string[]): Promise<Map<string, StoredItem>>;
  /** The log, in order. */
  events(id: string): Promise<StoredItemEvent[]>;
  /**
   * Appends an event after `expectedSeq` and rewrites the cache; ItemSeqConflictError when the log has
   * moved on. A 索引号 once in the cache is never replaced (the update would match no row).
   */
  append(id: string, expectedSeq: number, event: ItemEvent, summary: ItemSummary): Promise<StoredItem>;
  /** The next serial in the agency's scope: one more than the highest ever drawn there (1 at first). */
  nextSerial(agencyId: number, scope: string): Promise<number>;
  /** Whether the number was ever issued in the agency. */
  indexNumberTaken(agencyId: number, indexNumber: string): Promise<boolean>;
  /** Keeps a number issued to an item for ever; a number issued before in the agency throws. */
  recordIndexNumber(agencyId: number, indexNumber: string, itemId: string): Promise<void>;
  /** The agencies' items, newest 成文日期 first (then id); `status` narrows them. */
  list(agencyIds: readonly number[], filter?: { readonly status?: ItemStatus }): Promise<StoredItem[]>;
  /**
   * One page of the agencies' items in list's order, and how many there are: sorted and cut by the
   * database, so a page costs the page, not the catalogue.
   */
  page(
    agencyIds: readonly number[],
    filter: ItemFilter & { readonly limit: number; readonly offset: number },
  ): Promise<{ readonly items: StoredItem[]; readonly total: number }>;
  /** How many of the agencies' items (as filtered) each column holds; columns holding none absent. */
  columnCounts(agencyIds: readonly number[], filter: ItemFilter): Promise<Map<string, number>>;
  /** How many of the agencies' items (as filtered) have each 主题分类, the most first (then by name). */
  topicCounts(
    agencyIds: readonly number[],
    filter: ItemFilter,
  ): Promise<{ readonly topic: string; readonly count: number }[]>;
  /** The agency's changes to its column tree, in order. */
  columnEvents(agencyId: number): Promise<StoredColumnEvent[]>;
  /** The changes of each of the agencies that made any, in order. */
  columnEventsOf(agencyIds: readonly number[]): Promise<Map<number, ColumnEvent[]>>;
  /** Appends a change after `expectedSeq`; ColumnSeqConflictError when another came first. */
  appendColumnEvent(agencyId: number, expectedSeq: number, event: ColumnEvent): Promise<void>;
  /** The logs of the agencies' items of a 体裁 other than `other`, by item id (for section 二). */
  documentLogs(agencyIds: readonly number[]): Promise<Map<string, ItemEvent[]>>;
  indexSettings(agencyId: number): Promise<IndexSettings | undefined>;
  /** Sets the agency's pattern (null: back to the default); false when there is no such agency. */
  setIndexPattern(agencyId: number, pattern: string | null): Promise<boolean>;
}

function toItem(row: Selectable<CatalogueItemsTable>): StoredItem {
  return {
    id: row.id,
    agencyId: Number(row.agency_id),
    createdAt: row.created_at,
    lastSeq: Number(row.last_seq),
    status: row.status as ItemStatus,
    kind: row.kind as ItemKind,
    title: row.title,
    writtenOn: row.written_on as LocalDate,
    publishedOn: row.published_on as LocalDate | null,
    repealedOn: row.repealed_on as LocalDate | null,
    validity: row.validity as Validity,
    indexNumber: row.index_number,
    column: row.column_id,
    topic: row.topic,
    disclosure: row.disclosure as DisclosureMode,
  };
}

const columnsOf = (s: ItemSummary) => ({
  status: s.status,
  kind: s.kind,
  title: s.title,
  written_on: s.writtenOn,
  published_on: s.publishedOn,
  repealed_on: s.repealedOn,
  validity: s.validity,
  index_number: s.indexNumber,
  column_id: s.column,
  topic: s.topic,
  disclosure: s.disclosure,
});

/** The filter as where-clauses on catalogue_items (agency ids aside); an empty list matches nothing. */
function filtered<Q extends WhereQuery>(q: Q, filter: ItemFilter): Q {
  let out = q;
  const none = sql<boolean>`1 = 0`;
  if (filter.status) out = out.where('status', '=', filter.status) as Q;
  if (filter.columns)
    out = (filter.columns.length ? out.where('column_id', 'in', filter.columns) : out.where(none)) as Q;
  if (filter.topic !== undefined) out = out.where('topic', '=', filter.topic) as Q;
  if (filter.disclosures)
    out = (
      filter.disclosures.length ? out.where('disclosure', 'in', filter.disclosures) : out.where(none)
    ) as Q;
  return out;
}

export function catalogueRepository(db: Executor, clock: Clock): CatalogueRepository {
  const insertEvent = (trx: Executor, itemId: string, seq: number, event: ItemEvent) =>
    trx
      .insertInto('catalogue_item_events')
      .values({
        item_id: itemId,
        seq,
        type: event.kind,
        at: event.on,
        actor: event.by,
        payload: JSON.stringify(event),
        recorded_at: clock().toISOString(),
      })
      .execute();

  return {
    add: (item) =>
      atomic(db, async (trx) => {
        const row = await trx
          .insertInto('catalogue_items')
          .values({
            id: item.id,
            agency_id: item.agencyId,
            created_at: clock().toISOString(),
            last_seq: 1,
            ...columnsOf(item.summary),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await insertEvent(trx, item.id, 1, item.event);
        return toItem(row);
      }),

    async get(id) {
      const row = await db.selectFrom('catalogue_items').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toItem(row);
    },

    async getMany(ids) {
      const wanted = [...new Set(ids)];
      if (wanted.length === 0) return new Map();
      const rows = await db.selectFrom('catalogue_items').selectAll().where('id', 'in', wanted).execute();
      return new Map(rows.map((row) => [row.id, toItem(row)]));
    },

    async events(id) {
      const rows = await db
        .selectFrom('catalogue_item_events')
        .select(['seq', 'payload', 'recorded_at'])
        .where('item_id', '=', id)
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        event: JSON.parse(r.payload) as ItemEvent,
        recordedAt: r.recorded_at,
      }));
    },

    append: (id, expectedSeq, event, summary) =>
      atomic(db, async (trx) => {
        const row = await trx
          .updateTable('catalogue_items')
          .set({ last_seq: expectedSeq + 1, ...columnsOf(summary) })
          .where('id', '=', id)
          .where('last_seq', '=', expectedSeq)
          .where((eb) =>
            summary.indexNumber === null
              ? eb('index_number', 'is', null)
              : eb.or([eb('index_number', 'is', null), eb('index_number', '=', summary.indexNumber)]),
          )
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new ItemSeqConflictError(id, expectedSeq);
        await insertEvent(trx, id, expectedSeq + 1, event);
        return toItem(row);
      }),

    async nextSerial(agencyId, scope) {
      const row = await db
        .insertInto('catalogue_serials')
        // PostgreSQL text holds no NUL, serialScope's separator; the parts themselves hold no '|'
        // (formatIndexNumber allows letters, digits and - _ . only).
        .values({ agency_id: agencyId, scope: scope.replaceAll('\u0000', '|'), last_serial: 1 })
        .onConflict((oc) =>
          oc.columns(['agency_id', 'scope']).doUpdateSet((eb) => ({
            last_serial: eb('catalogue_serials.last_serial', '+', 1),
          })),
        )
        .returning('last_serial')
        .executeTakeFirstOrThrow();
      return Number(row.last_serial);
    },

    async indexNumberTaken(agencyId, indexNumber) {
      const row = await db
        .selectFrom('catalogue_index_numbers')
        .select('item_id')
        .where('agency_id', '=', agencyId)
        .where('index_number', '=', indexNumber)
        .executeTakeFirst();
      return row !== undefined;
    },

    async recordIndexNumber(agencyId, indexNumber, itemId) {
      await db
        .insertInto('catalogue_index_numbers')
        .values({
          agency_id: agencyId,
          index_number: indexNumber,
          item_id: itemId,
          issued_at: clock().toISOString(),
        })
        .execute();
    },

    async list(agencyIds, filter = {}) {
      const out: StoredItem[] = [];
      for (const ids of chunks([...new Set(agencyIds)])) {
        let q = db.selectFrom('catalogue_items').selectAll().where('agency_id', 'in', ids);
        if (filter.status) q = q.where('status', '=', filter.status);
        out.push(...(await q.execute()).map(toItem));
      }
      return out.sort((a, b) =>
        a.writtenOn !== b.writtenOn ? (a.writtenOn < b.writtenOn ? 1 : -1) : a.id < b.id ? -1 : 1,
      );
    },

    async page(agencyIds, filter) {
      const ids = [...new Set(agencyIds)];
      if (ids.length === 0) return { items: [], total: 0 };
      if (ids.length > 5000) {
        // Beyond one bound list: the agencies in slices, sorted here.
        const all = (await this.list(ids, filter.status ? { status: filter.status } : {})).filter(
          (i) =>
            (!filter.columns || filter.columns.includes(i.column)) &&
            (filter.topic === undefined || i.topic === filter.topic) &&
            (!filter.disclosures || filter.disclosures.includes(i.disclosure)),
        );
        return { items: all.slice(filter.offset, filter.offset + filter.limit), total: all.length };
      }
      const q = filtered(db.selectFrom('catalogue_items').where('agency_id', 'in', ids), filter);
      const counted = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy('written_on', 'desc')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      return { items: rows.map(toItem), total: Number(counted.n) };
    },

    async columnCounts(agencyIds, filter) {
      const counts = new Map<string, number>();
      for (const ids of chunks([...new Set(agencyIds)])) {
        const rows = await filtered(db.selectFrom('catalogue_items').where('agency_id', 'in', ids), filter)
          .select(['column_id', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('column_id')
          .execute();
        for (const r of rows) counts.set(r.column_id, (counts.get(r.column_id) ?? 0) + Number(r.n));
      }
      return counts;
    },

    async topicCounts(agencyIds, filter) {
      const counts = new Map<string, number>();
      for (const ids of chunks([...new Set(agencyIds)])) {
        const rows = await filtered(db.selectFrom('catalogue_items').where('agency_id', 'in', ids), filter)
          .select(['topic', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('topic')
          .execute();
        for (const r of rows) counts.set(r.topic, (counts.get(r.topic) ?? 0) + Number(r.n));
      }
      return [...counts]
        .map(([topic, count]) => ({ topic, count }))
        .sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    },

    async columnEvents(agencyId) {
      const rows = await db
        .selectFrom('catalogue_column_events')
        .select(['seq', 'payload', 'recorded_at'])
        .where('agency_id', '=', agencyId)
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        event: JSON.parse(r.payload) as ColumnEvent,
        recordedAt: r.recorded_at,
      }));
    },

    async columnEventsOf(agencyIds) {
      const logs = new Map<number, ColumnEvent[]>();
      for (const ids of chunks([...new Set(agencyIds)])) {
        const rows = await db
          .selectFrom('catalogue_column_events')
          .select(['agency_id', 'payload'])
          .where('agency_id', 'in', ids)
          .orderBy('agency_id')
          .orderBy('seq')
          .execute();
        for (const r of rows) {
          const id = Number(r.agency_id);
          const log = logs.get(id) ?? [];
          log.push(JSON.parse(r.payload) as ColumnEvent);
          logs.set(id, log);
        }
      }
      return logs;
    },

    async appendColumnEvent(agencyId, expectedSeq, event) {
      // The (agency, seq) key decides a race: the second writer of a seq inserts nothing.
      const result = await db
        .insertInto('catalogue_column_events')
        .values({
          agency_id: agencyId,
          seq: expectedSeq + 1,
          type: event.kind,
          column_id: event.id,
          actor: event.by,
          payload: JSON.stringify(event),
          recorded_at: clock().toISOString(),
        })
        .onConflict((oc) => oc.columns(['agency_id', 'seq']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0)
        throw new ColumnSeqConflictError(agencyId, expectedSeq);
    },

    async documentLogs(agencyIds) {
      const logs = new Map<string, ItemEvent[]>();
      for (const ids of chunks([...new Set(agencyIds)])) {
        const rows = await db
          .selectFrom('catalogue_item_events as e')
          .innerJoin('catalogue_items as i', 'i.id', 'e.item_id')
          .select(['e.item_id', 'e.payload'])
          .where('i.agency_id', 'in', ids)
          .where('i.kind', '<>', 'other')
          .orderBy('e.item_id')
          .orderBy('e.seq')
          .execute();
        for (const r of rows) {
          const log = logs.get(r.item_id) ?? [];
          log.push(JSON.parse(r.payload) as ItemEvent);
          logs.set(r.item_id, log);
        }
      }
      return logs;
    },

    async indexSettings(agencyId) {
      const row = await db
        .selectFrom('agencies')
        .select(['code', 'index_pattern'])
        .where('id', '=', agencyId)
        .executeTakeFirst();
      return row && { code: row.code, pattern: row.index_pattern };
    },

    async setIndexPattern(agencyId, pattern) {
      const result = await db
        .updateTable('agencies')
        .set({ index_pattern: pattern })
        .where('id', '=', agencyId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
