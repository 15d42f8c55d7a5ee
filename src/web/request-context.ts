/**
 * @module Per-request facts the rest of the web layer reads: a request id (echoed as X-Request-Id and
 * in the log line), the client's address (the socket's, or X-Forwarded-For's first hop when the
 * operator says a proxy is trusted), and whether the request came over TLS (for the Secure cookie).
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv } from './context.js';

function socketAddress(c: AppContext): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

export function requestContext(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = randomUUID();
    c.set('requestId', id);
    const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
    c.set('address', forwarded || socketAddress(c));
    await next();
    c.header('X-Request-Id', id);
  };
}

/** The request came over https (directly, or as the trusted proxy says). */
export function overTls(c: AppContext, trustProxy: boolean): boolean {
  if (trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}
