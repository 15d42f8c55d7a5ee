/**
 * @module Who did what, when (操作日志): append-only, refused UPDATE and DELETE by a trigger. Write an
 * entry in the same Storage.transaction as the change it describes, so that neither exists alone.
 */
import type { Selectable } from 'kysely';
import type { Clock } from './query-util.js';
import type { AuditLogTable, Executor } from './schema.js';

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly detail: unknown;
}

export interface NewAuditEntry {
  readonly actor: string;
  /** 'request.intake', 'calendar.override' … */
  readonly action: string;
  /** What it was done to: 'request:<uuid>', 'calendar:2027-01-01' … */
  readonly subject: string;
  readonly detail?: unknown;
}

export interface AuditLogRepository {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Entries in the order written, optionally about one subject, after an id, at most `limit`. */
  list(options?: {
    readonly subject?: string;
    readonly afterId?: number;
    readonly limit?: number;
  }): Promise<AuditEntry[]>;
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return { ...row, id: Number(row.id), detail: JSON.parse(row.detail) as unknown };
}

export function auditLogRepository(db: Executor, clock: Clock): AuditLogRepository {
  return {
    async append(entry) {
      const row = await db
        .insertInto('audit_log')
        .values({
          at: clock().toISOString(),
          actor: entry.actor,
          action: entry.action,
          subject: entry.subject,
          detail: JSON.stringify(entry.detail ?? {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(row);
    },

    async list(options = {}) {
      let query = db.selectFrom('audit_log').selectAll();
      if (options.subject !== undefined) query = query.where('subject', '=', options.subject);
      if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
      const rows = await query
        .orderBy('id')
        .limit(options.limit ?? 1000)
        .execute();
      return rows.map(toEntry);
    },
  };
}
