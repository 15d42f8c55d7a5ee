/**
 * @module 政府信息公开年报 on the portal (issue 11; 条例第四十九条): an approver publishes the agency's
 * annual report for a year, built from the ledger (buildAnnualReport, with the parts the ledger does
 * not hold given as a fill) or read from a file by the report reader (readReport: the shape judged from
 * the bytes). Either way the report is validated first — one finding of severity error and nothing is
 * published; the refusal lists the findings — then frozen as report JSON (docs/report-json.md) in an
 * append-only table. A correction is publishing the year again, with a reason: a new version; the
 * earlier ones stay and are shown as superseded. Each publication is audited in its transaction.
 *
 * The public reads (publicReports, publicReport) take no actor: a published report is 主动公开
 * information that anyone may read.
 */
import { createHash } from 'node:crypto';
import { parseJsonReport, renderJson } from '../documents/json/report-json.js';
import { readReport } from '../documents/read-report.js';
import { type Actor, actorName, auditedBy, reachOf } from '../domain/access/policy.js';
import { type LocalDate, yearOf } from '../domain/calendar/local-date.js';
import { applyFill, type ReportFill } from '../domain/report/fill.js';
import { reportHeading } from '../domain/report/labels.js';
import type { AnnualReport } from '../domain/report/model.js';
import {
  correctionReason,
  type HistoryEntry,
  reportNamesAgency,
  versionHistory,
} from '../domain/report/publication.js';
import { type Finding, hasErrors } from '../domain/report/validation/finding.js';
import { validateReadReport, validateReport } from '../domain/report/validation/validate.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import { hasControlCharacters } from '../domain/shared/plain-text.js';
import type {
  Agency,
  PublishedReportSummary,
  PublishedSource,
  Storage,
  StoredPublishedReport,
} from '../storage/index.js';
import { permit } from './access.js';
import type { LedgerRefusal } from './refusals.js';
import { buildAnnualReport, type ReportOptions } from './report.js';
import { checkReportYear } from './report-years.js';
import { todayInChina } from './today.js';

/** The largest report file taken, in bytes: a report is a few pages; a scanned PDF of 40 pages fits. */
export const REPORT_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** The longest text section (一、五、六) a publication from the ledger takes, in characters. */
export const REPORT_TEXT_MAX = 20_000;

const TEXT_NAMES: Readonly<Record<string, string>> = {
  overview: '第一部分 总体情况',
  problems: '第五部分 存在的主要问题及改进情况',
  otherMatters: '第六部分 其他需要报告的事项',
};

/** The longest file name kept (characters). */
const FILE_NAME_MAX = 200;

export const PUBLISH_REFUSALS = {
  'report.publish-year-not-over': '该年度尚未结束，不能发布该年度报告 (the year is not over)',
  'report.invalid':
    '报告有错误，不能发布；请改正以下问题后重新发布 (the report has errors; nothing was published)',
  'report.unreadable': '报告文件无法读取为年度报告 (the file cannot be read as an annual report)',
  'report.file-empty': '请选择要发布的报告文件 (choose the report file)',
  'report.file-too-large': `报告文件不能超过 ${REPORT_FILE_MAX_BYTES / 1024 / 1024} MB (the file is too large)`,
  'report.other-agency': '报告所写的机关不是发布的机关 (the report names another agency)',
  'report.reason-required':
    '该年度报告已经发布；更正须写明理由，原版本保留并标明已被更正版本替代 (a correction needs a reason)',
  'report.reason-long':
    '更正理由不能超过 500 个字，且不能有控制字符 (the reason is at most 500 characters of plain text)',
  'report.text-long': `报告的文字部分每部分不能超过 ${REPORT_TEXT_MAX} 个字，且不能有控制字符 (a text section is too long or holds control characters)`,
  'report.unchanged': '与当前发布的版本完全相同，无需更正 (identical to the version published)',
  'report.concurrent':
    '另一人同时发布了该年度报告，请刷新页面后重试 (published by someone else at the same time)',
} as const satisfies Readonly<Record<string, string>>;

export type PublishCode = keyof typeof PUBLISH_REFUSALS;

/** A refusal to publish: the ledger's (agency unknown, access) or a publication's, with the findings. */
export interface PublishRefusal {
  readonly code: LedgerRefusal['code'] | PublishCode;
  readonly message: string;
  /** For report.invalid: every finding, errors first; for report.unreadable, the reader's error. */
  readonly findings?: readonly Finding[];
}

