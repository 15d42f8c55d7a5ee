/**
 * @module The one place a refusal's code becomes an HTTP status. A record the actor may not see is a
 * 404 like one that does not exist; a role that may not act is 403; a lost race is 409; a file over the
 * size limit is 413; everything the
 * rules refuse (the domain's and the ledger's checks of what was asked) is 422.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const NOT_FOUND = new Set([
  'request.unknown',
  'agency.unknown',
  'case.unknown',
  'access.not-found',
  'user.unknown',
  'catalogue.unknown',
  'online.unknown',
  'attachment.unknown',
]);
const CONFLICT = new Set([
  'request.concurrent',
  'catalogue.concurrent',
  'online.decided',
  'online.idempotency-conflict',
  'report.concurrent',
]);

export function statusOfRefusal(code: string): ContentfulStatusCode {
  if (NOT_FOUND.has(code)) return 404;
  if (code === 'access.forbidden') return 403;
  if (code === 'attachment.too-large') return 413;
  if (CONFLICT.has(code)) return 409;
  return 422;
}
