/**
 * @module The tables as Kysely sees them. Dates the Regulation counts (收到日期, 办结日期) are
 * `LocalDate` text, 'YYYY-MM-DD', on both dialects; moments something was recorded are ISO-8601 UTC
 * text ('2026-11-01T08:00:00.000Z'), so that no driver converts a time zone on the way in or out.
 * JSON columns are text written by JSON.stringify and read by JSON.parse.
 */
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

export interface AgenciesTable {
  id: Generated<number>;
  name: string;
  /** 统一社会信用代码 or an internal code; unique when present. */
  code: string | null;
  parent_id: number | null;
  /** '乡镇/街道', '区县', '市', '省', '部门' … */
  kind: string;
  created_at: string;
}

export interface DisclosureRequestsTable {
  /** A UUID. */
  id: string;
  agency_id: number;
  /** The report's applicant column: 自然人, 商业企业, 科研机构 … */
  applicant_kind: string;
  applicant_name: string;
  content: string;
  /** 网上, 信函, 当面 … */
  channel: string;
  received_on: string;
  /** For imports: a stable hash of the source row, unique per agency, so re-importing adds nothing. */
  external_ref: string | null;
  created_at: string;
  /**
   * Derived columns: a cache of the event log (see derived.ts), written in the same transaction as
   * the event that changes them and rebuilt from the events by `rebuildDerived()`.
   */
  last_seq: ColumnType<number, number | undefined, number>;
  closed_on: string | null;
  closing_type: string | null;
  outcome: string | null;
}

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: string;
  /** 1, 2, 3 … per request. */
  seq: number;
  type: string;
  /** The date the event counts from (LocalDate). */
  at: string;
  actor: string | null;
  reason: string | null;
  /** The whole event object as JSON. */
  payload: string;
  recorded_at: string;
}

export type CaseKind = 'review' | 'litigationDirect' | 'litigationAfterReview';
export type CaseResult = 'upheld' | 'corrected' | 'other' | 'pending';

export interface CasesTable {
  id: string;
  agency_id: number;
  request_id: string | null;
  kind: CaseKind;
  filed_on: string;
  closed_on: string | null;
  result: CaseResult;
  created_at: string;
}

export interface CalendarOverridesTable {
  date: string;
  /** BOOLEAN on PostgreSQL, 0/1 on SQLite: written as 0/1 (both accept it), read through Boolean(). */
  working: ColumnType<boolean | number, number, number>;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface CalendarCompleteYearsTable {
  year: number;
  created_by: string;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** JSON. */
  detail: string;
}

export interface Database {
  agencies: AgenciesTable;
  disclosure_requests: DisclosureRequestsTable;
  request_events: RequestEventsTable;
  cases: CasesTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_complete_years: CalendarCompleteYearsTable;
  audit_log: AuditLogTable;
}

/** The database, or a transaction on it: every repository works on either. */
export type Executor = Kysely<Database> | Transaction<Database>;
