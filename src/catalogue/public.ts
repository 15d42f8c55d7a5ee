/**
 * @module What the public portal shows of the catalogue (issue 11): published items only — 主动公开
 * information (条例 第十九条、第二十三条) that anyone may read, so these reads take no actor and ask no
 * policy; a draft, an item awaiting approval or one withdrawn as published in error is not there, and
 * its page is "not found" like an item that never existed. Repealed items stay, shown 已废止. A
 * 依申请公开 item is listed with its metadata, its body withheld; a 不予公开 one is not there at all
 * (publicStateOf). Browsing goes by 栏目 — the agency's tree, or on the whole site the standard tree
 * with every agency's own columns below it — and by 主题分类, each with its counts, paged in SQL.
 */
import { type ItemState, publicStateOf, storedItemState } from '../domain/catalogue/catalogue-item.js';
import {
  type Column,
  type ColumnTree,
  columnOf,
  columnPath,
  columnTreeOf,
  siteColumnTree,
  standardTree,
  subtreeCounts,
  subtreeIds,
} from '../domain/catalogue/columns.js';
import type { ItemFilter, StoredItem } from '../storage/catalogue.js';
import type { Storage } from '../storage/index.js';

export interface PublicItem {
  readonly id: string;
  readonly agencyName: string;
  readonly state: ItemState & { readonly indexNumber: string; readonly publishedOn: string };
  /** 栏目 as a path (法定主动公开内容 › 规划计划), in the agency's own words. */
  readonly columnPath: string;
  /** 依申请公开: the body is not shown (it is obtained by request). */
  readonly onRequest: boolean;
}

/** The 公开方式 the portal lists. */
const LISTED: ItemFilter['disclosures'] = ['主动公开', '依申请公开'];
/** The items the portal lists and counts: published, in a listed 公开方式. */
const LISTED_ITEMS: ItemFilter = { status: 'published', disclosures: LISTED };

/** The agencies the site shows: every agency in the database, the roots and all below them. */
export async function siteAgencies(storage: Storage): Promise<number[]> {
  const ids = new Set<number>();
  for (const root of await storage.agencies.roots())
    for (const id of await storage.agencies.subtreeIds(root.id)) ids.add(id);
  return [...ids];
}

export interface CataloguePage {
  readonly items: readonly StoredItem[];
  readonly page: number;
  readonly pages: number;
  readonly total: number;
}

export const PUBLIC_PAGE_SIZE = 20;

/**
 * One page of the site's published items — or, with `agencyId`, that agency's own (an agency's
 * catalogue is its own, not its departments') — newest 成文日期 first; a page past the last is the last.
 */
export async function publicCatalogue(
  storage: Storage,
  page: number,
  filter: {
    readonly agencyId?: number;
    /** Items in any of these columns (a column and those below it). */
    readonly columns?: readonly string[];
    readonly topic?: string;
  } = {},
): Promise<CataloguePage> {
  const agencies = filter.agencyId === undefined ? await siteAgencies(storage) : [filter.agencyId];
  return pageOf(storage, agencies, page, {
    ...(filter.columns ? { columns: filter.columns } : {}),
    ...(filter.topic === undefined ? {} : { topic: filter.topic }),
  });
}

async function pageOf(
  storage: Storage,
  agencies: readonly number[],
  page: number,
  filter: ItemFilter,
): Promise<CataloguePage> {
  const wanted = Math.max(1, Math.trunc(page) || 1);
  const at = (n: number) =>
    storage.catalogue.page(agencies, {
      ...filter,
      status: 'published',
      disclosures: LISTED,
      limit: PUBLIC_PAGE_SIZE,
      offset: (n - 1) * PUBLIC_PAGE_SIZE,
    });
  let found = await at(wanted);
  const pages = Math.max(1, Math.ceil(found.total / PUBLIC_PAGE_SIZE));
  // A page past the last is the last.
  if (wanted > pages) found = await at(pages);
  return { items: found.items, page: Math.min(wanted, pages), pages, total: found.total };
}

/** The agency's tree as the portal shows it (a log the rules refuse: the standard tree of its kind). */
async function publicTree(storage: Storage, agency: { readonly id: number; readonly kind: string }) {
  const events = (await storage.catalogue.columnEvents(agency.id)).map((e) => e.event);
  const tree = columnTreeOf(agency.kind, events);
  return tree.ok ? tree.value : standardTree(agency.kind);
}

/** The site's tree: the standard one, every agency's own columns below it. */
async function siteTree(storage: Storage, agencies: readonly number[]): Promise<ColumnTree> {
  const logs = await storage.catalogue.columnEventsOf(agencies);
  const trees: { kind: string; tree: ColumnTree }[] = [];
  for (const id of agencies) {
    const agency = await storage.agencies.get(id);
    if (!agency) continue;
    const tree = columnTreeOf(agency.kind, logs.get(id) ?? []);
    // An agency without changes has the standard tree: its kind still says whether 基层 areas show.
    trees.push({ kind: agency.kind, tree: tree.ok ? tree.value : standardTree(agency.kind) });
  }
  return siteColumnTree(trees);
}

