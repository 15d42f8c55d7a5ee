/**
 * @module Rebuilds the search index from the catalogue: every item's log replayed, the published ones
 * indexed, anything else taken out. For a database whose items were published before migration 0011
 * made the index, or after the segmenter's dictionary changed. One transaction per batch of items, so
 * the portal keeps answering meanwhile; running it twice changes nothing.
 */
import { storedItemState } from '../domain/catalogue/catalogue-item.js';
import type { Storage } from '../storage/index.js';
import { indexItem } from './index-item.js';

const BATCH = 200;

/** Indexes what the catalogue has published and takes out the rest; the numbers of each. */
export async function reindexPublished(
  storage: Storage,
): Promise<{ readonly indexed: number; readonly removed: number }> {
  const agencies = new Set<number>();
  for (const root of await storage.agencies.roots())
    for (const id of await storage.agencies.subtreeIds(root.id)) agencies.add(id);
  const items = await storage.catalogue.list([...agencies]);
  const stale = new Set(await storage.search.itemIds());
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
  }
  // What the index holds of items that are no longer published (or no longer there).
  for (const id of stale) await storage.search.remove(id);
  return { indexed, removed: stale.size };
}
