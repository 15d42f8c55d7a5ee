/**
 * @module What the words of a report say its figures are: the statements of section 一 (and 六) that
 * restate a cell or a defined sum of sections 三 and 四 — “全市共受理政府信息公开申请3119件，答复3050件
 * （含上年度结转申请34件，另有103件顺延到下年度答复）”, “行政复议351件，其中结果维持72件”.
 *
 * A figure (a number followed by 件, 起, 宗 or 份; Arabic, full-width or Chinese numerals) is tied to a
 * target only when the words beside it, in its own clause, name exactly one target and nothing narrows
 * them to a part of it: a channel (通过网络), an applicant kind (自然人), another department, a member row
 * (国家秘密, 重复申请), a comparison (同比增长), another year, an approximate figure (余件). Anything else is
 * left alone: a figure that cannot be tied to one cell or one sum is never guessed.
 *
 * Pure text work: no I/O, no clock.
 */
import { foldTraditional } from '../../shared/traditional-fold.js';
import { packedMap } from '../packed-map.js';

/** The cells and sums of sections 三 and 四 that a report's words restate. */
export type FigureTarget =
  /** 一、本年新收…·总计 */
  | 'new'
  /** 二、上年结转…·总计 */
  | 'carriedOver'
  /** 三、本年度办理结果（七）总计·总计 */
  | 'total'
  /** 四、结转下年度继续办理·总计 */
  | 'carriedForward'
  | 'granted'
  | 'partial'
  /** the sums of a group's rows (（三）–（五）, and （六） of the 2021 format) */
  | 'denied'
  | 'unable'
  | 'notProcessed'
  | 'other'
  | `${CaseBlock}.${CaseColumn}`;

/** 行政复议, 行政诉讼 as a whole (直接起诉 + 复议后起诉), or one of the two 诉讼 blocks. */
export type CaseBlock = 'review' | 'litigation' | 'litigationDirect' | 'litigationAfterReview';
export type CaseColumn = 'total' | 'upheld' | 'corrected' | 'other' | 'pending';

export interface FigureStatement {
  readonly target: FigureTarget;
  /** The figure as a number. */
  readonly figure: number;
  /** The clause the figure stands in, as printed (trimmed to a readable length). */
  readonly words: string;
  /**
   * The sentence also says some requests were carried over from last year (“含上年结转…”): a figure of
   * 收到 may then count them in.
   */
  readonly mentionsCarriedOver: boolean;
}

export interface ReportContext {
  readonly year: number;
  readonly agency: string;
}

// ── Normalising ──────────────────────────────────────────────────────────────

interface Normalized {
  /** NFKC (full-width digits and punctuation to ASCII), traditional characters to simplified. */
  readonly text: string;
  /** The index of the character of the source that the character of `text` at `at` came from. */
  readonly originOf: (at: number) => number;
}

/** An ASCII or full-width digit (the UTF-16 unit at an index; NaN past either end is none). */
const isDigitUnit = (unit: number) => (unit >= 0x30 && unit <= 0x39) || (unit >= 0xff10 && unit <= 0xff19);

const NEEDS_NFKC = /[^\t\n\r\u0020-\u007e\u4e00-\u9fff\u3001-\u301f]/u;
const THOUSANDS = /[0-9０-９],[0-9０-９]{3}/u;

/**
 * Per UTF-16 unit: PLAIN, a character NFKC leaves as it is (ASCII, CJK ideographs, CJK punctuation, and
 * the punctuation and symbols reports print that NFKC leaves alone — “”‘’—·■…, each asked of NFKC once
 * here, not once per occurrence); WIDE, full-width ASCII, which NFKC folds one to one. A surrogate is
 * neither: the character it starts is normalised as a whole.
 */
