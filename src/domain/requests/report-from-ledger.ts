/**
 * @module Sections 三 and 四 of an agency's annual report, counted from its request register and its case
 * register, in the national format of the year. Every number is the size of a list of ids, so
 * `explainCell` names exactly the requests (or cases) behind a number, and the table rules hold by
 * construction:
 *
 * - R1 (一＋二＝（七）＋四): a request counts in 一 or 二 exactly when it was received by 12-31 and had not
 *   closed before 1 January, and that is exactly when it closed in the year (（七）) or is still open on
 *   12-31 (四) — closing never precedes receipt in a log the transitions accept.
 * - R2 and R3: 总计 columns and the （七）总计 row are unions of the cells they total; a request has one
 *   final outcome, so it sits in one outcome row (区分处理 only under （二）).
 * - R4: a case counts in one result column of its block, and in the block's 总计.
 * - R6: this year's 二 and last year's 四 are the same test (open on 12-31 of last year).
 *
 * A request whose log the transitions refuse, or a case the register cannot hold, is left out of every
 * year alike and listed in `excluded`, so the years stay consistent with each other.
 */
import type { WorkingCalendar } from '../calendar/working-days.js';
import { formatForYear } from '../report/format.js';
import {
  REQUEST_COLUMN_KEYS,
  REVIEW_BLOCKS,
  REVIEW_COLUMNS,
  type RequestColumnKey,
  type RequestRowKey,
  type ReviewBlockKey,
  type ReviewColumnKey,
  requestRows,
} from '../report/labels.js';
import {
  type AnnualReport,
  type RequestTable,
  type ReviewLitigationTable,
  zeroReport,
} from '../report/model.js';
import {
  isCarriedForwardFrom,
  isCarriedInto,
  isClosedIn,
  isNewIn,
  type LedgerLine,
  ledgerLine,
} from './carry-over.js';
import {
  type CaseCounting,
  checkCase,
  countsInYear,
  type ReviewCase,
  reviewBlockOf,
  reviewColumnOf,
} from './cases.js';
import type { RequestEvent } from './events.js';
import { reportRowOf } from './outcomes.js';
import { type DeadlinePolicy, REGULATION_2019 } from './policy.js';
import { refuse } from './refusals.js';
import type { DisclosureRequest } from './request.js';
import type { Refusal } from './result.js';

export interface LedgerEntry {
  readonly request: DisclosureRequest;
  readonly events: readonly RequestEvent[];
}

/** A request or case left out of the report, and why. */
export interface Excluded {
  readonly id: string;
  readonly refusal: Refusal;
}

export interface LedgerReportInput {
  readonly year: number;
  readonly agencyId: string;
  /** The agency as the report names itself. */
  readonly agencyName: string;
  readonly entries: readonly LedgerEntry[];
  readonly cases: readonly ReviewCase[];
  readonly calendar: WorkingCalendar;
  readonly policy?: DeadlinePolicy;
  /** Which cases count in a year's section 四; see cases.ts. Default 'activeInYear'. */
  readonly caseCounting?: CaseCounting;
}

export interface LedgerSections {
  /** A zero report of the year's format with sections 三 and 四 filled in. */
  readonly report: AnnualReport;
  /** The request ids behind a section 三 cell. */
  explainCell(row: RequestRowKey, column: RequestColumnKey): readonly string[];
  /** The case ids behind a section 四 cell. */
  explainCell(row: ReviewBlockKey, column: ReviewColumnKey): readonly string[];
}

export interface LedgerReport extends LedgerSections {
  readonly excluded: readonly Excluded[];
}

/** Sections 三 and 四 for `input.year`, from one agency's registers. */
export function reportFromLedger(input: LedgerReportInput): LedgerReport {
  const requests = registerLines(input.entries, input.agencyId, input.calendar, input.policy);
  const cases = registerCases(input.cases, input.agencyId);
  const sections = sectionsFromLines({
    year: input.year,
    agencyName: input.agencyName,
    lines: requests.lines,
    cases: cases.cases,
    ...(input.caseCounting ? { caseCounting: input.caseCounting } : {}),
  });
  return Object.assign(sections, { excluded: [...requests.excluded, ...cases.excluded] });
}

