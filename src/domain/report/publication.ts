/**
 * @module Publishing an annual report on the portal (政府信息公开年报, 条例第四十九条): the rules that need
 * no storage. A published version is frozen; a correction is a new version that says why; a report read
 * from a file must be the publishing agency's own; a version history says which version replaced which.
 */
import type { LocalDate } from '../calendar/local-date.js';
import { hasControlCharacters } from '../shared/plain-text.js';

/** The longest reason a correction may give, in characters. */
export const REASON_MAX = 500;

export type ReasonCode = 'report.reason-required' | 'report.reason-long';

/**
 * What a publication of `version` asks of its reason: none for the first (it is dropped), a plain text
 * of at most REASON_MAX characters for a correction. The reason as stored, or the refusal's code.
 */
export function correctionReason(
  version: number,
  reason: string | undefined,
): { readonly ok: true; readonly reason?: string } | { readonly ok: false; readonly code: ReasonCode } {
  if (version === 1) return { ok: true };
  const trimmed = (reason ?? '').trim();
  if (trimmed === '') return { ok: false, code: 'report.reason-required' };
  if ([...trimmed].length > REASON_MAX || hasControlCharacters(trimmed, { lines: true }))
    return { ok: false, code: 'report.reason-long' };
  return { ok: true, reason: trimmed };
}

/** What an agency's name may end in that a report's own name for it leaves out. */
const NAME_ENDINGS = ['人民政府', '政府', '办事处'];

/** The name without spaces and without one of the endings a report may drop (新庙镇人民政府 → 新庙镇). */
function coreName(name: string): string {
  const compact = name.replace(/[\s\u3000]/g, '');
  const ending = NAME_ENDINGS.find((e) => compact.endsWith(e) && compact.length > e.length);
  return ending ? compact.slice(0, -ending.length) : compact;
}

/**
 * Whether a report names the agency publishing it: the same name, or the same once the endings
 * 人民政府 / 办事处 … are set aside (a township's report says 新庙镇 for 新庙镇人民政府). A report that
 * names no agency names none.
 */
export function reportNamesAgency(reportAgency: string, agencyName: string): boolean {
  const named = coreName(reportAgency);
  return named !== '' && named === coreName(agencyName);
}

/** One published version as a history lists it. */
export interface VersionEntry {
  readonly version: number;
  readonly publishedOn: LocalDate;
  readonly reason?: string;
}

export interface HistoryEntry extends VersionEntry {
  /** The version that replaced this one and the day it was published; undefined for the current one. */
  readonly supersededBy?: { readonly version: number; readonly on: LocalDate };
}

/** The versions (any order) oldest first, each but the last marked as replaced by the next. */
export function versionHistory(versions: readonly VersionEntry[]): HistoryEntry[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  return sorted.map((v, i) => {
    const next = sorted[i + 1];
    return next ? { ...v, supersededBy: { version: next.version, on: next.publishedOn } } : { ...v };
  });
}
