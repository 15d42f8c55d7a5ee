/**
 * @module Migration 0016: the catalogue's column tree and the metadata it lacked (issue 11). Each item's
 * row caches three more things its log says: its 栏目 (column_id), its 主题分类 (topic, for browsing by
 * it in SQL) and its 公开方式 (disclosure). The logs of before hold no column and no 公开方式: their
 * items get the default the domain reads them with (domain/catalogue/catalogue-item.ts, defaultColumnOf
 * and withDefaults; the copy here is frozen, a test compares the two) — a 规章 or 规范性文件 under 条例
 * 第二十条第（一）项 (fdzdgknr-01), anything else in 法定主动公开内容 itself (fdzdgknr); all 主动公开,
 * which is what the portal showed them as. Their topic is read from their Drafted and Corrected events.
 * catalogue_column_events: each agency's changes to its tree (columns added, renamed, retired,
 * reinstated, removed), append-only; the standard tree itself is data in the code, not rows.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

/** Frozen: where an item of each 体裁 went before it could say (defaultColumnOf as of this migration). */
export const DEFAULT_COLUMNS_0016: Readonly<Record<string, string>> = {
  规范性文件: 'fdzdgknr-01',
  规章: 'fdzdgknr-01',
  other: 'fdzdgknr',
};

/** Rows read at a time while filling topic from the logs. */
const BATCH = 2000;

interface EventRow {
  id: number;
  item_id: string;
  type: string;
  payload: string;
}

/** Each item's 主题分类 as its log left it: the Drafted one, or the last correction of it. */
async function fillTopics(db: Kysely<unknown>): Promise<void> {
  const events = db as unknown as Kysely<{ catalogue_item_events: EventRow }>;
  const topics = new Map<string, string>();
  let after = 0;
  for (;;) {
    const rows = await events
      .selectFrom('catalogue_item_events')
      .select(['id', 'item_id', 'type', 'payload'])
      .where('id', '>', after)
      .where('type', 'in', ['Drafted', 'Corrected'])
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const event = JSON.parse(row.payload) as {
        particulars?: { topic?: unknown };
        changes?: { topic?: unknown };
      };
      // Events of one item are appended in order, so id order is seq order within an item.
      const topic = row.type === 'Drafted' ? event.particulars?.topic : event.changes?.topic;
      if (typeof topic === 'string') topics.set(row.item_id, topic.trim());
    }
    after = Number(rows.at(-1)!.id);
  }
  for (const [id, topic] of topics)
    await sql`update catalogue_items set topic = ${topic} where id = ${id}`.execute(db);
}

export function catalogueColumnsMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('catalogue_items')
        .addColumn('column_id', 'text', (c) => c.notNull().defaultTo('fdzdgknr'))
        .execute();
      for (const [kind, column] of Object.entries(DEFAULT_COLUMNS_0016))
        await sql`update catalogue_items set column_id = ${column} where kind = ${kind}`.execute(db);
      await db.schema
        .alterTable('catalogue_items')
        .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await fillTopics(db);
      await db.schema
        .alterTable('catalogue_items')
        .addColumn('disclosure', 'text', (c) =>
          c.notNull().defaultTo('主动公开').check(sql`disclosure in ('主动公开', '依申请公开', '不予公开')`),
        )
        .execute();
      // The portal's browsing: an agency's published items of a column (or of a topic), newest first.
      await db.schema
        .createIndex('catalogue_items_by_column')
        .on('catalogue_items')
        .columns(['agency_id', 'status', 'column_id', 'written_on'])
        .execute();
      await db.schema
        .createIndex('catalogue_items_by_topic')
        .on('catalogue_items')
        .columns(['agency_id', 'status', 'topic', 'written_on'])
        .execute();

      await db.schema
        .createTable('catalogue_column_events')
        .addColumn('id', 'integer', (c) => dialect.autoIdColumn(c))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('column_id', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('catalogue_column_events_agency_seq', ['agency_id', 'seq'])
        .addCheckConstraint('catalogue_column_events_seq_positive', sql`seq > 0`)
        .execute();
      await dialect.appendOnlyTrigger(db, 'catalogue_column_events');
    },
  };
}
