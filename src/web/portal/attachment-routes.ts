/**
 * @module `/catalogue/{id}/attachments/{attachment}`: a 附件 of a published item, for anyone (主动公开
 * information, so no actor is asked for), as a download under the type its content was judged to be.
 * A file taken off the item, or one of an item not (or no longer) published, is not found.
 */
import { Hono } from 'hono';
import { publicAttachment } from '../../catalogue/index.js';
import type { AppEnv, WebDeps } from '../context.js';
import { attachmentResponse } from '../download.js';

const ITEM = /^[0-9a-zA-Z-]{1,64}$/;
const FILE = /^[0-9a-f-]{36}$/;

export function attachmentRoutes(deps: WebDeps): Hono<AppEnv> {
  const portal = new Hono<AppEnv>();
  portal.get('/catalogue/:id/attachments/:attachment', async (c) => {
    const id = c.req.param('id');
    const attachment = c.req.param('attachment');
    const file =
      ITEM.test(id) && FILE.test(attachment)
        ? await publicAttachment(deps.storage, id, attachment)
        : undefined;
    if (!file) return c.text('未找到该附件：它不存在，或已被撤下 (no such attachment)', 404);
    // A file may be taken off at any time: caches keep it only briefly.
    return attachmentResponse(c, file, 'public, max-age=300');
  });
  return portal;
}
