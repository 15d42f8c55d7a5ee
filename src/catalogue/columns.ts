/**
 * @module The agency's column tree (栏目) as the use cases keep it: the standard tree of the agency's
 * kind (domain/catalogue/columns.ts) with the agency's own log of changes replayed over it. An
 * administrator or approver adds, renames, retires, reinstates and (while it holds nothing) removes the
 * agency's own columns — each change asked of the policy table, checked by the domain, appended to the
 * log and audited in one transaction. Reading the tree asks nothing: the portal shows it to everyone,
 * and the item forms need it.
 */
import { type Actor, actorName, auditedBy, authorize } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import {
  applyColumnEvent,
  type ColumnEvent,
  type ColumnTree,
  columnForItems,
  columnTreeOf,
  nextOwnColumnId,
} from '../domain/catalogue/columns.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { todayInChina } from '../ledger/today.js';
import { ColumnSeqConflictError, type Repositories, type Storage } from '../storage/index.js';
import { type CatalogueAppRefusal, catalogueRefusal } from './refusals.js';

/** The agency's tree now, and how long its log is (for the next change). */
export interface AgencyColumns {
  readonly agencyId: number;
  readonly agencyKind: string;
  readonly tree: ColumnTree;
  readonly lastSeq: number;
}

/** The agency's tree, read in `repos` (the storage or a transaction); refused for an unknown agency. */
export async function agencyColumns(
  repos: Repositories,
  agencyId: number,
): Promise<Result<AgencyColumns, CatalogueAppRefusal>> {
  const agency = await repos.agencies.get(agencyId);
  if (!agency) return err(catalogueRefusal('agency.unknown', String(agencyId)));
  const events = await repos.catalogue.columnEvents(agencyId);
  const tree = columnTreeOf(
    agency.kind,
    events.map((e) => e.event),
  );
  if (!tree.ok)
    return err(
      catalogueRefusal('catalogue.stored-invalid', `栏目记录第 ${events.length} 条：${tree.error.message}`),
    );
  return ok({ agencyId, agencyKind: agency.kind, tree: tree.value, lastSeq: events.at(-1)?.seq ?? 0 });
}

/** The column's id if an item of the agency may go in it (it exists, holds items, is not retired). */
export async function columnForItem(
  repos: Repositories,
  agencyId: number,
  column: string,
): Promise<Result<string, CatalogueAppRefusal>> {
  const columns = await agencyColumns(repos, agencyId);
  if (!columns.ok) return columns;
  const found = columnForItems(columns.value.tree, column);
  return found.ok ? ok(found.value.id) : found;
}

export interface ColumnOptions {
  /** Default: today in China. */
  readonly today?: LocalDate;
}

const AUDIT_ACTIONS: Readonly<Record<ColumnEvent['kind'], string>> = {
  ColumnAdded: 'catalogue.column-added',
  ColumnRenamed: 'catalogue.column-renamed',
  ColumnRetired: 'catalogue.column-retired',
  ColumnReinstated: 'catalogue.column-reinstated',
  ColumnRemoved: 'catalogue.column-removed',
};

/** Undefined when the actor may change the agency's tree; else the refusal (another agency: unknown). */
function mayChange(actor: Actor, agencyId: number): CatalogueAppRefusal | undefined {
  const allowed = authorize(actor, 'catalogue.columns', agencyId);
  if (allowed.ok) return undefined;
  return allowed.error.code === 'access.not-found'
    ? catalogueRefusal('agency.unknown', String(agencyId))
    : { code: allowed.error.code, message: allowed.error.message };
}

/** One change to the agency's tree: `make` builds it from the tree as it is. */
async function change(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  make: (columns: AgencyColumns, on: LocalDate) => ColumnEvent,
  options: ColumnOptions,
): Promise<Result<ColumnTree, CatalogueAppRefusal>> {
  const denied = mayChange(actor, agencyId);
  if (denied) return err(denied);
  const today = options.today ?? todayInChina();
  try {
    return await storage.transaction(async (tx) => {
      const columns = await agencyColumns(tx, agencyId);
      if (!columns.ok) return columns;
      const event = make(columns.value, today);
      // Only a removal asks which columns hold items (drafts and withdrawn ones too: they are kept).
      const heldColumns =
        event.kind === 'ColumnRemoved'
          ? new Set((await tx.catalogue.columnCounts([agencyId], {})).keys())
          : undefined;
      const next = applyColumnEvent(columns.value.tree, event, heldColumns ? { heldColumns } : {});
      if (!next.ok) return next;
      await tx.catalogue.appendColumnEvent(agencyId, columns.value.lastSeq, event);
      const { by: _by, ...detail } = event;
      await tx.auditLog.append({
        ...auditedBy(actor, agencyId),
        action: AUDIT_ACTIONS[event.kind],
        subject: `columns:${agencyId}`,
        detail,
      });
      return ok(next.value);
    });
  } catch (e) {
    if (e instanceof ColumnSeqConflictError)
      return err(catalogueRefusal('catalogue.concurrent', `栏目（机关 ${agencyId}）`));
    throw e;
  }
}

