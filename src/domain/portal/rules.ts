/**
 * @module 政府信息公开制度 (the column's second sub-column, portal.md §2): the agency's own rules for its
 * disclosure work — the 工作制度 of 条例第四条, the 审查机制 of 第十七条, the 申请登记、审核、办理、答复、
 * 归档 rules of 第四十五条, 考核、社会评议和责任追究 (第四十六条、第四十七条) — published as one list of rule
 * documents. A list that cannot stand (empty, a name twice, a date that is not a real one or is still to
 * come, a text too long) is refused, each problem named; one that lists nothing for 第十七条 or 第四十五条
 * is taken with a finding, since those two the Regulation itself requires and an office may simply not
 * have ticked them.
 */
import { isLocalDate, type LocalDate } from '../calendar/local-date.js';

/** What a rule document is about, as the Regulation asks for it. */
export const RULE_TOPICS = ['work', 'review', 'requests', 'supervision'] as const;
export type RuleTopic = (typeof RULE_TOPICS)[number];

export const RULE_TOPIC_LABELS: Readonly<Record<RuleTopic, string>> = {
  work: '工作制度（条例第四条）',
  review: '公开审查机制（条例第十七条）',
  requests: '申请登记、审核、办理、答复、归档（条例第四十五条）',
  supervision: '考核、社会评议和责任追究（条例第四十六条、第四十七条）',
};

/** One of the agency's rule documents. */
export interface RuleDocument {
  /** 名称, e.g. 某县政府信息公开保密审查制度. */
  readonly name: string;
  /** 文号 ('' when the rule was not issued under one). */
  readonly docNumber: string;
  /** 成文日期 (or, for a rule without one, the date it was issued). */
  readonly issuedOn: LocalDate;
  /** The rule's text, or a summary of it (one paragraph a line). */
  readonly summary: string;
  /** The same document in the agency's own 政府信息公开目录, when it is there (its item id). */
  readonly itemId?: string;
  /** Which of the Regulation's requirements it answers. */
  readonly covers: readonly RuleTopic[];
}

/** One version of the agency's 政府信息公开制度: its rule documents, in the order the page lists them. */
export interface DisclosureRules {
  readonly documents: readonly RuleDocument[];
}

/** A list as the office wrote it, before the check: dates and topics as typed. */
export interface RuleDocumentDraft extends Omit<RuleDocument, 'issuedOn' | 'covers'> {
  readonly issuedOn: string;
  readonly covers: readonly string[];
}
export interface DisclosureRulesDraft {
  readonly documents: readonly RuleDocumentDraft[];
}

export type RuleField = keyof RuleDocument;

export const RULE_LABELS: Readonly<Record<RuleField, string>> = {
  name: '名称',
  docNumber: '文号',
  issuedOn: '成文日期',
  summary: '内容',
  itemId: '目录信息编号',
  covers: '涉及',
};

/** Pingtan lists 34; a page of rules, not an archive. */
export const RULES_LIMIT = 200;
export const RULE_NAME_LIMIT = 100;
export const RULE_NUMBER_LIMIT = 50;
export const RULE_SUMMARY_LIMIT = 5000;
/** A catalogue item's id, as the portal's /catalogue/{id} takes it. */
export const RULE_ITEM_ID = /^[0-9a-zA-Z-]{1,64}$/;

export interface RuleProblem {
  /** The document's place in the list (0 first); undefined: the list as a whole. */
  readonly index?: number;
  readonly field?: RuleField;
  readonly message: string;
}

/** A statutory rule the list does not show: said, not refused. */
export interface RuleFinding {
  readonly topic: 'review' | 'requests';
  readonly message: string;
}

