/**
 * @module For the storage tests only: the dialects to run them against, each giving a fresh, empty
 * database per test. SQLite (a file in a new temporary directory) always; PostgreSQL when
 * GONGKAI_TEST_POSTGRES_URL names a server, in a new schema `gk_test_<random>` reached through the
 * connection's search_path and dropped afterwards, so parallel runs never meet. Without the variable
 * the PostgreSQL tests are reported as skipped, with the reason.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialectName } from './dialect.js';
import { runOnce, withSearchPath } from './dialects/postgres.js';
import { type OpenOptions, openDatabase, type Storage } from './storage.js';

const POSTGRES_URL_VARIABLE = 'GONGKAI_TEST_POSTGRES_URL';

export interface FreshDatabase {
  /** The URL openDatabase takes (a child process can open it too). */
  readonly url: string;
  /** Deletes the database (the file, or the schema and all in it). */
  drop(): Promise<void>;
}

export interface TestDialect {
  readonly name: DialectName;
  /** false, or why this dialect's tests do not run (node:test prints it as the skip reason). */
  readonly skip: string | false;
  create(): Promise<FreshDatabase>;
}

const sqlite: TestDialect = {
  name: 'sqlite',
  skip: false,
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-storage-'));
    return {
      url: `sqlite:${join(dir, 'ledger.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

function postgres(baseUrl: string | undefined): TestDialect {
  const skip = baseUrl
    ? false
    : `PostgreSQL not tested: ${POSTGRES_URL_VARIABLE} is not set ` +
      `(e.g. ${POSTGRES_URL_VARIABLE}=postgres://postgres@127.0.0.1:5432/test)`;
  return {
    name: 'postgres',
    skip,
    async create() {
      if (!baseUrl) throw new Error(String(skip));
      const schema = `gk_test_${randomBytes(6).toString('hex')}`;
      await runOnce(baseUrl, `create schema ${schema}`);
      return {
        url: withSearchPath(baseUrl, schema),
        drop: () => runOnce(baseUrl, `drop schema if exists ${schema} cascade`),
      };
    },
  };
}

export const DIALECTS: readonly TestDialect[] = [
  sqlite,
  postgres(process.env[POSTGRES_URL_VARIABLE] || undefined),
];

/** Runs `test` against a freshly migrated database of `dialect`, then closes and drops it. */
export async function withStorage(
  dialect: TestDialect,
  test: (storage: Storage, url: string) => Promise<void>,
  options?: OpenOptions,
): Promise<void> {
  const fresh = await dialect.create();
  try {
    const storage = await openDatabase(fresh.url, options);
    try {
      await test(storage, fresh.url);
    } finally {
      await storage.close();
    }
  } finally {
    await fresh.drop();
  }
}