const PLAIN = 1;
const WIDE = 2;
const UNIT_KIND = (() => {
  const table = new Uint8Array(0x10000);
  table.fill(PLAIN, 0, 0x7f);
  table.fill(PLAIN, 0x3001, 0x3020);
  table.fill(PLAIN, 0x4e00, 0xa000);
  table.fill(WIDE, 0xff01, 0xff5f);
  for (const [first, last] of [
    [0x00a0, 0x00ff],
    [0x2010, 0x205e],
    [0x2190, 0x21ff],
    [0x2460, 0x24ff],
    [0x2500, 0x27bf],
  ] as const)
    for (let c = first; c <= last; c++) {
      const ch = String.fromCharCode(c);
      if (ch.normalize('NFKC') === ch) table[c] = PLAIN;
    }
  return table;
})();

/** "3,119件": an ASCII comma between a digit and exactly three digits is a thousands separator. */
const isThousandsComma = (text: string, at: number) =>
  isDigitUnit(text.charCodeAt(at - 1)) &&
  isDigitUnit(text.charCodeAt(at + 1)) &&
  isDigitUnit(text.charCodeAt(at + 2)) &&
  isDigitUnit(text.charCodeAt(at + 3)) &&
  !isDigitUnit(text.charCodeAt(at + 4));

const identity = (at: number) => at;

/**
 * The text in the form statements are read in — traditional characters folded to simplified ones (a
 * report may be published in traditional characters), NFKC, thousands commas dropped — with each
 * character's place in the source.
 *
 * Most characters stay one for one, so the places are kept as the few changes of length only — a
 * dropped comma, a character NFKC writes as two — not as a number per character: a section is
 * thousands of characters and only a figure's clause is ever looked up.
 */
function normalize(source: string): Normalized {
  // Folding is one character for one, so indices into the folded text are indices into the source.
  const folded = foldTraditional(source);
  // Most sections: nothing more to fold, each character its own origin.
  if (!NEEDS_NFKC.test(folded) && !THOUSANDS.test(folded)) return { text: folded, originOf: identity };
  // Runs of plain characters are copied as slices: a section is mostly plain, with a quotation mark or
  // a full-width digit here and there.
  let text = '';
  /** Each change of length: where in `text` it was written, how long, and from where in the source. */
  const at: number[] = [];
  const written: number[] = [];
  const from: number[] = [];
  const widths: number[] = [];
  let run = 0;
  for (let i = 0; i < folded.length; ) {
    const unit = folded.charCodeAt(i);
    if (UNIT_KIND[unit] === PLAIN && !(unit === 0x2c && isThousandsComma(folded, i))) {
      i++;
      continue;
    }
    text += folded.slice(run, i);
    const code = folded.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    // A thousands comma is dropped; full-width ASCII folds one to one, as NFKC does, without asking it.
    const out =
      code === 0x2c
        ? ''
        : UNIT_KIND[unit] === WIDE
          ? String.fromCharCode(code - 0xfee0)
          : folded.slice(i, i + width).normalize('NFKC');
    // Each unit a character of two units writes stands for the character's start, as one written alone.
    if (out.length !== 1 || width !== 1) {
      at.push(text.length);
      written.push(out.length);
      from.push(i);
      widths.push(width);
    }
    text += out;
    i += width;
    run = i;
  }
  text += folded.slice(run);
  if (at.length === 0) return { text, originOf: identity };
  const originOf = (index: number) => {
    // The last change written at or before `index`: every unit it wrote comes from its one character.
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! <= index) lo = mid + 1;
      else hi = mid;
    }
    const k = lo - 1;
    if (k < 0) return index;
    const after = index - at[k]! - written[k]!;
    return after < 0 ? from[k]! : from[k]! + widths[k]! + after;
  };
  return { text, originOf };
}

// ── Numbers ──────────────────────────────────────────────────────────────────

const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A count written in Chinese numerals (三, 十二, 一百零三, 两千, 一万二千): the number, or undefined when
 * the characters are not a well-formed count.
 */
