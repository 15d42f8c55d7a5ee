/**
 * @module The portal's 政府信息公开年报 routes (issue 11), no sign-in: `GET /reports` (every agency's
 * published reports by year, or one agency's with `?agency=`), `GET /reports/{agency}/{year}` (the
 * current version, or `?version=N`), its downloads `…/{year}.docx` and `…/{year}.pdf` (rendered from
 * the frozen report by documents/render.ts; a PDF waits for a print slot, print-slot.ts), and
 * `GET /reports/report.css` (the report's stylesheet: the page's Content-Security-Policy allows no
 * inline style).
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { renderHtml, reportStylesheet } from '../../documents/html/render-html.js';
import { PdfRendererUnavailable } from '../../documents/pdf/render-pdf.js';
import { renderReport } from '../../documents/render.js';
import { reportHeading } from '../../domain/report/labels.js';
import { publicReport, publicReports } from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { disposition } from '../download.js';
import { inPrintSlot } from '../print-slot.js';
import type { PortalRender } from './portal-routes.js';
import { ReportNotFoundPage, ReportPage, ReportsListPage } from './report-pages.js';

const AGENCY = /^[1-9]\d{0,9}$/;
const YEAR_FILE = /^(\d{4})(?:\.(docx|pdf))?$/;
const VERSION = /^[1-9]\d{0,3}$/;

/** The portal's own rules around the report: the sheet it sits on, the facts, a phone's type sizes. */
const PORTAL_REPORT_CSS = `
.report-list { padding-left: 1.2rem; }
.report-list li { margin: 0.35rem 0; }
.report-downloads a { white-space: nowrap; }
.report-sheet { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 2rem 1.5rem; margin: 1rem 0; }
.report-history ol { padding-left: 1.4rem; }
@media (min-width: 40.01em) { .report-scroll-hint { display: none; } }
@media (max-width: 40em) {
  .report-sheet { padding: 1rem 0.75rem; border-left: 0; border-right: 0; border-radius: 0; margin: 1rem -1.25rem; }
  .gk-report { font-size: 12pt; line-height: 1.7; }
  .gk-report h1 { font-size: 16pt; }
  .gk-report h2 { font-size: 13pt; text-indent: 0; }
  .gk-report table { font-size: 10pt; }
}
@media print {
  .report-sheet { border: 0; padding: 0; margin: 0; }
}
`;

const STYLESHEET = `${reportStylesheet('office')}${PORTAL_REPORT_CSS}`;
const STYLESHEET_ETAG = `"${createHash('sha256').update(STYLESHEET).digest('base64url').slice(0, 16)}"`;

export function reportRoutes(deps: WebDeps, render: PortalRender): Hono<AppEnv> {
  const portal = new Hono<AppEnv>();
  const { storage } = deps;
  const notFound = (c: AppContext) => render(c, <ReportNotFoundPage />, 404);

  portal.get('/reports', async (c) => {
    const asked = c.req.query('agency');
    if (asked !== undefined && !AGENCY.test(asked)) return notFound(c);
    const groups = await publicReports(storage, asked === undefined ? undefined : Number(asked));
    return render(c, <ReportsListPage groups={groups} />);
  });

  portal.get('/reports/report.css', (c) => {
    if (c.req.header('if-none-match') === STYLESHEET_ETAG) return c.body(null, 304);
    return c.body(STYLESHEET, 200, {
      'content-type': 'text/css; charset=utf-8',
      etag: STYLESHEET_ETAG,
      'cache-control': 'public, max-age=300',
    });
  });

  portal.get('/reports/:agency/:year', async (c) => {
    const agency = c.req.param('agency');
    const file = YEAR_FILE.exec(c.req.param('year'));
    const asked = c.req.query('version');
    if (!AGENCY.test(agency) || !file || (asked !== undefined && !VERSION.test(asked))) return notFound(c);
    const year = Number(file[1]);
    const found = await publicReport(
      storage,
      Number(agency),
      year,
      asked === undefined ? undefined : Number(asked),
    );
    if (!found) return notFound(c);
    const ext = file[2] as 'docx' | 'pdf' | undefined;
    if (!ext) {
      const body = renderHtml(found.report, { fragment: true, externalStyles: true, scrollRegions: true });
      return render(c, <ReportPage found={found} body={body} />, 200, {
        'cache-control': 'public, max-age=300',
      });
    }
    const v = found.shown.version;
    const named = `${reportHeading(found.report.agency, year)}${v > 1 ? `（第${v}版）` : ''}.${ext}`;
    const headers = {
      'content-disposition': disposition(`report-${found.agency.id}-${year}-v${v}.${ext}`, named),
      // A version never changes; the current one may be corrected.
      'cache-control': asked === undefined ? 'public, max-age=300' : 'public, max-age=86400, immutable',
    };
    if (ext === 'docx') {
      const bytes = await renderReport(found.report, 'docx');
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        ...headers,
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      });
    }
    try {
      const bytes = await inPrintSlot(() => renderReport(found.report, 'pdf'));
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-type': 'application/pdf' });
    } catch (e) {
      if (!(e instanceof PdfRendererUnavailable)) throw e;
      deps.log({ msg: 'pdf-unavailable', id: c.get('requestId'), error: e.message.slice(0, 200) });
      return c.text('暂时无法生成 PDF，请下载 Word 文档或稍后再试 (PDF unavailable)', 503);
    }
  });

  return portal;
}
