/**
 * @module The register-import tests' helpers: a file imported as `requests import` imports it (read by
 * shape, then importRegister, both expected to succeed), and how many requests an agency holds.
 */
import assert from 'node:assert/strict';
import type { Actor } from '../domain/access/policy.js';
import { type ImportOptions, importRegister } from '../ledger/import/import.js';
import { readRegisterTable } from '../ledger/import/table.js';
import type { Storage } from '../storage/index.js';

/** The summary of importing `bytes`, which must be readable and accepted (rows may still be invalid). */
export async function importFile(storage: Storage, actor: Actor, bytes: Uint8Array, options: ImportOptions) {
  const table = await readRegisterTable(bytes);
  assert.ok(table.ok, JSON.stringify(table));
  const result = await importRegister(storage, actor, table.value, options);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

/** How many requests the agency has in storage. */
export async function requestCount(storage: Storage, agencyId: number): Promise<number> {
  const { n } = await storage.db
    .selectFrom('disclosure_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return Number(n);
}