export function parseChineseCount(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(text) || /^[零〇]+$/.test(text)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const c of text) {
    const d = CN_DIGITS[c];
    if (d !== undefined) {
      if (digit !== undefined) return undefined; // 三三: not a count
      digit = d === 0 ? undefined : d;
    } else if (c === '万') {
      section += digit ?? 0;
      if (section === 0) return undefined;
      total += section * 10_000;
      section = 0;
      digit = undefined;
    } else {
      const unit = CN_UNITS[c]!;
      // 十二 is 12: a 十 with nothing before it counts one ten.
      const times = digit ?? (unit === 10 && section === 0 && total === 0 ? 1 : undefined);
      if (times === undefined) return undefined;
      section += times * unit;
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}

interface Token {
  readonly start: number;
  readonly end: number;
}

interface Figure extends Token {
  readonly value: number;
}

/** What a figure's scan asks of each character, by UTF-16 unit (every character here is one unit). */
const COUNT_UNIT = 1; // 件, 起, 宗, 份
const CHINESE_NUMERAL = 2; // 零〇一二两三四五六七八九十百千万
const WHITE = 4; // what \s matches
const NOT_ARABIC_BEFORE = 8; // before an Arabic figure: part of another number (1.5件), an ordinal (第3件)
const NOT_A_COUNT_BEFORE = 16; // before a Chinese numeral: part of a word (第一件, 每一件, 同一件)
const NOT_A_COUNT_AFTER = 32; // after the unit: part of a word (一件事, 件次, 件件)
const FIGURE_UNITS = (() => {
  const table = new Uint8Array(0x10000);
  const mark = (chars: string, flag: number) => {
    for (const c of chars) table[c.charCodeAt(0)]! |= flag;
  };
  mark('件起宗份', COUNT_UNIT);
  mark('零〇一二两三四五六七八九十百千万', CHINESE_NUMERAL);
  for (let u = 0; u < 0x10000; u++) if (/\s/.test(String.fromCharCode(u))) table[u]! |= WHITE;
  mark('.第', NOT_ARABIC_BEFORE);
  mark('第每逐这那哪某任同单唯', NOT_A_COUNT_BEFORE);
  mark('事次套件', NOT_A_COUNT_AFTER);
  return table;
})();
/** The flags of the unit at `at`; none past either end. */
const unitFlags = (text: string, at: number) =>
  at >= 0 && at < text.length ? FIGURE_UNITS[text.charCodeAt(at)]! : 0;
const isAsciiDigit = (unit: number) => unit >= 0x30 && unit <= 0x39;

/** Numbers that bound a figure's words: any number except dates (2023年, 12月31日). */
const ANY_NUMBER = /[0-9]+(?:\.[0-9]+)?(?!\s*[0-9.年月日号])/g;

/**
 * The counts in a text: Arabic (“3119件”, not “第3件” or “1.5件”) or Chinese numerals (“三件”, not “第一件”),
 * a space or line break allowed before the unit. Found from each unit back to its number, in one pass:
 * most characters of a section are neither.
 */
function findFigures(text: string): Figure[] {
  const out: Figure[] = [];
  for (let u = 0; u < text.length; u++) {
    if ((FIGURE_UNITS[text.charCodeAt(u)]! & COUNT_UNIT) === 0 || unitFlags(text, u + 1) & NOT_A_COUNT_AFTER)
      continue;
    let end = u;
    while (end > 0 && FIGURE_UNITS[text.charCodeAt(end - 1)]! & WHITE) end--;
    let start = end;
    const last = text.charCodeAt(end - 1);
    if (isAsciiDigit(last)) {
      while (start > 0 && isAsciiDigit(text.charCodeAt(start - 1))) start--;
      if (unitFlags(text, start - 1) & NOT_ARABIC_BEFORE) continue;
      out.push({ start, end: u + 1, value: Number(text.slice(start, end)) });
    } else if (unitFlags(text, end - 1) & CHINESE_NUMERAL) {
      while (start > 0 && FIGURE_UNITS[text.charCodeAt(start - 1)]! & CHINESE_NUMERAL) start--;
      const value = parseChineseCount(text.slice(start, end));
      if (value === undefined || unitFlags(text, start - 1) & NOT_A_COUNT_BEFORE) continue;
      out.push({ start, end: u + 1, value });
    }
  }
  return out;
}

// ── The words around a figure ────────────────────────────────────────────────

/**
 * A set of characters as their UTF-16 units: the scans below read units (`charCodeAt`), which makes no
 * one-character string per character read, as `text[i]` does for every hanzi. The characters are all
 * single UTF-16 units.
 */
const unitsOf = (chars: string): Uint8Array => {
  // A table by unit, not a Set: the scans ask it of every character between a figure and its bounds.
  const table = new Uint8Array(0x10000);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
};

/** Clause boundaries: a figure's words never reach past these. 、 joins a list and does not bound. */
const CLAUSE_END = unitsOf(',;。:!?[]【】\n');
/** A clause's end after its figure: a separator, or a bracket (a remark after it is its own). */
const CLAUSE_END_AFTER = unitsOf(',;。:!?()[]【】\n');
const SENTENCE_END = unitsOf('。!?\n');
const NEWLINE = unitsOf('\n');
/** A heading of a part of section 一: （二）依申请公开方面, or 二、 at the start of a line. */
const HEADING = /\([一二三四五六七八九十]{1,3}\)|(?:^|\n)\s*[一二三四五六七八九十]{1,3}[、.]/g;

/** The index of the last of `units` before `at`, or -1. */
function lastIndexBefore(text: string, at: number, units: Uint8Array): number {
  for (let i = at - 1; i >= 0; i--) if (units[text.charCodeAt(i)] === 1) return i;
  return -1;
}

function firstIndexFrom(text: string, at: number, units: Uint8Array): number {
  for (let i = at; i < text.length; i++) if (units[text.charCodeAt(i)] === 1) return i;
  return text.length;
}

const OPEN = 0x28; // (
const CLOSE = 0x29; // )

/**
 * Where a figure's clause begins. A remark in brackets before the figure belongs to its clause (“各县（市、
 * 区）共收到……”); a bracket the figure stands in begins it (“（含上年结转34件”).
 */
function clauseStartOf(text: string, at: number): number {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === CLOSE) depth++;
    else if (c === OPEN) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (depth === 0 && CLAUSE_END[c] === 1) return i + 1;
  }
  return 0;
}