/** The two the Regulation requires of every agency in so many words. */
const STATUTORY: readonly RuleFinding[] = [
  {
    topic: 'review',
    message:
      '未列出政府信息公开审查机制（条例第十七条：行政机关应当建立健全政府信息公开审查机制，明确审查的程序和责任）。如已有，请在该制度的“涉及”中勾选“公开审查机制”',
  },
  {
    topic: 'requests',
    message:
      '未列出政府信息公开申请登记、审核、办理、答复、归档的工作制度（条例第四十五条）。如已有，请在该制度的“涉及”中勾选',
  },
];

/** A name as two entries are compared: spaces inside do not make another rule. */
const nameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');

const length = (text: string) => [...text].length;

/**
 * Each problem that keeps the list from being published: the list empty or too long; a document
 * without a name, its name a second time, its date not a real date or after `today`, a text over its
 * limit, a catalogue id that cannot be one, a topic not known.
 */
export function checkRules(rules: DisclosureRulesDraft, today: LocalDate): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const documents = rules.documents;
  if (documents.length === 0) problems.push({ message: '请至少列出一项制度' });
  if (documents.length > RULES_LIMIT)
    problems.push({ message: `一次最多列出 ${RULES_LIMIT} 项制度，现有 ${documents.length} 项` });
  const firstOf = new Map<string, number>();
  documents.forEach((doc, index) => {
    const at = (field: RuleField, message: string) => problems.push({ index, field, message });
    const name = doc.name.trim();
    if (name === '') at('name', '请填写制度名称');
    else if (length(name) > RULE_NAME_LIMIT) at('name', `名称不能超过 ${RULE_NAME_LIMIT} 个字`);
    else {
      const first = firstOf.get(nameKey(name));
      if (first === undefined) firstOf.set(nameKey(name), index);
      else at('name', `名称与第 ${first + 1} 项相同；同一制度只列一次，新修订的请更新原项`);
    }
    if (length(doc.docNumber.trim()) > RULE_NUMBER_LIMIT)
      at('docNumber', `文号不能超过 ${RULE_NUMBER_LIMIT} 个字`);
    const date = doc.issuedOn.trim();
    if (date === '') at('issuedOn', '请填写成文日期');
    else if (!isLocalDate(date))
      at('issuedOn', `“${date}”不是真实的日期，请按 YYYY-MM-DD 填写，如 2024-03-01`);
    else if (date > today) at('issuedOn', `成文日期 ${date} 晚于今天（${today}）；尚未印发的制度不能公布`);
    if (length(doc.summary.trim()) > RULE_SUMMARY_LIMIT)
      at('summary', `内容不能超过 ${RULE_SUMMARY_LIMIT} 个字；全文较长的，请发布到公开目录并填写其编号`);
    const itemId = doc.itemId?.trim() ?? '';
    if (itemId !== '' && !RULE_ITEM_ID.test(itemId))
      at('itemId', '目录信息编号只含字母、数字和连字符（信息页面地址 /catalogue/ 之后的部分）');
    if (doc.covers.some((topic) => !(RULE_TOPICS as readonly string[]).includes(topic)))
      at('covers', '“涉及”中有无法识别的选项');
  });
  return problems;
}

/** The statutory rules (条例第十七条、第四十五条) that no document of the list says it covers. */
export const rulesFindings = (rules: DisclosureRules): RuleFinding[] =>
  STATUTORY.filter((f) => !rules.documents.some((doc) => doc.covers.includes(f.topic)));

/**
 * The list as it is kept (after checkRules found nothing): texts trimmed, an empty 目录 id left out,
 * each topic once, in RULE_TOPICS' order.
 */
export const trimRules = (rules: DisclosureRulesDraft): DisclosureRules => ({
  documents: rules.documents.map((doc) => {
    const itemId = doc.itemId?.trim() ?? '';
    return {
      name: doc.name.trim(),
      docNumber: doc.docNumber.trim(),
      issuedOn: doc.issuedOn.trim() as LocalDate,
      summary: doc.summary.trim(),
      ...(itemId === '' ? {} : { itemId }),
      covers: RULE_TOPICS.filter((topic) => doc.covers.includes(topic)),
    };
  }),
});
