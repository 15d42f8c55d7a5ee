/** @module The storage layer's public face: import from here, not from the files behind it. */
export type {
  ApiToken,
  ApiTokenRepository,
  LoginFailureRepository,
  NewSession,
  NewUser,
  Session,
  SessionRepository,
  User,
  UserRepository,
  UserSummary,
} from './accounts.js';
export type { Agency, AgencyRepository, NewAgency } from './agencies.js';
export {
  type AuditEntry,
  type AuditFilters,
  type AuditLogRepository,
  type AuditPage,
  type AuditPageQuery,
  type ChainProblem,
  type ChainVerdict,
  type NewAuditEntry,
  verifyAuditChain,
} from './audit-log.js';
export { type CalendarOverride, type CalendarRepository, loadCalendar } from './calendar.js';
export type { Case, CaseKind, CaseRepository, CaseResult, NewCase } from './cases.js';
export {
  type CatalogueRepository,
  ColumnSeqConflictError,
  type IndexSettings,
  type ItemFilter,
  ItemSeqConflictError,
  type ItemSummary,
  type StoredColumnEvent,
  type StoredItem,
  type StoredItemEvent,
} from './catalogue.js';
export type {
  CatalogueAttachmentRepository,
  NewAttachment,
  StoredAttachment,
} from './catalogue-attachments.js';
export {
  type DerivableEvent,
  type DerivedState,
  type DeriveStep,
  defaultDeriveStep,
  deriveAll,
  OPEN,
} from './derived.js';
export type { DialectName } from './dialect.js';
export {
  AlreadyDecidedError,
  type OnlineApplicationDecision,
  type OnlineApplicationRepository,
  type StoredOnlineApplication,
} from './online-applications.js';
export type { PortalRepository, StoredGuide, StoredRules, VersionOf } from './portal.js';
export type {
  NewPublishedReport,
  PublishedReportRepository,
  PublishedReportSummary,
  PublishedSource,
  StoredPublishedReport,
} from './published-reports.js';
export type { AddedHeader, RegisterHeaderRepository } from './register-headers.js';
export * from './report-aggregate.js';
export type { CompletedYear, ReportYearRepository } from './report-years.js';
export type { InboxPage, InboxQuery, Schedule, ScheduleRepository } from './request-schedule.js';
export {
  type DerivedCheck,
  type DisclosureRequest,
  type EventMeta,
  type ImportResult,
  type IntakeResult,
  type NewRequest,
  type ReportRequestRow,
  type RequestRepository,
  SeqConflictError,
  type StoredEvent,
  UnknownRequestError,
} from './requests.js';
export type {
  IndexedDocument,
  SearchCriteria,
  SearchDocument,
  SearchHit,
  SearchPage,
  SearchRepository,
} from './search.js';
export { type OpenOptions, openDatabase, type Repositories, type Storage } from './storage.js';
export { DEFAULT_DATABASE_URL, parseStorageUrl, redactDatabaseUrl, type StorageTarget } from './url.js';
