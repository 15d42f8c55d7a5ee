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

/**
 * The code of the error opening a PostgreSQL URL whose search_path names no existing schema: the
 * operator's URL is wrong, not the code, and the command line says so (cli/environment-failure.ts).
 */
export const NO_SCHEMA = 'GONGKAI_NO_SCHEMA';

/**
 * The URL as it may be shown (messages, logs): a PostgreSQL URL's password, in the user part or as a
 * `password` / `sslpassword` parameter, becomes `***`; anything else is returned unchanged. Done on the
 * text, not through `new URL`, so that the rest reads exactly as the operator wrote it.
 */
export function redactDatabaseUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return url;
  const start = scheme[0].length;
  // The authority ends at the first / ? or #; inside it the user part ends at the last @.
  const end = url.slice(start).search(/[/?#]/);
  const authorityEnd = end === -1 ? url.length : start + end;
  const at = url.lastIndexOf('@', authorityEnd - 1);
  let out = url;
  if (at >= start) {
    const colon = url.indexOf(':', start);
    if (colon !== -1 && colon < at) out = `${url.slice(0, colon + 1)}***${url.slice(at)}`;
  }
  return out.replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
}