const refusal = (code: PublishCode, detail?: string, findings?: readonly Finding[]): PublishRefusal => ({
  code,
  message: detail ? `${PUBLISH_REFUSALS[code]}：${detail}` : PUBLISH_REFUSALS[code],
  ...(findings ? { findings } : {}),
});

export interface PublishOptions {
  /** For a year published before: why this correction is published (required then). */
  readonly reason?: string;
  /** Default: today in China. The publication date, and the year must be over by it. */
  readonly today?: LocalDate;
}

export interface LedgerPublishOptions extends PublishOptions, ReportOptions {
  /** Sections 一, 五, 六, section 二's counts and the date, which the ledger does not hold. */
  readonly fill?: ReportFill;
}

export interface PublishedVersion {
  readonly agencyId: number;
  readonly year: number;
  readonly version: number;
  readonly publishedOn: LocalDate;
  readonly report: AnnualReport;
  /** The warnings and notes the report was published with (it had no error). */
  readonly findings: readonly Finding[];
}

/** Errors first, each group in the order the rules gave. */
const bySeverity = (findings: readonly Finding[]) => [
  ...findings.filter((f) => f.severity === 'error'),
  ...findings.filter((f) => f.severity !== 'error'),
];

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The actor's agency check, the agency, the year, before anything is read or built. */
async function publishable(
  storage: Storage,
  actor: Actor,
  agencyId: number,
): Promise<Result<Agency, PublishRefusal>> {
  const denied = permit(actor, 'report.publish', agencyId, {
    code: 'agency.unknown',
    what: String(agencyId),
  });
  if (denied) return err(denied);
  const agency = await storage.agencies.get(agencyId);
  if (!agency) return err({ code: 'agency.unknown', message: `机关不存在 (no such agency)：${agencyId}` });
  return ok(agency);
}

function yearOver(year: number, today: LocalDate): Result<number, PublishRefusal> {
  const checked = checkReportYear(year);
  if (!checked.ok) return checked;
  if (year >= yearOf(today)) return err(refusal('report.publish-year-not-over', `${year} 年度`));
  return ok(year);
}

/** Freezes the report as the next version of its year, in one transaction with its audit entry. */
async function freeze(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  report: AnnualReport,
  source: PublishedSource,
  findings: readonly Finding[],
  options: PublishOptions,
  today: LocalDate,
): Promise<Result<PublishedVersion, PublishRefusal>> {
  const reportJson = renderJson(report);
  return storage.transaction(async (tx) => {
    const versions = await tx.publishedReports.versions(agencyId, report.year);
    const current = versions.at(-1);
    const version = (current?.version ?? 0) + 1;
    const reason = correctionReason(version, options.reason);
    if (!reason.ok) return err(refusal(reason.code));
    if (current && current.reportJson === reportJson)
      return err(refusal('report.unchanged', `第 ${current.version} 版（${current.publishedOn}）`));
    const added = await tx.publishedReports.add({
      agencyId,
      year: report.year,
      version,
      reportJson,
      source,
      publishedOn: today,
      publishedBy: actorName(actor),
      ...(reason.reason ? { reason: reason.reason } : {}),
    });
    if (!added) return err(refusal('report.concurrent'));
    await tx.auditLog.append({
      ...auditedBy(actor, agencyId),
      action: 'report.publish',
      subject: `report:${agencyId}:${report.year}`,
      detail: {
        year: report.year,
        version,
        source: source.kind,
        ...(source.kind === 'file' ? { fileName: source.fileName, sha256: source.sha256 } : {}),
        ...(reason.reason ? { reason: reason.reason } : {}),
        warnings: findings.filter((f) => f.severity === 'warning').map((f) => f.rule),
      },
    });
    return ok({ agencyId, year: report.year, version, publishedOn: today, report, findings });
  });
}

/**
 * Publishes the agency's report for `year` as the ledger builds it now, with the fill's parts laid
 * over it (the date defaults to the day of publication). Refused with the findings when it has errors.
 */
