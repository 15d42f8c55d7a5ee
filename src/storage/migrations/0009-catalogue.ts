/**
 * @module Migration 0009: the 政府信息公开目录 (issue 11). Items (catalogue_items: the agency, and a cache
 * of what the item's log says — status, 体裁, 名称, dates, 有效性, 索引号), their append-only event log
 * (catalogue_item_events), and the serial counters the 索引号 are numbered from (catalogue_serials: the
 * highest serial ever issued per agency and scope, so no number is issued twice, even after a
 * withdrawal), and every number issued (catalogue_index_numbers, append-only). A 索引号 is unique in its
 * agency (an index on each); each agency may have its own pattern
 * (agencies.index_pattern; null: the 实施指引's {org}/{year}-{serial:5}), and {org} is agencies.code.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function catalogueMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('agencies').addColumn('index_pattern', 'text').execute();

      await db.schema
        .createTable('catalogue_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        // The cache of the log, rewritten with each event in its transaction.
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('written_on', 'text', (c) => c.notNull())
        .addColumn('published_on', 'text')
        .addColumn('repealed_on', 'text')
        .addColumn('validity', 'text', (c) => c.notNull())
        .addColumn('index_number', 'text')
        .addCheckConstraint(
          'catalogue_items_status',
          sql`status in ('draft', 'submitted', 'published', 'withdrawn')`,
        )
        .addCheckConstraint('catalogue_items_kind', sql`kind in ('规范性文件', '规章', 'other')`)
        .addCheckConstraint('catalogue_items_validity', sql`validity in ('有效', '已修改', '已废止')`)
        .addCheckConstraint(
          'catalogue_items_published_numbered',
          sql`(status in ('draft', 'submitted')) = (index_number is null)`,
        )
        .execute();
      // Both dialects let many rows hold null here (drafts); a number is unique in its agency.
      await db.schema
        .createIndex('catalogue_items_index_number')
        .on('catalogue_items')
        .columns(['agency_id', 'index_number'])
        .unique()
        .execute();
      await db.schema
        .createIndex('catalogue_items_by_agency')
        .on('catalogue_items')
        .columns(['agency_id', 'status', 'written_on'])
        .execute();

      await db.schema
        .createTable('catalogue_item_events')
        .addColumn('id', 'integer', (c) => dialect.autoIdColumn(c))
        .addColumn('item_id', 'text', (c) => c.notNull().references('catalogue_items.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('catalogue_item_events_item_seq', ['item_id', 'seq'])
        .addCheckConstraint('catalogue_item_events_seq_positive', sql`seq > 0`)
        .execute();
      await dialect.appendOnlyTrigger(db, 'catalogue_item_events');

      await db.schema
        .createTable('catalogue_serials')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('last_serial', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalogue_serials_pk', ['agency_id', 'scope'])
        .addCheckConstraint('catalogue_serials_positive', sql`last_serial > 0`)
        .execute();

      // Every 索引号 ever issued, append-only: a number stays its item's, whatever becomes of the item.
      await db.schema
        .createTable('catalogue_index_numbers')
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('index_number', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull().unique().references('catalogue_items.id'))
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalogue_index_numbers_pk', ['agency_id', 'index_number'])
        .execute();
      await dialect.appendOnlyTrigger(db, 'catalogue_index_numbers');
    },
  };
}
