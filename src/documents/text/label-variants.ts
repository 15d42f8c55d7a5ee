/**
 * @module The ways agencies print an official label: as the format prints it, in traditional characters
 * (portals with a 繁體 switch), and without its ordinal ("予以公开" for "（一）予以公开", "属于国家秘密"
 * for "1.属于国家秘密"). Each variant maps back to the official label; a variant that would be
 * mistaken for another label (bare "其他", "总计" are column headers) is not used.
 */
import { labelKey } from '../label-key.js';
import { TRADITIONAL_FORMS } from './traditional-labels.generated.js';

const ORDINAL = /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.．、])/;

/** Traditional-character forms of a phrase (labels, title patterns), generated ahead of time. */
export function traditionalForms(phrase: string): readonly string[] {
  return TRADITIONAL_FORMS.get(phrase) ?? [];
}

/** Comparison keys of a label as printed, in traditional characters, and without its ordinal. */
export function labelVariants(label: string): string[] {
  const written = [label, ...traditionalForms(label)];
  const keys = written.map(labelKey);
  for (const form of written) {
    const stripped = form.replace(ORDINAL, '');
    if (stripped !== form && stripped.length >= 4) keys.push(labelKey(stripped));
  }
  return [...new Set(keys)];
}

/**
 * variant key → official key for a set of labels. A variant that is itself an official label, or that
 * two labels share, is dropped: it could not tell them apart.
 */
export function variantIndex(labels: readonly string[]): Map<string, string> {
  const official = new Set(labels.map(labelKey));
  const index = new Map<string, string>();
  const clashes = new Set<string>();
  for (const label of labels) {
    const key = labelKey(label);
    for (const variant of labelVariants(label)) {
      if (variant !== key && official.has(variant)) continue;
      const earlier = index.get(variant);
      if (earlier !== undefined && earlier !== key) clashes.add(variant);
      else index.set(variant, key);
    }
  }
  for (const variant of clashes) index.delete(variant);
  return index;
}
