/**
 * @module The highlighted text of a search result: where the words and phrases searched for occur in
 * an item's title and text, as parts marked or not (the page renders them as text inside <mark>, so
 * hono/jsx escapes them), a short snippet around the first occurrence, and the same parts as HTML for
 * the JSON API (escaped text and <mark> only: nothing of the item's text is ever HTML). Matching is
 * exact, except that Latin letters match in either case, as the indexes do. Pure.
 */

export interface TextPart {
  readonly text: string;
  readonly mark: boolean;
}

/** ASCII letters folded to lower case, so that every other character keeps its length and place. */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Marked ranges [start, end) of `text` where a needle occurs: longest needle first, never overlapping. */
function ranges(text: string, needles: readonly string[]): [number, number][] {
  const folded = fold(text);
  const wanted = [...new Set(needles.map(fold).filter((n) => n.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  const taken = new Uint8Array(text.length);
  const out: [number, number][] = [];
  for (const needle of wanted) {
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
      const end = at + needle.length;
      if (taken.subarray(at, end).some((t) => t === 1)) continue;
      taken.fill(1, at, end);
      out.push([at, end]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** `text` cut into parts, those where a needle occurs marked. */
export function highlight(text: string, needles: readonly string[]): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const [start, end] of ranges(text, needles)) {
    if (start > from) parts.push({ text: text.slice(from, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    from = end;
  }
  if (from < text.length || parts.length === 0) parts.push({ text: text.slice(from), mark: false });
  return parts;
}

export interface Snippet {
  readonly parts: readonly TextPart[];
  /** Text was left out before (and after) the snippet. */
  readonly cutBefore: boolean;
  readonly cutAfter: boolean;
}

export const SNIPPET_CHARS = 120;
/** How much of the snippet comes before the first occurrence. */
const LEAD = 30;

/**
 * About SNIPPET_CHARS characters of the first of `texts` in which a needle occurs, starting a little
 * before the occurrence, highlighted; the start of the first text when none has one. Line breaks
 * become spaces.
 */
export function snippet(texts: readonly string[], needles: readonly string[]): Snippet {
  const flat = texts.map((t) => t.replace(/\s+/gu, ' ').trim());
  const withHit = flat.find((t) => ranges(t, needles).length > 0);
  const text = withHit ?? flat.find((t) => t !== '') ?? '';
  const first = withHit === undefined ? 0 : ranges(text, needles)[0]![0];
  // Never start or end inside a surrogate pair.
  let start = Math.max(0, first - LEAD);
  if (start > 0 && /[\udc00-\udfff]/.test(text[start] ?? '')) start--;
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end < text.length && /[\udc00-\udfff]/.test(text[end] ?? '')) end++;
  return {
    parts: highlight(text.slice(start, end), needles),
    cutBefore: start > 0,
    cutAfter: end < text.length,
  };
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The parts as HTML: every text escaped, the marked ones inside <mark>. */
export function markedHtml(parts: readonly TextPart[]): string {
  return parts.map((p) => (p.mark ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}

/** A snippet as HTML, with … where text was left out. */
export function snippetHtml(s: Snippet): string {
  return `${s.cutBefore ? '…' : ''}${markedHtml(s.parts)}${s.cutAfter ? '…' : ''}`;
}
