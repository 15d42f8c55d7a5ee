/**
 * @module An item of the 政府信息公开目录 (目录信息): its metadata (名称, 发布机构, 成文日期, 文号, 主题分类;
 * 条例 第十二条's 索引、名称、内容概述、生成日期), its body, and its life as an append-only event log —
 * drafted, perhaps submitted for approval, published (the 索引号 is issued then, once), withdrawn if it
 * was published in error; 有效性 (有效 / 已修改 / 已废止) follows from amendment and repeal events, each
 * with its date (and the document that amended or repealed it). A correction of the metadata is a new
 * event, never an edit. Which event may follow which is a table (TRANSITIONS); the state is derived by
 * replaying the log. Pure: today's date is handed in.
 */
import { isLocalDate, type LocalDate } from '../calendar/local-date.js';
import { err, ok, type Result } from '../requests/result.js';
import { hasControlCharacters } from '../shared/plain-text.js';
import { type AttachmentRef, MAX_ATTACHMENTS_PER_ITEM } from './attachment.js';
import { COLUMN_ID, STATUTORY_COLUMN } from './columns.js';
import type { CatalogueDocument, DocumentKind } from './section-two.js';

/** 体裁 as the staff API names it: 规范性文件, 规章, or any other item (other). */
export const ITEM_KINDS = ['规范性文件', '规章', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The row of section 二's first table an item of each kind counts in. */
export const DOCUMENT_KIND_OF: Readonly<Record<ItemKind, DocumentKind>> = {
  规范性文件: 'normativeDocument',
  规章: 'rule',
  other: 'other',
};

/**
 * 公开方式 (公开属性 on some sites; portal.md §3 [V-sec]): 主动公开 is shown in full on the portal;
 * 依申请公开 is listed with its metadata and obtained by request; 不予公开 (with its reason) stays in
 * the office's catalogue and is not shown.
 */
export const DISCLOSURE_MODES = ['主动公开', '依申请公开', '不予公开'] as const;
export type DisclosureMode = (typeof DISCLOSURE_MODES)[number];

/** The metadata a draft is made with (and a correction changes). */
export interface ItemParticulars {
  /** 名称: the main title. */
  readonly title: string;
  /** 发布机构 */
  readonly publisher: string;
  /** 成文日期 */
  readonly writtenOn: LocalDate;
  /** 文号 (发文字号); empty when the item has none. */
  readonly docNumber: string;
  /** 主题分类 */
  readonly topic: string;
  /** 正文 */
  readonly body: string;
  readonly kind: ItemKind;
  /** 栏目: the id of a column of the agency's tree (columns.ts). */
  readonly column: string;
  /** 关键词 (主题词), in the order given; none is an empty list. */
  readonly keywords: readonly string[];
  /** 公开方式 */
  readonly disclosure: DisclosureMode;
  /** Why not 主动公开: required for 不予公开, may be given for 依申请公开, empty for 主动公开. */
  readonly disclosureReason: string;
}

/** The fields migration 0016 added: logs written before it lack them (see withDefaults). */
type AddedIn0016 = 'column' | 'keywords' | 'disclosure' | 'disclosureReason';

/** The particulars as a Drafted event stored before migration 0016 may hold them. */
export type StoredParticulars = Omit<ItemParticulars, AddedIn0016> &
  Partial<Pick<ItemParticulars, AddedIn0016>>;

/**
 * Where an item goes when its drafter names no column (the staff API; the items of before migration
 * 0016, which wrote the same into its rows): a 规章 or 规范性文件 under 条例第二十条第（一）项, anything
 * else in 法定主动公开内容 itself, until someone places it.
 */
export const defaultColumnOf = (kind: ItemKind): string =>
  kind === 'other' ? STATUTORY_COLUMN : `${STATUTORY_COLUMN}-01`;

/** The particulars with what a log of before migration 0016 did not say: the defaults. */
export const withDefaults = (p: StoredParticulars): ItemParticulars => ({
  ...p,
  column: p.column ?? defaultColumnOf(p.kind),
  keywords: p.keywords ?? [],
  disclosure: p.disclosure ?? '主动公开',
  disclosureReason: p.disclosureReason ?? '',
});

/** 关键词 as typed in one field: separated by spaces, commas (，,), 、 or semicolons; each once. */
export const keywordsOf = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,，、;；]+/u)
      .map((k) => k.trim())
      .filter((k) => k !== ''),
  ),
];

