/**
 * @module The register importer's headers added by an administrator (表头同义词): each normalized header
 * names one column, for every agency (offices of one platform share their registers' habits).
 */
import type { Clock } from './query-util.js';
import type { Executor } from './schema.js';

export interface AddedHeader {
  /** As compared: half-width, no blanks. */
  readonly header: string;
  /** The register column it names (receivedOn, applicantName … serial). */
  readonly columnKey: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

export interface RegisterHeaderRepository {
  /** Adds the header; false when it is there already (for whichever column: it is not moved). */
  add(header: string, columnKey: string, by: string): Promise<boolean>;
  /** Removes the header; false when it was not there. */
  remove(header: string): Promise<boolean>;
  /** Every added header, by column then header. */
  list(): Promise<AddedHeader[]>;
}

export function registerHeaderRepository(db: Executor, clock: Clock): RegisterHeaderRepository {
  return {
    async add(header, columnKey, by) {
      const inserted = await db
        .insertInto('register_headers')
        .values({ header, column_key: columnKey, added_by: by, added_at: clock().toISOString() })
        .onConflict((oc) => oc.column('header').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(header) {
      const deleted = await db.deleteFrom('register_headers').where('header', '=', header).executeTakeFirst();
      return Number(deleted.numDeletedRows ?? 0) > 0;
    },
    async list() {
      const rows = await db
        .selectFrom('register_headers')
        .selectAll()
        .orderBy('column_key')
        .orderBy('header')
        .execute();
      return rows.map((r) => ({
        header: r.header,
        columnKey: r.column_key,
        addedBy: r.added_by,
        addedAt: r.added_at,
      }));
    },
  };
}