export async function publishFromLedger(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  year: number,
  options: LedgerPublishOptions = {},
): Promise<Result<PublishedVersion, PublishRefusal>> {
  const agency = await publishable(storage, actor, agencyId);
  if (!agency.ok) return agency;
  const today = options.today ?? todayInChina();
  const over = yearOver(year, today);
  if (!over.ok) return over;
  for (const [key, text] of Object.entries(options.fill?.text ?? {}))
    if (
      text !== undefined &&
      ([...text].length > REPORT_TEXT_MAX || hasControlCharacters(text, { lines: true }))
    )
      return err(refusal('report.text-long', TEXT_NAMES[key] ?? key));
  const built = await buildAnnualReport(storage, actor, agencyId, year, options);
  if (!built.ok) return built;
  const fill: ReportFill = { publishedOn: today, ...options.fill };
  const report = applyFill(built.value.report, fill);
  const findings = bySeverity([...built.value.findings, ...validateReport(report)]);
  if (hasErrors(findings)) return err(refusal('report.invalid', undefined, findings));
  return freeze(storage, actor, agencyId, report, { kind: 'ledger' }, findings, options, today);
}

/** The file's name as kept: its last path part, plain text, at most FILE_NAME_MAX characters. */
function keptFileName(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).trim();
  const plain = [...base].filter((ch) => !hasControlCharacters(ch)).join('');
  const kept = [...plain].slice(0, FILE_NAME_MAX).join('');
  return kept === '' ? '（未命名文件）' : kept;
}

/**
 * Publishes a report read from a file (any shape the report reader takes: text, HTML, PDF, DOCX, XLSX,
 * JSON; judged from the bytes, never the name). The report must name the agency and a year that is
 * over, and have no error; the year is the one the report says.
 */
export async function publishFromFile(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  bytes: Uint8Array,
  fileName: string,
  options: PublishOptions = {},
): Promise<Result<PublishedVersion, PublishRefusal>> {
  const agency = await publishable(storage, actor, agencyId);
  if (!agency.ok) return agency;
  if (bytes.length === 0) return err(refusal('report.file-empty'));
  if (bytes.length > REPORT_FILE_MAX_BYTES) return err(refusal('report.file-too-large'));
  const today = options.today ?? todayInChina();
  const read = await readReport(bytes);
  if (!read.ok)
    return err(
      refusal(
        'report.unreadable',
        read.error.line === undefined
          ? read.error.message
          : `第 ${read.error.line} 行：${read.error.message}`,
      ),
    );
  const report = read.report;
  if (!reportNamesAgency(report.agency, agency.value.name))
    return err(
      refusal(
        'report.other-agency',
        `报告写的是“${report.agency || '（未写明）'}”，发布的机关是“${agency.value.name}”`,
      ),
    );
  const over = yearOver(report.year, today);
  if (!over.ok) return over;
  const findings = bySeverity(validateReadReport(report, read.notes));
  if (hasErrors(findings)) return err(refusal('report.invalid', undefined, findings));
  const source: PublishedSource = { kind: 'file', fileName: keptFileName(fileName), sha256: hex(bytes) };
  return freeze(storage, actor, agencyId, report, source, findings, options, today);
}

// ── what the office sees ────────────────────────────────────────────────────────────────────────────

export interface OfficeYear {
  readonly year: number;
  /** The year's published versions, oldest first (none: not published yet). */
  readonly versions: readonly PublishedReportSummary[];
}

export interface OfficeReports {
  readonly agency: Agency;
  /** The years that may be published (the last ones over, and any published before), newest first. */
  readonly years: readonly OfficeYear[];
  /** The agencies the actor may publish for, for a choice of agency. */
  readonly agencies: readonly Agency[];
}

/** How many years back the office page offers to publish, beside those already published. */
const OFFERED_YEARS = 5;

/** The agency's report years for the approver: what is published, what may be. */
export async function officeReports(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  options: { readonly today?: LocalDate } = {},
): Promise<Result<OfficeReports, PublishRefusal>> {
  const agency = await publishable(storage, actor, agencyId);
  if (!agency.ok) return agency;
  const today = options.today ?? todayInChina();
  const summaries = await storage.publishedReports.summaries([agencyId]);
  const years = new Set(summaries.map((s) => s.year));
  const last = yearOf(today) - 1;
  for (let y = last; y > last - OFFERED_YEARS; y -= 1) if (checkReportYear(y).ok) years.add(y);
  const reach = reachOf(actor, 'report.publish');
  const agencies: Agency[] = [];
  for (const id of reach === 'all' ? [agencyId] : reach) {
    const a = await storage.agencies.get(id);
    if (a) agencies.push(a);
  }
  return ok({
    agency: agency.value,
    years: [...years]
      .sort((a, b) => b - a)
      .map((year) => ({ year, versions: summaries.filter((s) => s.year === year) })),
    agencies,
  });
}