interface Dated {
  /** The day it happened. */
  readonly on: LocalDate;
  /** Who recorded it (login name). */
  readonly by: string;
}

export type ItemEvent =
  | (Dated & { readonly kind: 'Drafted'; readonly particulars: StoredParticulars })
  | (Dated & { readonly kind: 'Submitted' })
  | (Dated & { readonly kind: 'Published'; readonly indexNumber: string })
  /** 已修改: amended on `on` by the document named. */
  | (Dated & { readonly kind: 'Amended'; readonly document: string })
  /** 已废止 from `on`, by the document named if any. */
  | (Dated & { readonly kind: 'Repealed'; readonly document?: string })
  /** 撤回: published in error; it keeps its 索引号 and never counted. */
  | (Dated & { readonly kind: 'Withdrawn'; readonly reason: string })
  /** 更正: metadata corrected; the old values stay in the log. */
  | (Dated & {
      readonly kind: 'Corrected';
      readonly changes: Partial<ItemParticulars>;
      readonly reason: string;
    })
  /** 附件: a file added to the item (its bytes are kept apart, under the ref's id). */
  | (Dated & { readonly kind: 'Attached'; readonly attachment: AttachmentRef })
  /** 撤下附件: the file is no longer shown; the bytes and this log keep it. A reason once published. */
  | (Dated & { readonly kind: 'Detached'; readonly attachmentId: string; readonly reason?: string });

export type ItemEventKind = ItemEvent['kind'];

export type ItemStatus = 'draft' | 'submitted' | 'published' | 'withdrawn';
export type Validity = '有效' | '已修改' | '已废止';

export const ITEM_STATUS_LABELS: Readonly<Record<ItemStatus, string>> = {
  draft: '草稿',
  submitted: '待审核',
  published: '已发布',
  withdrawn: '已撤回',
};

export interface ItemState {
  readonly status: ItemStatus;
  readonly particulars: ItemParticulars;
  readonly draftedOn: LocalDate;
  readonly submittedOn?: LocalDate;
  /** 发布日期 */
  readonly publishedOn?: LocalDate;
  /** 索引号: present once published, and never changed after. */
  readonly indexNumber?: string;
  /** 有效性 */
  readonly validity: Validity;
  readonly amendments: readonly { readonly on: LocalDate; readonly document: string }[];
  readonly repealed?: { readonly on: LocalDate; readonly document?: string };
  readonly withdrawn?: { readonly on: LocalDate; readonly reason: string };
  /** 附件 shown with the item now, in the order they were added. */
  readonly attachments: readonly AttachmentRef[];
}

