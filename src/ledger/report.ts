/**
 * @module The annual report from the ledger: sections 三 and 四 from the requests and cases the year
 * concerns, the other sections from a zero report of the year's format, the agency's name from
 * storage. Three ways to count section 三, which agree on every ledger written through the use cases:
 *
 * - buildAnnualReport (`report build`): one aggregation query over the request rows' cached closing
 *   columns (aggregateRequestSections), the fastest;
 * - buildLedgerReport: register lines from the same cached columns, counted by the domain
 *   (sectionsFromLines, the counting half of reportFromLedger), every count a list of ids, so that
 *   explainReportCell lists exactly the requests (or cases) behind a number, one readable line each;
 * - with `verify`: the register lines from replaying every log by the domain's rules (registerLines,
 *   the other half of reportFromLedger), leaving out (and listing) any log the rules refuse.
 *
 * A stored row the aggregation cannot place (a value no column holds, closed before received) sends
 * buildAnnualReport to the register lines, which list every record left out and why.
 */
import type { Actor } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../domain/calendar/working-days.js';
import { documentsOfLogs } from '../domain/catalogue/catalogue-item.js';
import { documentRows } from '../domain/catalogue/section-two.js';
import { formatForYear, type ReportFormat } from '../domain/report/format.js';
import {
  LITIGATION_HEADER,
  OUTCOME_GROUP_LABELS,
  REQUEST_COLUMN_KEYS,
  REQUEST_COLUMNS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
  type RequestColumnKey,
  type RequestRowKey,
  type ReviewBlockKey,
  type ReviewColumnKey,
  requestRowSpec,
  requestRows,
} from '../domain/report/labels.js';
import type { AnnualReport } from '../domain/report/model.js';
import type { Finding } from '../domain/report/validation/finding.js';
import type { LedgerLine } from '../domain/requests/carry-over.js';
import {
  CASE_RESULT_LABELS,
  type CaseCounting,
  checkCase,
  type ReviewCase,
  resultAsOf,
} from '../domain/requests/cases.js';
import { yearEnd } from '../domain/requests/deadline.js';
import { type OutcomeKind, outcomeSpec } from '../domain/requests/outcomes.js';
import type { DeadlinePolicy } from '../domain/requests/policy.js';
import { refuse } from '../domain/requests/refusals.js';
import { type LedgerEntry, registerLines, sectionsFromLines } from '../domain/requests/report-from-ledger.js';
import { APPLICANT_KIND_LABELS, type ApplicantKind } from '../domain/requests/request.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import {
  type Agency,
  aggregateRequestSections,
  loadCalendar,
  type ReportRequestRow,
  type Storage,
  UnmappableRequestError,
} from '../storage/index.js';
import { permit } from './access.js';
import { reviewCaseOf } from './cases.js';
import { cellOfWords } from './cell-names.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { checkReportYear, lateCorrectionFindings } from './report-years.js';
import { applicantKindOf, entryFromStored, isOutcomeKind } from './stored.js';

/** One request as an explanation lists it. */
export interface RequestSummary {
  readonly id: string;
  /** Empty when the stored record does not hold it. */
  readonly applicantName: string;
  readonly applicantKind: ApplicantKind;
  readonly receivedOn: LocalDate;
  readonly closedOn?: LocalDate;
  readonly outcome?: OutcomeKind;
}

export interface ExcludedRecord {
  readonly id: string;
  readonly refusal: LedgerRefusal;
}

export interface LedgerReport {
  readonly agency: Agency;
  readonly report: AnnualReport;
  /** Requests and cases left out of every year: their stored record or log the domain refuses. */
  readonly excluded: readonly ExcludedRecord[];
  /** The request ids behind a section 三 cell. */
  requestsIn(row: RequestRowKey, column: RequestColumnKey): readonly string[];
  /** The case ids behind a section 四 cell. */
  casesIn(block: ReviewBlockKey, column: ReviewColumnKey): readonly string[];
  /** One request of the year's register as an explanation lists it (undefined for another id). */
  request(id: string): RequestSummary | undefined;
  readonly cases: ReadonlyMap<string, ReviewCase>;
}

