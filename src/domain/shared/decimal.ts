/**
 * @module Exact decimal amounts (万元, 元). Amounts are kept as canonical decimal strings so that a
 * published "12.30" survives parsing, storage and rendering unchanged, and sums never meet binary
 * floating point (0.1 + 0.2 must equal 0.3).
 */
import Big from 'big.js';

/** A decimal amount written as digits: "0", "12.5", "-3.75" (sign only where the column allows it). */
export type DecimalString = string;

const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** True when `text` is a plain decimal number (no exponent, no grouping separators). */
export function isDecimalString(text: string): boolean {
  return DECIMAL_PATTERN.test(text);
}

/**
 * Canonical form of a decimal: no leading "+", no leading zeros, trailing zeros of the fraction kept
 * (a report that prints 1.50 meant 1.50).
 */
export function canonicalDecimal(text: string): DecimalString {
  if (!isDecimalString(text)) throw new Error(`not a decimal: ${text}`);
  let t = text.startsWith('+') ? text.slice(1) : text;
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1);
  let [whole = '', fraction] = t.split('.');
  whole = whole.replace(/^0+(?=\d)/, '');
  if (whole === '') whole = '0';
  const body = fraction === undefined || fraction === '' ? whole : `${whole}.${fraction}`;
  const isZero = /^[0.]*$/.test(body);
  return negative && !isZero ? `-${body}` : body;
}

export function addDecimals(values: readonly DecimalString[]): DecimalString {
  let sum = new Big(0);
  for (const v of values) sum = sum.plus(new Big(canonicalDecimal(v)));
  return sum.toFixed();
}

export function compareDecimals(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  return new Big(canonicalDecimal(a)).cmp(new Big(canonicalDecimal(b))) as -1 | 0 | 1;
}

export function isNegativeDecimal(a: DecimalString): boolean {
  // The canonical form keeps a sign only on a value below zero ("-0.00" is "0.00"): no Big needed.
  return canonicalDecimal(a).startsWith('-');
}

/**
 * An amount in 元 as 万元, exactly: the point moves four places (152790 → 15.279, 12.5 → 0.00125),
 * no digit lost or rounded.
 */
export function yuanToWanyuan(yuan: DecimalString): DecimalString {
  const value = new Big(canonicalDecimal(yuan)).div(10_000);
  return canonicalDecimal(value.toFixed());
}
