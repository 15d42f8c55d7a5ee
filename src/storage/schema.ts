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
  /** The agency's 索引号 pattern (migration 0009); null: DEFAULT_INDEX_PATTERN. */
  index_pattern: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DisclosureRequestsTable {
  /** A UUID. */
  id: string;
  agency_id: number;
  /** The report's applicant column, by key: natural, commercial, research … (migration 0002). */
  applicant_kind: string;
  applicant_name: string;
  content: string;
  /** 申请渠道 by key: inPerson, postSigned, postOrdinary, online, fax, email, or unrecorded (imports). */
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
  /**
   * The schedule: a cache for the inbox, computed by the ledger on `schedule_on` (migration 0002):
   * the request's state, its reply due date, and whether that date is provisional (a pause runs).
   */
  state: ColumnType<string | null, string | null | undefined, string | null>;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  due_provisional: ColumnType<number, number | undefined, number>;
  schedule_on: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** Withdrawn from the register as entered by mistake (migration 0005): kept, not counted. */
  withdrawn_on: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_reason: ColumnType<string | null, string | null | undefined, string | null>;
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

export interface RegisterHeadersTable {
  header: string;
  column_key: string;
  added_by: string;
  added_at: string;
}

export interface ReportYearsTable {
  agency_id: number;
  year: number;
  completed_by: string;
  completed_at: string;
}

/** A 政府信息公开目录 item (migration 0009): the columns after last_seq are a cache of its event log. */
export interface CatalogueItemsTable {
  /** A UUID. */
  id: string;
  agency_id: number;
  created_at: string;
  last_seq: number;
  /** draft, submitted, published, withdrawn */
  status: string;
  /** 规范性文件, 规章, other */
  kind: string;
  title: string;
  written_on: string;
  published_on: string | null;
  repealed_on: string | null;
  /** 有效, 已修改, 已废止 */
  validity: string;
  index_number: string | null;
  /** 栏目: a column id of the agency's tree (migration 0016; older rows got their default). */
  column_id: ColumnType<string, string | undefined, string>;
  /** 主题分类 (migration 0016, filled from the logs). */
  topic: ColumnType<string, string | undefined, string>;
  /** 公开方式: 主动公开, 依申请公开, 不予公开 (migration 0016). */
  disclosure: ColumnType<string, string | undefined, string>;
}

/** An agency's changes to its column tree (migration 0016); append-only. */
export interface CatalogueColumnEventsTable {
  id: Generated<number>;
  agency_id: number;
  /** 1, 2, 3 … per agency. */
  seq: number;
  type: string;
  column_id: string;
  actor: string;
  /** The whole event as JSON. */
  payload: string;
  recorded_at: string;
}

export interface CatalogueItemEventsTable {
  id: Generated<number>;
  item_id: string;
  seq: number;
  type: string;
  at: string;
  actor: string;
  /** The whole event as JSON. */
  payload: string;
  recorded_at: string;
}

export interface CatalogueSerialsTable {
  agency_id: number;
  /** serialScope(pattern, scope): the agency's code, the year or '*', the category or '*'. */
  scope: string;
  last_serial: number;
}

export interface CatalogueIndexNumbersTable {
  agency_id: number;
  index_number: string;
  item_id: string;
  issued_at: string;
}

/** 网上申请 as submitted (migration 0010); append-only. */
export interface OnlineApplicationsTable {
  /** 查询码 in its printed form (K7QM-2XWD-9HPC). */
  code: string;
  agency_id: number;
  submitted_at: string;
  submitted_on: string;
  idempotency_key: string;
  /** SHA-256 (hex) of what was sent: the same key with other contents is a conflict, not a replay. */
  fingerprint: string;
  via: 'portal' | 'api';
  /** JSON: the applicant, the content and the form asked for (OnlineApplicationForm). */
  particulars: string;
}

/** The office's one decision on an online application (migration 0010); append-only. */
export interface OnlineApplicationDecisionsTable {
  code: string;
  decision: 'confirmed' | 'declined';
  decided_on: string;
  request_id: string | null;
  reason: string | null;
  actor: string;
  recorded_at: string;
}

/** Each published version of an agency's 政府信息公开指南 (migration 0013); append-only. */
export interface PortalGuidesTable {
  agency_id: number;
  version: number;
  /** JSON: the DisclosureGuide. */
  guide: string;
  published_on: string;
  actor: string;
  recorded_at: string;
}

/** The files of the catalogue's items (migration 0014); append-only. */
export interface CatalogueAttachmentsTable {
  id: string;
  item_id: string;
  agency_id: number;
  name: string;
  type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  /** What the search indexes of it (PDF and DOCX text; empty for the rest). */
  text: string;
  actor: string;
  recorded_at: string;
}

/** Each published version of an agency's 政府信息公开制度 (migration 0015); append-only. */
export interface PortalRulesTable {
  agency_id: number;
  version: number;
  /** JSON: the DisclosureRules. */
  rules: string;
  published_on: string;
  actor: string;
  recorded_at: string;
}

/** Page views per day (migration 0013). */
export interface VisitCountsTable {
  day: string;
  count: number;
}

/**
 * A published item as the portal's search finds it (migration 0011): its metadata and texts, kept in
 * step with the catalogue in the transaction that changes the item. doc_id numbers the rows in the
 * order they were first indexed (newest last) and is the rowid of SQLite's full-text tables
 * (search_words, search_chars); PostgreSQL keeps the words in a tsvector column of this table.
 */
export interface SearchItemsTable {
  doc_id: Generated<number>;
  item_id: string;
  agency_id: number;
  index_number: string;
  title: string;
  publisher: string;
  doc_number: string;
  topic: string;
  kind: string;
  validity: string;
  written_on: string;
  /** The year of written_on (the 年度 filter). */
  year: number;
  published_on: string;
  body: string;
  /** The text extracted from the item's attachments (empty until attachments exist). */
  attachment_text: string;
  indexed_at: string;
}

/** Each published version of an agency's annual report for a year (migration 0012); append-only. */
export interface PublishedReportsTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  version: number;
  /** The report JSON (docs/report-json.md), as published: never rewritten. */
  report_json: string;
  source: 'ledger' | 'file';
  file_name: string | null;
  /** SHA-256 (hex) of the file read, when the report came from a file. */
  file_sha256: string | null;
  published_on: string;
  published_by: string;
  /** Why a correction (version 2 and after) was published; null for version 1. */
  reason: string | null;
  recorded_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** JSON. */
  detail: string;
  /** The columns below: migration 0003 (audit-chain.ts). Who, by account, when a user acted. */
  user_id: number | null;
  /** The agency the change concerns. */
  agency_id: number | null;
  /** The client's address. */
  address: string | null;
  /** The previous entry's hash (64 zeros for the first): SHA-256, hex. */
  prev_hash: string;
  hash: string;
}

