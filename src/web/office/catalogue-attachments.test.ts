/**
 * 附件 through the web, as the office and the public use them (app.request): a liaison uploads a Word
 * file to a draft on the item's page; a file whose content is not its claimed type is refused with a
 * Chinese message and nothing kept; one over the site's limit is 413 before it is read; once published,
 * the public page lists the file and serves it as a download under the type its content is; taking it
 * off (the approver, with a reason) removes it from the public page while the office keeps it; another
 * agency's user finds nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { draftItem, publishItem } from '../../catalogue/index.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { townshipActor, withTownshipCode } from '../../test-support/catalogue-world.js';
import { minimalPdf, sampleDocx, sampleExe } from '../../test-support/sample-files.js';
import { type Session, type WebWorld, webWorld } from '../../test-support/web-world.js';

describe('附件 on the office’s item page and the public item page', () => {
  let w: WebWorld;
  let liaison: Session;
  let approver: Session;
  let outsider: Session;
  let itemId: string;
  const upload = (session: Session, bytes: Uint8Array, name: string, type = '') => {
    const form = new FormData();
    form.set('_csrf', session.csrf);
    form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], type ? { type } : {}), name);
    return w.app.request(`/office/catalogue/${itemId}/attachments`, {
      method: 'POST',
      headers: { cookie: session.cookie },
      body: form,
    });
  };
  const page = async (path: string, session?: Session) =>
    cheerio.load(await (await w.get(path, session)).text());

  before(async () => {
    w = await webWorld({ attachments: { maxMegabytes: 1 } });
    await withTownshipCode(w);
    liaison = await w.login('liaison');
    approver = await w.login('approver');
    outsider = await w.login('outsider');
    const drafted = await draftItem(
      w.storage,
      townshipActor(w, ['liaison']),
      {
        agencyId: w.township,
        title: '城关镇征收补偿方案',
        publisher: '城关镇人民政府',
        writtenOn: w.today,
        docNumber: '',
        topic: '城乡建设',
        body: '补偿方案见附件。',
        kind: 'other',
      },
      { today: w.today as LocalDate },
    );
    assert.ok(drafted.ok);
    itemId = drafted.value.id;
  });
  after(() => w.close());

  it('shows a liaison the item with an upload form that takes the catalogue’s types and has its CSRF token', async () => {
    const $ = await page(`/office/catalogue/${itemId}`, liaison);
    const form = $(`form[action="/office/catalogue/${itemId}/attachments"]`);
    assert.equal(form.attr('enctype'), 'multipart/form-data');
    assert.equal(form.find('input[name=_csrf]').length, 1);
    assert.match(form.find('input[type=file]').attr('accept') ?? '', /\.pdf.*\.docx.*\.xlsx/);
    assert.equal($('label[for=f-file]').length, 1, 'the file field is labelled');
    // The office list links to the page.
    const list = await page('/office/catalogue', liaison);
    assert.equal(list(`a[href="/office/catalogue/${itemId}"]`).length, 1);
  });

  it('refuses a file whose content is not its claimed type, in Chinese, and keeps nothing', async () => {
    const renamed = await upload(liaison, minimalPdf('notice'), '方案.docx');
    assert.equal(renamed.status, 422);
    const $ = cheerio.load(await renamed.text());
    assert.match($('[role=alert]').text(), /内容与其声称的类型不符.*方案\.docx.*内容却是PDF/);
    const program = await upload(liaison, sampleExe(), '方案.pdf', 'application/pdf');
    assert.equal(program.status, 422);
    assert.match(await program.text(), /无法识别的文件/);
    const empty = await upload(liaison, new Uint8Array(0), '方案.pdf');
    assert.equal(empty.status, 422);
    const rows = await w.storage.db.selectFrom('catalogue_attachments').select('id').execute();
    assert.equal(rows.length, 0);
  });

  it('answers 413 for a file over the site’s limit, before reading it', async () => {
    const big = new Uint8Array(1024 * 1024 + 100 * 1024);
    big.set(new TextEncoder().encode('%PDF-1.4\n'));
    const answer = await upload(liaison, big, '大文件.pdf');
    assert.equal(answer.status, 413);
    assert.match(await answer.text(), /过大/);
  });

  it('takes a Word file, lists it, and serves it to the office under its content’s type', async () => {
    const bytes = await sampleDocx('城关镇人民政府');
    const answer = await upload(liaison, bytes, '补偿方案（定稿）.docx');
    assert.equal(answer.status, 303);
    assert.match(answer.headers.get('location') ?? '', /done=attached/);
    const $ = await page(`/office/catalogue/${itemId}`, liaison);
    const link = $('a:contains("补偿方案（定稿）.docx")').first();
    assert.equal(link.length, 1);
    const file = await w.get(link.attr('href')!, liaison);
    assert.equal(file.status, 200);
    assert.equal(
      file.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment; .*filename\*=UTF-8''%E8%A1%A5/);
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), Buffer.from(bytes));
    assert.equal((await w.get(link.attr('href')!, outsider)).status, 404, 'not another agency’s');
    assert.equal((await w.get(`/office/catalogue/${itemId}`, outsider)).status, 404);
    assert.equal((await upload(outsider, bytes, 'x.docx')).status, 404);
  });

  it('lists a published item’s file on its public page and serves it; taken off, it is gone from there', async () => {
    const published = await publishItem(w.storage, townshipActor(w, ['approver']), itemId, {
      today: w.today as LocalDate,
    });
    assert.ok(published.ok, JSON.stringify(published));
    const $ = await page(`/catalogue/${itemId}`);
    const link = $('section.attachments a');
    assert.equal(link.text(), '补偿方案（定稿）.docx');
    assert.match($('section.attachments').text(), /Word 文档（DOCX），\d+ KB/);
    const href = link.attr('href')!;
    const file = await w.get(href);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment;/);

    // Published: the liaison may no longer change the files; the approver may, with a reason.
    const detach = `/office/catalogue/${itemId}/attachments/${href.split('/').at(-1)}/detach`;
    assert.equal((await w.post(detach, liaison, { reason: '误传' })).status, 403);
    const noReason = await w.post(detach, approver, {});
    assert.equal(noReason.status, 422);
    assert.match(await noReason.text(), /须写明理由/);
    assert.equal((await w.post(detach, approver, { reason: '误传了未定稿版本' })).status, 303);
    assert.equal((await w.get(href)).status, 404);
    assert.equal((await page(`/catalogue/${itemId}`))('section.attachments').length, 0);
    const office = await page(`/office/catalogue/${itemId}`, approver);
    assert.match(office('h3:contains("已撤下的附件") + ul').text(), /补偿方案（定稿）\.docx/);
    assert.match(office('table').last().text(), /撤下附件.*误传了未定稿版本/);
  });
});
