/**
 * @module Reading the 操作日志 (audit log): an administrator sees the entries about their agency and the
 * agencies below it, and those about the one working calendar they manage; the operator at the command
 * line sees all. Newest first, filtered, paged in SQL.
 */
import { type Actor, reachOf } from '../domain/access/policy.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { AuditFilters, AuditPage, Storage } from '../storage/index.js';
import { permit } from './access.js';
import type { LedgerRefusal } from './refusals.js';

export interface AuditLogQuery extends Omit<AuditFilters, 'agencyIds' | 'orNoAgency'> {
  /** From 1. */
  readonly page?: number;
  readonly pageSize?: number;
}

export async function readAuditLog(
  storage: Storage,
  actor: Actor,
  query: AuditLogQuery,
): Promise<Result<AuditPage & { readonly page: number; readonly pageSize: number }, LedgerRefusal>> {
  const denied = permit(actor, 'auditLog.read');
  if (denied) return err(denied);
  const reach = reachOf(actor, 'auditLog.read');
  const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize ?? 50)), 200);
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  const { page: _page, pageSize: _size, ...filters } = query;
  const found = await storage.auditLog.page({
    ...filters,
    ...(reach === 'all' ? {} : { agencyIds: reach, orNoAgency: true }),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return ok({ ...found, page, pageSize });
}
