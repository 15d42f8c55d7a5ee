/**
 * @module Finding the report's heading, its publication date and its six section titles, on their own
 * lines or inside a page whose whole body was scraped onto one line.
 */
import { isLocalDate } from '../../domain/calendar/local-date.js';
import { SECTION_NUMBERS, type SectionNumber, sectionTitle } from '../../domain/report/labels.js';
import { foldTraditional } from '../../domain/shared/traditional-fold.js';
import { keyedSlice, keyedText } from '../keyed-text.js';
import { traditionalForms } from './label-variants.js';
import { HEADING_PHRASE, HEADING_PHRASE_VARIANTS, TITLE_PATTERNS } from './reader-phrases.js';
import { type TextLine, textLine } from './text-lines.js';

export interface Heading {
  readonly agency: string;
  readonly year: number;
  readonly index: number;
  /** Where the agency was taken from when the title line does not name it (or there is no title). */
  readonly agencyFrom?: 'previous-lines' | 'source-line' | 'body' | 'unknown';
  /** Where the year was taken from when there is no title. */
  readonly yearFrom?: 'period' | 'body' | 'published';
}

/** "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止" and its many wordings (on a line's key). */
export const STATED_PERIOD = /(\d{4})年1月1日[^。；]{0,6}?(?:至|到|—|-|－)(\d{4})年12月31日/;

/**
 * "2023年，XX镇严格落实……", "按照区委、区政府有关要求，区政府政务服务办进一步……": the year, and the agency
 * before the verb of the first sentence.
 */
const BODY_YEAR = /^\s*([0-9０-９]{4})\s*年度?\s*(?:以来)?\s*[，,]/u;
const BODY_AGENCY =
  /^\s*(?:[0-9０-９]{4}\s*年度?(?:以来)?\s*[，,]\s*(?:在[^，,。]{1,40}下\s*[，,]\s*)?|(?:在[^，,。]{1,40}下|按照[^，,。]{1,40}(?:要求|部署|安排))\s*[，,]\s*)([^，,。；\s]{2,30}?)(?:认真|严格|深入|坚持|全面|紧紧|始终|按照|围绕|进一步|持续|扎实|高度|积极|不断|紧扣|牢固|聚焦|贯彻|坚决|以|在)/du;
const BODY_LINES = 12;
/** "本报告……由两城镇人民政府党政办公室编制": the agency whose office wrote it. */
const WRITTEN_BY =
  /由([^，,。；\s《》]{2,30}?)(?:党政综合办公室|党政办公室|党政办|办公室)?(?:负责)?(?:编制|编写|起草)/du;

/**
 * A report with no recognisable title but with its sections (一 and 三 at least): the year from the
 * period it states, else the first sentence of 一 ("2023年，我局……"), else the year before its
 * publication date; the agency from that first sentence, else the page's 来源 line. Each is said.
 */
export function inferHeading(lines: readonly TextLine[]): Heading | undefined {
  const titles = findSectionTitles(lines, 0);
  const first = titles.一;
  // 一 and a table's section: a report, if perhaps cut off after its opening.
  if (first === undefined || (titles.二 ?? titles.三 ?? titles.四) === undefined) return undefined;
  const body = lines.slice(first + 1, first + 1 + BODY_LINES);
  let year: number | undefined;
  let yearFrom: Heading['yearFrom'];
  for (const line of lines) {
    const m = STATED_PERIOD.exec(line.key);
    if (m && m[1] === m[2]) {
      year = Number(m[1]);
      yearFrom = 'period';
      break;
    }
  }
  if (year === undefined)
    for (const line of body) {
      const m = BODY_YEAR.exec(line.text);
      if (m) {
        year = yearOf(m[1]!);
        yearFrom = 'body';
        break;
      }
    }
  if (year === undefined) {
    const published = findPublishedLabel(lines, first);
    if (published) {
      year = Number(published.slice(0, 4)) - 1;
      yearFrom = 'published';
    }
  }
  if (year === undefined || yearFrom === undefined) return undefined;
  return { ...agencyOfPage(lines, first), year, index: first - 1, yearFrom };
}

/** "请与XX镇人民政府党政办公室联系": the agency whose office answers questions about the report. */
const CONTACT =
  /[请可](?:与|向)([^，,。；\s《》()（）:：]{2,40}?)(?:党政综合办公室|党政办公室|党政办|综合办公室|政务公开办公室|办公室)?(?:联系|咨询)/du;

/**
 * The agency named in the first lines of section 一 (at `first`): before the verb of its first
 * sentence, as the office that wrote the report, or as the one to ask; else the page's 来源 line;
 * else unknown. The patterns are matched in simplified characters and the name cut from the page.
 */