export const ITEM_REFUSALS = {
  'catalogue.not-drafted': '目录信息的记录应当以“起草”开始，且只起草一次',
  'catalogue.title-empty':
    '名称不能为空（条例第十二条：政府信息公开目录包括信息的索引、名称、内容概述、生成日期）',
  'catalogue.publisher-empty': '发布机构不能为空',
  'catalogue.topic-empty': '主题分类不能为空',
  'catalogue.body-empty': '正文不能为空',
  'catalogue.kind': '体裁应为 规范性文件、规章 或 other',
  'catalogue.date': '日期应为 YYYY-MM-DD 格式的真实日期',
  'catalogue.control-characters': '含有不能保存的控制字符（名称、文号等只有一行的内容也不能换行）',
  'catalogue.too-long': '内容过长',
  'catalogue.date-order': '事件日期不能早于前一事件',
  'catalogue.date-after-today': '日期晚于今天',
  'catalogue.written-after-event': '成文日期不能晚于起草、发布或其后的日期',
  'catalogue.not-allowed': '目录信息当前的状态下不能进行该操作',
  'catalogue.already-published': '目录信息已经发布，索引号一经赋予不再变更（不能再次发布）',
  'catalogue.not-published': '目录信息尚未发布，不能记录修改、废止或撤回',
  'catalogue.already-repealed': '该文件已经废止，不能再修改或废止',
  'catalogue.already-withdrawn': '目录信息已经撤回，不能再进行操作；其索引号保留，不再赋予其他信息',
  'catalogue.index-number-missing': '发布时应当赋予索引号',
  'catalogue.document-empty': '修改须写明据以修改的文件（名称或文号）',
  'catalogue.reason-empty': '须写明理由',
  'catalogue.correction-nothing': '没有要更正的内容：所给的值与现有记录相同',
  'catalogue.column': '栏目编号应为小写字母、数字和连字符（如 fdzdgknr-01）',
  'catalogue.keyword': '关键词中不能有空格、逗号、顿号、分号或控制字符，每个至多 20 字',
  'catalogue.keywords-too-many': '关键词至多 10 个',
  'catalogue.disclosure': '公开方式应为 主动公开、依申请公开 或 不予公开',
  'catalogue.disclosure-reason-missing':
    '不予公开的信息须写明不予公开的理由（依据条例第十四条、第十五条、第十六条）',
  'catalogue.disclosure-reason-unexpected': '主动公开的信息不填写不公开的理由；如不主动公开，请选择公开方式',
  'catalogue.correction-kind':
    '已发布的目录信息不能更正体裁：规章、规范性文件的件数按发布时的体裁计入年度报告第二部分（条例第二十条第（一）项）；请撤回后重新起草',
  'catalogue.attachment-duplicate': '该附件已在这条信息中（同一编号或同一文件内容）',
  'catalogue.attachment-unknown': '该信息没有这个附件，或它已被撤下',
  'catalogue.attachment-too-many': `一条信息至多 ${MAX_ATTACHMENTS_PER_ITEM} 个附件`,
} as const;

export type ItemRefusalCode = keyof typeof ITEM_REFUSALS;

export interface ItemRefusal {
  readonly code: ItemRefusalCode;
  readonly message: string;
  /** The event of the log refused, when the refusal is about one. */
  readonly eventIndex?: number;
  /** The field refused, when the code alone does not say (a length, a character). */
  readonly field?: ItemField;
}

export function itemRefusal(
  code: ItemRefusalCode,
  detail?: string,
  eventIndex?: number,
  field?: ItemField,
): ItemRefusal {
  const message = detail ? `${ITEM_REFUSALS[code]}：${detail}` : ITEM_REFUSALS[code];
  return {
    code,
    message,
    ...(eventIndex === undefined ? {} : { eventIndex }),
    ...(field === undefined ? {} : { field }),
  };
}

/** The fields a length or a character can be refused in, with the names the forms give them. */
export const ITEM_FIELD_LABELS = {
  title: '名称',
  publisher: '发布机构',
  docNumber: '文号',
  topic: '主题分类',
  body: '正文',
  document: '据以修改或废止的文件',
  reason: '理由',
  disclosureReason: '不予公开的理由',
} as const;
export type ItemField = keyof typeof ITEM_FIELD_LABELS;

/** 内容过长 in one field, saying which and how long it may be. */
const tooLong = (field: ItemField & keyof typeof ITEM_LIMITS, eventIndex?: number) =>
  itemRefusal(
    'catalogue.too-long',
    `${ITEM_FIELD_LABELS[field]}至多 ${ITEM_LIMITS[field]} 字`,
    eventIndex,
    field,
  );
const controlIn = (field: ItemField) =>
  itemRefusal('catalogue.control-characters', ITEM_FIELD_LABELS[field], undefined, field);

/** Lengths the catalogue holds (characters). */
export const ITEM_LIMITS = {
  title: 200,
  publisher: 100,
  docNumber: 100,
  topic: 50,
  body: 200_000,
  document: 200,
  reason: 500,
  keyword: 20,
  keywords: 10,
  disclosureReason: 200,
} as const;

/**
 * Which event may follow in which status (the transitions as data), and the refusal when it may not.
 * Drafted only opens the log; Amended and Repealed also need the item in force (not 已废止).
 */
export const TRANSITIONS: Readonly<
  Record<Exclude<ItemEventKind, 'Drafted'>, { readonly from: readonly ItemStatus[] }>
