/**
 * An item's life on its office page (app.request): the liaison submits the draft for approval (提交审核),
 * the approver publishes it (条例第十七条), records its amendment (有效性 已修改, with the document) and
 * withdraws it when it was published in error (with a reason; it leaves the portal, its 索引号 kept).
 * Each form is shown only to whom the policy table lets take that step.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { draftItem } from '../../catalogue/index.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { okValue, townshipActor, withTownshipCode } from '../../test-support/catalogue-world.js';
import { type Session, type WebWorld, webWorld } from '../../test-support/web-world.js';

describe('an item’s steps on its office page', () => {
  let w: WebWorld;
  let liaison: Session;
  let approver: Session;
  let id = '';
  const page = async (session: Session) =>
    cheerio.load(await (await w.get(`/office/catalogue/${id}`, session)).text());
  const forms = ($: cheerio.CheerioAPI) =>
    $('form[action]')
      .map((_, f) => $(f).attr('action')!.split('/').at(-1))
      .get()
      .filter((a) => ['submit', 'publish', 'amend', 'withdraw'].includes(a));

  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    liaison = await w.login('liaison');
    approver = await w.login('approver');
    const drafted = await draftItem(
      w.storage,
      townshipActor(w, ['liaison']),
      {
        agencyId: w.township,
        title: '城关镇农村集体资产管理办法',
        publisher: '城关镇人民政府',
        writtenOn: w.today,
        docNumber: '城政规〔2026〕2号',
        topic: '农业、林业、水利',
        body: '第一条 为加强农村集体资产管理……',
        kind: '规范性文件',
      },
      { today: w.today as LocalDate },
    );
    id = okValue(drafted).id;
  });
  after(() => w.close());

  it('lets the liaison submit the draft, and shows the approver only publication', async () => {
    assert.deepEqual(forms(await page(liaison)), ['submit']);
    assert.deepEqual(forms(await page(approver)), ['publish']);
    const submitted = await w.post(`/office/catalogue/${id}/submit`, liaison, {});
    assert.equal(submitted.status, 303);
    const location = submitted.headers.get('location')!;
    assert.equal(location, `/office/catalogue/${id}?done=submitted`);
    const $ = cheerio.load(await (await w.get(location, liaison)).text());
    assert.match($('[role=status]').text(), /已提交审核/);
    assert.match($('table.metadata').text(), /待审核/);
    assert.deepEqual(forms($), [], 'submitted: nothing more for the liaison');
    assert.equal((await w.post(`/office/catalogue/${id}/submit`, liaison, {})).status, 422, 'not twice');
  });

  it('lets the approver publish, record an amendment and withdraw, each on record', async () => {
    assert.equal((await w.post(`/office/catalogue/${id}/publish`, approver, {})).status, 303);
    assert.deepEqual(forms(await page(approver)), ['amend', 'withdraw']);
    assert.equal(
      (await w.post(`/office/catalogue/${id}/amend`, liaison, { on: w.today, document: 'x' })).status,
      403,
    );
    const noDocument = await w.post(`/office/catalogue/${id}/amend`, approver, {
      on: w.today,
      document: ' ',
    });
    assert.equal(noDocument.status, 422);
    assert.match(await noDocument.text(), /须写明据以修改的文件/);
    const badDate = await w.post(`/office/catalogue/${id}/amend`, approver, {
      on: '2026-02-30',
      document: 'x',
    });
    assert.equal(badDate.status, 422);
    const amended = await w.post(`/office/catalogue/${id}/amend`, approver, {
      on: w.today,
      document: '城政规〔2026〕5号',
    });
    assert.equal(amended.status, 303);
    assert.match(await (await w.get(`/catalogue/${id}`)).text(), /已修改（[\d-]+，城政规〔2026〕5号）/);

    assert.equal((await w.post(`/office/catalogue/${id}/withdraw`, approver, { reason: '' })).status, 422);
    assert.equal(
      (await w.post(`/office/catalogue/${id}/withdraw`, approver, { reason: '误发：尚未经审议' })).status,
      303,
    );
    const $ = await page(approver);
    assert.match($('table.metadata').text(), /已撤回/);
    assert.match($('table.metadata').text(), /000014349\/\d{4}-00001/, 'the 索引号 stays');
    assert.match($('section[aria-labelledby=log-heading]').text(), /撤回.*误发：尚未经审议/s);
    assert.deepEqual(forms($), []);
    assert.equal((await w.get(`/catalogue/${id}`)).status, 404, 'no longer public');
  });
});
