/**
 * @module Migration 0006: two partial indexes for the inbox (待办), measured by `npm run bench:web`
 * (docs/performance.md). The staleness check before every inbox page used to read the row of every open
 * request to find none stale: it now reads the few rows that can be stale (never scheduled, or a pause
 * running). The page itself is read in its order — due date, none last, then receipt — from an index of
 * the open requests, instead of sorting them all.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

/** The inbox's sort key: the due date, with no due date (awaiting correction) after every date. */
export const INBOX_DUE_ORDER = "coalesce(due_on, '9999-12-31')";

export function inboxIndexes(_dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`create index disclosure_requests_maybe_stale on disclosure_requests (agency_id, schedule_on)
        where closed_on is null and (schedule_on is null or due_provisional = 1)`.execute(db);
      await sql`create index disclosure_requests_inbox_order on disclosure_requests
        (agency_id, (${sql.raw(INBOX_DUE_ORDER)}), received_on, id) where closed_on is null`.execute(db);
    },
  };
}
