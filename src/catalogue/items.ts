/**
 * @module The 政府信息公开目录's use cases, shared by the web and the command line: a liaison or handler
 * drafts an item (and may submit it for approval), an approver publishes it — the 索引号 is issued then,
 * to the agency's pattern, from a serial drawn in the same transaction — and later records its
 * amendment or repeal (有效性), or withdraws it if it was published in error. Each asks the policy table
 * first (an item of an agency the actor cannot see is refused as unknown), checks the event with the
 * domain's transitions (domain/catalogue/catalogue-item.ts), appends it to the item's log, and audits it
 * in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { type Action, type Actor, actorName, auditedBy, authorize } from '../domain/access/policy.js';
import { isLocalDate, type LocalDate, yearOf } from '../domain/calendar/local-date.js';
import {
  applyItemEvent,
  documentsOfLogs,
  type ItemEvent,
  type ItemParticulars,
  type ItemState,
  type ItemStatus,
  itemStateOf,
  type StoredParticulars,
  storedItemState,
  withDefaults,
} from '../domain/catalogue/catalogue-item.js';
import {
  DEFAULT_INDEX_PATTERN,
  formatIndexNumber,
  parseIndexPattern,
  serialScope,
} from '../domain/catalogue/index-number.js';
import type { CatalogueDocument } from '../domain/catalogue/section-two.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { todayInChina } from '../ledger/today.js';
import { indexItem } from '../search/index.js';
import {
  ItemSeqConflictError,
  type ItemSummary,
  type Repositories,
  type Storage,
  type StoredItem,
} from '../storage/index.js';
import { columnForItem } from './columns.js';
import { type CatalogueAppCode, type CatalogueAppRefusal, catalogueRefusal } from './refusals.js';

/**
 * Undefined when the policy lets the actor do `action` (on a record of `agencyId`); else the refusal:
 * a record of an agency the actor cannot see gets `unknown`, the refusal a missing one gets.
 */
function permit(
  actor: Actor,
  action: Action,
  agencyId: number,
  unknown: { readonly code: CatalogueAppCode; readonly what: string },
): CatalogueAppRefusal | undefined {
  const allowed = authorize(actor, action, agencyId);
  if (allowed.ok) return undefined;
  if (allowed.error.code === 'access.not-found') return catalogueRefusal(unknown.code, unknown.what);
  return { code: allowed.error.code, message: allowed.error.message };
}

/** An item as the use cases answer it: its row, and the state its log leads to. */
export interface ItemView {
  readonly id: string;
  readonly agencyId: number;
  readonly state: ItemState;
  /** Events recorded, oldest first. */
  readonly events: readonly ItemEvent[];
}

export interface CatalogueOptions {
  /** Default: today in China. Dates after it are refused. */
  readonly today?: LocalDate;
}

/**
 * A draft's particulars. 栏目, 关键词 and 公开方式 may be left out (the staff API's callers of before):
 * the column is then the default of its 体裁 (defaultColumnOf: a 规章 or 规范性文件 under 条例第二十条第
 * （一）项, anything else in 法定主动公开内容), no keywords, 主动公开.
 */
export interface DraftInput extends StoredParticulars {
  readonly agencyId: number;
  /** A UUID; one is made when absent. */
  readonly id?: string;
}

const summaryOf = (s: ItemState): ItemSummary => ({
  status: s.status,
  kind: s.particulars.kind,
  title: s.particulars.title,
  writtenOn: s.particulars.writtenOn,
  publishedOn: s.publishedOn ?? null,
  repealedOn: s.repealed?.on ?? null,
  validity: s.validity,
  indexNumber: s.indexNumber ?? null,
  column: s.particulars.column,
  topic: s.particulars.topic,
  disclosure: s.particulars.disclosure,
});

/** The audit log's detail of an event: what it says, without the body text. */
function detailOf(event: ItemEvent): Record<string, unknown> {
  const { by: _by, ...rest } = event;
  if (rest.kind !== 'Drafted') return rest;
  const { body, ...particulars } = rest.particulars;
  return { ...rest, particulars: { ...particulars, bodyLength: [...body].length } };
}