/** Where a figure's clause ends: at a separator, or at a bracket (a remark after it is its own). */
function clauseEndOf(text: string, at: number): number {
  return firstIndexFrom(text, at, CLAUSE_END_AFTER);
}

// ── Targets and what narrows them ────────────────────────────────────────────

type RequestTarget = Exclude<FigureTarget, `${CaseBlock}.${CaseColumn}`>;

const forwardPatterns = new Map<number, RegExp>();
/** The words of 结转下年度 for a report of `year`, compiled once per year. */
function carriedForwardWords(year: number): RegExp {
  let pattern = forwardPatterns.get(year);
  if (pattern === undefined) {
    pattern = new RegExp(
      `(?:结转|顺延|延续|转入|转|延)(?:至|到)?(?:下一?年度?|${year + 1}年度?)(?:继续)?(?:办理|答复|处理)?`,
      'g',
    );
    // Years come from reports; a handful at most, but never let them grow without bound.
    if (forwardPatterns.size >= 64) forwardPatterns.clear();
    forwardPatterns.set(year, pattern);
  }
  return pattern;
}
const CARRIED_OVER_WORDS = /上一?年度?(?:结转|转入)(?:的|申请)*/g;

/** Section 三's words, in the order they are looked for; a match hides its words from the later ones. */
const REQUEST_WORDS: readonly { readonly target: RequestTarget; readonly pattern: RegExp }[] = [
  { target: 'denied', pattern: /不予以?公开/g },
  { target: 'partial', pattern: /部分公开/g },
  { target: 'granted', pattern: /予以公开/g },
  { target: 'unable', pattern: /无法提供/g },
  { target: 'notProcessed', pattern: /不予处理/g },
  { target: 'other', pattern: /其他处理/g },
  { target: 'new', pattern: /收到|受理|新收|接收|接到|收悉/g },
  { target: 'total', pattern: /办结|答复|办理完毕|处理完毕/g },
];