/**
 * A column and those below it, on the agency's tree or (no agency) the site's, as browsing takes them;
 * undefined when the tree has no such column.
 */
export async function columnAndBelow(
  storage: Storage,
  column: string,
  agency?: { readonly id: number; readonly kind: string },
): Promise<string[] | undefined> {
  const tree = agency
    ? await publicTree(storage, agency)
    : await siteTree(storage, await siteAgencies(storage));
  return columnOf(tree, column) ? subtreeIds(tree, column) : undefined;
}

/** The columns that hold items, on the site's tree, parents first, each with its depth (for a choice list). */
export async function siteItemColumns(
  storage: Storage,
): Promise<{ readonly column: Column; readonly depth: number }[]> {
  const tree = await siteTree(storage, await siteAgencies(storage));
  const depthOf = new Map<string, number>();
  const out: { column: Column; depth: number }[] = [];
  for (const column of tree.columns) {
    const depth = column.parentId === null ? 0 : (depthOf.get(column.parentId) ?? 0) + 1;
    depthOf.set(column.id, depth);
    if (column.holdsItems) out.push({ column, depth });
  }
  return out;
}

export interface CatalogueQuery {
  /** One agency's own catalogue; absent: the whole site's. */
  readonly agency?: { readonly id: number; readonly kind: string };
  /** A column's id (its slug): the items in it and below it. */
  readonly column?: string;
  /** 主题分类, as the items give it. */
  readonly topic?: string;
  readonly page?: number;
}

/** A column tree with how many listed items each column holds, with those below it. */
export interface ColumnCounts {
  readonly tree: ColumnTree;
  readonly counts: ReadonlyMap<string, number>;
}

export interface CatalogueBrowse extends CataloguePage, ColumnCounts {
  /** 主题分类 of the listed items (in the column asked, if one was), the most first. */
  readonly topics: readonly { readonly topic: string; readonly count: number }[];
  readonly column?: Column;
}

/**
 * The catalogue browsed by column and by 主题分类: the page, the tree with its counts, the topics.
 * Undefined when the column asked is not one of the tree's (the page says so).
 */
export async function browseCatalogue(
  storage: Storage,
  query: CatalogueQuery,
): Promise<CatalogueBrowse | undefined> {
  const agencies = query.agency ? [query.agency.id] : await siteAgencies(storage);
  const tree = query.agency ? await publicTree(storage, query.agency) : await siteTree(storage, agencies);
  const column = query.column === undefined ? undefined : columnOf(tree, query.column);
  if (query.column !== undefined && !column) return undefined;
  const columns = column ? subtreeIds(tree, column.id) : undefined;
  const [counts, topics, page] = await Promise.all([
    storage.catalogue.columnCounts(agencies, LISTED_ITEMS),
    storage.catalogue.topicCounts(agencies, { ...LISTED_ITEMS, ...(columns ? { columns } : {}) }),
    pageOf(storage, agencies, query.page ?? 1, {
      ...(columns ? { columns } : {}),
      ...(query.topic === undefined ? {} : { topic: query.topic }),
    }),
  ]);
  return {
    ...page,
    tree,
    counts: subtreeCounts(tree, counts),
    topics,
    ...(column ? { column } : {}),
  };
}

/** The site's 栏目 with how many listed items each holds (with those below it): the site map's list. */
export async function siteColumns(storage: Storage): Promise<ColumnCounts> {
  const agencies = await siteAgencies(storage);
  const tree = await siteTree(storage, agencies);
  const counts = await storage.catalogue.columnCounts(agencies, LISTED_ITEMS);
  return { tree, counts: subtreeCounts(tree, counts) };
}

/** A published item with its metadata and body, or undefined when there is none to show. */
export async function publicItem(storage: Storage, id: string): Promise<PublicItem | undefined> {
  const stored = await storage.catalogue.get(id);
  if (stored?.status !== 'published') return undefined;
  const replayed = storedItemState((await storage.catalogue.events(id)).map((e) => e.event));
  const state = replayed.ok ? publicStateOf(replayed.value) : undefined;
  if (!state || state.indexNumber === undefined || state.publishedOn === undefined) return undefined;
  const agency = await storage.agencies.get(stored.agencyId);
  const tree = agency ? await publicTree(storage, agency) : undefined;
  const column = state.particulars.column;
  return {
    id,
    agencyName: agency?.name ?? '',
    state: state as PublicItem['state'],
    columnPath: (tree && columnOf(tree, column) && columnPath(tree, column)) || column,
    onRequest: state.particulars.disclosure === '依申请公开',
  };
}