export interface ReportOptions {
  /**
   * Replay every request's event log by the domain's transition rules instead of reading the cached
   * closing columns, and leave out (listing why) any log the rules refuse. The two agree for every log
   * written through the ledger (each event was checked before it was appended, and the cache follows
   * the log by ledgerDeriveStep); replaying reads every event, so it is slower.
   */
  readonly verify?: boolean;
  /** For verify: default the official calendar with the stored overrides. */
  readonly calendar?: WorkingCalendar;
  readonly policy?: DeadlinePolicy;
  readonly caseCounting?: CaseCounting;
}

/**
 * A register line from a request row's cached columns, checked as far as a row can be: a known
 * applicant column, a known outcome when closed, never closed before it was received.
 */
function lineOfRow(row: ReportRequestRow): Result<LedgerLine, LedgerRefusal> {
  const applicantKind = applicantKindOf(row.applicantKind);
  if (!applicantKind) return err(ledgerRefusal('request.stored-invalid', `申请人类型“${row.applicantKind}”`));
  const base = {
    requestId: row.id,
    agencyId: String(row.agencyId),
    applicantKind,
    receivedOn: row.receivedOn,
  };
  if (row.closedOn === null) return ok(base);
  if (!isOutcomeKind(row.outcome))
    return err(ledgerRefusal('request.stored-invalid', `办理结果“${String(row.outcome)}”`));
  if (row.closedOn < row.receivedOn)
    return err(refuse('request.date-order', `办结 ${row.closedOn} 早于收到 ${row.receivedOn}`));
  return ok({ ...base, closedOn: row.closedOn, outcome: row.outcome });
}

/**
 * The agency's cases the year's section 四 counts; those the domain refuses go to `excluded`. Not the
 * domain's registerCases: a 复议后起诉's 复议 case may lie in an earlier year, outside the year's cases,
 * so the link is not checked here (addCase checked it when the case was registered); only the dates are.
 */
async function yearCases(
  storage: Storage,
  agencyId: number,
  year: number,
  excluded: ExcludedRecord[],
): Promise<ReviewCase[]> {
  const storedCases = await storage.cases.forYear([agencyId], year);
  const cases: ReviewCase[] = [];
  for (const stored of storedCases) {
    const c = reviewCaseOf(stored, storedCases);
    const checked = checkCase({ ...c, afterReview: undefined }, []);
    if (checked.ok) cases.push(c);
    else excluded.push({ id: c.id, refusal: checked.error });
  }
  return cases;
}

/** Sections 三 and 四 of `agencyId`'s report on `year`, with what explains every cell. */
export async function buildLedgerReport(
  storage: Storage,
  agencyId: number,
  year: number,
  options: ReportOptions = {},
): Promise<Result<LedgerReport, LedgerRefusal>> {
  const checkedYear = checkReportYear(year);
  if (!checkedYear.ok) return checkedYear;
  const agency = await storage.agencies.get(agencyId);
  if (!agency) return err(ledgerRefusal('agency.unknown', String(agencyId)));
  return ok(await ledgerReportOf(storage, agency, year, options));
}

