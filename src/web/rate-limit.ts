/**
 * @module A per-address limit on the public forms and their API (issue 11: the request form resists
 * abuse without a third-party captcha), and on the public search (each query reads the full-text indexes). A fixed window per client address, kept in memory: the portal
 * runs as one process, and a restart forgetting the counts only lets a sender start again. The table is
 * bounded: when it is full, windows that have ended are dropped, then the oldest.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';

export interface RateLimit {
  /** Submissions one address may make in a window. */
  readonly max: number;
  readonly windowMinutes: number;
}

const MAX_ADDRESSES = 50_000;

/** What the refusal says is too frequent: 提交 (submissions) unless told. */
export interface Limited {
  readonly zh: string;
  readonly en: string;
}

const SUBMISSIONS: Limited = { zh: '提交', en: 'submissions' };

/** A limiter counting the calls that pass through it, per address, refusing with 429 beyond `max`. */
export function perAddressLimit(
  limit: () => RateLimit,
  now: () => Date,
  what: Limited = SUBMISSIONS,
): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const { max, windowMinutes } = limit();
    const at = now().getTime();
    const span = windowMinutes * 60_000;
    const address = c.get('address');
    let window = windows.get(address);
    if (!window || at - window.start >= span) {
      if (!window && windows.size >= MAX_ADDRESSES) prune(windows, at, span);
      window = { start: at, count: 0 };
      windows.set(address, window);
    }
    window.count += 1;
    if (window.count > max) {
      const retry = Math.max(1, Math.ceil((window.start + span - at) / 1000));
      const message = `${what.zh}过于频繁，请 ${Math.ceil(retry / 60)} 分钟后再试 (too many ${what.en} from this address; retry later)`;
      c.header('Retry-After', String(retry));
      return c.req.path.startsWith('/api/')
        ? c.json({ error: { code: 'rate.limited', message } }, 429)
        : c.text(message, 429);
    }
    await next();
  };
}

function prune(windows: Map<string, { start: number; count: number }>, at: number, span: number) {
  for (const [address, w] of windows) if (at - w.start >= span) windows.delete(address);
  // Still full: the oldest entries go (a Map iterates in insertion order).
  for (const address of windows.keys()) {
    if (windows.size < MAX_ADDRESSES * 0.9) break;
    windows.delete(address);
  }
}
