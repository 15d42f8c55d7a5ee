/**
 * @module Text from a report (its title, agency, a cell, a file name) made safe to print on a terminal.
 * A report is data from outside: an ESC sequence in it could clear the screen, retitle the window (OSC)
 * or forge output, and a bidi override could make a line read differently from what it holds. Every
 * such character is replaced by a visible escape, so the operator sees that it is there and what it
 * is: `\x1b` for ESC (C0, DEL and C1 controls as `\xHH`), `\u202e` for a bidi override (`\uHHHH`).
 * Machine outputs (--json) keep the true characters: JSON escapes them itself.
 *
 * Replaced: C0 controls U+0000–U+001F (a line feed only where the text is one line; tab too, which would
 * break a table's columns), DEL U+007F, C1 controls U+0080–U+009F, the bidi embeddings, overrides and
 * isolates U+202A–U+202E and U+2066–U+2069, the bidi marks U+200E, U+200F and U+061C, and the line and
 * paragraph separators U+2028, U+2029.
 */
import { CONTROL_CLASS } from '../domain/shared/plain-text.js';
import type { FileError } from './types.js';

/** A line feed left alone (a table cell that wraps). */
const UNSAFE = new RegExp(`(?!\\n)[${CONTROL_CLASS}]`, 'gu');
const UNSAFE_OR_NEWLINE = new RegExp(`[${CONTROL_CLASS}]`, 'gu');

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control, escape and bidi character replaced by its visible escape. Line feeds are
 * kept with `{ lines: true }` (a table cell that wraps), else escaped too (`\x0a`): one line stays one.
 */
export function terminalText(text: string, options: { readonly lines?: boolean } = {}): string {
  const pattern = options.lines ? UNSAFE : UNSAFE_OR_NEWLINE;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, visible) : text;
}

/** Why a file could not be read, with the line where reading stopped (CSV row, HTML page). */
export function unreadableReason(error: FileError | undefined): string {
  if (!error) return '';
  return `${error.message}${error.line === undefined ? '' : `（第 ${error.line} 行）`}`;
}

/** The line for a file that could not be read, printed as the batch goes. */
export function unreadableLine(file: string, error: FileError | undefined): string {
  const line = error?.line === undefined ? '' : `:${error.line}`;
  return `无法读取 (unreadable): ${terminalText(file)}${line}: ${terminalText(error?.message ?? '')}\n`;
}