function agencyOfPage(lines: readonly TextLine[], first: number): Pick<Heading, 'agency' | 'agencyFrom'> {
  const body = lines.slice(first + 1, first + 1 + BODY_LINES);
  const inBody = (pattern: RegExp, accept: (name: string) => boolean = () => true) => {
    for (const line of body) {
      const name = foldedGroup(pattern, line.text);
      if (name !== undefined && accept(name)) return name;
    }
    return undefined;
  };
  const named = inBody(BODY_AGENCY, (a) => !isSelfReference(a)) ?? inBody(WRITTEN_BY) ?? inBody(CONTACT);
  if (named) return { agency: agencyName(named), agencyFrom: 'body' };
  const source = agencyOfSourceLine(lines);
  if (source) return { agency: source, agencyFrom: 'source-line' };
  // The page never names its agency ("本局", "本年报"): a report still, its agency unknown and said so.
  return { agency: '', agencyFrom: 'unknown' };
}

/** A pattern's first group, matched in the text's simplified form and cut from the text itself. */
function foldedGroup(pattern: RegExp, text: string): string | undefined {
  const m = pattern.exec(foldTraditional(text));
  const at = m?.indices?.[1];
  return at ? text.slice(at[0], at[1]) : undefined;
}

/** "本级", "我局", "本机关": the report speaking of itself, not naming its agency (本溪市 does). */
const SELF_WORDS = '(?:级|机关|单位|部门|局|委|办|镇|乡|街道|区|县|市|厅|院|中心|政府|所|站)';
/** "我市行政机关", "本局办公室" too; but 本办政镇 may be a name. */
const SELF_REFERENCE = new RegExp(`^(?:我|本${SELF_WORDS}(?:办公室|党组|党委|机关)?$)`, 'u');
const isSelfReference = (name: string) => SELF_REFERENCE.test(foldTraditional(name));

const HEADING_PHRASES = [
  ...new Set(
    [HEADING_PHRASE, ...HEADING_PHRASE_VARIANTS]
      .flatMap((phrase) => [phrase, ...traditionalForms(phrase)])
      .map(foldTraditional),
  ),
];
const RADICALS = /[\u2e80-\u2fdf\uf900-\ufaff]/u;

/** What may be an agency's name: no blank, no separator a breadcrumb or a label puts before it. */
const NAME = '([^\\s:：>》|｜/\\\\，,。；、《“”]+?)';
const YEAR = '([0-9０-９]{4})';
const S = '[\\s\\u3000]*';

/**
 * What stands before the heading phrase: "<agency><year>年(度)" or "<year>年(度)<agency>"; or only
 * "<year>年(度)", the agency on the line(s) above. Only a short stretch before the phrase is searched,
 * which keeps the search linear on pages scraped onto one long line.
 */
const AGENCY_YEAR = new RegExp(`${NAME}${S}${YEAR}${S}年度?${S}$`, 'u');
const YEAR_AGENCY = new RegExp(
  `${YEAR}${S}年度?${S}([^\\s:：>》|｜/\\\\，,。；、《“”0-9０-９]{2,40}?)${S}$`,
  'u',
);
const YEAR_ALONE = new RegExp(`(?:^|[\\s:：>》|｜/\\\\])${S}${YEAR}${S}年度?${S}$`, 'u');
const AGENCY_WINDOW = 80;
/** The words of the longest other form between the agency and 年度报告 ("关于2023年度政府信息公开工作的"). */
const OTHER_FORM_WORDS = 40;

/** Titles that put the year elsewhere: "XX局政府信息公开工作2023年度报告", "XX关于2023年度政府信息公开工作的年度报告". */
const OTHER_FORMS: readonly RegExp[] = [
  new RegExp(`${NAME}${S}政府信息公开工作${S}${YEAR}${S}年度报告`, 'du'),
  new RegExp(`${NAME}${S}关于${S}${YEAR}${S}年度?${S}政府信息公开工作的?${S}年度报告`, 'du'),
];

/** A line that may be (part of) an agency's name broken off a title: short, no punctuation or digits. */
const NAME_LINE = /^[^\s:：,，。；;、()（）0-9０-９]{2,30}$/u;
const NOT_AN_AGENCY = /政府信息公开|年报|年度报告|首页|当前位置|栏目|专栏|通知|公告/u;
/** A portal's 来源/发布机构 line. */
const SOURCE_LINE = /(?:信息来源|来源|发布机构|发文机关)[:：]\s*([^\s|｜]{2,40})/u;
const SOURCE_SEARCH_LINES = 40;

