/**
 * The inbox (待办) in-process, without HTTP: `node --import tsx bench/inbox.ts LEDGER.db [views]` times
 * `inbox()` for a handler of the web benchmark's county (bench/web.ts makes the ledger; pass a copy of its
 * --db file), after a warm-up. Compare two builds side by side on copies of the same file.
 */
import { systemActor } from '../src/domain/access/policy.js';
import { inbox, openLedger } from '../src/ledger/index.js';
import { machineLine } from './bench-support.js';

const [file, viewsText = '300'] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/inbox.ts LEDGER.db [views]');
const views = Number(viewsText);
console.log(machineLine());
const storage = await openLedger(file);
const agency = (await storage.agencies.byCode('BENCH-WEB-1'))?.id;
if (agency === undefined)
  throw new Error(`${file}: no agency BENCH-WEB-1 (make it with npm run bench:web -- --db FILE)`);
const actor = {
  ...systemActor('bench'),
  kind: 'user',
  userId: 0,
  roles: ['handler'],
  agencyId: agency,
  subordinateIds: [],
} as const;
for (let i = 0; i < 30; i++) await inbox(storage, actor, {});
const started = performance.now();
for (let i = 0; i < views; i++) {
  const page = await inbox(storage, actor, {});
  if (!page.ok) throw new Error(page.error.message);
}
console.log(
  `inbox page 1, ${views} views: ${((performance.now() - started) / views).toFixed(2)} ms per view`,
);
await storage.close();
