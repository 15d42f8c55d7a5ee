/**
 * @module Rebuilds the search index from the catalogue: every item's log replayed, the published ones
 * indexed, anything else taken out. For a database whose items were published before migration 0011
 * made the index, or after the segmenter's dictionary changed (`gongkai search reindex`). One
 * transaction per batch of items, so the portal keeps answering meanwhile; running it twice changes
 * nothing. An operator's task, not a user's: the index holds nothing the catalogue does not, so no
 * actor is asked for (the command line is the operator's tool).
 */
import { storedItemState } from '../domain/catalogue/catalogue-item.js';
import type { Storage } from '../storage/index.js';
import { indexItem } from './index-item.js';

const BATCH = 200;

export interface ReindexOptions {
  /** Only this agency's items and those of the agencies below it (所属下级机关); else every agency's. */
  readonly agencyId?: number;
  /** Called after each batch: items done of all. */
  readonly progress?: (done: number, of: number) => void;
}

export interface ReindexOutcome {
  /** Published items (re)indexed. */
  readonly indexed: number;
  /** Items taken out: no longer published, or no longer in the catalogue. */
  readonly removed: number;
}

/** Indexes what the catalogue has published and takes out the rest; the numbers of each. */
export async function reindexPublished(
  storage: Storage,
  options: ReindexOptions = {},
): Promise<ReindexOutcome> {
  const agencies = new Set<number>();
  const roots =
    options.agencyId === undefined ? (await storage.agencies.roots()).map((a) => a.id) : [options.agencyId];
  for (const root of roots) for (const id of await storage.agencies.subtreeIds(root)) agencies.add(id);
  const items = await storage.catalogue.list([...agencies]);
  const stale = new Set(await storage.search.itemIds([...agencies]));
  let indexed = 0;
  for (let i = 0; i < items.length; i += BATCH) {
    await storage.transaction(async (tx) => {
      for (const item of items.slice(i, i + BATCH)) {
        const state = storedItemState((await tx.catalogue.events(item.id)).map((e) => e.event));
        if (!state.ok) continue;
        await indexItem(tx, item, state.value);
        if (state.value.status === 'published') {
          indexed++;
          stale.delete(item.id);
        }
      }
    });
    options.progress?.(Math.min(items.length, i + BATCH), items.length);
  }
  // What the index holds of these agencies' items that are no longer published (or no longer there).
  for (const id of stale) await storage.search.remove(id);
  return { indexed, removed: stale.size };
}
