/** @module A submitted HTML form's fields as strings, for the office's and the portal's forms alike. */
import type { AppContext } from './context.js';

/** A form's fields as strings (files are not taken here; the CSRF token is the middleware's). */
export async function formOf(c: AppContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (typeof value === 'string' && key !== '_csrf') out[key] = value;
  return out;
}
