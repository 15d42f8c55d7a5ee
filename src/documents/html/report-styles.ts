/**
 * @module The stylesheet of the HTML report: typography after the national standard for official
 * documents (GB/T 9704 党政机关公文格式: 三号仿宋 body, 二号小标宋 title, 黑体 first-level headings,
 * 156 mm × 225 mm type area), bordered tables, and print rules for A4.
 *
 * Everything a report draws is scoped under `.gk-report`, so a portal page can embed the fragment
 * without the report restyling the page around it. Only the full page adds rules for `html`, `body`
 * and `@page`, which cannot be scoped.
 */

/**
 * Which fonts come first after the office fonts.
 *
 * - `office`: the stack offices expect. Their machines have 仿宋_GB2312 / 方正小标宋; elsewhere the open
 *   Noto CJK fonts look closest (a serif for 仿宋).
 * - `pdf`: the same office fonts first, then WenQuanYi Zen Hei before Noto. Chromium's PDF backend
 *   cannot subset the CFF outlines of Noto CJK and embeds them as Type 3 fonts: the PDF grows several
 *   times larger and some viewers render and search Type 3 text poorly. WenQuanYi is TrueType and
 *   embeds as a compact CID font. A server that has the real office fonts still uses them.
 */
export type FontPreference = 'office' | 'pdf';

interface FontStacks {
  readonly body: string;
  readonly title: string;
  readonly section: string;
}

const FONT_STACKS: Readonly<Record<FontPreference, FontStacks>> = {
  office: {
    body: '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif',
    title: '"方正小标宋简体", "方正小标宋_GBK", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif',
    section: '"黑体", SimHei, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif',
  },
  pdf: {
    body: '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "WenQuanYi Zen Hei", "Noto Serif CJK SC", serif',
    title: '"方正小标宋简体", "方正小标宋_GBK", "WenQuanYi Zen Hei", "Noto Serif CJK SC", serif',
    section: '"黑体", SimHei, "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif',
  },
};

/** The rules of the report itself, every selector under `.gk-report`. */
export function reportCss(fonts: FontPreference = 'office'): string {
  const f = FONT_STACKS[fonts];
  return `
.gk-report { font-family: ${f.body}; font-size: 16pt; line-height: 1.75; color: #000; }
.gk-report h1 {
  font-family: ${f.title}; font-weight: bold; font-size: 22pt; line-height: 1.45;
  text-align: center; margin: 0 0 1em;
}
.gk-report h2 {
  font-family: ${f.section}; font-weight: normal; font-size: 16pt;
  margin: 0.6em 0 0.3em; text-indent: 2em;
  break-after: avoid; page-break-after: avoid;
}
.gk-report p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
.gk-report table {
  width: 100%; border-collapse: collapse; margin: 0.4em 0 0.8em;
  font-size: 10.5pt; line-height: 1.35;
}
.gk-report th, .gk-report td {
  border: 1px solid #000; padding: 0.25em 0.3em; vertical-align: middle; font-weight: normal;
  background: transparent; white-space: normal;
}
.gk-report thead th, .gk-report .gk-header { text-align: center; }
.gk-report .gk-caption { text-align: left; font-weight: bold; }
.gk-report .gk-label { text-align: left; }
.gk-report .gk-label[rowspan] { text-align: center; }
/* Numbers never wrap mid-number: a wide value widens its column instead. */
.gk-report .gk-value { text-align: center; white-space: nowrap; font-variant-numeric: tabular-nums; }
.gk-report tr { break-inside: avoid; page-break-inside: avoid; }
/* A row that opens a rowspan "contains" the whole merged cell, so keeping it unbroken would push the
   22 rows under 三、本年度办理结果 to a new page and leave most of a page blank. */
.gk-report tr:has(> [rowspan]) { break-inside: auto; page-break-inside: auto; }
/* The signature never stands alone on the last page. */
.gk-report .gk-signature {
  margin-top: 2em; text-align: right; text-indent: 0;
  break-before: avoid; page-break-before: avoid; break-inside: avoid;
}
.gk-report .gk-signature p { text-align: right; text-indent: 0; }
/* A table in its scroll region (renderHtml's scrollRegions) keeps a readable width on a phone and
   scrolls sideways inside the region, not the page. */
.gk-report .gk-table-scroll { overflow-x: auto; margin: 0.4em 0 0.8em; }
.gk-report .gk-table-scroll > table { margin: 0; }
.gk-report .gk-table-scroll > .gk-table-二 { min-width: 26em; }
.gk-report .gk-table-scroll > .gk-table-三 { min-width: 36em; }
.gk-report .gk-table-scroll > .gk-table-四 { min-width: 38em; }
@media screen {
  .gk-report { max-width: 156mm; margin: 0 auto; }
}
@media print {
  .gk-report { max-width: none; }
  .gk-report .gk-table-scroll { overflow: visible; }
  .gk-report .gk-table-scroll > table { min-width: 0; }
  .gk-report thead { display: table-header-group; }
  .gk-report h1, .gk-report h2 { break-inside: avoid; page-break-inside: avoid; }
}
`;
}

/**
 * The rules of the stand-alone page: a sheet of paper on screen, A4 in print. The margins are those
 * of GB/T 9704 (37 mm top, 35 mm bottom, 28 mm left, 26 mm right), which leave the 156 mm line that
 * holds 28 characters of 三号 type.
 */
export const PAGE_CSS = `
html { background: #f2f2f2; }
body { margin: 0; }
@media screen {
  body { padding: 24px 0; }
  .gk-page { background: #fff; width: 210mm; max-width: 100%; box-sizing: border-box;
    margin: 0 auto; padding: 25mm 26mm 25mm 28mm; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2); }
}
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  html, body { background: #fff; }
  .gk-page { padding: 0; }
}
`;