/** buildLedgerReport for an agency that exists and a year already checked. */
async function ledgerReportOf(
  storage: Storage,
  agency: Agency,
  year: number,
  options: ReportOptions,
): Promise<LedgerReport> {
  const agencyId = agency.id;
  const rows = await storage.requests.reportRows([agencyId], year);
  const excluded: ExcludedRecord[] = [];
  const names = new Map<string, string>();
  let lines: readonly LedgerLine[];
  if (options.verify) {
    const calendar = options.calendar ?? (await loadCalendar(storage));
    // The logs of the requests the year concerns, not every log of the agency.
    const logs = await storage.requests.eventsOf(rows.map((r) => r.id));
    const entries: LedgerEntry[] = [];
    for (const row of rows) {
      const entry = entryFromStored(row, logs.get(row.id) ?? []);
      if (!entry.ok) {
        excluded.push({ id: row.id, refusal: entry.error });
        continue;
      }
      entries.push(entry.value);
      // A report row holds no name: this is the one the ledger wrote on the Received event, or ''.
      names.set(row.id, entry.value.request.applicant.name);
    }
    const register = registerLines(entries, String(agencyId), calendar, options.policy);
    excluded.push(...register.excluded);
    lines = register.lines;
  } else {
    const cached: LedgerLine[] = [];
    for (const row of rows) {
      const line = lineOfRow(row);
      if (line.ok) cached.push(line.value);
      else excluded.push({ id: row.id, refusal: line.error });
    }
    lines = cached;
  }

  const cases = await yearCases(storage, agencyId, year, excluded);

  const sections = sectionsFromLines({
    year,
    agencyName: agency.name,
    lines,
    cases,
    ...(options.caseCounting ? { caseCounting: options.caseCounting } : {}),
  });
  let byId: Map<string, LedgerLine> | undefined;
  const request = (id: string): RequestSummary | undefined => {
    byId ??= new Map(lines.map((l) => [l.requestId, l]));
    const line = byId.get(id);
    return (
      line && {
        id,
        applicantName: names.get(id) ?? '',
        applicantKind: line.applicantKind,
        receivedOn: line.receivedOn,
        ...(line.closedOn ? { closedOn: line.closedOn } : {}),
        ...(line.outcome ? { outcome: line.outcome } : {}),
      }
    );
  };
  return {
    agency,
    report: sections.report,
    excluded,
    requestsIn: (row, column) => sections.explainCell(row, column),
    casesIn: (block, column) => sections.explainCell(block, column),
    request,
    cases: new Map(cases.map((c) => [c.id, c])),
  };
}

export interface BuiltReport extends Pick<LedgerReport, 'agency' | 'report' | 'excluded'> {
  /** What the ledger knows of the year beyond the counts: corrections confirmed after it was completed. */
  readonly findings: readonly Finding[];
  /**
   * Section 二's 规章 and 规范性文件 rows as the agency's catalogue counts them (条例 第二十条第（一）项),
   * when it tracks any such document: a fill may not override them either.
   */
  readonly fromCatalogue: AnnualReport['proactive'];
}

/** The rows 规章 and 规范性文件 of the year from the agency's catalogue, or none when it holds no such document. */
async function catalogueRows(
  storage: Storage,
  agencyId: number,
  year: number,
  format: ReportFormat,
): Promise<AnnualReport['proactive']> {
  const { documents } = documentsOfLogs(await storage.catalogue.documentLogs([agencyId]));
  if (documents.length === 0) return {};
  const rows = documentRows(documents, year, format);
  const kinds = new Set(documents.map((d) => d.kind));
  return {
    ...(kinds.has('rule') ? { rules: rows.rules } : {}),
    ...(kinds.has('normativeDocument') ? { normativeDocuments: rows.normativeDocuments } : {}),
  };
}

const withCatalogue = (report: AnnualReport, rows: AnnualReport['proactive']): AnnualReport =>
  Object.keys(rows).length === 0 ? report : { ...report, proactive: { ...report.proactive, ...rows } };

/**
 * The annual report of `agencyId` for `year` from the ledger, counted the fastest way that is exact:
 * section 三 by one aggregation query (see the module comment), section 四 from the year's cases.
 * With `verify`, every log is replayed instead (buildLedgerReport).
 */
