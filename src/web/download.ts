/**
 * @module A file sent to be saved, not shown (a report's DOCX or PDF, an item's 附件): its name per
 * RFC 6266 — an ASCII name for old clients, the real (Chinese) name for the rest.
 */
import type { Context } from 'hono';
import { ATTACHMENT_TYPES } from '../domain/catalogue/attachment.js';
import type { StoredAttachment } from '../storage/index.js';

export function disposition(ascii: string, name: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * An item's 附件 as the response: its bytes under the type its content was judged to be, always as a
 * download (a file someone uploaded never runs as a page of this site), cached as `cache` says.
 */
export function attachmentResponse(c: Context, file: StoredAttachment, cache: string): Response {
  const extension = ATTACHMENT_TYPES[file.type].extensions[0];
  return c.body(file.content as Uint8Array<ArrayBuffer>, 200, {
    'content-type': ATTACHMENT_TYPES[file.type].mime,
    'content-disposition': disposition(`attachment-${file.id.slice(0, 8)}${extension}`, file.name),
    'cache-control': cache,
  });
}