> = {
  Submitted: { from: ['draft'] },
  Published: { from: ['draft', 'submitted'] },
  Amended: { from: ['published'] },
  Repealed: { from: ['published'] },
  Withdrawn: { from: ['published'] },
  Corrected: { from: ['draft', 'submitted', 'published'] },
  Attached: { from: ['draft', 'submitted', 'published'] },
  Detached: { from: ['draft', 'submitted', 'published'] },
};

/** Why an event may not follow in this status. */
function refusalInStatus(kind: Exclude<ItemEventKind, 'Drafted'>, status: ItemStatus): ItemRefusalCode {
  if (status === 'withdrawn') return 'catalogue.already-withdrawn';
  if (kind === 'Published' || kind === 'Submitted')
    return status === 'published' ? 'catalogue.already-published' : 'catalogue.not-allowed';
  if (kind === 'Amended' || kind === 'Repealed' || kind === 'Withdrawn') return 'catalogue.not-published';
  return 'catalogue.not-allowed';
}

const SINGLE_LINE_FIELDS = ['title', 'publisher', 'docNumber', 'topic'] as const;

/** 栏目, 关键词 and 公开方式 as the catalogue may hold them (the column's place in the tree aside). */
function checkPlacement(t: ItemParticulars): Result<ItemParticulars, ItemRefusal> {
  if (!COLUMN_ID.test(t.column)) return err(itemRefusal('catalogue.column', t.column));
  const keywords = [...new Set(t.keywords.map((k) => k.trim()))].filter((k) => k !== '');
  if (keywords.length > ITEM_LIMITS.keywords) return err(itemRefusal('catalogue.keywords-too-many'));
  for (const k of keywords)
    if (hasControlCharacters(k) || keywordsOf(k).length !== 1 || [...k].length > ITEM_LIMITS.keyword)
      return err(itemRefusal('catalogue.keyword', k));
  if (!(DISCLOSURE_MODES as readonly string[]).includes(t.disclosure))
    return err(itemRefusal('catalogue.disclosure', String(t.disclosure)));
  const disclosureReason = t.disclosureReason.trim();
  if (t.disclosure === '不予公开' && !disclosureReason)
    return err(itemRefusal('catalogue.disclosure-reason-missing'));
  if (t.disclosure === '主动公开' && disclosureReason)
    return err(itemRefusal('catalogue.disclosure-reason-unexpected'));
  if (hasControlCharacters(disclosureReason)) return err(controlIn('disclosureReason'));
  if ([...disclosureReason].length > ITEM_LIMITS.disclosureReason) return err(tooLong('disclosureReason'));
  return ok({ ...t, keywords, disclosureReason });
}

/** The particulars as the catalogue may hold them: trimmed, required ones present, no control characters. */
export function checkParticulars(p: StoredParticulars): Result<ItemParticulars, ItemRefusal> {
  const full = withDefaults(p);
  const t = {
    ...full,
    title: p.title.trim(),
    publisher: p.publisher.trim(),
    docNumber: p.docNumber.trim(),
    topic: p.topic.trim(),
    column: full.column.trim(),
  };
  if (!(ITEM_KINDS as readonly string[]).includes(t.kind))
    return err(itemRefusal('catalogue.kind', String(t.kind)));
  if (!t.title) return err(itemRefusal('catalogue.title-empty'));
  if (!t.publisher) return err(itemRefusal('catalogue.publisher-empty'));
  if (!t.topic) return err(itemRefusal('catalogue.topic-empty'));
  if (!t.body.trim()) return err(itemRefusal('catalogue.body-empty'));
  if (!isLocalDate(t.writtenOn)) return err(itemRefusal('catalogue.date', `成文日期 ${t.writtenOn}`));
  for (const field of SINGLE_LINE_FIELDS) {
    if (hasControlCharacters(t[field])) return err(controlIn(field));
    if ([...t[field]].length > ITEM_LIMITS[field]) return err(tooLong(field));
  }
  if (hasControlCharacters(t.body, { lines: true })) return err(controlIn('body'));
  if ([...t.body].length > ITEM_LIMITS.body) return err(tooLong('body'));
  return checkPlacement(t);
}

