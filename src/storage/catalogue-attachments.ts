/**
 * @module The files of the catalogue's items (migration 0014): each kept once, append-only, under the
 * id the item's log names it by (the Attached event), with the text the search indexes. Which of them
 * an item shows is the log's business, not this table's.
 */
import type { AttachmentType } from '../domain/catalogue/attachment.js';
import type { Clock } from './query-util.js';
import type { Executor } from './schema.js';

export interface NewAttachment {
  readonly id: string;
  readonly itemId: string;
  readonly agencyId: number;
  readonly name: string;
  readonly type: AttachmentType;
  readonly sha256: string;
  readonly content: Uint8Array;
  readonly text: string;
  readonly actor: string;
}

export interface StoredAttachment {
  readonly id: string;
  readonly itemId: string;
  readonly agencyId: number;
  readonly name: string;
  readonly type: AttachmentType;
  readonly size: number;
  readonly sha256: string;
  readonly content: Uint8Array;
}

export interface CatalogueAttachmentRepository {
  add(attachment: NewAttachment): Promise<void>;
  /** The file with its bytes, if it belongs to the item. */
  get(itemId: string, id: string): Promise<StoredAttachment | undefined>;
  /** The texts of these files of the item, in the order asked (a file with no text gives ''). */
  texts(itemId: string, ids: readonly string[]): Promise<string[]>;
}

export function catalogueAttachmentRepository(db: Executor, clock: Clock): CatalogueAttachmentRepository {
  return {
    async add(a) {
      await db
        .insertInto('catalogue_attachments')
        .values({
          id: a.id,
          item_id: a.itemId,
          agency_id: a.agencyId,
          name: a.name,
          type: a.type,
          size: a.content.length,
          sha256: a.sha256,
          // Both drivers take a Buffer for a blob/bytea parameter.
          content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
          text: a.text,
          actor: a.actor,
          recorded_at: clock().toISOString(),
        })
        .execute();
    },

    async get(itemId, id) {
      const row = await db
        .selectFrom('catalogue_attachments')
        .select(['id', 'item_id', 'agency_id', 'name', 'type', 'size', 'sha256', 'content'])
        .where('item_id', '=', itemId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const content = row.content as Uint8Array;
      return {
        id: row.id,
        itemId: row.item_id,
        agencyId: Number(row.agency_id),
        name: row.name,
        type: row.type as AttachmentType,
        size: Number(row.size),
        sha256: row.sha256,
        content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength),
      };
    },

    async texts(itemId, ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('catalogue_attachments')
        .select(['id', 'text'])
        .where('item_id', '=', itemId)
        .where('id', 'in', [...ids])
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r.text]));
      return ids.map((id) => byId.get(id) ?? '');
    },
  };
}
