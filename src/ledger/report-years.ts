/**
 * @module 年度报告定稿: an approver marks a report year complete (`gongkai report complete`). From then on
 * a correction that would change that year's figures — a void, a corrected receipt date or applicant
 * type, a withdrawn case — is refused with the reason, or recorded with the approver's confirmation;
 * each confirmed one is listed as a finding (`ledger.corrected-after-complete`) on that year's report.
 * A later issue freezes published reports; until then, this mark is what "published" means.
 */
import { type Actor, actorName, auditedBy } from '../domain/access/policy.js';
import { type LocalDate, yearOf } from '../domain/calendar/local-date.js';
import { EARLIEST_REPORT_YEAR } from '../domain/report/format.js';
import type { Finding } from '../domain/report/validation/finding.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { Repositories, Storage } from '../storage/index.js';
import { permit } from './access.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { todayInChina } from './today.js';

export const LAST_REPORT_YEAR = 2100;

export function checkReportYear(year: number): Result<number, LedgerRefusal> {
  return Number.isInteger(year) && year >= EARLIEST_REPORT_YEAR && year <= LAST_REPORT_YEAR
    ? ok(year)
    : err(ledgerRefusal('report.year', String(year)));
}

/** The audit actions of the corrections that may touch a completed year, and how a finding names them. */
const CORRECTION_ACTIONS: Readonly<Record<string, string>> = {
  'request.void': '作废办理记录',
  'request.correct': '更正申请信息',
  'case.withdraw': '撤销案件登记',
};

export interface CompletedReportYear {
  readonly agencyId: number;
  readonly year: number;
  readonly completedBy: string;
}

/** Marks `year` of the agency's annual report complete; a year not yet over is refused. */
export async function completeReportYear(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  year: number,
  options: { readonly today?: LocalDate } = {},
): Promise<Result<CompletedReportYear, LedgerRefusal>> {
  const denied = permit(actor, 'report.complete', agencyId, {
    code: 'agency.unknown',
    what: String(agencyId),
  });
  if (denied) return err(denied);
  const checked = checkReportYear(year);
  if (!checked.ok) return checked;
  const today = options.today ?? todayInChina();
  if (year >= yearOf(today)) return err(ledgerRefusal('report.year-not-over', `${year} 年度`));
  if (!(await storage.agencies.get(agencyId))) return err(ledgerRefusal('agency.unknown', String(agencyId)));
  const by = actorName(actor);
  return storage.transaction(async (tx) => {
    if (!(await tx.reportYears.complete(agencyId, year, by))) {
      const first = (await tx.reportYears.completed(agencyId)).find((y) => y.year === year);
      return err(
        ledgerRefusal(
          'report.already-complete',
          first ? `${first.completedBy}，${first.completedAt}` : `${year}`,
        ),
      );
    }
    await tx.auditLog.append({
      ...auditedBy(actor, agencyId),
      action: 'report.complete',
      subject: `report:${agencyId}:${year}`,
      detail: { year },
    });
    return ok({ agencyId, year, completedBy: by });
  });
}

/**
 * The completed report years a correction reaching back to `from` would change (that year and every
 * later one, whose carried-over requests follow), or the refusal when the approver has not confirmed.
 * `from` undefined: the correction changes no figure (a name, a channel).
 */
export async function completedYearsTouched(
  repos: Pick<Repositories, 'reportYears'>,
  agencyId: number,
  from: LocalDate | undefined,
  confirmed: boolean,
): Promise<Result<number[], LedgerRefusal>> {
  if (from === undefined) return ok([]);
  const completed = (await repos.reportYears.completed(agencyId)).map((y) => y.year);
  return yearsTouched(completed, from, confirmed);
}

/** completedYearsTouched for the agency's completed years read once (an import checks many rows). */
export function yearsTouched(
  completed: readonly number[],
  from: LocalDate | undefined,
  confirmed: boolean,
): Result<number[], LedgerRefusal> {
  if (from === undefined) return ok([]);
  const touched = completed.filter((y) => y >= yearOf(from));
  if (touched.length > 0 && !confirmed)
    return err(ledgerRefusal('correct.year-complete', touched.map((y) => `${y} 年度`).join('、')));
  return ok(touched);
}

const PAGE = 1000;

/**
 * One finding per correction recorded, with the approver's confirmation, on `year` after it was marked
 * complete. Read from the audit log, where each such correction names the completed years it changed.
 */
export async function lateCorrectionFindings(
  storage: Storage,
  agencyId: number,
  year: number,
): Promise<Finding[]> {
  // A correction is confirmed only for a year marked complete, and a mark is never taken back: a year
  // not marked has none, and its report build need not read the audit log.
  if (!(await storage.reportYears.completed(agencyId)).some((y) => y.year === year)) return [];
  const findings: Finding[] = [];
  for (const [action, label] of Object.entries(CORRECTION_ACTIONS)) {
    let afterId: number | undefined;
    for (;;) {
      const page = await storage.auditLog.list({
        agencyIds: [agencyId],
        action,
        limit: PAGE,
        ...(afterId === undefined ? {} : { afterId }),
      });
      for (const entry of page) {
        const years = (entry.detail as { completedYears?: unknown } | null)?.completedYears;
        if (!Array.isArray(years) || !years.includes(year)) continue;
        const what = entry.subject.replace(/^(request|case):/, '');
        const on = todayInChina(new Date(entry.at));
        findings.push({
          rule: 'ledger.corrected-after-complete',
          severity: 'warning',
          message: `${year} 年度报告标记完成后，${entry.actor} 于 ${on} 经确认${label}（${what}），本年度的数字可能已与定稿时不同`,
          messageEn: `After ${year} was marked complete, ${entry.actor} confirmed a correction (${action}, ${what}) on ${on}; this year's figures may differ from the completed report`,
          cells: [],
        });
      }
      if (page.length < PAGE) break;
      afterId = page[page.length - 1]!.id;
    }
  }
  return findings;
}
