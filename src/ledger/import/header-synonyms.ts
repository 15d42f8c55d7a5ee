/**
 * @module 表头同义词: the table of headers by which the importer finds a register's columns — the built-in
 * one (register.ts) and the headers an administrator adds for registers it does not know
 * (`gongkai requests headers add 收到日期 来件日期`). Adding or removing one is audited; a header the
 * built-in table already has, or one already added, is refused rather than moved to another column.
 */
import { type Actor, actorName, auditedBy } from '../../domain/access/policy.js';
import { err, ok, type Result } from '../../domain/requests/result.js';
import type { Storage } from '../../storage/index.js';
import { permit } from '../access.js';
import { type LedgerRefusal, ledgerRefusal } from '../refusals.js';
import {
  DEFAULT_SYNONYMS,
  type HeaderKey,
  type HeaderSynonyms,
  normalizeHeader,
  REGISTER_COLUMNS,
  withExtraSynonyms,
} from './register.js';

/** Each key by the header the command line names it with: the default headers, and 序号 for the serial. */
export const HEADER_KEY_WORDS: Readonly<Record<HeaderKey, string>> = {
  ...(Object.fromEntries(REGISTER_COLUMNS.map((c) => [c.key, c.header])) as Record<
    Exclude<HeaderKey, 'serial'>,
    string
  >),
  serial: '序号',
};

const HEADER_KEYS = Object.keys(HEADER_KEY_WORDS) as HeaderKey[];

/** A key named by its default header (收到日期) or its key (receivedOn). */
export function headerKeyOf(word: string): Result<HeaderKey, LedgerRefusal> {
  const w = normalizeHeader(word);
  const key = HEADER_KEYS.find((k) => k === w || HEADER_KEY_WORDS[k] === w);
  return key
    ? ok(key)
    : err(
        ledgerRefusal(
          'import.header-key',
          `“${word}”；应为 ${HEADER_KEYS.map((k) => HEADER_KEY_WORDS[k]).join('、')} 之一`,
        ),
      );
}

const isHeaderKey = (k: string): k is HeaderKey => (HEADER_KEYS as string[]).includes(k);

/** The table the importer uses: the built-in synonyms and those the administrator added. */
export async function headerSynonyms(storage: Storage): Promise<HeaderSynonyms> {
  const added = await storage.registerHeaders.list();
  return withExtraSynonyms(
    added.flatMap((a) => (isHeaderKey(a.columnKey) ? [{ key: a.columnKey, header: a.header }] : [])),
  );
}

/** Which key a header already names, in the built-in table (its defaults included) or the added ones. */
function builtInKeyOf(header: string): HeaderKey | undefined {
  return HEADER_KEYS.find(
    (k) =>
      normalizeHeader(HEADER_KEY_WORDS[k]) === header ||
      DEFAULT_SYNONYMS[k].some((h) => normalizeHeader(h) === header),
  );
}

export interface HeaderSynonymRow {
  readonly key: HeaderKey;
  readonly column: string;
  readonly header: string;
  /** Built in, or added by whom and when. */
  readonly added?: { readonly by: string; readonly at: string };
}

/** Every header of the table, column by column: built-in first, then added. */
export async function listHeaderSynonyms(
  storage: Storage,
  actor: Actor,
): Promise<Result<HeaderSynonymRow[], LedgerRefusal>> {
  const denied = permit(actor, 'register.headers');
  if (denied) return err(denied);
  const added = await storage.registerHeaders.list();
  return ok(
    HEADER_KEYS.flatMap((key) => [
      ...(key === 'serial' ? [] : [{ key, column: HEADER_KEY_WORDS[key], header: HEADER_KEY_WORDS[key] }]),
      ...DEFAULT_SYNONYMS[key].map((header) => ({ key, column: HEADER_KEY_WORDS[key], header })),
      ...added
        .filter((a) => a.columnKey === key)
        .map((a) => ({
          key,
          column: HEADER_KEY_WORDS[key],
          header: a.header,
          added: { by: a.addedBy, at: a.addedAt },
        })),
    ]),
  );
}

/** Adds `header` as another name of the column `key`. */
export async function addHeaderSynonym(
  storage: Storage,
  actor: Actor,
  key: HeaderKey,
  header: string,
): Promise<Result<{ readonly key: HeaderKey; readonly header: string }, LedgerRefusal>> {
  const denied = permit(actor, 'register.headers');
  if (denied) return err(denied);
  const normalized = normalizeHeader(header);
  if (!normalized) return err(ledgerRefusal('import.header-empty'));
  const builtIn = builtInKeyOf(normalized);
  if (builtIn)
    return err(
      ledgerRefusal('import.header-known', `“${normalized}”已是“${HEADER_KEY_WORDS[builtIn]}”列的表头`),
    );
  return storage.transaction(async (tx) => {
    const existing = (await tx.registerHeaders.list()).find((a) => a.header === normalized);
    if (existing) {
      const column = isHeaderKey(existing.columnKey)
        ? HEADER_KEY_WORDS[existing.columnKey]
        : existing.columnKey;
      return err(ledgerRefusal('import.header-known', `“${normalized}”已是“${column}”列的表头`));
    }
    await tx.registerHeaders.add(normalized, key, actorName(actor));
    await tx.auditLog.append({
      ...auditedBy(actor, null),
      action: 'register.header-add',
      subject: `register-header:${normalized}`,
      detail: { column: key },
    });
    return ok({ key, header: normalized });
  });
}

/** Removes a header an administrator added (the built-in ones stay). */
export async function removeHeaderSynonym(
  storage: Storage,
  actor: Actor,
  header: string,
): Promise<Result<{ readonly header: string }, LedgerRefusal>> {
  const denied = permit(actor, 'register.headers');
  if (denied) return err(denied);
  const normalized = normalizeHeader(header);
  if (builtInKeyOf(normalized)) return err(ledgerRefusal('import.header-built-in', `“${normalized}”`));
  return storage.transaction(async (tx) => {
    if (!(await tx.registerHeaders.remove(normalized)))
      return err(ledgerRefusal('import.header-unknown', `“${normalized}”`));
    await tx.auditLog.append({
      ...auditedBy(actor, null),
      action: 'register.header-remove',
      subject: `register-header:${normalized}`,
    });
    return ok({ header: normalized });
  });
}