async function audit(
  tx: Repositories,
  actor: Actor,
  item: { id: string; agencyId: number },
  event: ItemEvent,
) {
  await tx.auditLog.append({
    ...auditedBy(actor, item.agencyId),
    action: `catalogue.${event.kind.toLowerCase()}`,
    subject: `catalogue:${item.id}`,
    detail: detailOf(event),
  });
}

/** 起草: a new item in the agency's catalogue, a draft without a 索引号. */
export async function draftItem(
  storage: Storage,
  actor: Actor,
  input: DraftInput,
  options: CatalogueOptions = {},
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  const denied = permit(actor, 'catalogue.draft', input.agencyId, {
    code: 'agency.unknown',
    what: String(input.agencyId),
  });
  if (denied) return err(denied);
  const today = options.today ?? todayInChina();
  const { agencyId, id: wantedId, ...given } = input;
  const particulars = withDefaults(given);
  const event: ItemEvent = { kind: 'Drafted', on: today, by: actorName(actor), particulars };
  const state = itemStateOf([event], today);
  if (!state.ok) return state;
  // The draft holds the particulars as the domain trimmed them.
  const stored: ItemEvent = { ...event, particulars: state.value.particulars };
  return storage.transaction(async (tx) => {
    // The agency's tree says whether the column may take it (and refuses an unknown agency).
    const column = await columnForItem(tx, agencyId, state.value.particulars.column);
    if (!column.ok) return column;
    const id = wantedId ?? randomUUID();
    await tx.catalogue.add({ id, agencyId, event: stored, summary: summaryOf(state.value) });
    await audit(tx, actor, { id, agencyId }, stored);
    return ok({ id, agencyId, state: state.value, events: [stored] });
  });
}

/**
 * The item's row, if the actor may `action` on it (an action chosen by the row, as a file's upload is by
 * the item's status, when a function); else refused as the policy says. One read, no log replayed: the
 * check to make before costly work, such as opening an uploaded PDF.
 */
export async function permittedRow(
  tx: Repositories,
  actor: Actor,
  id: string,
  action: Action | ((row: StoredItem) => Action),
): Promise<Result<StoredItem, CatalogueAppRefusal>> {
  const row = await tx.catalogue.get(id);
  if (!row) return err(catalogueRefusal('catalogue.unknown', id));
  const asked = typeof action === 'function' ? action(row) : action;
  const denied = permit(actor, asked, row.agencyId, { code: 'catalogue.unknown', what: id });
  return denied ? err(denied) : ok(row);
}

/** The item and its replayed log, if the actor may `action` on it; else refused as the policy says. */
export async function itemFor(
  tx: Repositories,
  actor: Actor,
  id: string,
  action: Action,
): Promise<Result<{ row: StoredItem; events: ItemEvent[]; state: ItemState }, CatalogueAppRefusal>> {
  const permitted = await permittedRow(tx, actor, id, action);
  if (!permitted.ok) return permitted;
  const row = permitted.value;
  const events = (await tx.catalogue.events(id)).map((e) => e.event);
  const state = storedItemState(events);
  if (!state.ok) return err(catalogueRefusal('catalogue.stored-invalid', `${id}：${state.error.message}`));
  return ok({ row, events, state: state.value });
}

/**
 * Appends the event `make` builds (given the item) after checking it with the domain; `before` runs
 * first in the transaction (publication draws the 索引号 there). A lost race is 'catalogue.concurrent'.
 */
export async function record(
  storage: Storage,
  actor: Actor,
  id: string,
  action: Action,
  today: LocalDate,
  make: (
    tx: Repositories,
    item: { row: StoredItem; state: ItemState },
  ) => Promise<Result<ItemEvent, CatalogueAppRefusal>>,
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  try {
    return await storage.transaction(async (tx) => {
      const found = await itemFor(tx, actor, id, action);
      if (!found.ok) return found;
      const { row, events, state } = found.value;
      const event = await make(tx, { row, state });
      if (!event.ok) return event;
      const next = applyItemEvent(state, event.value, today, events.length);
      if (!next.ok) return next;
      await tx.catalogue.append(id, row.lastSeq, event.value, summaryOf(next.value));
      // The portal's search follows: published, amended, repealed, corrected, withdrawn.
      await indexItem(tx, row, next.value);
      await audit(tx, actor, row, event.value);
      return ok({ id, agencyId: row.agencyId, state: next.value, events: [...events, event.value] });
    });
  } catch (e) {
    if (e instanceof ItemSeqConflictError) return err(catalogueRefusal('catalogue.concurrent', id));
    throw e;
  }
}