export async function buildAnnualReport(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  year: number,
  options: ReportOptions = {},
): Promise<Result<BuiltReport, LedgerRefusal>> {
  const denied = permit(actor, 'report.build', agencyId, { code: 'agency.unknown', what: String(agencyId) });
  if (denied) return err(denied);
  const checkedYear = checkReportYear(year);
  if (!checkedYear.ok) return checkedYear;
  const agency = await storage.agencies.get(agencyId);
  if (!agency) return err(ledgerRefusal('agency.unknown', String(agencyId)));
  const findings = await lateCorrectionFindings(storage, agencyId, year);
  const fromCatalogue = await catalogueRows(storage, agencyId, year, formatForYear(year));
  const fromLines = async () => {
    const { report, excluded } = await ledgerReportOf(storage, agency, year, options);
    return ok({ agency, report: withCatalogue(report, fromCatalogue), excluded, findings, fromCatalogue });
  };
  if (options.verify) return fromLines();
  let requests: AnnualReport['requests'];
  try {
    requests = (await aggregateRequestSections(storage.db, year, [agencyId])).get(agencyId)!;
  } catch (e) {
    if (e instanceof UnmappableRequestError) return fromLines();
    throw e;
  }
  const excluded: ExcludedRecord[] = [];
  const cases = await yearCases(storage, agencyId, year, excluded);
  const sections = sectionsFromLines({
    year,
    agencyName: agency.name,
    lines: [],
    cases,
    ...(options.caseCounting ? { caseCounting: options.caseCounting } : {}),
  });
  return ok({
    agency,
    report: withCatalogue({ ...sections.report, requests }, fromCatalogue),
    excluded,
    findings,
    fromCatalogue,
  });
}

// ── explaining a cell ────────────────────────────────────────────────────────────────────────────

export type CellRef =
  | { readonly section: '三'; readonly row: RequestRowKey; readonly column: RequestColumnKey }
  | { readonly section: '四'; readonly row: ReviewBlockKey; readonly column: ReviewColumnKey };

const REVIEW_BLOCK_KEYS = REVIEW_BLOCKS.map((b) => b.key as string);
const REVIEW_COLUMN_KEYS = REVIEW_COLUMNS.map((c) => c.key as string);

/** The valid cells of a year's format, for error messages. */
export function validCellsText(format: ReportFormat): string {
  return (
    `第三部分行 (section 三 rows)：${requestRows(format)
      .map((r) => r.key)
      .join(', ')}；列 (columns)：${REQUEST_COLUMN_KEYS.join(', ')}；` +
    `第四部分行 (section 四 rows)：${REVIEW_BLOCK_KEYS.join(', ')}；列 (columns)：${REVIEW_COLUMN_KEYS.join(', ')}`
  );
}

/** ROW.COLUMN, split at the last dot: `granted.natural`, `denied.stateSecret.total`, `review.upheld`. */
export function parseCellRef(text: string, format: ReportFormat): Result<CellRef, LedgerRefusal> {
  const cell = text.trim();
  const dot = cell.lastIndexOf('.');
  const row = dot > 0 ? cell.slice(0, dot) : '';
  const column = dot > 0 ? cell.slice(dot + 1) : '';
  const unknown = (what: string) =>
    err(
      ledgerRefusal('report.unknown-cell', `${text}：${what}。${format} 年格式的${validCellsText(format)}`),
    );
  // Not keys: the printed table's words (予以公开.自然人).
  if (!/^[\x21-\x7e]+$/.test(cell)) {
    const named = cellOfWords(cell, format);
    return named.ok ? named : err(ledgerRefusal('report.unknown-cell', `${text}：${named.error}`));
  }
  if (!row || !column) return unknown('应写成 行.列 (ROW.COLUMN)');
  if (requestRows(format).some((r) => r.key === row)) {
    if (!(REQUEST_COLUMN_KEYS as readonly string[]).includes(column))
      return unknown(`未知的列 ${column} (unknown column)`);
    return ok({ section: '三', row: row as RequestRowKey, column: column as RequestColumnKey });
  }
  if (REVIEW_BLOCK_KEYS.includes(row)) {
    if (!REVIEW_COLUMN_KEYS.includes(column)) return unknown(`未知的列 ${column} (unknown column)`);
    return ok({ section: '四', row: row as ReviewBlockKey, column: column as ReviewColumnKey });
  }
  return unknown(`未知的行 ${row} (unknown row)`);
}

/** The printed names of a cell's row and column. */
export function cellLabels(ref: CellRef): { readonly row: string; readonly column: string } {
  if (ref.section === '三') {
    const spec = requestRowSpec(ref.row);
    return {
      row: spec.group ? `${OUTCOME_GROUP_LABELS[spec.group]} ${spec.label}` : spec.label,
      column: REQUEST_COLUMNS.find((c) => c.key === ref.column)!.label,
    };
  }
  const block = REVIEW_BLOCKS.find((b) => b.key === ref.row)!.label;
  return {
    row: ref.row === 'review' ? block : `${LITIGATION_HEADER} ${block}`,
    column: REVIEW_COLUMNS.find((c) => c.key === ref.column)!.label,
  };
}

