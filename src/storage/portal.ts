/**
 * @module The portal's records: the versions of each agency's 政府信息公开指南 and 政府信息公开制度
 * (append-only, one table each, kept the same way: a new version is the next number, two at once cannot
 * take the same one — the primary key refuses the second), and the site's page views per day, added to
 * in batches by the server.
 */
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { DisclosureGuide } from '../domain/portal/guide.js';
import type { DisclosureRules } from '../domain/portal/rules.js';
import { atomic, type Clock } from './query-util.js';
import type { Executor, PortalGuidesTable } from './schema.js';

/** Who published a version of an agency's page, and when. */
export interface VersionOf {
  readonly agencyId: number;
  readonly version: number;
  readonly publishedOn: LocalDate;
  readonly actor: string;
  readonly recordedAt: string;
}

export interface StoredGuide extends VersionOf {
  readonly guide: DisclosureGuide;
}

export interface StoredRules extends VersionOf {
  readonly rules: DisclosureRules;
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
  /** Keeps a new version of the agency's 政府信息公开制度, numbered after the latest; its number. */
  publishRules(
    agencyId: number,
    rules: DisclosureRules,
    publishedOn: LocalDate,
    actor: string,
  ): Promise<number>;
  /** Every version of the agency's 制度, oldest first. */
  rulesVersions(agencyId: number): Promise<StoredRules[]>;
  /** Adds page views to their days. */
  addVisits(counts: ReadonlyMap<string, number>): Promise<void>;
  /** All page views counted so far. */
  visitTotal(): Promise<number>;
}

/** The tables that keep an agency's page as versions, each with its JSON column. */
const VERSIONED = { portal_guides: 'guide', portal_rules: 'rules' } as const;
type VersionedTable = keyof typeof VERSIONED;

/** The three things a versioned page's table is asked: publish, the latest, all (the same for each). */
function versionedPage<T>(db: Executor, clock: Clock, table: VersionedTable) {
  const column = VERSIONED[table];
  // Both tables have PortalGuidesTable's shape, the JSON column's name aside: the queries are typed
  // against that one (`as 'portal_guides'`), and the JSON column is named by the table's entry.
  type Row = Omit<PortalGuidesTable, 'guide'> & Record<string, unknown>;
  const toStored = (row: Row): VersionOf & { readonly content: T } => ({
    agencyId: Number(row.agency_id),
    version: Number(row.version),
    content: JSON.parse(String(row[column])) as T,
    publishedOn: row.published_on as LocalDate,
    actor: row.actor,
    recordedAt: row.recorded_at,
  });
  return {
    publish: (agencyId: number, content: T, publishedOn: LocalDate, actor: string) =>
      atomic(db, async (trx) => {
        const latest = await trx
          .selectFrom(table as 'portal_guides')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('agency_id', '=', agencyId)
          .executeTakeFirst();
        const version = Number(latest?.v ?? 0) + 1;
        await trx
          .insertInto(table as 'portal_guides')
          .values({
            agency_id: agencyId,
            version,
            [column as 'guide']: JSON.stringify(content),
            published_on: publishedOn,
            actor,
            recorded_at: clock().toISOString(),
          })
          .execute();
        return version;
      }),
    async latest(agencyId: number) {
      const row = await db
        .selectFrom(table as 'portal_guides')
        .selectAll()
        .where('agency_id', '=', agencyId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toStored(row as Row);
    },
    async all(agencyId: number) {
      const found = await db
        .selectFrom(table as 'portal_guides')
        .selectAll()
        .where('agency_id', '=', agencyId)
        .orderBy('version')
        .execute();
      return found.map((row) => toStored(row as Row));
    },
  };
}

export function portalRepository(db: Executor, clock: Clock): PortalRepository {
  const guides = versionedPage<DisclosureGuide>(db, clock, 'portal_guides');
  const rules = versionedPage<DisclosureRules>(db, clock, 'portal_rules');
  const asGuide = ({ content, ...of }: VersionOf & { content: DisclosureGuide }): StoredGuide => ({
    ...of,
    guide: content,
  });
  const asRules = ({ content, ...of }: VersionOf & { content: DisclosureRules }): StoredRules => ({
    ...of,
    rules: content,
  });
  return {
    publishGuide: guides.publish,
    guide: async (agencyId) => {
      const latest = await guides.latest(agencyId);
      return latest && asGuide(latest);
    },
    guideVersions: async (agencyId) => (await guides.all(agencyId)).map(asGuide),
    publishRules: rules.publish,
    rulesVersions: async (agencyId) => (await rules.all(agencyId)).map(asRules),

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