/** Requests that are not 政府信息公开申请: 热线, 建议提案, 许可, 信访. */
const OTHER_REQUESTS =
  /热线|工单|诉求|留言|咨询|问询|问政|网民|媒体|信箱|信访|举报|投诉|建议|提案|议案|许可|审批|政务服务|办件/;

/**
 * Words that narrow a section 三 statement to a part of a cell, or say it is about something else: the
 * figure is then left alone. Each is named for the tests and the rulebook.
 */
export const REQUEST_SCOPE_WORDS: readonly { readonly why: string; readonly pattern: RegExp }[] = [
  { why: 'a channel', pattern: /网络|网上|在线|当面|现场|信函|邮寄|邮件|邮政|传真|电话|窗口|平台|来信|来访/ },
  {
    why: 'an applicant kind',
    pattern: /自然人|法人|企业|公司|科研|公益|法律服务|律师|其他组织|群众|个人/,
  },
  { why: 'a subject', pattern: /涉及|关于|(?<!各)类/ },
  { why: 'a sum over units (各县区, 各部门)', pattern: /各(?!类|项|种)/ },
  {
    why: 'a comparison',
    pattern:
      /同比|环比|增长|增加|减少|下降|上升|持平|较|比上|上年|去年|上一年|同期|以来|历年|近[一二三四五六七八九十\d]+年/,
  },
  { why: 'an approximate or average figure', pattern: /约|近|超过|逾|余|左右|以上|以下|平均|每/ },
  { why: 'timeliness', pattern: /延期|延长|逾期|超期|按时|当场|限期|时限|期限/ },
  { why: 'another kind of request', pattern: OTHER_REQUESTS },
  {
    why: 'a member row',
    pattern:
      /秘密|第三方|内部事务|过程性|执法案卷|查询|不掌握|另行制作|补正|缴纳|缴费|收费|出版物|重复|确认|转办|转送|告知|不予受理/,
  },
];

/** Words about 复议 and 诉讼 cases that say the figure is not the agency's count as respondent. */
export const CASE_SCOPE_WORDS: readonly { readonly why: string; readonly pattern: RegExp }[] = [
  {
    why: 'the agency as 复议机关 or a publication',
    pattern: /受理|审理|决定书|文书|公示|公布|发布|主动公开/,
  },
  { why: 'concluded cases only', pattern: /办结|审结|结案/ },
  { why: 'a sum over units (各县区, 各部门)', pattern: /各(?!类|项|种)/ },
  {
    why: 'a comparison',
    pattern: /同比|环比|增长|增加|减少|下降|上升|持平|较|比上|上年|去年|上一年|同期|以来|历年/,
  },
  { why: 'an approximate or average figure', pattern: /约|近|超过|逾|余|左右|以上|以下|平均|每/ },
];

const CASE_RESULT_WORDS: readonly { readonly column: CaseColumn; readonly pattern: RegExp }[] = [
  { column: 'pending', pattern: /尚未审结|未审结|正在审理|审理中/g },
  { column: 'upheld', pattern: /维持/g },
  { column: 'corrected', pattern: /纠正/g },
  { column: 'other', pattern: /其他结果/g },
];
const CASE_BLOCK_WORDS: readonly { readonly block: CaseBlock; readonly pattern: RegExp }[] = [
  { block: 'litigationAfterReview', pattern: /复议后(?:起诉|诉讼)/g },
  { block: 'litigationDirect', pattern: /(?:未经复议)?直接(?:起诉|诉讼)/g },
  { block: 'review', pattern: /复议/g },
  { block: 'litigation', pattern: /诉讼|起诉|应诉/g },
];
const CASE_WORD = /复议|诉讼|起诉|应诉/;