export type ExplainedItem =
  | ({ readonly type: 'request'; readonly line: string } & RequestSummary)
  | {
      readonly type: 'case';
      readonly id: string;
      readonly requestId: string;
      readonly filedOn: LocalDate;
      readonly closedOn?: LocalDate;
      /** As of 12-31 of the report year. */
      readonly result: ReviewCase['result'];
      readonly line: string;
    };

export interface CellExplanation {
  readonly agency: string;
  readonly year: number;
  readonly format: ReportFormat;
  readonly cell: CellRef;
  readonly rowLabel: string;
  readonly columnLabel: string;
  /** The number in the report's cell (always items.length: every count is a list of ids). */
  readonly value: number;
  readonly items: readonly ExplainedItem[];
}

export function requestLine(r: RequestSummary): string {
  const closing =
    r.closedOn && r.outcome ? `办结 ${r.closedOn}：${outcomeSpec(r.outcome).label}` : '未办结 (open)';
  return `${r.id}  ${r.applicantName || '（未记载姓名）'}（${APPLICANT_KIND_LABELS[r.applicantKind]}）  收到 ${r.receivedOn}  ${closing}`;
}

function caseLine(c: ReviewCase, year: number): string {
  const result = resultAsOf(c, yearEnd(year));
  return `${c.id}  ${c.kind === 'review' ? '行政复议' : '行政诉讼'}  立案 ${c.filedOn}  ${CASE_RESULT_LABELS[result]}${c.closedOn && result !== 'pending' ? ` ${c.closedOn}` : ''}  申请 ${c.requestId || '（未关联）'}`;
}

function cellValue(report: AnnualReport, ref: CellRef): number {
  if (ref.section === '三') return report.requests[ref.row]?.[REQUEST_COLUMN_KEYS.indexOf(ref.column)] ?? 0;
  return report.reviewLitigation[ref.row][ref.column] ?? 0;
}

/** The requests (or cases) counted in one cell of the ledger's report, `ROW.COLUMN`. */
export async function explainReportCell(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  year: number,
  cell: string,
  options: ReportOptions = {},
): Promise<Result<CellExplanation, LedgerRefusal>> {
  const denied = permit(actor, 'report.build', agencyId, { code: 'agency.unknown', what: String(agencyId) });
  if (denied) return err(denied);
  const checkedYear = checkReportYear(year);
  if (!checkedYear.ok) return checkedYear;
  const format = formatForYear(year);
  const ref = parseCellRef(cell, format);
  if (!ref.ok) return ref;
  const built = await buildLedgerReport(storage, agencyId, year, options);
  if (!built.ok) return built;
  const ledger = built.value;
  const labels = cellLabels(ref.value);
  let items: ExplainedItem[];
  if (ref.value.section === '三') {
    items = [];
    for (const id of ledger.requestsIn(ref.value.row, ref.value.column)) {
      let summary = ledger.request(id)!;
      if (!summary.applicantName) {
        const stored = await storage.requests.get(id);
        if (stored?.applicantName) summary = { ...summary, applicantName: stored.applicantName };
      }
      items.push({ type: 'request', ...summary, line: requestLine(summary) });
    }
  } else {
    items = ledger.casesIn(ref.value.row, ref.value.column).map((id) => {
      const c = ledger.cases.get(id)!;
      return {
        type: 'case',
        id,
        requestId: c.requestId,
        filedOn: c.filedOn,
        ...(c.closedOn ? { closedOn: c.closedOn } : {}),
        result: resultAsOf(c, yearEnd(year)),
        line: caseLine(c, year),
      };
    });
  }
  return ok({
    agency: ledger.agency.name,
    year,
    format,
    cell: ref.value,
    rowLabel: labels.row,
    columnLabel: labels.column,
    value: cellValue(ledger.report, ref.value),
    items,
  });
}