const yearOf = (digits: string) => Number(digits.normalize('NFKC'));

/** "现向社会公布XX镇2023年…": the words of the announcing sentence are not the agency's name. */
const ANNOUNCING = /^(?:现(?:向社会)?(?:公布|发布|公开)|特此(?:公布|发布))/u;
const agencyName = (text: string) => text.trim().replace(ANNOUNCING, '');

/** The agency broken off a title onto the one or two lines above it. */
function agencyAbove(lines: readonly TextLine[], i: number): string | undefined {
  const above: string[] = [];
  for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
    const text = lines[j]!.text.trim();
    // A column's or a menu's name above a title is not the agency.
    if (!NAME_LINE.test(text) || NOT_AN_AGENCY.test(text)) break;
    above.unshift(text);
  }
  return above.length ? above.join('') : undefined;
}

/** The agency a portal prints beside the article (来源：…), when the title does not name it. */
function agencyOfSourceLine(lines: readonly TextLine[]): string | undefined {
  for (const line of lines.slice(0, SOURCE_SEARCH_LINES)) {
    const m = SOURCE_LINE.exec(line.text);
    if (m) return m[1]!;
  }
  return undefined;
}

/**
 * The report's title, in the forms agencies print it: "<agency><year>年(度)政府信息公开工作年度报告"
 * (spaces around the digits too), "<year>年<agency>政府信息公开工作年度报告", "<agency>政府信息公开工作
 * <year>年度报告", "<agency>关于<year>年度政府信息公开工作的年度报告", anywhere in a line ("标题: …", a
 * breadcrumb trail); or "<year>年政府信息公开工作年度报告" with the agency on the line(s) above or in
 * the page's 来源/发布机构 line.
 */
export function findHeading(lines: readonly TextLine[]): Heading | undefined {
  // "向社会公布2021年本级政府信息公开工作年度报告": the year is printed, the agency is not.
  // The words stand in a sentence of section 一 then, and the report begins before that section.
  const titled = (agency: string, year: number, index: number): Heading => {
    if (!isSelfReference(agency)) return { agency: agencyName(agency), year, index };
    const first = findSectionTitles(lines, 0).一;
    const start = first !== undefined && first < index ? first - 1 : index;
    return { ...agencyOfPage(lines, first ?? index), year, index: start };
  };
  for (let i = 0; i < lines.length; i++) {
    // Kangxi radicals and compatibility ideographs (⼯作) read as the usual characters; the phrase is
    // found in simplified form (政府信息公開) and the agency cut from the page as it prints it.
    const text = RADICALS.test(lines[i]!.text) ? lines[i]!.text.normalize('NFKC') : lines[i]!.text;
    const folded = foldTraditional(text);
    for (const phrase of HEADING_PHRASES) {
      for (let at = folded.indexOf(phrase); at !== -1; at = folded.indexOf(phrase, at + 1)) {
        const before = text.slice(Math.max(0, at - AGENCY_WINDOW), at);
        // 《关于做好2022年度……年度报告编制工作的通知》 names another document, not this report.
        if (before.lastIndexOf('《') > before.lastIndexOf('》')) continue;
        const m = AGENCY_YEAR.exec(before);
        if (m) return titled(m[1]!, yearOf(m[2]!), i);
        const y = YEAR_AGENCY.exec(before);
        if (y) return titled(y[2]!, yearOf(y[1]!), i);
        const alone = YEAR_ALONE.exec(before);
        if (alone) {
          const above = agencyAbove(lines, i);
          if (above)
            return { agency: above, year: yearOf(alone[1]!), index: i, agencyFrom: 'previous-lines' };
          const source = agencyOfSourceLine(lines);
          if (source) return { agency: source, year: yearOf(alone[1]!), index: i, agencyFrom: 'source-line' };
        }
      }
    }
    // Only the stretch before each "年度报告" is searched: on a page scraped onto one long line a
    // search from every position would take time with the square of its length.
    for (let end = folded.indexOf('年度报告'); end !== -1; end = folded.indexOf('年度报告', end + 1)) {
      const from = Math.max(0, end - AGENCY_WINDOW - OTHER_FORM_WORDS);
      const window = folded.slice(from, end + 4);
      for (const form of OTHER_FORMS) {
        const m = form.exec(window);
        const [name, year] = [m?.indices?.[1], m?.indices?.[2]];
        if (name && year)
          return titled(
            text.slice(from + name[0], from + name[1]),
            yearOf(text.slice(from + year[0], from + year[1])),
            i,
          );
      }
    }
  }
  return undefined;
}