/** A department other than the reporting agency (区住建局, 某街道): the figure is that department's. */
const ORGAN = /局|厅|委员会|办公室|中心|街道|乡镇|镇|乡|部门/g;
const OWN_ORGAN_BEFORE = /[我本全该各此]$/;

/** The agency's name and its shorter forms (平潭综合实验区管委会 → 管委会, 徐望镇人民政府 → 徐望镇). */
function ownNamesOf(agency: string): string[] {
  const names = new Set<string>();
  const add = (n: string) => {
    if (n.length >= 2) names.add(n);
    const short = n.replace(/(?:人民政府办公室|人民政府|办事处|管理委员会|管委会)$/, '');
    if (short.length >= 2) names.add(short);
  };
  add(agency);
  [...agency].forEach((c, i) => {
    if ('省市县区州盟旗'.includes(c)) add(agency.slice(i + 1));
  });
  return [...names].sort((a, b) => b.length - a.length);
}

/** The last agency's names: a report's sections are read one after the other, for the same agency. */
let lastAgency: { readonly agency: string; readonly names: readonly string[] } | undefined;
function ownNames(agency: string): readonly string[] {
  if (lastAgency?.agency !== agency) lastAgency = { agency, names: ownNamesOf(normalize(agency).text) };
  return lastAgency.names;
}

/** Whether the words name a department; the agency's own name is hidden before they are read. */
function namesAnotherOrgan(words: string): boolean {
  for (const m of words.matchAll(ORGAN)) if (!OWN_ORGAN_BEFORE.test(words.slice(0, m.index))) return true;
  return false;
}

/** The matches of a pattern, and the text with them hidden. */
function take(text: string, pattern: RegExp): { found: boolean; rest: string } {
  // Most words name none of the patterns: a search, which makes nothing, before a replace, which does.
  if (text.search(pattern) < 0) return { found: false, rest: text };
  let found = false;
  const rest = text.replace(pattern, (m) => {
    found = true;
    return '□'.repeat(m.length);
  });
  return { found, rest };
}

const ABOUT_REQUESTS = /依申请|信息公开申请|公开申请|申请公开/;
const ABOUT_DISCLOSURE = /信息公开|依申请/;

/** Every year named in the words (2023年), hidden spans excepted. */
function otherYear(words: string, year: number): boolean {
  for (const m of words.matchAll(/(?<![0-9])(\d{4})年/g)) if (Number(m[1]) !== year) return true;
  return false;
}

interface Around {
  /** From the clause's start, or the number before, to the figure. */
  readonly left: string;
  /** From the figure's unit to the clause's end, or the number after. */
  readonly right: string;
  /** The sentence up to the figure. */
  readonly sentence: string;
  /** The part of the section (from its heading, else its paragraph) up to the clause's end. */
  readonly passage: string;
}

/** Section 三 targets named by one side of a figure, and those words hidden. */
function requestTargetsIn(words: string): { targets: Set<RequestTarget>; rest: string } {
  const targets = new Set<RequestTarget>();
  let rest = words;
  for (const { target, pattern } of REQUEST_WORDS) {
    const taken = take(rest, pattern);
    if (taken.found) targets.add(target);
    rest = taken.rest;
  }
  return { targets, rest };
}

function requestTarget(around: Around, context: ReportContext): RequestTarget | undefined {
  const forward = carriedForwardWords(context.year);
  const hideCarried = (w: string) => take(take(w, forward).rest, CARRIED_OVER_WORDS).rest;
  const sides = packedMap([around.left, around.right], (side) => {
    const f = take(side, forward);
    const o = take(f.rest, CARRIED_OVER_WORDS);
    const named = requestTargetsIn(o.rest);
    if (f.found) named.targets.add('carriedForward');
    if (o.found) named.targets.add('carriedOver');
    return named;
  });
  // The words before the figure decide; the words after only when those before name nothing (“收到70件申请”).
  const [left, right] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const targets = left.targets.size > 0 ? left.targets : right.targets;
  if (targets.size !== 1) return undefined;
  const [target] = [...targets] as [RequestTarget];

  const own = hideCarried(around.left + around.right);
  if (REQUEST_SCOPE_WORDS.some((s) => s.pattern.test(own))) return undefined;
  if (otherYear(hideCarried(around.sentence), context.year)) return undefined;
  if (namesAnotherOrgan(own)) return undefined;
  if (!ABOUT_REQUESTS.test(around.passage)) return undefined;
  // A sentence about 热线, 建议 or 许可 restates none of section 三, in any of its clauses (“接到咨询300件，答复300件”).
  if (OTHER_REQUESTS.test(around.sentence)) return undefined;
  // 收到 and 受理 count requests only when the figure's own words say so (收到申请75件, 收到70件申请).
  if (target === 'new' && !/申请/.test(around.left + around.right)) return undefined;
  return target;
}