export interface UsersTable {
  id: Generated<number>;
  /** Login name; unique whatever its case (an index on lower(name)). */
  name: string;
  display_name: string;
  agency_id: number;
  /** JSON array of Role keys ('admin', 'handler' …). */
  roles: string;
  /** argon2id, PHC string. */
  password_hash: string;
  /** Failed logins since the last success, unlock or lock. */
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session id: the id itself, a bearer secret, is never stored. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  address: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 (hex) of the token. */
  token_hash: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  address: string;
  /** The account's login name when the name tried was one, else null (never the text typed). */
  name_tried: string | null;
  at: string;
}

export interface Database {
  agencies: AgenciesTable;
  disclosure_requests: DisclosureRequestsTable;
  request_events: RequestEventsTable;
  cases: CasesTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_complete_years: CalendarCompleteYearsTable;
  report_years: ReportYearsTable;
  register_headers: RegisterHeadersTable;
  catalogue_items: CatalogueItemsTable;
  catalogue_item_events: CatalogueItemEventsTable;
  catalogue_serials: CatalogueSerialsTable;
  catalogue_index_numbers: CatalogueIndexNumbersTable;
  catalogue_attachments: CatalogueAttachmentsTable;
  catalogue_column_events: CatalogueColumnEventsTable;
  online_applications: OnlineApplicationsTable;
  online_application_decisions: OnlineApplicationDecisionsTable;
  portal_guides: PortalGuidesTable;
  portal_rules: PortalRulesTable;
  visit_counts: VisitCountsTable;
  search_items: SearchItemsTable;
  published_reports: PublishedReportsTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
}

/** The database, or a transaction on it: every repository works on either. */
export type Executor = Kysely<Database> | Transaction<Database>;