/** A section's title pattern and its traditional-character forms, as one alternation. */
const titlePattern = (s: SectionNumber) =>
  [TITLE_PATTERNS[s], ...traditionalForms(TITLE_PATTERNS[s])].join('|');
const WHOLE_TITLE = new Map(SECTION_NUMBERS.map((s) => [s, new RegExp(`^(?:${titlePattern(s)})$`)] as const));
const TITLE_AT = new RegExp(SECTION_NUMBERS.map((s) => `(?:${titlePattern(s)})`).join('|'), 'y');
const NUMERALS = new Set(['一', '二', '三', '四', '五', '六']);

/** "第二部分：", "二.", "二，", "二主动公开…": a title's numeral written otherwise than "二、". */
const OTHER_ORDINAL =
  /^(?:第([一二三四五六])部分[、.:：,，]?|([一二三四五六])[.:：,，](?!\d)|([一二三四五六])(?=[\u4e00-\u9fff]))/u;

export function titleSection(key: string): SectionNumber | undefined {
  if (key.length > 40) return undefined;
  let title = key;
  if (!/^[一二三四五六]、/.test(key)) {
    const m = OTHER_ORDINAL.exec(key);
    if (!m) return undefined;
    title = `${m[1] ?? m[2] ?? m[3]}、${key.slice(m[0].length)}`;
  }
  return SECTION_NUMBERS.find((s) => WHOLE_TITLE.get(s)!.test(title));
}

/** Index of each section title's first line after the heading, in whatever order the page has them. */
export function findSectionTitles(
  lines: readonly TextLine[],
  from: number,
): Partial<Record<SectionNumber, number>> {
  const found: Partial<Record<SectionNumber, number>> = {};
  for (let i = from; i < lines.length; i++) {
    const section = titleSection(lines[i]!.key);
    if (section !== undefined && found[section] === undefined) found[section] = i;
  }
  return found;
}

/**
 * Where a page's tables begin when it prints no section titles at all: section 二 at its first
 * 第二十条 caption, 三 at the first line of the request table (the 勾稽关系 note, 申请人情况 or the
 * 本年新收 row), 四 at the 行政复议 header after it. In simplified or traditional characters.
 */
const IMPLIED_STARTS: readonly (readonly [SectionNumber, RegExp])[] = [
  ['二', /^第二十[条條]第/u],
  ['三', /勾稽[关關][系係]|^申[请請]人情[况況]$|^一、本年新收/u],
  ['四', /^行政[复復][议議]$/u],
];

/**
 * The lines with section titles put where the tables show the sections begin, for a page that prints
 * none of 二, 三 and 四 (一 then starts the page, or follows the heading at `after`); undefined when
 * there is no 第二十条 caption to go by. Returns the sections whose titles were implied.
 */
export function withImpliedTitles(
  lines: readonly TextLine[],
  after = -1,
): { lines: TextLine[]; implied: SectionNumber[] } | undefined {
  const titles = findSectionTitles(lines, 0);
  if (titles.二 !== undefined || titles.三 !== undefined || titles.四 !== undefined) return undefined;
  const starts = new Map<number, SectionNumber>();
  let from = 0;
  for (const [section, pattern] of IMPLIED_STARTS) {
    const at = lines.findIndex(
      (l, i) => i >= from && i > after && l.key.length <= 120 && pattern.test(l.key),
    );
    if (at < 0) break;
    starts.set(at, section);
    from = at + 1;
  }
  if (starts.size === 0) return undefined;
  const implied = [...starts.values()];
  const titleLine = (section: SectionNumber, line: number) => textLine(sectionTitle('2021', section), line)!;
  const out: TextLine[] = [];
  if (titles.一 === undefined) implied.unshift('一');
  lines.forEach((line, i) => {
    if (titles.一 === undefined && i === after + 1) out.push(titleLine('一', line.line));
    const section = starts.get(i);
    if (section) out.push(titleLine(section, line.line));
    out.push(line);
  });
  return { lines: out, implied };
}

/** A section title starts with its numeral and 、 (possibly in traditional form, or with a space). */
const MAY_HOLD_TITLE = /[一二三四五六][\s\u3000]*、/;

/**
 * Puts every section title on a line of its own, cutting lines that hold more (a body scraped onto
 * one line). Only used when titles are missing as lines, so that a paragraph that quotes a title in a
 * well-formed page is left whole.
 */
