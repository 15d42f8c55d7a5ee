/**
 * 政府信息公开年报 through `app.request()` (issue 11): the approver publishes a year from the ledger and
 * a report file (the seed, read by the report reader) from /office/reports; the portal lists them by
 * agency, shows each in the official layout with no inline style (the page's CSP allows none; the
 * stylesheet is linked), each table in a labelled region, with DOCX and PDF downloads; a correction is
 * version 2 and version 1 stays at ?version=1, shown superseded; a handler is refused 403, another
 * agency's approver 404; a file of another agency, a file that is no report and an oversized body are
 * refused with a clear message.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { createUser } from '../../accounts/index.js';
import { renderJson } from '../../documents/json/report-json.js';
import { readReport } from '../../documents/read-report.js';
import { systemActor } from '../../domain/access/policy.js';
import { addAgency } from '../../ledger/index.js';
import { PASSWORD, type Session, type WebWorld, webWorld } from '../../test-support/web-world.js';

const SEED = readFileSync('/work/shared/seed/000_f4b8342ecd306093.txt');

describe('政府信息公开年报: publishing in the office, reading on the portal', () => {
  let w: WebWorld;
  let approver: Session;
  let handler: Session;
  let outsider: Session;
  let xinmiao: Session;
  let seedTown = 0;
  let year = 0;

  before(async () => {
    w = await webWorld();
    const root = systemActor('test');
    const added = await addAgency(w.storage, root, {
      name: '新庙镇人民政府',
      kind: '乡镇/街道',
      parentId: w.county,
    });
    assert.ok(added.ok);
    seedTown = added.value.id;
    const made = await createUser(w.storage, root, {
      name: 'xinmiao',
      agencyId: seedTown,
      roles: ['approver'],
      password: PASSWORD,
    });
    assert.ok(made.ok);
    approver = await w.login('approver');
    handler = await w.login('handler');
    outsider = await w.login('outsider');
    xinmiao = await w.login('xinmiao');
    year = Number(w.today.slice(0, 4)) - 1;
  });
  after(() => w.close());

  const upload = (session: Session, agencyId: number, bytes: Uint8Array, name: string, fields = {}) => {
    const form = new FormData();
    form.set('_csrf', session.csrf);
    form.set('file', new Blob([bytes]), name);
    for (const [k, v] of Object.entries(fields)) form.set(k, v as string);
    return w.app.request(`/office/reports/${agencyId}/file`, {
      method: 'POST',
      headers: { cookie: session.cookie },
      body: form,
    });
  };
  const TEXT = {
    overview: '本年度政府信息公开工作总体情况。',
    problems: '存在的问题。',
    otherMatters: '无。',
  };

  it('lists nothing before anything is published, and offers the approver the years to publish', async () => {
    const list = await w.get('/reports');
    assert.equal(list.status, 200);
    assert.match(await list.text(), /尚未发布年度报告/);
    const page = await w.get('/office/reports', approver);
    assert.equal(page.status, 200);
    const $ = cheerio.load(await page.text());
    assert.ok($(`form[action="/office/reports/${w.township}/${year}/ledger"]`).length === 1);
    assert.equal(
      $(`form[enctype="multipart/form-data"]`).attr('action'),
      `/office/reports/${w.township}/file`,
    );
    assert.equal($('form[method=post] input[name=_csrf]').length, $('form[method=post]').length);
    assert.ok($('nav a[href="/office/reports"]').length === 1, 'in the approver’s navigation');
    // Not in the handler's.
    const handlerPage = cheerio.load(await (await w.get('/office/inbox', handler)).text());
    assert.equal(handlerPage('nav a[href="/office/reports"]').length, 0);
  });

  it('refuses a handler (403) and another agency’s approver (404), and publishes nothing for them', async () => {
    assert.equal((await w.post(`/office/reports/${w.township}/${year}/ledger`, handler, TEXT)).status, 403);
    assert.equal((await upload(handler, w.township, SEED, 'a.txt')).status, 403);
    assert.equal((await w.get('/office/reports', handler)).status, 403);
    assert.equal((await w.post(`/office/reports/${w.township}/${year}/ledger`, outsider, TEXT)).status, 404);
    assert.equal((await upload(outsider, w.township, SEED, 'a.txt')).status, 404);
    assert.equal((await w.get(`/office/reports?agency=${w.township}`, outsider)).status, 404);
    assert.deepEqual(await w.storage.publishedReports.current(), []);
  });

  it('publishes a year from the ledger, shown in the official layout with its downloads', async () => {
    const res = await w.post(`/office/reports/${w.township}/${year}/ledger`, approver, TEXT);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/office/reports?agency=${w.township}&published=${year}-v1`);
    const done = await (await w.get(res.headers.get('location')!, approver)).text();
    assert.match(done, new RegExp(`${year} 年度报告已发布（第 1 版）`));

    const list = await (await w.get('/reports')).text();
    assert.match(
      list,
      new RegExp(`href="/reports/${w.township}/${year}">城关镇人民政府${year}年政府信息公开工作年度报告`),
    );

    const page = await w.get(`/reports/${w.township}/${year}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /style-src 'self'/);
    const html = await page.text();
    const $ = cheerio.load(html);
    assert.equal($('title').text(), `城关镇人民政府${year}年政府信息公开工作年度报告 · 政府信息公开`);
    assert.equal($('article.gk-report h1').text(), `城关镇人民政府${year}年政府信息公开工作年度报告`);
    assert.equal($('link[rel=stylesheet][href="/reports/report.css"]').length, 1);
    assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline style: the CSP would drop it');
    assert.deepEqual(
      $('section.gk-table-scroll[aria-label][tabindex=0]')
        .toArray()
        .map((r) => $(r).attr('aria-label')?.slice(0, 2)),
      ['二、', '三、', '四、'],
    );
    assert.match($('article.gk-report').text(), /本年度政府信息公开工作总体情况/);
    assert.equal($('.report-superseded').length, 0);
    assert.equal($('a[href="/reports"][aria-current=page]').length, 1, 'the portal nav names 年报');

    const css = await w.get('/reports/report.css');
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const rules = await css.text();
    assert.match(
      rules,
      /\.gk-table-三\[data-columns="\d+"\] > colgroup > col:nth-child\(1\) \{ width: 5%; \}/,
    );
    assert.equal(
      (await w.app.request('/reports/report.css', { headers: { 'if-none-match': css.headers.get('etag')! } }))
        .status,
      304,
    );

    const docx = await w.get(`/reports/${w.township}/${year}.docx`);
    assert.equal(docx.status, 200);
    assert.equal(
      docx.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    assert.match(
      docx.headers.get('content-disposition') ?? '',
      /filename="report-\d+-\d{4}-v1\.docx"; filename\*=UTF-8''/,
    );
    assert.equal(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
      'PK',
    );
    const pdf = await w.get(`/reports/${w.township}/${year}.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
      '%PDF-',
    );
  });

  it('asks a correction for its reason, publishes it as version 2, and keeps version 1 readable as superseded', async () => {
    const missing = await w.post(`/office/reports/${w.township}/${year}/ledger`, approver, {
      ...TEXT,
      overview: '更正后的总体情况。',
    });
    assert.equal(missing.status, 422);
    const refused = await missing.text();
    assert.match(refused, /更正须写明理由/);
    assert.match(refused, /更正后的总体情况/, 'what was typed comes back');

    const same = await w.post(`/office/reports/${w.township}/${year}/ledger`, approver, {
      ...TEXT,
      reason: '重发',
    });
    assert.equal(same.status, 422);
    assert.match(await same.text(), /完全相同/);

    const corrected = await w.post(`/office/reports/${w.township}/${year}/ledger`, approver, {
      ...TEXT,
      overview: '更正后的总体情况。',
      reason: '总体情况表述有误',
    });
    assert.equal(corrected.status, 303);
    assert.match(corrected.headers.get('location') ?? '', new RegExp(`published=${year}-v2$`));

    const current = cheerio.load(await (await w.get(`/reports/${w.township}/${year}`)).text());
    assert.match(current('.report-correction').text(), /第 2 版.*总体情况表述有误/);
    assert.match(current('article.gk-report').text(), /更正后的总体情况/);
    assert.equal(current(`.report-history a[href="/reports/${w.township}/${year}?version=1"]`).length, 1);
    assert.match(current('.report-history').text(), /已被更正版本替代/);

    const first = await w.get(`/reports/${w.township}/${year}?version=1`);
    assert.equal(first.status, 200);
    const $ = cheerio.load(await first.text());
    assert.match($('.report-superseded').text(), /已被更正版本替代：第 2 版于 \d{4}-\d{2}-\d{2} 发布/);
    assert.equal($(`.report-superseded a[href="/reports/${w.township}/${year}"]`).length, 1);
    assert.match($('article.gk-report').text(), /本年度政府信息公开工作总体情况/);
    assert.match($('title').text(), /（第 1 版，已被替代）/);
    assert.equal($(`a[href="/reports/${w.township}/${year}.docx?version=1"]`).length, 1);
    const oldDocx = await w.get(`/reports/${w.township}/${year}.docx?version=1`);
    assert.equal(oldDocx.status, 200);
    assert.match(oldDocx.headers.get('cache-control') ?? '', /immutable/);

    const list = cheerio.load(await (await w.get('/reports')).text());
    assert.match(list('.report-list').text(), /已更正，第 2 版/);
  });

  it('publishes the seed’s report from its file; refuses it for another agency, and a file that is no report', async () => {
    const wrong = await upload(approver, w.township, SEED, '年报.txt');
    assert.equal(wrong.status, 422);
    assert.match(await wrong.text(), /报告写的是“新庙镇”，发布的机关是“城关镇人民政府”/);

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const notReport = await upload(xinmiao, seedTown, png, '年报.pdf');
    assert.equal(notReport.status, 422);
    assert.match(await notReport.text(), /无法读取为年度报告/);
    const empty = await w.app.request(`/office/reports/${seedTown}/file`, {
      method: 'POST',
      headers: { cookie: xinmiao.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: xinmiao.csrf }),
    });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /请选择要发布的报告文件/);

    const ok = await upload(xinmiao, seedTown, SEED, '新庙镇2020年报.txt');
    assert.equal(ok.status, 303);
    assert.match(ok.headers.get('location') ?? '', /published=2020-v1$/);
    const $ = cheerio.load(await (await w.get(`/reports/${seedTown}/2020`)).text());
    assert.equal($('article.gk-report h1').text(), '新庙镇2020年政府信息公开工作年度报告');
    assert.match($('article.gk-report .gk-signature').text(), /新庙镇/);
    const office = await (await w.get('/office/reports', xinmiao)).text();
    assert.match(office, /根据文件“新庙镇2020年报.txt”/);

    // Two agencies have published now: the list is grouped by agency.
    const list = cheerio.load(await (await w.get('/reports')).text());
    assert.deepEqual(
      list('main section h2')
        .toArray()
        .map((h) => list(h).text()),
      ['城关镇人民政府', '新庙镇人民政府'],
    );
    assert.equal(
      cheerio.load(await (await w.get(`/reports?agency=${seedTown}`)).text())('.report-list li').length,
      1,
    );
  });

  it('lists the findings of a report with errors beside the form, and keeps the reason typed', async () => {
    const read = await readReport(SEED);
    assert.ok(read.ok);
    const broken = { ...read.report, requests: { ...read.report.requests, new: [3, 0, 0, 0, 0, 0, 0] } };
    const res = await upload(xinmiao, seedTown, new TextEncoder().encode(renderJson(broken)), 'broken.json', {
      reason: '补充说明',
    });
    assert.equal(res.status, 422);
    const $ = cheerio.load(await res.text());
    assert.match($('.notice.refused[role=alert]').text(), /报告有错误，不能发布/);
    assert.ok($('.findings li.finding.error').length > 0);
    assert.match($('.findings').text(), /requests\.row-total/);
    assert.equal($('#f-file-reason').text(), '补充说明');
    assert.equal(
      (await w.storage.publishedReports.versions(seedTown, 2020)).length,
      1,
      'still version 1 only',
    );

    const long = await w.post(`/office/reports/${w.township}/${year}/ledger`, approver, {
      ...TEXT,
      overview: '字'.repeat(20_001),
      reason: '更正',
    });
    assert.equal(long.status, 422);
    assert.match(await long.text(), /第一部分 总体情况/);
  });

  it('refuses an upload larger than the limit before reading it (413)', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 100 * 1024).fill(0x41);
    const res = await upload(xinmiao, seedTown, big, 'big.txt');
    assert.equal(res.status, 413);
    assert.match(await res.text(), /过大/);
  });

  it('answers 404 for a report, version or file that is not there', async () => {
    for (const path of [
      '/reports/999/2020',
      `/reports/${seedTown}/2019`,
      `/reports/${seedTown}/2020?version=2`,
      `/reports/${seedTown}/2020?version=abc`,
      `/reports/${seedTown}/2020.txt`,
      '/reports/abc/2020',
      `/reports/${seedTown}/2020.pdf?version=9`,
      '/reports?agency=x',
    ]) {
      const res = await w.get(path);
      assert.equal(res.status, 404, path);
      assert.match(await res.text(), /未找到该年度报告/, path);
    }
  });
});
