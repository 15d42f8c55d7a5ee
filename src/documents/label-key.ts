/**
 * @module Comparing labels as agencies print them: full- and half-width forms (（ vs (, ： vs :), stray
 * spaces and line breaks inside a label do not make a different label.
 */

/** The form two labels are compared in: NFKC (full-width → half-width), no whitespace. */
export function labelKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');
}