function caseTarget(around: Around, context: ReportContext): `${CaseBlock}.${CaseColumn}` | undefined {
  const findIn = (words: string) => {
    let rest = words;
    const columns = new Set<CaseColumn>();
    for (const { column, pattern } of CASE_RESULT_WORDS) {
      const t = take(rest, pattern);
      if (t.found) columns.add(column);
      rest = t.rest;
    }
    const blocks = new Set<CaseBlock>();
    for (const { block, pattern } of CASE_BLOCK_WORDS) {
      const t = take(rest, pattern);
      if (t.found) blocks.add(block);
      rest = t.rest;
    }
    // 行政诉讼中未经复议直接起诉: the block named, not 诉讼 as a whole.
    if (blocks.has('litigationDirect') || blocks.has('litigationAfterReview')) blocks.delete('litigation');
    return { columns, blocks, rest };
  };
  const own = findIn(around.left + around.right);
  if (CASE_SCOPE_WORDS.some((s) => s.pattern.test(own.rest))) return undefined;
  if (REQUEST_WORD_TESTS.some((test) => test.test(own.rest))) return undefined;
  // As for section 三: the words before the figure decide, those after only when those before name nothing
  // (“行政复议案件2件、行政诉讼案件7件”: the 诉讼 after the 2 is the next figure's).
  const left = findIn(around.left);
  const side = left.blocks.size > 0 || left.columns.size > 0 ? left : findIn(around.right);
  if (side.columns.size > 1 || side.blocks.size > 1) return undefined;
  let [block] = [...side.blocks];
  const [column = 'total'] = [...side.columns];
  if (block === undefined) {
    // “行政复议351件，其中结果维持72件”: a result takes its case kind from the sentence, if it names one.
    if (side.columns.size === 0) return undefined;
    const named = findIn(around.sentence.slice(0, around.sentence.length - around.left.length)).blocks;
    if (named.size !== 1) return undefined;
    [block] = [...named];
  }
  if (!ABOUT_DISCLOSURE.test(around.sentence + around.right)) return undefined;
  if (otherYear(around.sentence, context.year)) return undefined;
  if (namesAnotherOrgan(own.rest)) return undefined;
  return `${block!}.${column}`;
}

/** Trims a clause for a message: at most 48 characters, the figure kept in view. */
function shown(words: string, figureAt: number): string {
  const clean = words.replace(/\s+/g, ' ').trim();
  if ([...clean].length <= 48) return clean;
  const at = Math.max(0, Math.min(figureAt - 30, clean.length - 48));
  return `${at > 0 ? '……' : ''}${clean.slice(at, at + 48)}${at + 48 < clean.length ? '……' : ''}`;
}

/** The global patterns as single tests, made once: a global pattern's test would keep its lastIndex. */
const single = (pattern: RegExp) => new RegExp(pattern.source, pattern.flags.replace('g', ''));
const REQUEST_WORD_TESTS = REQUEST_WORDS.map((w) => single(w.pattern));
const CASE_RESULT_TESTS = CASE_RESULT_WORDS.map((w) => single(w.pattern));
const CARRIED_OVER_TEST = single(CARRIED_OVER_WORDS);

