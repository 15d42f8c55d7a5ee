/**
 * @module The search index follows the catalogue: the catalogue's use cases call indexItem in the
 * transaction that records an item's event, so the index never tells another story than the
 * catalogue. A published item is indexed with its metadata, body and the text of the attachments it
 * shows (PDF and DOCX), cut into words by jieba; an amended or repealed item stays, with its 有效性; an item that is
 * not (or no longer) published — a draft, one awaiting approval, one withdrawn — is not in it.
 */
import { type ItemState, publicStateOf } from '../domain/catalogue/catalogue-item.js';
import type { IndexedDocument, Repositories, SearchDocument } from '../storage/index.js';
import { indexTokens } from './segment.js';

/** What the index holds of a published item; undefined for one that is not published. */
export function searchDocumentOf(
  item: { readonly id: string; readonly agencyId: number },
  state: ItemState,
  attachmentText = '',
): SearchDocument | undefined {
  if (state.status !== 'published' || state.indexNumber === undefined || state.publishedOn === undefined)
    return undefined;
  const p = state.particulars;
  return {
    itemId: item.id,
    agencyId: item.agencyId,
    indexNumber: state.indexNumber,
    title: p.title,
    publisher: p.publisher,
    docNumber: p.docNumber,
    topic: p.topic,
    kind: p.kind,
    validity: state.validity,
    writtenOn: p.writtenOn,
    publishedOn: state.publishedOn,
    body: p.body,
    attachmentText,
  };
}

/** The document with jieba's words: the title's and 文号's, and the body's and attachments'. */
export function withWords(doc: SearchDocument): IndexedDocument {
  return {
    ...doc,
    titleWords: indexTokens(`${doc.title}\n${doc.docNumber}`),
    textWords: indexTokens(`${doc.body}\n${doc.attachmentText}`),
  };
}

/** Brings the index in step with the item's state (call it in the transaction that changed the item). */
export async function indexItem(
  tx: Repositories,
  item: { readonly id: string; readonly agencyId: number },
  state: ItemState,
): Promise<void> {
  // What the public may see of it: a 依申请公开 item's metadata only, nothing of a 不予公开 one.
  const shown = publicStateOf(state);
  const texts = shown
    ? await tx.attachments.texts(
        item.id,
        shown.attachments.map((a) => a.id),
      )
    : [];
  const doc = shown && searchDocumentOf(item, shown, texts.filter((t) => t !== '').join('\n'));
  if (doc) await tx.search.put(withWords(doc));
  else await tx.search.remove(item.id);
}
