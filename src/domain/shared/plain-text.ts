/**
 * @module Whether a text typed or imported into the ledger is plain text: a name, a date or a number
 * holds no control character (C0, DEL, C1), no bidi control (embeddings, overrides, isolates, marks) and
 * no line or paragraph separator — each could forge a line of a listing or make a name read as another.
 * A request's content may span lines (a register cell's Alt+Enter), so line breaks and tabs may be
 * allowed there.
 */

/**
 * Every character no plain line holds, as a regex class body: C0 controls, DEL, C1 controls, the bidi
 * marks (U+061C, U+200E, U+200F), the line and paragraph separators, and the bidi embeddings,
 * overrides and isolates. The terminal's escaping (audit/terminal-text.ts) uses the same set.
 */
export const CONTROL_CLASS =
  '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';

const IN_LINE = new RegExp(`[${CONTROL_CLASS}]`, 'u');
/** The same, but a tab, a line feed and a return are text (a content spanning lines). */
const IN_TEXT = new RegExp(`(?![\\t\\n\\r])[${CONTROL_CLASS}]`, 'u');

/** True when `text` holds a character no plain text has; `lines` allows tab, line feed and return. */
export function hasControlCharacters(text: string, options: { readonly lines?: boolean } = {}): boolean {
  return (options.lines ? IN_TEXT : IN_LINE).test(text);
}