/** 新增栏目: an own column under `parentId`, its id the agency's next `zdy-{agency}-{n}`. */
export function addColumn(
  storage: Storage,
  actor: Actor,
  input: { readonly agencyId: number; readonly parentId: string; readonly name: string },
  options: ColumnOptions = {},
): Promise<Result<ColumnTree, CatalogueAppRefusal>> {
  return change(
    storage,
    actor,
    input.agencyId,
    ({ tree }, on) => ({
      kind: 'ColumnAdded',
      on,
      by: actorName(actor),
      id: nextOwnColumnId(tree, input.agencyId),
      name: input.name.trim(),
      parentId: input.parentId,
    }),
    options,
  );
}

/** 栏目改名: an own column, or a standard one whose name the agency words otherwise. */
export function renameColumn(
  storage: Storage,
  actor: Actor,
  input: { readonly agencyId: number; readonly id: string; readonly name: string },
  options: ColumnOptions = {},
): Promise<Result<ColumnTree, CatalogueAppRefusal>> {
  return change(
    storage,
    actor,
    input.agencyId,
    (_, on) => ({ kind: 'ColumnRenamed', on, by: actorName(actor), id: input.id, name: input.name.trim() }),
    options,
  );
}

/** 停用栏目: no new items go in it (or below it); its items stay and are still shown. */
export function retireColumn(
  storage: Storage,
  actor: Actor,
  input: { readonly agencyId: number; readonly id: string; readonly reason?: string },
  options: ColumnOptions = {},
): Promise<Result<ColumnTree, CatalogueAppRefusal>> {
  const reason = input.reason?.trim();
  return change(
    storage,
    actor,
    input.agencyId,
    (_, on) => ({
      kind: 'ColumnRetired',
      on,
      by: actorName(actor),
      id: input.id,
      ...(reason ? { reason } : {}),
    }),
    options,
  );
}

/** 恢复栏目: a retired column takes items again. */
export function reinstateColumn(
  storage: Storage,
  actor: Actor,
  input: { readonly agencyId: number; readonly id: string },
  options: ColumnOptions = {},
): Promise<Result<ColumnTree, CatalogueAppRefusal>> {
  return change(
    storage,
    actor,
    input.agencyId,
    (_, on) => ({ kind: 'ColumnReinstated', on, by: actorName(actor), id: input.id }),
    options,
  );
}

/** 删除栏目: an own column that holds no item and has no sub-column; its id is never issued again. */
export function removeColumn(
  storage: Storage,
  actor: Actor,
  input: { readonly agencyId: number; readonly id: string },
  options: ColumnOptions = {},
): Promise<Result<ColumnTree, CatalogueAppRefusal>> {
  return change(
    storage,
    actor,
    input.agencyId,
    (_, on) => ({ kind: 'ColumnRemoved', on, by: actorName(actor), id: input.id }),
    options,
  );
}

/** The tree as the office's column page shows it: with how many items (any status) each column holds. */
export interface OfficeColumns extends AgencyColumns {
  readonly held: ReadonlyMap<string, number>;
}

/** The agency's tree for whoever may change it (an administrator or approver of the agency). */
export async function columnsForOffice(
  storage: Storage,
  actor: Actor,
  agencyId: number,
): Promise<Result<OfficeColumns, CatalogueAppRefusal>> {
  const denied = mayChange(actor, agencyId);
  if (denied) return err(denied);
  const columns = await agencyColumns(storage, agencyId);
  if (!columns.ok) return columns;
  return ok({ ...columns.value, held: await storage.catalogue.columnCounts([agencyId], {}) });
}
