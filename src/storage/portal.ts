/**
 * @module The portal's records: the versions of each agency's 政府信息公开指南 (append-only; a new
 * version is the next number, two at once cannot take the same one — the primary key refuses the
 * second), and the site's page views per day, added to in batches by the server.
 */
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { DisclosureGuide } from '../domain/portal/guide.js';
import { atomic, type Clock } from './query-util.js';
import type { Executor } from './schema.js';

export interface StoredGuide {
  readonly agencyId: number;
  readonly version: number;
  readonly guide: DisclosureGuide;
  readonly publishedOn: LocalDate;
  readonly actor: string;
  readonly recordedAt: string;
}

export interface PortalRepository {
  /** Keeps a new version of the agency's guide, numbered after the latest; its number. */
  publishGuide(
    agencyId: number,
    guide: DisclosureGuide,
    publishedOn: LocalDate,
    actor: string,
  ): Promise<number>;
  /** The latest version (undefined: never published). */
  guide(agencyId: number): Promise<StoredGuide | undefined>;
  /** Every version, oldest first. */
  guideVersions(agencyId: number): Promise<StoredGuide[]>;
  /** Adds page views to their days. */
  addVisits(counts: ReadonlyMap<string, number>): Promise<void>;
  /** All page views counted so far. */
  visitTotal(): Promise<number>;
}

export function portalRepository(db: Executor, clock: Clock): PortalRepository {
  const toGuide = (row: {
    agency_id: number;
    version: number;
    guide: string;
    published_on: string;
    actor: string;
    recorded_at: string;
  }): StoredGuide => ({
    agencyId: Number(row.agency_id),
    version: Number(row.version),
    guide: JSON.parse(row.guide) as DisclosureGuide,
    publishedOn: row.published_on as LocalDate,
    actor: row.actor,
    recordedAt: row.recorded_at,
  });
  return {
    publishGuide: (agencyId, guide, publishedOn, actor) =>
      atomic(db, async (trx) => {
        const latest = await trx
          .selectFrom('portal_guides')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('agency_id', '=', agencyId)
          .executeTakeFirst();
        const version = Number(latest?.v ?? 0) + 1;
        await trx
          .insertInto('portal_guides')
          .values({
            agency_id: agencyId,
            version,
            guide: JSON.stringify(guide),
            published_on: publishedOn,
            actor,
            recorded_at: clock().toISOString(),
          })
          .execute();
        return version;
      }),

    async guide(agencyId) {
      const row = await db
        .selectFrom('portal_guides')
        .selectAll()
        .where('agency_id', '=', agencyId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toGuide(row);
    },

    async guideVersions(agencyId) {
      const rows = await db
        .selectFrom('portal_guides')
        .selectAll()
        .where('agency_id', '=', agencyId)
        .orderBy('version')
        .execute();
      return rows.map(toGuide);
    },

    addVisits: (counts) =>
      atomic(db, async (trx) => {
        for (const [day, count] of counts)
          await trx
            .insertInto('visit_counts')
            .values({ day, count })
            .onConflict((oc) =>
              oc.column('day').doUpdateSet((eb) => ({ count: eb('visit_counts.count', '+', count) })),
            )
            .execute();
      }),

    async visitTotal() {
      const row = await db
        .selectFrom('visit_counts')
        .select((eb) => eb.fn.sum<number>('count').as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
