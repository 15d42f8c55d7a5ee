/**
 * @module The approver's 年度报告发布 routes (/office/reports…): the page, publishing a year from the
 * ledger (`POST /office/reports/{agency}/{year}/ledger`: the text sections and, for a correction, the
 * reason) and publishing a report file (`POST /office/reports/{agency}/file`, multipart: the file and
 * the reason). Pipelines: read the form, call the ledger's use case with the signed-in Actor (it asks
 * the policy table), present. The upload's size is bounded in front of the CSRF check (app.ts), so an
 * oversized body is refused before it is read.
 */
import { Hono } from 'hono';
import {
  currentPublishedReport,
  officeReports,
  type PublishRefusal,
  publishFromFile,
  publishFromLedger,
  todayInChina,
} from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { formOf } from '../form-body.js';
import { statusOfRefusal } from '../refusal-status.js';
import { documentOf } from '../views/layout.js';
import { refusedPage, viewerOf } from './office-routes.js';
import { type PublishAttempt, ReportsOfficePage, type ReportTexts } from './reports-page.js';

const AGENCY = /^[1-9]\d{0,9}$/;
const YEAR = /^\d{4}$/;
const DONE = /^(\d{4})-v([1-9]\d{0,3})$/;

/** The request body of an upload, above the file's own limit: the form's other fields and the multipart framing. */
export const REPORT_UPLOAD_BODY_BYTES = 5 * 1024 * 1024 + 64 * 1024;

export function reportOfficeRoutes(deps: WebDeps): Hono<AppEnv> {
  const office = new Hono<AppEnv>();
  const { storage } = deps;
  const authOf = (c: AppContext) => c.get('auth')!;
  const today = () => todayInChina(deps.now());

  const show = async (
    c: AppContext,
    agencyId: number,
    attempt?: PublishAttempt,
    status: 200 | 409 | 422 = 200,
  ) => {
    const auth = authOf(c);
    const found = await officeReports(storage, auth.actor, agencyId, { today: today() });
    if (!found.ok) return refusedPage(c, found.error);
    const texts = new Map<number, ReportTexts>();
    for (const { year, versions } of found.value.years) {
      if (versions.length === 0) continue;
      const current = await currentPublishedReport(storage, auth.actor, agencyId, year);
      if (current.ok && current.value) texts.set(year, current.value.text);
    }
    const done = DONE.exec(c.req.query('published') ?? '');
    return c.html(
      documentOf(
        <ReportsOfficePage
          viewer={viewerOf(auth)}
          office={found.value}
          texts={texts}
          {...(done && status === 200
            ? { done: `${done[1]} 年度报告已发布（第 ${done[2]} 版），公开页面已更新。` }
            : {})}
          {...(attempt ? { attempt } : {})}
        />,
      ),
      status,
    );
  };

  /** A refused publication: not found or forbidden as a page of its own, the rest back on the form. */
  const refused = (
    c: AppContext,
    agencyId: number,
    form: number | 'file',
    values: Record<string, string>,
    error: PublishRefusal,
  ) => {
    const status = statusOfRefusal(error.code);
    if (status === 404 || status === 403) return refusedPage(c, error);
    return show(
      c,
      agencyId,
      { form, values, message: error.message, ...(error.findings ? { findings: error.findings } : {}) },
      status === 409 ? 409 : 422,
    );
  };

  const published = (c: AppContext, agencyId: number, year: number, version: number) =>
    c.redirect(`/office/reports?agency=${agencyId}&published=${year}-v${version}`, 303);

  office.get('/reports', (c) => {
    const asked = c.req.query('agency');
    const agencyId = asked !== undefined && AGENCY.test(asked) ? Number(asked) : authOf(c).user.agencyId;
    return show(c, agencyId);
  });

  office.post('/reports/:agency/:year/ledger', async (c) => {
    const agency = c.req.param('agency');
    const year = c.req.param('year');
    const values = await formOf(c);
    if (!AGENCY.test(agency) || !YEAR.test(year))
      return refusedPage(c, { code: 'agency.unknown', message: '机关不存在 (no such agency)' });
    const agencyId = Number(agency);
    const text = {
      overview: values.overview ?? '',
      problems: values.problems ?? '',
      otherMatters: values.otherMatters ?? '',
    };
    const result = await publishFromLedger(storage, authOf(c).actor, agencyId, Number(year), {
      today: today(),
      fill: { text },
      ...(values.reason ? { reason: values.reason } : {}),
    });
    if (!result.ok) return refused(c, agencyId, Number(year), values, result.error);
    return published(c, agencyId, result.value.year, result.value.version);
  });

  office.post('/reports/:agency/file', async (c) => {
    const agency = c.req.param('agency');
    if (!AGENCY.test(agency))
      return refusedPage(c, { code: 'agency.unknown', message: '机关不存在 (no such agency)' });
    const agencyId = Number(agency);
    const body = await c.req.parseBody();
    const file = body.file;
    const reason = typeof body.reason === 'string' ? body.reason : '';
    // No file (or a field that is not one) is an empty file: the use case says so after the policy check.
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0);
    const result = await publishFromFile(
      storage,
      authOf(c).actor,
      agencyId,
      bytes,
      file instanceof File ? file.name : '',
      { today: today(), ...(reason ? { reason } : {}) },
    );
    if (!result.ok) return refused(c, agencyId, 'file', { reason }, result.error);
    return published(c, agencyId, result.value.year, result.value.version);
  });

  return office;
}
