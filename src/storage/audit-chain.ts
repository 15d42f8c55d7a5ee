/**
 * @module The audit log's hash chain (操作日志的哈希链): what an entry's hash is made of, written once
 * for the repository that appends, the verifier that recomputes and the migration that chained the
 * entries written before it. Changing anything here breaks every stored chain: it is a format.
 *
 * An entry's hash is SHA-256 (hex) of `prevHash + "\n" + canonical content`, where prevHash is the
 * previous entry's hash (64 zeros for the first) and the canonical content is the entry as JSON with
 * keys sorted, recursively, and no whitespace. Hashing the id makes moving content between entries
 * show; hashing prevHash makes removing an entry show at the next one.
 */
import { createHash } from 'node:crypto';

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry's content as the chain hashes it: every column but the two hashes. */
export interface ChainedContent {
  readonly id: number;
  /** ISO-8601 UTC. */
  readonly at: string;
  readonly userId: number | null;
  /** Who, by name: the login name, 'cli:<user>' … */
  readonly actor: string;
  /** The agency the change concerns, when it concerns one. */
  readonly agencyId: number | null;
  /** The client's address (IP), when the change came over the network. */
  readonly address: string | null;
  readonly action: string;
  readonly subject: string;
  /** What changed: a JSON value as JSON.parse gives it. */
  readonly detail: unknown;
}

/**
 * A JSON value as text with object keys sorted (by UTF-16 code units) at every depth and no
 * whitespace; numbers and strings as JSON.stringify writes them. For JSON values this is the
 * canonical form of RFC 8785 (JCS). Anything that is not a JSON value is a bug: it throws.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    // Written out key by key, never rebuilt as an object: a "__proto__" key stays a key.
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}

/** An audit_log row as read: the columns hashed (those added by migration 0003 absent before it). */
export interface StoredRow {
  readonly id: number | string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  /** JSON text. */
  readonly detail: string;
  readonly user_id?: number | null;
  readonly agency_id?: number | null;
  readonly address?: string | null;
}

/**
 * The content a stored row's hash is of: its detail parsed, so that only what the JSON says counts,
 * not how the text was laid out. Undefined when the detail is not JSON at all (no hash can match).
 */
export function storedContent(row: StoredRow): ChainedContent | undefined {
  let detail: unknown;
  try {
    detail = JSON.parse(row.detail);
  } catch {
    return undefined;
  }
  return {
    id: Number(row.id),
    at: row.at,
    userId: row.user_id ?? null,
    actor: row.actor,
    agencyId: row.agency_id ?? null,
    address: row.address ?? null,
    action: row.action,
    subject: row.subject,
    detail,
  };
}

export function canonicalContent(content: ChainedContent): string {
  return canonicalJson({
    id: content.id,
    at: content.at,
    userId: content.userId,
    actor: content.actor,
    agencyId: content.agencyId,
    address: content.address,
    action: content.action,
    subject: content.subject,
    detail: content.detail,
  });
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalContent(content)}`, 'utf8')
    .digest('hex');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text as the database will give it back: a lone surrogate, which UTF-8 cannot hold, becomes
 * U+FFFD. The drivers would replace it on the way in anyway (each its own way), and an entry must be
 * hashed as it will be read, or it would never verify.
 */
export function storableText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