/** The current published report of the year (undefined when none), to start a correction from. */
export async function currentPublishedReport(
  storage: Storage,
  actor: Actor,
  agencyId: number,
  year: number,
): Promise<Result<AnnualReport | undefined, PublishRefusal>> {
  const agency = await publishable(storage, actor, agencyId);
  if (!agency.ok) return agency;
  const current = (await storage.publishedReports.versions(agencyId, year)).at(-1);
  return ok(current ? reportOf(current) : undefined);
}

// ── what the public sees ────────────────────────────────────────────────────────────────────────────

/** The stored report JSON read back; it was written by renderJson, so a failure here is a bug. */
function reportOf(stored: StoredPublishedReport): AnnualReport {
  const parsed = parseJsonReport(stored.reportJson);
  if (!parsed.ok)
    throw new Error(
      `published report ${stored.agencyId}/${stored.year} v${stored.version} cannot be read: ${parsed.error.message}`,
    );
  return parsed.report;
}

export interface PublicReportEntry {
  readonly year: number;
  /** The current version (the highest). */
  readonly version: number;
  readonly publishedOn: LocalDate;
  /** 某机关2024年政府信息公开工作年度报告 */
  readonly title: string;
}

export interface PublicAgencyReports {
  readonly agency: { readonly id: number; readonly name: string };
  /** Newest year first. */
  readonly reports: readonly PublicReportEntry[];
}

/** The agencies of the site, in the order of its tree: each root, then everything below it. */
async function siteOrder(storage: Storage): Promise<number[]> {
  const ids: number[] = [];
  const seen = new Set<number>();
  for (const root of await storage.agencies.roots())
    for (const id of await storage.agencies.subtreeIds(root.id))
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
  return ids;
}

/**
 * The current version of every published report, grouped by agency (in the site's order), newest
 * year first; one agency's only when `agencyId` is given. Agencies that published nothing are left out.
 */
export async function publicReports(storage: Storage, agencyId?: number): Promise<PublicAgencyReports[]> {
  const current = await storage.publishedReports.current(agencyId === undefined ? undefined : [agencyId]);
  if (current.length === 0) return [];
  const order = await siteOrder(storage);
  const rank = new Map(order.map((id, i) => [id, i]));
  const groups = new Map<number, PublishedReportSummary[]>();
  for (const c of current) groups.set(c.agencyId, [...(groups.get(c.agencyId) ?? []), c]);
  const out: PublicAgencyReports[] = [];
  for (const id of [...groups.keys()].sort(
    (a, b) => (rank.get(a) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b) ?? Number.MAX_SAFE_INTEGER) || a - b,
  )) {
    const agency = await storage.agencies.get(id);
    if (!agency) continue;
    out.push({
      agency: { id, name: agency.name },
      reports: groups
        .get(id)!
        .sort((a, b) => b.year - a.year)
        .map((s) => ({
          year: s.year,
          version: s.version,
          publishedOn: s.publishedOn,
          title: reportHeading(agency.name, s.year),
        })),
    });
  }
  return out;
}

export interface PublicReport {
  readonly agency: { readonly id: number; readonly name: string };
  readonly year: number;
  /** The version shown, and the report it froze. */
  readonly shown: HistoryEntry & { readonly source: PublishedSource };
  readonly report: AnnualReport;
  /** The current version's number: the shown one, or a later one that superseded it. */
  readonly currentVersion: number;
  /** Every version, oldest first, each but the current marked with what replaced it. */
  readonly history: readonly HistoryEntry[];
}

/**
 * A published report: the current version, or `version` (an earlier one stays readable, marked as
 * superseded). Undefined when the agency published none for the year, or no such version.
 */
export async function publicReport(
  storage: Storage,
  agencyId: number,
  year: number,
  version?: number,
): Promise<PublicReport | undefined> {
  if (!checkReportYear(year).ok) return undefined;
  const versions = await storage.publishedReports.versions(agencyId, year);
  if (versions.length === 0) return undefined;
  const stored = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  if (!stored) return undefined;
  const agency = await storage.agencies.get(agencyId);
  if (!agency) return undefined;
  const history = versionHistory(
    versions.map((v) => ({
      version: v.version,
      publishedOn: v.publishedOn,
      ...(v.reason ? { reason: v.reason } : {}),
    })),
  );
  return {
    agency: { id: agency.id, name: agency.name },
    year,
    shown: { ...history.find((h) => h.version === stored.version)!, source: stored.source },
    report: reportOf(stored),
    currentVersion: versions.at(-1)!.version,
    history,
  };
}
