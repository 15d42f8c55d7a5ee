/**
 * @module Test access to ../shared (the seed report and the corpus), which lives beside the repository,
 * not in it. Tests that need it skip visibly, naming the missing path, when it is absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));

export const SEED_REPORT = `${SHARED_DIR}seed/000_f4b8342ecd306093.txt`;

/** `false` when the file exists, else the reason a test skips (node:test prints it). */
export function skipUnlessShared(path: string): false | string {
  return existsSync(path) ? false : `需要 ../shared（未找到 ${path}）/ needs ../shared, absent here`;
}
