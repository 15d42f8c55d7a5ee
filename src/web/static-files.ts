/**
 * @module The app's own stylesheet and script (/static/…), read once at start and served with a
 * content hash as ETag: no page asks another host for anything. `npm run build` copies the folder
 * next to the compiled server.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from './context.js';

const TYPES: Readonly<Record<string, string>> = {
  'office.css': 'text/css; charset=utf-8',
  'office.js': 'text/javascript; charset=utf-8',
};

interface StaticFile {
  readonly body: Uint8Array;
  readonly type: string;
  readonly etag: string;
}

function load(): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const [name, type] of Object.entries(TYPES)) {
    const body = readFileSync(new URL(`./static/${name}`, import.meta.url));
    files.set(name, {
      body,
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
    });
  }
  return files;
}

export function staticRoutes(): Hono<AppEnv> {
  const files = load();
  const app = new Hono<AppEnv>();
  app.get('/static/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (!file) return c.text('未找到 (not found)', 404);
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    return c.body(new Uint8Array(file.body), 200, {
      'content-type': file.type,
      etag: file.etag,
      'cache-control': 'public, max-age=300',
    });
  });
  return app;
}
