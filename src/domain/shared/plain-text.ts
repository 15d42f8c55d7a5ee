/**
 * @module Whether a text typed or imported into the ledger is plain text: a name, a date or a number
 * holds no control character (C0, DEL, C1), no bidi control (embeddings, overrides, isolates, marks) and
 * no line or paragraph separator — each could forge a line of a listing or make a name read as another.
 * A request's content may span lines (a register cell's Alt+Enter), so line breaks and tabs may be
 * allowed there.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const IN_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const IN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** True when `text` holds a character no plain text has; `lines` allows tab, line feed and return. */
export function hasControlCharacters(text: string, options: { readonly lines?: boolean } = {}): boolean {
  return (options.lines ? IN_TEXT : IN_LINE).test(text);
}
