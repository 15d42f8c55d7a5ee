/**
 * @module Which database a URL names. A file path or `sqlite:PATH` is SQLite (`sqlite:///abs/path`
 * works too, and `:memory:` is an in-memory database); `postgres://…` or `postgresql://…` is
 * PostgreSQL. Any other scheme is refused rather than taken for a file name.
 */

export const DEFAULT_DATABASE_URL = './data/gongkai.db';

export type StorageTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly url: string };

export function parseStorageUrl(url: string = DEFAULT_DATABASE_URL): StorageTarget {
  const text = url.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(text)) return { dialect: 'postgres', url: text };
  const sqlite = /^sqlite:(.*)$/i.exec(text);
  if (sqlite) {
    const rest = sqlite[1]!.startsWith('//') ? sqlite[1]!.slice(2) : sqlite[1]!;
    if (!rest) throw new Error(`no file in database URL: ${url}`);
    return { dialect: 'sqlite', path: rest };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new Error(`unsupported database URL: ${url}`);
  return { dialect: 'sqlite', path: text };
}
