/**
 * @module The typefaces of a Chinese official document (GB/T 9704) and the DOCX font table that names
 * their fallbacks.
 *
 * A run's `w:rFonts` holds one name per script, so it cannot list fallbacks. OOXML keeps them in the
 * font table instead: `w:altName` is a comma-separated list of names to try, in order, when the primary
 * name is not installed (ECMA-376 Part 1 §17.8.3.1), and `w:charset`/`w:family`/`w:pitch` steer the
 * metric-based substitution that follows if none of them is found. The docx package writes a font table
 * only for fonts it embeds, so `fontTableXml()` builds the part itself and the renderer hands it to the
 * packer as an override. The primary names stay the ones offices expect (仿宋_GB2312, 黑体 …), because
 * templates and reviewers check for them by name.
 *
 * The standard asks readers to try `w:altName` (Word not tried here). LibreOffice 7.4, tried, ignores it
 * and falls back through its own replacement table and fontconfig, which still lands on a CJK face.
 */

export interface FontSpec {
  /** The name Word shows and offices expect. */
  readonly name: string;
  /** Tried in order when `name` is missing: the Windows Latin name first, then open fonts. */
  readonly altNames: readonly string[];
  /** ST_UcharHexNumber: 86 is GB2312, 00 is ANSI. */
  readonly charset: '86' | '00';
  readonly family: 'auto' | 'roman' | 'swiss' | 'modern';
  readonly pitch: 'fixed' | 'variable';
}

const OPEN_SERIF_CJK = ['Noto Serif CJK SC', 'Source Han Serif SC', 'Source Han Serif CN'];
const OPEN_SANS_CJK = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Source Han Sans CN', 'WenQuanYi Zen Hei'];

/** 方正小标宋简体: the title face. */
export const TITLE_FONT: FontSpec = {
  name: '方正小标宋简体',
  altNames: ['FZXiaoBiaoSong-B05S', '方正小标宋_GBK', ...OPEN_SERIF_CJK, '宋体', 'SimSun'],
  charset: '86',
  family: 'auto',
  pitch: 'variable',
};

/** 黑体: section titles. */
export const HEADING_FONT: FontSpec = {
  name: '黑体',
  altNames: ['SimHei', ...OPEN_SANS_CJK],
  charset: '86',
  family: 'modern',
  pitch: 'fixed',
};

/** 仿宋_GB2312: body and tables. Windows since Vista ships 仿宋 (FangSong) rather than the _GB2312 face. */
export const BODY_FONT: FontSpec = {
  name: '仿宋_GB2312',
  altNames: ['FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', 'FandolFang', ...OPEN_SERIF_CJK],
  charset: '86',
  family: 'modern',
  pitch: 'fixed',
};

/** 宋体: the page number, as GB/T 9704 prints it. */
export const FOOTER_FONT: FontSpec = {
  name: '宋体',
  altNames: ['SimSun', ...OPEN_SERIF_CJK],
  charset: '86',
  family: 'auto',
  pitch: 'variable',
};

/** Times New Roman: Latin letters and digits; Liberation Serif and Tinos share its metrics. */
export const LATIN_FONT: FontSpec = {
  name: 'Times New Roman',
  altNames: ['Liberation Serif', 'Tinos'],
  charset: '00',
  family: 'roman',
  pitch: 'variable',
};

export const ALL_FONTS: readonly FontSpec[] = [TITLE_FONT, HEADING_FONT, BODY_FONT, FOOTER_FONT, LATIN_FONT];

/**
 * The `font` option of a docx run: Chinese in `eastAsia`, Latin and digits in Times New Roman. The
 * eastAsia hint makes Word draw characters of ambiguous width (“ ” — …) in the Chinese face, as a
 * Chinese text expects.
 */
export function runFont(face: FontSpec) {
  return {
    eastAsia: face.name,
    ascii: LATIN_FONT.name,
    hAnsi: LATIN_FONT.name,
    cs: LATIN_FONT.name,
    hint: 'eastAsia',
  } as const;
}

/** The language tags of every run: Chinese text with Latin numbers. */
export const RUN_LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' } as const;

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** word/fontTable.xml naming every face the document uses, with its fallbacks. */
export function fontTableXml(fonts: readonly FontSpec[] = ALL_FONTS): string {
  const entries = fonts.map((f) =>
    [
      `<w:font w:name="${escapeXml(f.name)}">`,
      `<w:altName w:val="${escapeXml(f.altNames.join(','))}"/>`,
      `<w:charset w:val="${f.charset}"/>`,
      `<w:family w:val="${f.family}"/>`,
      `<w:pitch w:val="${f.pitch}"/>`,
      '</w:font>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    ...entries,
    '</w:fonts>',
  ].join('');
}