const dated = (on: LocalDate | undefined, today: LocalDate): Result<LocalDate, CatalogueAppRefusal> =>
  on === undefined ? ok(today) : isLocalDate(on) ? ok(on) : err(catalogueRefusal('catalogue.date', on));

/** 提交审核: the drafter hands the draft to an approver. */
export function submitItem(
  storage: Storage,
  actor: Actor,
  id: string,
  options: CatalogueOptions = {},
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  const today = options.today ?? todayInChina();
  return record(storage, actor, id, 'catalogue.draft', today, async () =>
    ok({ kind: 'Submitted', on: today, by: actorName(actor) }),
  );
}

/** The serials a publication may skip over numbers issued before under another pattern. */
const MAX_TAKEN_SKIPS = 1000;

/**
 * 发布: the approver publishes the item, and it gets its 索引号: the agency's pattern filled with its
 * code, the publication year, and the next serial of that scope, never one issued before.
 */
export function publishItem(
  storage: Storage,
  actor: Actor,
  id: string,
  options: CatalogueOptions & { readonly on?: LocalDate } = {},
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  const today = options.today ?? todayInChina();
  const on = dated(options.on, today);
  if (!on.ok) return Promise.resolve(on);
  return record(storage, actor, id, 'catalogue.publish', today, async (tx, { row, state }) => {
    // The transition first, so that a refused publication draws no serial.
    const allowed = applyItemEvent(
      state,
      { kind: 'Published', on: on.value, by: actorName(actor), indexNumber: '-' },
      today,
    );
    if (!allowed.ok) return allowed;
    const settings = await tx.catalogue.indexSettings(row.agencyId);
    if (!settings) return err(catalogueRefusal('agency.unknown', String(row.agencyId)));
    const pattern = parseIndexPattern(settings.pattern ?? DEFAULT_INDEX_PATTERN);
    if (!pattern.ok) return pattern;
    const scope = { org: settings.code ?? '', year: yearOf(on.value) };
    for (let skips = 0; skips <= MAX_TAKEN_SKIPS; skips++) {
      const serial = await tx.catalogue.nextSerial(row.agencyId, serialScope(pattern.value, scope));
      const number = formatIndexNumber(pattern.value, scope, serial);
      if (!number.ok) return number;
      // A number issued under an earlier pattern is passed over, never issued again.
      if (await tx.catalogue.indexNumberTaken(row.agencyId, number.value)) continue;
      await tx.catalogue.recordIndexNumber(row.agencyId, number.value, id);
      return ok({ kind: 'Published', on: on.value, by: actorName(actor), indexNumber: number.value });
    }
    return err(catalogueRefusal('catalogue.numbers-taken', pattern.value.template));
  });
}

/**
 * An event dated `on` (default today; checked by `dated`) recorded on the item under `action`: what
 * amend, repeal and withdraw share.
 */
function recordDated(
  storage: Storage,
  actor: Actor,
  id: string,
  action: Action,
  on: LocalDate | undefined,
  options: CatalogueOptions,
  make: (on: LocalDate) => ItemEvent,
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  const today = options.today ?? todayInChina();
  const day = dated(on, today);
  if (!day.ok) return Promise.resolve(day);
  return record(storage, actor, id, action, today, async () => ok(make(day.value)));
}

/** 修改 (有效性 已修改): amended on `on` by the document named. */
export function amendItem(
  storage: Storage,
  actor: Actor,
  id: string,
  input: { readonly on: LocalDate; readonly document: string },
  options: CatalogueOptions = {},
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  return recordDated(storage, actor, id, 'catalogue.repeal', input.on, options, (on) => ({
    kind: 'Amended',
    on,
    by: actorName(actor),
    document: input.document,
  }));
}

