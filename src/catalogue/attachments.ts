/**
 * @module 附件 of the 政府信息公开目录's items: adding a file (its type judged from its content, its
 * size bounded, its text taken out for the search), taking one off, and serving one. Who may: the
 * drafter's roles while the item is a draft or awaits approval, an approver once it is published (what
 * the public reads changes then: 条例第十七条's review); taking a published file off needs a reason.
 * The bytes are kept once and for ever; the item's log says which files it shows.
 */
import { createHash, randomUUID } from 'node:crypto';
import { attachmentText, contentTypeOf } from '../documents/attachments/attachment-content.js';
import type { Action, Actor } from '../domain/access/policy.js';
import { actorName } from '../domain/access/policy.js';
import {
  type AttachmentRef,
  attachmentRefusal,
  DEFAULT_ATTACHMENT_MAX_MEGABYTES,
  judgeAttachment,
} from '../domain/catalogue/attachment.js';
import {
  applyItemEvent,
  type ItemEvent,
  publicStateOf,
  storedItemState,
} from '../domain/catalogue/catalogue-item.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { todayInChina } from '../ledger/today.js';
import type { Storage, StoredAttachment } from '../storage/index.js';
import { type CatalogueOptions, type ItemView, itemFor, permittedRow, record } from './items.js';
import { type CatalogueAppRefusal, catalogueRefusal } from './refusals.js';

export interface AttachmentUpload {
  /** The file's name as uploaded. */
  readonly name: string;
  /** The MIME type the client declared ('' when none). */
  readonly declaredType: string;
  readonly bytes: Uint8Array;
}

export interface AttachOptions extends CatalogueOptions {
  /** The largest file taken; default DEFAULT_ATTACHMENT_MAX_MEGABYTES. */
  readonly maxBytes?: number;
}

/** What may change an item's files in each status: the drafter's until it is published, then the approver's. */
const actionFor = (status: string): Action =>
  status === 'published' ? 'catalogue.publish' : 'catalogue.draft';

export const DEFAULT_ATTACHMENT_MAX_BYTES = DEFAULT_ATTACHMENT_MAX_MEGABYTES * 1024 * 1024;

/**
 * 上传附件: the file is judged (content against name, size), opened to take its text (a PDF or DOCX that
 * will not open is refused as damaged), kept, and named in the item's log; a published item's search
 * entry takes its text in the same transaction.
 */
export async function attachFile(
  storage: Storage,
  actor: Actor,
  itemId: string,
  upload: AttachmentUpload,
  options: AttachOptions = {},
): Promise<Result<ItemView & { readonly attachment: AttachmentRef }, CatalogueAppRefusal>> {
  const today = options.today ?? todayInChina();
  // The policy before the file is opened: no one the policy turns away makes the server read a PDF.
  const allowed = await permittedRow(storage, actor, itemId, (item) => actionFor(item.status));
  if (!allowed.ok) return allowed;
  const row = allowed.value;
  const action = actionFor(row.status);
  const judged = judgeAttachment(
    { name: upload.name, declaredType: upload.declaredType, size: upload.bytes.length },
    contentTypeOf(upload.bytes),
    options.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES,
  );
  if (!judged.ok) return judged;
  const text = await attachmentText(upload.bytes, judged.value.type);
  if (!text.ok) return err(attachmentRefusal('attachment.damaged', `${judged.value.name}：${text.message}`));
  const attachment: AttachmentRef = {
    id: randomUUID(),
    name: judged.value.name,
    type: judged.value.type,
    size: judged.value.size,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
  };
  const recorded = await record(storage, actor, itemId, action, today, async (tx, item) => {
    // Published (or back to draft) since the policy was asked: the other action's rule applies.
    if (item.row.status !== row.status) return err(catalogueRefusal('catalogue.concurrent', itemId));
    const event: ItemEvent = { kind: 'Attached', on: today, by: actorName(actor), attachment };
    // The log's rule before the bytes are written, so that a refused file leaves nothing behind.
    const next = applyItemEvent(item.state, event, today);
    if (!next.ok) return next;
    await tx.attachments.add({
      id: attachment.id,
      itemId,
      agencyId: item.row.agencyId,
      name: attachment.name,
      type: attachment.type,
      sha256: attachment.sha256,
      content: upload.bytes,
      text: text.text,
      actor: actorName(actor),
    });
    return ok(event);
  });
  return recorded.ok ? ok({ ...recorded.value, attachment }) : recorded;
}

/** 撤下附件: the item no longer shows the file (a published item's needs a reason); the bytes stay. */
export async function detachFile(
  storage: Storage,
  actor: Actor,
  itemId: string,
  attachmentId: string,
  input: { readonly reason?: string } = {},
  options: CatalogueOptions = {},
): Promise<Result<ItemView, CatalogueAppRefusal>> {
  const today = options.today ?? todayInChina();
  const row = await storage.catalogue.get(itemId);
  if (!row) return err(catalogueRefusal('catalogue.unknown', itemId));
  const reason = input.reason?.trim();
  return record(storage, actor, itemId, actionFor(row.status), today, async (_tx, item) => {
    if (item.row.status !== row.status) return err(catalogueRefusal('catalogue.concurrent', itemId));
    return ok({
      kind: 'Detached',
      on: today,
      by: actorName(actor),
      attachmentId,
      ...(reason ? { reason } : {}),
    });
  });
}

/** A file the public may download: one a published 主动公开 item shows now. */
export async function publicAttachment(
  storage: Storage,
  itemId: string,
  attachmentId: string,
): Promise<StoredAttachment | undefined> {
  const row = await storage.catalogue.get(itemId);
  if (row?.status !== 'published') return undefined;
  const state = storedItemState((await storage.catalogue.events(itemId)).map((e) => e.event));
  // A 依申请公开 item's files are had by request, as its body is; a 不予公开 item shows nothing.
  const shown = state.ok ? publicStateOf(state.value) : undefined;
  if (!shown?.attachments.some((a) => a.id === attachmentId)) return undefined;
  return storage.attachments.get(itemId, attachmentId);
}

/** A file of the item for the office (one taken off too: the log names it), if the actor may read the item. */
export async function officeAttachment(
  storage: Storage,
  actor: Actor,
  itemId: string,
  attachmentId: string,
): Promise<Result<StoredAttachment, CatalogueAppRefusal>> {
  const found = await itemFor(storage, actor, itemId, 'catalogue.read');
  if (!found.ok) return found;
  const named = found.value.events.some((e) => e.kind === 'Attached' && e.attachment.id === attachmentId);
  const stored = named ? await storage.attachments.get(itemId, attachmentId) : undefined;
  return stored ? ok(stored) : err(attachmentRefusal('attachment.unknown', attachmentId));
}
