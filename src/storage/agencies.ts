/**
 * @module Agencies (行政机关) as a hierarchy: 省 › 市 › 区县 › 乡镇/街道, with 部门 under any level.
 * A report covers an agency and everything under it, found with one recursive query.
 */
import type { Selectable } from 'kysely';
import type { Clock } from './query-util.js';
import type { AgenciesTable, Executor } from './schema.js';

export interface Agency {
  readonly id: number;
  readonly name: string;
  readonly code: string | null;
  readonly parentId: number | null;
  readonly kind: string;
  readonly createdAt: string;
}

export interface NewAgency {
  readonly name: string;
  readonly kind: string;
  readonly code?: string | null;
  readonly parentId?: number | null;
}

function toAgency(row: Selectable<AgenciesTable>): Agency {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    parentId: row.parent_id,
    kind: row.kind,
    createdAt: row.created_at,
  };
}

export interface AgencyRepository {
  /** Adds an agency; its parent must exist (so no cycle can be made). A taken `code` throws. */
  add(agency: NewAgency): Promise<Agency>;
  get(id: number): Promise<Agency | undefined>;
  byCode(code: string): Promise<Agency | undefined>;
  /** Agencies without a parent. */
  roots(): Promise<Agency[]>;
  /** The direct children, in the order they were added. */
  children(id: number): Promise<Agency[]>;
  /** The agency and all its descendants (empty when it does not exist), ascending. */
  subtreeIds(id: number): Promise<number[]>;
}

export function agencyRepository(db: Executor, clock: Clock): AgencyRepository {
  return {
    async add(agency: NewAgency): Promise<Agency> {
      const row = await db
        .insertInto('agencies')
        .values({
          name: agency.name,
          kind: agency.kind,
          code: agency.code ?? null,
          parent_id: agency.parentId ?? null,
          created_at: clock().toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAgency(row);
    },

    async get(id: number): Promise<Agency | undefined> {
      const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAgency(row);
    },

    async byCode(code: string): Promise<Agency | undefined> {
      const row = await db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
      return row && toAgency(row);
    },

    async roots(): Promise<Agency[]> {
      const rows = await db
        .selectFrom('agencies')
        .selectAll()
        .where('parent_id', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map(toAgency);
    },

    async children(id: number): Promise<Agency[]> {
      const rows = await db
        .selectFrom('agencies')
        .selectAll()
        .where('parent_id', '=', id)
        .orderBy('id')
        .execute();
      return rows.map(toAgency);
    },

    async subtreeIds(id: number): Promise<number[]> {
      const rows = await db
        .withRecursive('subtree(id)', (q) =>
          q
            .selectFrom('agencies')
            .select('id')
            .where('id', '=', id)
            // UNION, not UNION ALL: stops even if rows written outside this module formed a cycle.
            .union(
              q.selectFrom('agencies as a').innerJoin('subtree as s', 's.id', 'a.parent_id').select('a.id'),
            ),
        )
        .selectFrom('subtree')
        .select('id')
        .orderBy('id')
        .execute();
      return rows.map((r) => Number(r.id));
    },
  };
}
