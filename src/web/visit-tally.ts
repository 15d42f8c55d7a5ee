/**
 * @module The visit counter (访问量) of the public pages: views are counted in memory and added to the
 * database every few seconds and when the server stops, so a page view costs no write of its own. A
 * crash loses at most the last interval's views — a tally, not a record anyone was told was kept.
 */
import { countVisits, visitTotal } from '../catalogue/index.js';
import { todayInChina } from '../ledger/index.js';
import type { Storage } from '../storage/index.js';

export class VisitTally {
  private pending = new Map<string, number>();
  private stored: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date,
    private readonly intervalMs = 10_000,
  ) {}

  /** One page view, today (China time). */
  hit(): void {
    const day = todayInChina(this.now());
    this.pending.set(day, (this.pending.get(day) ?? 0) + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Every view so far: what the database holds and what waits to be added. */
  async total(): Promise<number> {
    this.stored ??= await visitTotal(this.storage);
    let waiting = 0;
    for (const n of this.pending.values()) waiting += n;
    return this.stored + waiting;
  }

  /** Adds the waiting views to the database (one flush at a time). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await countVisits(this.storage, batch);
        if (this.stored !== undefined) for (const n of batch.values()) this.stored += n;
      } catch {
        // The database is away for now: the views wait for the next flush instead of being lost.
        for (const [day, n] of batch) this.pending.set(day, (this.pending.get(day) ?? 0) + n);
      }
    });
    return this.flushing;
  }
}
