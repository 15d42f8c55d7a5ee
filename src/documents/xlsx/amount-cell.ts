/**
 * @module How an exact decimal amount (万元, 元) becomes a spreadsheet cell: a number whose format shows
 * exactly the decimals the report printed, or text when Excel could not hold the amount exactly.
 */
import { canonicalDecimal, isDecimalString } from '../../domain/shared/decimal.js';

/** Excel keeps 15 significant digits; beyond that it silently changes what the cell shows. */
export const EXCEL_SIGNIFICANT_DIGITS = 15;

/** The most decimals an Excel number format may show. */
const EXCEL_MAX_DECIMALS = 30;

export type AmountCell =
  | { readonly type: 'number'; readonly value: number; readonly numFmt: string }
  | { readonly type: 'text'; readonly text: string; readonly reason: string };

/** "0" for whole amounts, "0.00" for an amount printed with two decimals. */
export function amountNumFmt(decimals: number): string {
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

/** Digits from the first non-zero one to the last one written: trailing zeros count, as they are shown. */
function significantDigits(canonical: string): number {
  const digits = canonical.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits.length;
}

export function amountCell(text: string): AmountCell {
  if (!isDecimalString(text)) {
    return { type: 'text', text, reason: '该单元格不是数字金额，按原文保存。' };
  }
  const canonical = canonicalDecimal(text);
  const decimals = canonical.split('.')[1]?.length ?? 0;
  const value = Number(canonical);
  // A double carries ~15.9 significant digits and Excel shows and edits only 15, so a longer amount
  // would come back altered; keeping it as text is the only way the printed figure survives.
  const exact =
    significantDigits(canonical) <= EXCEL_SIGNIFICANT_DIGITS &&
    decimals <= EXCEL_MAX_DECIMALS &&
    value.toFixed(decimals) === canonical;
  if (!exact) {
    return {
      type: 'text',
      text,
      reason: `该金额超过 Excel 可精确保存的 ${EXCEL_SIGNIFICANT_DIGITS} 位有效数字，按文本保存以免数值失真。`,
    };
  }
  return { type: 'number', value, numFmt: amountNumFmt(decimals) };
}
