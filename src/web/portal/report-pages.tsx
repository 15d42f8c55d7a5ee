/**
 * @module The portal's 政府信息公开年报 pages (issue 11): `/reports`, the published annual reports by
 * year (grouped by agency when the site has several), and `/reports/{agency}/{year}`, one report in the
 * official layout — the report engine's HTML renderer, its styles linked (`/reports/report.css`), each
 * table in a labelled region that scrolls on a phone — with its downloads, its version history and a
 * notice when it corrects or was corrected. hono/jsx escapes every text; the report's own markup is the
 * renderer's, which escapes too.
 */
import { raw } from 'hono/html';
import { reportHeading } from '../../domain/report/labels.js';
import type { PublicAgencyReports, PublicReport } from '../../ledger/index.js';
import { PortalPage } from './portal-frame.js';

const REPORTS_TITLE = '政府信息公开年报';

/** The path of a report (or its download), naming the version only when it is not the current one. */
export function reportPath(
  agencyId: number,
  year: number,
  options: { readonly version?: number; readonly current?: number; readonly ext?: 'docx' | 'pdf' } = {},
): string {
  const file = `/reports/${agencyId}/${year}${options.ext ? `.${options.ext}` : ''}`;
  return options.version !== undefined && options.version !== options.current
    ? `${file}?version=${options.version}`
    : file;
}

function AgencyReports({ group }: { group: PublicAgencyReports }) {
  return (
    <ul class="report-list">
      {group.reports.map((r) => (
        <li>
          <a href={reportPath(group.agency.id, r.year)}>{r.title}</a>{' '}
          <span class="hint">
            发布日期 <span class="date">{r.publishedOn}</span>
            {r.version > 1 ? `（已更正，第 ${r.version} 版）` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ReportsListPage({ groups }: { groups: readonly PublicAgencyReports[] }) {
  return (
    <PortalPage title={REPORTS_TITLE} current="/reports">
      <link rel="stylesheet" href="/reports/report.css" />
      <p>
        按照《中华人民共和国政府信息公开条例》第四十九条、第五十条，行政机关每年公布上一年度的政府信息公开工作年度报告。
      </p>
      {groups.length === 0 ? (
        <p>尚未发布年度报告。</p>
      ) : groups.length === 1 ? (
        <>
          <h2>{groups[0]!.agency.name}</h2>
          <AgencyReports group={groups[0]!} />
        </>
      ) : (
        groups.map((group) => (
          <section aria-labelledby={`agency-${group.agency.id}`}>
            <h2 id={`agency-${group.agency.id}`}>{group.agency.name}</h2>
            <AgencyReports group={group} />
          </section>
        ))
      )}
    </PortalPage>
  );
}

function VersionNotice({ found }: { found: PublicReport }) {
  const { shown, currentVersion } = found;
  if (shown.supersededBy)
    return (
      <p class="notice refused report-superseded" role="note">
        {`本报告（第 ${shown.version} 版）已被更正版本替代：第 ${shown.supersededBy.version} 版于 ${shown.supersededBy.on} 发布。`}
        <a href={reportPath(found.agency.id, found.year)}>查看当前版本（第 {currentVersion} 版）</a>
      </p>
    );
  if (shown.version > 1)
    return (
      <p class="notice done report-correction" role="note">
        {`本报告为更正版本（第 ${shown.version} 版，${shown.publishedOn} 发布），更正理由：${shown.reason ?? ''}。原版本保留，见下方版本记录。`}
      </p>
    );
  return null;
}

export function ReportPage({ found, body }: { found: PublicReport; body: string }) {
  const { agency, year, shown, currentVersion, history } = found;
  const versionNote = shown.version === currentVersion ? '' : `（第 ${shown.version} 版，已被替代）`;
  const at = { version: shown.version, current: currentVersion };
  return (
    <PortalPage
      title={REPORTS_TITLE}
      headTitle={`${reportHeading(found.report.agency, year)}${versionNote}`}
      current="/reports"
    >
      <link rel="stylesheet" href="/reports/report.css" />
      <p class="no-print">
        <a href="/reports">返回年报列表</a>
      </p>
      <VersionNotice found={found} />
      <dl class="receipt report-facts">
        <dt>发布机关</dt>
        <dd>{agency.name}</dd>
        <dt>报告年度</dt>
        <dd>{year} 年</dd>
        {found.report.publishedOn && found.report.publishedOn !== shown.publishedOn ? (
          <>
            <dt>成文日期</dt>
            <dd class="date">{found.report.publishedOn}</dd>
            <dt>本站发布</dt>
            <dd class="date">{shown.publishedOn}</dd>
          </>
        ) : (
          <>
            <dt>发布日期</dt>
            <dd class="date">{shown.publishedOn}</dd>
          </>
        )}
        <dt>版本</dt>
        <dd>
          第 {shown.version} 版{shown.version === currentVersion ? '（当前版本）' : '（已被更正版本替代）'}
        </dd>
      </dl>
      <p class="report-downloads no-print">
        下载：
        <a href={reportPath(agency.id, year, { ...at, ext: 'docx' })} download>
          Word 文档（DOCX）
        </a>
        {' · '}
        <a href={reportPath(agency.id, year, { ...at, ext: 'pdf' })} download>
          PDF 文档
        </a>
      </p>
      <p class="hint report-scroll-hint no-print">表格较宽，可在表格内左右滑动查看。</p>
      <div class="report-sheet">{raw(body)}</div>
      {history.length > 1 ? (
        <section class="report-history" aria-labelledby="report-history">
          <h2 id="report-history">版本记录</h2>
          <ol>
            {history.map((h) => (
              <li>
                {h.version === shown.version ? (
                  <strong aria-current="page">第 {h.version} 版</strong>
                ) : (
                  <a href={reportPath(agency.id, year, { version: h.version, current: currentVersion })}>
                    第 {h.version} 版
                  </a>
                )}{' '}
                <span class="date">{h.publishedOn}</span> 发布
                {h.reason ? `，更正理由：${h.reason}` : ''}
                {h.supersededBy ? `；已被更正版本替代（${h.supersededBy.on}）` : '；当前版本'}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </PortalPage>
  );
}

export function ReportNotFoundPage() {
  return (
    <PortalPage title="未找到该年度报告" current="/reports">
      <p>没有这份年度报告，或它尚未发布。</p>
      <p>
        <a href="/reports">返回年报列表</a>
      </p>
    </PortalPage>
  );
}