/** The register lines of one agency's requests; logs the transitions refuse are excluded. */
export function registerLines(
  entries: readonly LedgerEntry[],
  agencyId: string,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy = REGULATION_2019,
): { readonly lines: readonly LedgerLine[]; readonly excluded: readonly Excluded[] } {
  const lines: LedgerLine[] = [];
  const excluded: Excluded[] = [];
  for (const { request, events } of entries) {
    if (request.agencyId !== agencyId) {
      excluded.push({ id: request.id, refusal: refuse('request.other-agency', request.agencyId) });
      continue;
    }
    const line = ledgerLine(request, events, calendar, policy);
    if (line.ok) lines.push(line.value);
    else excluded.push({ id: request.id, refusal: line.error });
  }
  return { lines, excluded };
}

/** One agency's cases that the register can hold. */
export function registerCases(
  all: readonly ReviewCase[],
  agencyId: string,
): { readonly cases: readonly ReviewCase[]; readonly excluded: readonly Excluded[] } {
  const cases: ReviewCase[] = [];
  const excluded: Excluded[] = [];
  for (const c of all) {
    const checked =
      c.agencyId === agencyId
        ? checkCase(c, all)
        : { ok: false as const, error: refuse('case.other-agency', c.agencyId) };
    if (checked.ok) cases.push(c);
    else excluded.push({ id: c.id, refusal: checked.error });
  }
  return { cases, excluded };
}

/** Sections 三 and 四 from register lines and checked cases (no calendar needed at this point). */
export function sectionsFromLines(params: {
  readonly year: number;
  readonly agencyName: string;
  readonly lines: readonly LedgerLine[];
  readonly cases: readonly ReviewCase[];
  readonly caseCounting?: CaseCounting;
}): LedgerSections {
  const { year } = params;
  const format = formatForYear(year);
  const members = new Map<string, string[]>();
  const add = (row: string, column: string, id: string) => {
    const key = `${row}|${column}`;
    const list = members.get(key);
    if (list) list.push(id);
    else members.set(key, [id]);
  };

  for (const line of params.lines) {
    const rows: RequestRowKey[] = [];
    if (isNewIn(line, year)) rows.push('new');
    if (isCarriedInto(line, year)) rows.push('carriedOver');
    if (isClosedIn(line, year)) rows.push(reportRowOf(line.outcome!, format), 'total');
    if (isCarriedForwardFrom(line, year)) rows.push('carriedForward');
    for (const row of rows) {
      add(row, line.applicantKind, line.requestId);
      add(row, 'total', line.requestId);
    }
  }
  for (const c of params.cases) {
    if (!countsInYear(c, year, params.caseCounting)) continue;
    const block = reviewBlockOf(c);
    add(block, reviewColumnOf(c, year), c.id);
    add(block, 'total', c.id);
  }
  for (const list of members.values()) list.sort();

  const size = (row: string, column: string) => members.get(`${row}|${column}`)?.length ?? 0;
  const requests: RequestTable = Object.fromEntries(
    requestRows(format).map((r) => [r.key, REQUEST_COLUMN_KEYS.map((c) => size(r.key, c))]),
  );
  const reviewLitigation = Object.fromEntries(
    REVIEW_BLOCKS.map((b) => [
      b.key,
      Object.fromEntries(REVIEW_COLUMNS.map((c) => [c.key, size(b.key, c.key)])),
    ]),
  ) as ReviewLitigationTable;

  const report: AnnualReport = {
    ...zeroReport({ year, format, agency: params.agencyName }),
    requests,
    reviewLitigation,
  };
  return {
    report,
    explainCell: (row: string, column: string): readonly string[] => members.get(`${row}|${column}`) ?? [],
  };
}
