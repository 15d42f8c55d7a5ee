/**
 * @module Migration 0014: 附件 of the 政府信息公开目录 (issue 11). catalogue_attachments holds each file
 * an item was given — its bytes, the type its content was judged to be, its SHA-256 and the text taken
 * out of it for the search — append-only: taking a file off an item is an event in the item's log
 * (Detached), and the bytes stay, as the log names them.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function catalogueAttachmentsMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('catalogue_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'text', (c) => c.notNull().references('catalogue_items.id'))
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content', dialect.name === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'catalogue_attachments_type',
          sql`type in ('pdf', 'docx', 'xlsx', 'png', 'jpeg', 'gif')`,
        )
        .addCheckConstraint('catalogue_attachments_size', sql`size > 0`)
        .execute();
      await db.schema
        .createIndex('catalogue_attachments_by_item')
        .on('catalogue_attachments')
        .column('item_id')
        .execute();
      await dialect.appendOnlyTrigger(db, 'catalogue_attachments');
    },
  };
}
