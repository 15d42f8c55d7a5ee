/**
 * @module A request as the annual report sees it (one register line, R10): when it was received, when it
 * closed and how. A request received in year Y and not closed by Y-12-31 is 结转 (carried) into Y+1, and
 * on until the year it closes.
 */
import type { LocalDate } from '../calendar/local-date.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { yearEnd } from './deadline.js';
import type { RequestEvent } from './events.js';
import type { OutcomeKind } from './outcomes.js';
import { type DeadlinePolicy, REGULATION_2019 } from './policy.js';
import { refuse } from './refusals.js';
import type { ApplicantKind, DisclosureRequest } from './request.js';
import { err, ok, type Result } from './result.js';
import { replay } from './transitions.js';

export interface LedgerLine {
  readonly requestId: string;
  readonly agencyId: string;
  readonly applicantKind: ApplicantKind;
  readonly receivedOn: LocalDate;
  /** When it closed (答复, lapse or withdrawal); absent while open. Never before `receivedOn`. */
  readonly closedOn?: LocalDate;
  readonly outcome?: OutcomeKind;
}

/** The register line of a request whose log the Regulation allows, or why the log is refused. */
export function ledgerLine(
  request: DisclosureRequest,
  events: readonly RequestEvent[],
  calendar: WorkingCalendar,
  policy: DeadlinePolicy = REGULATION_2019,
): Result<LedgerLine> {
  const replayed = replay(request, events, calendar, policy);
  if (!replayed.ok) return replayed;
  if (!replayed.value.received) return err(refuse('request.not-received'));
  const closure = replayed.value.closure;
  return ok({
    requestId: request.id,
    agencyId: request.agencyId,
    applicantKind: request.applicant.kind,
    receivedOn: request.receivedOn,
    ...(closure ? { closedOn: closure.on, outcome: closure.outcome } : {}),
  });
}

/** Received by `date` and not closed by it. */
function isOpenAt(line: LedgerLine, date: LocalDate): boolean {
  return line.receivedOn <= date && (line.closedOn === undefined || line.closedOn > date);
}

/** 本年新收: received in `year` (by the receipt date of Art. 31). */
export const isNewIn = (line: LedgerLine, year: number): boolean => line.receivedOn.startsWith(`${year}-`);

/** 上年结转: received before `year` and still open on 12-31 of the year before. */
export const isCarriedInto = (line: LedgerLine, year: number): boolean => isOpenAt(line, yearEnd(year - 1));

/** 结转下年度继续办理: open on 12-31 of `year`. */
export const isCarriedForwardFrom = (line: LedgerLine, year: number): boolean =>
  isOpenAt(line, yearEnd(year));

/** 本年度办理结果: closed in `year`. */
export const isClosedIn = (line: LedgerLine, year: number): boolean =>
  line.closedOn?.startsWith(`${year}-`) === true;