export function splitAtSectionTitles(lines: readonly TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (const line of lines) {
    if (titleSection(line.key) !== undefined || line.text.length < 6 || !MAY_HOLD_TITLE.test(line.text)) {
      out.push(line);
      continue;
    }
    const raw = line.keyed ? undefined : titlesInText(line.text);
    if (raw) {
      out.push(...cutAt(line, raw));
      continue;
    }
    const keyed = line.keyed ?? keyedText(line.text);
    const compact = compactIndex(keyed.key);
    const pieces = titleRanges(compact.text).map(([start, end]): [number, number] => [
      compact.origin[start]!,
      compact.origin[end - 1]! + 1,
    ]);
    if (pieces.length === 0) {
      out.push(line);
      continue;
    }
    let at = 0;
    const push = (start: number, end: number) => {
      const piece = keyedSlice(line.text, keyed, start, end);
      // The key without spaces is labelKey of the piece (keyed-text.test.ts holds them equal).
      if (piece)
        out.push({
          text: piece.text,
          key: piece.keyed.key.replaceAll(' ', ''),
          keyed: piece.keyed,
          line: line.line,
        });
    };
    for (const [start, end] of pieces) {
      push(at, start);
      push(start, end);
      at = end;
    }
    push(at, keyed.key.length);
  }
  return out;
}

/**
 * Where the six titles stand in a line as printed, when they are printed plainly (no stray spaces,
 * no compatibility forms): most scraped pages. Folding the whole page into comparison form is then
 * not needed to find them. Undefined when not all six are found this way.
 */
function titlesInText(text: string): [number, number][] | undefined {
  const pieces = titleRanges(text);
  const seen = new Set(pieces.map(([start]) => text[start]));
  return seen.size === NUMERALS.size ? pieces : undefined;
}

/**
 * The [start, end) ranges of section titles in a text. Titles start with a numeral and 、: only there
 * is the (long) title pattern tried.
 */
function titleRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (let at = text.indexOf('、', 1); at !== -1; at = text.indexOf('、', at + 1)) {
    if (!NUMERALS.has(text[at - 1]!)) continue;
    TITLE_AT.lastIndex = at - 1;
    const m = TITLE_AT.exec(text);
    if (!m) continue;
    ranges.push([at - 1, at - 1 + m[0].length]);
    at = at - 1 + m[0].length - 1;
  }
  return ranges;
}

/** A line cut at the given [start, end) ranges of its text, each range and the text between a line. */
function cutAt(line: TextLine, ranges: readonly [number, number][]): TextLine[] {
  const out: TextLine[] = [];
  const push = (start: number, end: number) => {
    const piece = textLine(line.text.slice(start, end), line.line);
    if (piece) out.push(piece);
  };
  let at = 0;
  for (const [start, end] of ranges) {
    push(at, start);
    push(start, end);
    at = end;
  }
  push(at, line.text.length);
  return out;
}

/** The key without its spaces, and where each remaining character stood in the key. */
function compactIndex(key: string): { text: string; origin: Int32Array } {
  const origin = new Int32Array(key.length);
  let n = 0;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== 0x20) origin[n++] = i;
  return { text: key.replaceAll(' ', ''), origin: origin.subarray(0, n) };
}

const PUBLISHED = /(?:发布|發佈|發布)(?:时间|日期|時間)[:：]?(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;
const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

/** A bare 时间：/日期： label, as portals print it beside 来源 when they omit 发布. */
const DATED = /(?:时间|日期|時間)[:：](\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;

/** 发布时间 / 发布日期 given in the page header, between the start and the first section. */
export function findPublishedLabel(lines: readonly TextLine[], end: number): string | undefined {
  for (const pattern of [PUBLISHED, DATED]) {
    for (let i = 0; i < end; i++) {
      const m = pattern.exec(lines[i]!.key);
      // A date that is no day of the calendar (2025-02-30) is not taken for one.
      const date = m && iso(m[1]!, m[2]!, m[3]!);
      if (date && isLocalDate(date)) return date;
    }
  }
  return undefined;
}

export function chineseDateLine(line: TextLine): string | undefined {
  const m = CHINESE_DATE.exec(line.key);
  const date = m && iso(m[1]!, m[2]!, m[3]!);
  return date && isLocalDate(date) ? date : undefined;
}

/** Lines of a portal's footer: where the report ends if it has no signature. */
export const FOOTER_LINE =
  /^(?:主办单位|承办单位|版权所有|网站标识码|网站地图|技术支持|联系我们)|ICP备|公网安备/;

/** Portal widgets that end the report text even in the middle of a scraped line. */
export const PAGE_TAIL = /附件下载|【打印本页】|打印本页|【关闭窗口】|关闭窗口|扫一扫在手机/;
