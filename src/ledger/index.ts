/**
 * @module The ledger: the application layer between the domain (src/domain/requests, the calendar) and
 * storage, shared by the command line and the web. Each use case takes a Storage opened by openLedger
 * (the ledger's derive step) and the Actor, asks the policy table (src/domain/access) first, checks
 * what the domain must check, writes what storage keeps, and audits every write. Expected failures are
 * values (LedgerRefusal): the domain's code and Chinese reason, the policy's, or the ledger's own.
 */

export { agenciesWithin } from './access.js';
export {
  AGENCY_KINDS,
  type AgencyNode,
  addAgency,
  agencyTree,
  DEFAULT_AGENCY_KIND,
  type NewAgencyInput,
} from './agencies.js';
export { type AuditLogQuery, readAuditLog } from './audit-log.js';
export {
  type CalendarChange,
  type CalendarDay,
  type CalendarEntry,
  type CalendarImportSummary,
  type CalendarNotice,
  checkCalendarYear,
  completeCalendarYear,
  type DueDate,
  dueDate,
  dueDateLines,
  holidaysOf,
  type ImportedDay,
  importCalendarDays,
  type NoticeProblem,
  readCalendarNotice,
  setCalendarDay,
  unknownYearsWarning,
  unsetCalendarDay,
  type YearSchedule,
} from './calendar.js';
export {
  addCase,
  CASE_KIND_LABELS,
  type CaseOptions,
  type CloseCaseInput,
  casesOfRequest,
  closeCase,
  type NewCaseInput,
  resolveCaseId,
  type WithdrawCaseInput,
  withdrawCase,
} from './cases.js';
export {
  type CorrectionOptions,
  correctParticulars,
  type ParticularsCorrected,
  type VoidedEvent,
  voidRequestEvent,
} from './corrections.js';
export { openLedger } from './derive.js';
export {
  EVENT_NAMES,
  type EventInput,
  type FeeNoticeInput,
  feeBasisOf,
  RECORDABLE,
  type RecordableKind,
  recordableKindOf,
} from './event-input.js';
export { type EarlierPieces, piecesEarlierThisMonth } from './fees.js';
export {
  addHeaderSynonym,
  HEADER_KEY_WORDS,
  type HeaderSynonymRow,
  headerKeyOf,
  listHeaderSynonyms,
  removeHeaderSynonym,
} from './import/header-synonyms.js';
export {
  type ImportOptions,
  type ImportSummary,
  importRegister,
  type RowListing,
  type RowStatus,
} from './import/import.js';
export {
  type ColumnKey,
  parseColumnMap,
  parseRegisterDate,
  type RowProblem,
} from './import/register.js';
export { readRegisterTable, type SourceTable } from './import/table.js';
export { applicantKindOfWording, channelOfWording, outcomeOfWording } from './import/wording.js';
export {
  type AwaitingApplication,
  awaitingOnlineApplications,
  type ConfirmOutcome,
  confirmOnlineApplication,
  declineOnlineApplication,
  type LookupRefusal,
  lookupOnlineApplication,
  type PublicStanding,
  type ReceivingAgency,
  receivingAgencies,
  type SubmitInput,
  type SubmitOutcome,
  type SubmitRefusal,
  submitOnlineApplication,
} from './online-applications.js';
export {
  currentPublishedReport,
  type LedgerPublishOptions,
  type OfficeReports,
  type OfficeYear,
  officeReports,
  PUBLISH_REFUSALS,
  type PublicAgencyReports,
  type PublicReport,
  type PublicReportEntry,
  type PublishCode,
  type PublishedVersion,
  type PublishOptions,
  type PublishRefusal,
  publicReport,
  publicReports,
  publishFromFile,
  publishFromLedger,
  REPORT_FILE_MAX_BYTES,
  REPORT_TEXT_MAX,
} from './published-reports.js';
export {
  LEDGER_REFUSALS,
  type LedgerCode,
  type LedgerRefusal,
} from './refusals.js';
export {
  type BuiltReport,
  buildAnnualReport,
  type CellExplanation,
  type CellRef,
  type ExplainedItem,
  explainReportCell,
  type LedgerReport,
  type RequestSummary,
} from './report.js';
export {
  type CompletedReportYear,
  checkReportYear,
  completeReportYear,
} from './report-years.js';
export {
  DUE_SOON_WORKING_DAYS,
  dueSoonBy,
  type EventItem,
  type HistoryItem,
  INBOX_PAGE_SIZE,
  type Inbox,
  type InboxFilters,
  inbox,
  isEventItem,
  type ListOptions,
  listRequests,
  type RequestLine,
  type RequestList,
  type RequestView,
  type Urgency,
  type ViewOptions,
  viewRequest,
} from './request-view.js';
export {
  type IntakeInput,
  type IntakeOutcome,
  intakeRequest,
  type RecordedEvent,
  recordRequestEvent,
  resolveRequestId,
  type UseCaseOptions,
} from './requests.js';
export { channelOf, type StoredChannel, UNRECORDED_CHANNEL } from './stored.js';
export { todayInChina } from './today.js';