/** Values of particulars compared as values (关键词 is a list). */
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function lastDate(state: ItemState): LocalDate {
  const dates = [
    state.draftedOn,
    state.submittedOn,
    state.publishedOn,
    ...state.amendments.map((a) => a.on),
    state.repealed?.on,
    state.withdrawn?.on,
  ].filter((d): d is LocalDate => d !== undefined);
  // Dates as text sort as dates (YYYY-MM-DD).
  return dates.sort().at(-1) ?? state.draftedOn;
}

function drafted(event: ItemEvent, today: LocalDate): Result<ItemState, ItemRefusal> {
  if (event.kind !== 'Drafted') return err(itemRefusal('catalogue.not-drafted', undefined, 0));
  if (!isLocalDate(event.on)) return err(itemRefusal('catalogue.date', event.on, 0));
  if (event.on > today) return err(itemRefusal('catalogue.date-after-today', `${event.on} > ${today}`, 0));
  const p = checkParticulars(event.particulars);
  if (!p.ok) return err({ ...p.error, eventIndex: 0 });
  if (p.value.writtenOn > event.on)
    return err(
      itemRefusal('catalogue.written-after-event', `成文 ${p.value.writtenOn}，起草 ${event.on}`, 0),
    );
  return ok({
    status: 'draft',
    particulars: p.value,
    draftedOn: event.on,
    validity: '有效',
    amendments: [],
    attachments: [],
  });
}

/** The state after one more event, or why that event may not follow (`index`: its place in the log). */
export function applyItemEvent(
  state: ItemState,
  event: ItemEvent,
  today: LocalDate,
  index = 0,
): Result<ItemState, ItemRefusal> {
  const refuse = (code: ItemRefusalCode, detail?: string) => err(itemRefusal(code, detail, index));
  if (event.kind === 'Drafted') return refuse('catalogue.not-drafted');
  if (!isLocalDate(event.on)) return refuse('catalogue.date', event.on);
  if (!TRANSITIONS[event.kind].from.includes(state.status))
    return refuse(refusalInStatus(event.kind, state.status));
  if (event.on > today) return refuse('catalogue.date-after-today', `${event.on} > ${today}`);
  const previous = lastDate(state);
  if (event.on < previous) return refuse('catalogue.date-order', `${event.on} < ${previous}`);
  switch (event.kind) {
    case 'Submitted':
      return ok({ ...state, status: 'submitted', submittedOn: event.on });
    case 'Published': {
      const indexNumber = event.indexNumber.trim();
      if (!indexNumber) return refuse('catalogue.index-number-missing');
      return ok({ ...state, status: 'published', publishedOn: event.on, indexNumber });
    }
    case 'Amended': {
      if (state.validity === '已废止') return refuse('catalogue.already-repealed', state.repealed?.on);
      const document = event.document.trim();
      if (!document) return refuse('catalogue.document-empty');
      if ([...document].length > ITEM_LIMITS.document) return err(tooLong('document', index));
      return ok({
        ...state,
        validity: '已修改',
        amendments: [...state.amendments, { on: event.on, document }],
      });
    }
    case 'Repealed': {
      if (state.validity === '已废止') return refuse('catalogue.already-repealed', state.repealed?.on);
      const document = event.document?.trim();
      if (document !== undefined && [...document].length > ITEM_LIMITS.document)
        return err(tooLong('document', index));
      return ok({
        ...state,
        validity: '已废止',
        repealed: { on: event.on, ...(document ? { document } : {}) },
      });
    }
    case 'Withdrawn': {
      const reason = event.reason.trim();
      if (!reason) return refuse('catalogue.reason-empty');
      if ([...reason].length > ITEM_LIMITS.reason) return err(tooLong('reason', index));
      return ok({ ...state, status: 'withdrawn', withdrawn: { on: event.on, reason } });
    }
    case 'Corrected': {
      const reason = event.reason.trim();
      if (!reason) return refuse('catalogue.reason-empty');
      const changed = Object.entries(event.changes).filter(
        ([key, value]) =>
          value !== undefined && !sameValue(state.particulars[key as keyof ItemParticulars], value),
      );
      if (changed.length === 0) return refuse('catalogue.correction-nothing');
      if (state.status === 'published' && event.changes.kind !== undefined)
        if (event.changes.kind !== state.particulars.kind) return refuse('catalogue.correction-kind');
      const corrected = checkParticulars({ ...state.particulars, ...Object.fromEntries(changed) });
      if (!corrected.ok) return err({ ...corrected.error, eventIndex: index });
      if (corrected.value.writtenOn > state.draftedOn)
        return refuse(
          'catalogue.written-after-event',
          `成文 ${corrected.value.writtenOn}，起草 ${state.draftedOn}`,
        );
      return ok({ ...state, particulars: corrected.value });
    }
    case 'Attached': {
      const { attachment } = event;
      if (state.attachments.some((a) => a.id === attachment.id || a.sha256 === attachment.sha256))
        return refuse('catalogue.attachment-duplicate', attachment.name);
      if (state.attachments.length >= MAX_ATTACHMENTS_PER_ITEM)
        return refuse('catalogue.attachment-too-many');
      return ok({ ...state, attachments: [...state.attachments, attachment] });
    }
    case 'Detached': {
      if (!state.attachments.some((a) => a.id === event.attachmentId))
        return refuse('catalogue.attachment-unknown', event.attachmentId);
      const reason = event.reason?.trim() ?? '';
      // What the public could read is taken down with a reason on record; a draft's file just goes.
      if (state.status === 'published' && !reason) return refuse('catalogue.reason-empty');
      if ([...reason].length > ITEM_LIMITS.reason) return err(tooLong('reason', index));
      return ok({ ...state, attachments: state.attachments.filter((a) => a.id !== event.attachmentId) });
    }
  }
}

