/**
 * @module What the public portal shows of the catalogue (issue 11): published items only — 主动公开
 * information (条例 第十九条、第二十三条) that anyone may read, so these reads take no actor and ask no
 * policy; a draft, an item awaiting approval or one withdrawn as published in error is not there, and
 * its page is "not found" like an item that never existed. Repealed items stay, shown 已废止.
 */
import { type ItemState, storedItemState } from '../domain/catalogue/catalogue-item.js';
import type { StoredItem } from '../storage/catalogue.js';
import type { Storage } from '../storage/index.js';

export interface PublicItem {
  readonly id: string;
  readonly agencyName: string;
  readonly state: ItemState & { readonly indexNumber: string; readonly publishedOn: string };
}

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
  filter: { readonly agencyId?: number } = {},
): Promise<CataloguePage> {
  const agencies = filter.agencyId === undefined ? await siteAgencies(storage) : [filter.agencyId];
  const wanted = Math.max(1, Math.trunc(page) || 1);
  const at = (n: number) =>
    storage.catalogue.page(agencies, {
      status: 'published',
      limit: PUBLIC_PAGE_SIZE,
      offset: (n - 1) * PUBLIC_PAGE_SIZE,
    });
  let found = await at(wanted);
  const pages = Math.max(1, Math.ceil(found.total / PUBLIC_PAGE_SIZE));
  // A page past the last is the last.
  if (wanted > pages) found = await at(pages);
  return { items: found.items, page: Math.min(wanted, pages), pages, total: found.total };
}

/** A published item with its metadata and body, or undefined when there is none to show. */
export async function publicItem(storage: Storage, id: string): Promise<PublicItem | undefined> {
  const stored = await storage.catalogue.get(id);
  if (stored?.status !== 'published') return undefined;
  const state = storedItemState((await storage.catalogue.events(id)).map((e) => e.event));
  if (!state.ok || state.value.indexNumber === undefined || state.value.publishedOn === undefined)
    return undefined;
  const agency = await storage.agencies.get(stored.agencyId);
  return {
    id,
    agencyName: agency?.name ?? '',
    state: state.value as PublicItem['state'],
  };
}