/**
 * Every word a target can be named by, loosely (转 and 延 stand for the carried-over and carried-forward
 * words, 公开 for the outcomes, 审结 and 审理 for pending cases): a figure whose own words hold none of
 * them names no target, and is passed over before its words are read. Only a shortcut — a figure it
 * lets through is read in full.
 */
const ANY_TARGET_WORD =
  /转|延|公开|无法提供|不予处理|其他处理|收到|受理|新收|接收|接到|收悉|办结|答复|办理完毕|处理完毕|复议|诉讼|起诉|应诉|审结|审理|维持|纠正|其他结果/;

/**
 * The statements of figures in one text section that can be tied to one cell or one sum of the tables.
 * Figures that cannot be tied are not returned.
 */
export function findFigureStatements(source: string, context: ReportContext): FigureStatement[] {
  const { text: printed, originOf } = normalize(source);
  // The agency's own name says nothing of scope (示例市政务服务中心, 某镇): it is hidden before the words are read.
  let text = printed;
  for (const name of ownNames(context.agency))
    if (text.includes(name)) text = text.replaceAll(name, '□'.repeat(name.length));
  const figures = findFigures(text);
  const bounds = [
    ...figures,
    ...packedMap([...text.matchAll(ANY_NUMBER)], (m) => ({ start: m.index, end: m.index + m[0].length })),
  ].sort((a, b) => a.start - b.start);
  const headings = packedMap([...text.matchAll(HEADING)], (m) => m.index);
  const out: FigureStatement[] = [];
  // The bounds' indices in order of end: the figures come in order of start, so one sweep finds each
  // figure's bound before, instead of a walk over every bound for every figure.
  const byEnd = packedMap(bounds, (_, i) => i).sort((a, b) => bounds[a]!.end - bounds[b]!.end);
  let swept = 0;
  let lastBefore = -1;
  for (const figure of figures) {
    const clauseStart = clauseStartOf(text, figure.start);
    const clauseEnd = clauseEndOf(text, figure.end);
    // The bound before: the last, in order of start, that ends by the figure's start (bounds overlap).
    while (swept < byEnd.length && bounds[byEnd[swept]!]!.end <= figure.start)
      lastBefore = Math.max(lastBefore, byEnd[swept++]!);
    const before: Token | undefined = lastBefore >= 0 ? bounds[lastBefore] : undefined;
    // The bound after: the first, in order of start, that starts at or after the figure's end.
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]!.start >= figure.end) hi = mid;
      else lo = mid + 1;
    }
    const after: Token | undefined = bounds[lo];
    const leftStart = Math.max(clauseStart, before?.end ?? 0);
    const rightEnd = Math.min(clauseEnd, after?.start ?? text.length);
    const left = text.slice(leftStart, figure.start);
    const right = text.slice(figure.end, rightEnd);
    const own = left + right;
    if (!ANY_TARGET_WORD.test(own)) continue;
    const sentenceStart = lastIndexBefore(text, figure.start, SENTENCE_END) + 1;
    let heading: number | undefined;
    for (const h of headings) {
      if (h > figure.start) break;
      heading = h;
    }
    const passageStart = heading ?? lastIndexBefore(text, figure.start, NEWLINE) + 1;
    const around: Around = {
      left,
      right,
      sentence: text.slice(sentenceStart, figure.start),
      passage: text.slice(passageStart, clauseEnd),
    };
    const target =
      CASE_WORD.test(own) || CASE_RESULT_TESTS.some((test) => test.test(own))
        ? caseTarget(around, context)
        : requestTarget(around, context);
    if (target === undefined) continue;
    const sentenceEnd = firstIndexFrom(text, figure.end, SENTENCE_END);
    const sentence = text.slice(sentenceStart, sentenceEnd);
    const from = originOf(clauseStart);
    out.push({
      target,
      figure: figure.value,
      words: shown(source.slice(from, originOf(clauseEnd)), originOf(figure.start) - from),
      mentionsCarriedOver: CARRIED_OVER_TEST.test(sentence),
    });
  }
  return out;
}