/** 废止 (有效性 已废止) from `on`, by the document named if any. */
export function repealItem(
  storage: Storage,
  actor: Actor,
  id: string,
  input: { readonly on: LocalDate; readonly document?: string },
  options: CatalogueOptions = {},
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  return recordDated(storage, actor, id, 'catalogue.repeal', input.on, options, (on) => ({
    kind: 'Repealed',
    on,
    by: actorName(actor),
    ...(input.document?.trim() ? { document: input.document.trim() } : {}),
  }));
}

/** 撤回: published in error; it keeps its 索引号 (never issued again) and no longer counts. */
export function withdrawItem(
  storage: Storage,
  actor: Actor,
  id: string,
  input: { readonly reason: string; readonly on?: LocalDate },
  options: CatalogueOptions = {},
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  return recordDated(storage, actor, id, 'catalogue.publish', input.on, options, (on) => ({
    kind: 'Withdrawn',
    on,
    by: actorName(actor),
    reason: input.reason,
  }));
}

/**
 * 更正: the item's particulars changed by a new event (the old values stay in the log) — on a draft by
 * its drafters, on a published item by an approver, who published it (条例第十七条). Moving it to
 * another 栏目 needs a column that takes items; 关键词 and 公开方式 are corrected the same way.
 */
export function correctItem(
  storage: Storage,
  actor: Actor,
  id: string,
  input: { readonly changes: Partial<ItemParticulars>; readonly reason: string },
  options: CatalogueOptions = {},
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  const today = options.today ?? todayInChina();
  return record(storage, actor, id, 'catalogue.read', today, async (tx, { row, state }) => {
    const action: Action = state.status === 'published' ? 'catalogue.publish' : 'catalogue.draft';
    const denied = permit(actor, action, row.agencyId, { code: 'catalogue.unknown', what: id });
    if (denied) return err(denied);
    const column = input.changes.column?.trim();
    if (column !== undefined && column !== state.particulars.column) {
      const placed = await columnForItem(tx, row.agencyId, column);
      if (!placed.ok) return placed;
    }
    const changes = Object.fromEntries(
      Object.entries({ ...input.changes, ...(column === undefined ? {} : { column }) }).filter(
        ([, value]) => value !== undefined,
      ),
    ) as Partial<ItemParticulars>;
    return ok({ kind: 'Corrected', on: today, by: actorName(actor), changes, reason: input.reason });
  });
}

/** One item with its log, for whoever may read the agency's catalogue. */
export async function viewItem(
  storage: Storage,
  actor: Actor,
  id: string,
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  const found = await itemFor(storage, actor, id, 'catalogue.read');
  if (!found.ok) return found;
  const { row, events, state } = found.value;
  return ok({ id, agencyId: row.agencyId, state, events });
}

/** The agency's items (drafts too: this is the office's list), newest 成文日期 first. */
export async function listItems(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  filter: { readonly status?: ItemStatus } = {},
): Promise<Result<StoredItem[], CatalogueAppRefusal>> {
  const denied = permit(actor, 'catalogue.read', agencyId, {
    code: 'agency.unknown',
    what: String(agencyId),
  });
  if (denied) return err(denied);
  return ok(await storage.catalogue.list([agencyId], filter));
}

/**
 * Section 二's 规章 and 规范性文件 of the agency as its catalogue tracks them, for `report build`
 * (documentRows counts the year's from their dates). A stored log the rules refuse is left out.
 */
export async function documentsForReport(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  year: number,
): Promise<Result<CatalogueDocument[], CatalogueAppRefusal>> {
  const denied = permit(actor, 'report.build', agencyId, { code: 'agency.unknown', what: String(agencyId) });
  if (denied) return err(denied);
  const { documents } = documentsOfLogs(await storage.catalogue.documentLogs([agencyId]));
  // What was neither written nor published by the year's end cannot count in it.
  const end = `${year}-12-31`;
  return ok(documents.filter((d) => d.writtenOn <= end || (d.publishedOn ?? '9999') <= end));
}