/** The state the log leads to, replaying it from the draft; the first event refused stops it. */
export function itemStateOf(events: readonly ItemEvent[], today: LocalDate): Result<ItemState, ItemRefusal> {
  const [first, ...rest] = events;
  if (!first) return err(itemRefusal('catalogue.not-drafted'));
  let state = drafted(first, today);
  for (const [i, event] of rest.entries()) {
    if (!state.ok) return state;
    state = applyItemEvent(state.value, event, today, i + 1);
  }
  return state;
}

/** The item as section 二's table counts it (documentRows). */
export function catalogueDocumentOf(state: ItemState): CatalogueDocument {
  return {
    kind: DOCUMENT_KIND_OF[state.particulars.kind],
    writtenOn: state.particulars.writtenOn,
    ...(state.publishedOn ? { publishedOn: state.publishedOn } : {}),
    ...(state.repealed ? { repealedOn: state.repealed.on } : {}),
    ...(state.status === 'withdrawn' ? { withdrawn: true } : {}),
  };
}

/** Stored logs were checked against their own day when written: replaying them, no day is too late. */
const ANY_DAY = '9999-12-31' as LocalDate;

/** The state of a stored log (checked as it was written), replayed. */
export const storedItemState = (events: readonly ItemEvent[]): Result<ItemState, ItemRefusal> =>
  itemStateOf(events, ANY_DAY);

/**
 * Section 二's documents from the agency's stored logs: every 规章 and 规范性文件 with its dates (drafts
 * too: documentRows counts only what was published). A log the rules refuse is left out and listed.
 */
export function documentsOfLogs(logs: ReadonlyMap<string, readonly ItemEvent[]>): {
  readonly documents: CatalogueDocument[];
  readonly refused: readonly { readonly id: string; readonly refusal: ItemRefusal }[];
} {
  const documents: CatalogueDocument[] = [];
  const refused: { id: string; refusal: ItemRefusal }[] = [];
  for (const [id, log] of logs) {
    const state = storedItemState(log);
    if (!state.ok) refused.push({ id, refusal: state.error });
    else if (state.value.particulars.kind !== 'other') documents.push(catalogueDocumentOf(state.value));
  }
  return { documents, refused };
}

/**
 * What the public may see of the item (the portal's pages, its search index): a published 主动公开
 * item whole; a 依申请公开 one by its metadata, its body and files withheld (obtained by request, 条例
 * 第二十七条); nothing of a 不予公开 one, nor of anything unpublished.
 */
export function publicStateOf(state: ItemState): ItemState | undefined {
  if (state.status !== 'published' || state.particulars.disclosure === '不予公开') return undefined;
  if (state.particulars.disclosure === '主动公开') return state;
  return { ...state, particulars: { ...state.particulars, body: '' }, attachments: [] };
}
