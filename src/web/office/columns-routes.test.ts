/**
 * The back office's column tree (/office/columns) and an item's 栏目, 关键词 and 公开方式:
 * - an approver (or an administrator) sees the agency's tree with how many items each column holds,
 *   adds an own column, renames, retires and reinstates one; a handler may not (403); a refused change
 *   says why in Chinese beside its field;
 * - the draft form asks for the column (422 without one) and takes 关键词 and 公开方式;
 * - `/office/catalogue/{id}/metadata` corrects them as a 更正 event: on a published item an approver's
 *   (a liaison gets 403), never another agency's (404).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { viewItem } from '../../catalogue/index.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { townshipActor, townshipDocuments, withTownshipCode } from '../../test-support/catalogue-world.js';
import { type Session, type WebWorld, webWorld } from '../../test-support/web-world.js';

describe('the back office’s column tree', () => {
  let w: WebWorld;
  let approver: Session;
  before(async () => {
    w = await webWorld();
    approver = await w.login('approver');
  });
  after(() => w.close());

  it('shows the township’s tree to its approver, with the 基层 areas, and keeps a handler out (403)', async () => {
    const res = await w.get('/office/columns', approver);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h1>政府信息公开目录栏目<\/h1>/);
    assert.match(html, /基层政务公开标准目录/);
    assert.match(html, /<td class="index">jczwgk-26<\/td>/);
    assert.match(html, /href="\/office\/columns" aria-current="page"/, 'in the navigation');
    assert.equal((await w.get('/office/columns', await w.login('handler'))).status, 403);
    const tried = await w.post('/office/columns', await w.login('handler'), {
      parent: 'fdzdgknr',
      name: 'x',
    });
    assert.equal(tried.status, 403);
  });

  it('adds, renames, retires and reinstates an own column; a refusal is shown beside its field', async () => {
    const added = await w.post('/office/columns', approver, { parent: 'jczwgk-06', name: '村庄规划' });
    assert.equal(added.status, 303);
    assert.equal(added.headers.get('location'), '/office/columns?done=added');
    const id = `zdy-${w.township}-1`;
    let html = await (await w.get('/office/columns?done=added', approver)).text();
    assert.match(html, /栏目已增设/);
    assert.match(
      html,
      new RegExp(`<td class="column-name depth-3">村庄规划</td><td class="index">${id}</td>`),
    );

    const taken = await w.post('/office/columns', approver, { parent: 'jczwgk-06', name: '村庄规划' });
    assert.equal(taken.status, 422);
    assert.match(await taken.text(), /同一上级栏目下已有同名栏目/);

    assert.equal(
      (await w.post(`/office/columns/${id}/rename`, approver, { name: '村庄规划公示' })).status,
      303,
    );
    assert.equal(
      (await w.post(`/office/columns/${id}/retire`, approver, { reason: '并入城乡规划' })).status,
      303,
    );
    html = await (await w.get('/office/columns', approver)).text();
    assert.match(html, /村庄规划公示<span class="hint">（已停用）<\/span>/);
    assert.match(html, new RegExp(`action="/office/columns/${id}/reinstate"`));
    assert.equal((await w.post(`/office/columns/${id}/reinstate`, approver, {})).status, 303);

    const fixed = await w.post('/office/columns/fdzdgknr/retire', approver, {});
    assert.equal(fixed.status, 422);
    assert.match(await fixed.text(), /国办公开办函〔2019〕61号/);
    const audit = await w.storage.auditLog.list({ action: 'catalogue.' });
    assert.deepEqual(
      audit.map((e) => e.action).filter((a) => a.startsWith('catalogue.column-')),
      [
        'catalogue.column-added',
        'catalogue.column-renamed',
        'catalogue.column-retired',
        'catalogue.column-reinstated',
      ],
    );
  });
});

describe('an item’s 栏目, 关键词 and 公开方式 in the back office', () => {
  let w: WebWorld;
  let liaison: Session;
  let approver: Session;
  const draft = (fields: Record<string, string>) => ({
    title: '城关镇宅基地审批公示',
    publisher: '城关镇人民政府',
    writtenOn: w.today,
    topic: '城乡建设',
    body: '正文',
    kind: 'other',
    disclosure: '主动公开',
    ...fields,
  });
  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    liaison = await w.login('liaison');
    approver = await w.login('approver');
  });
  after(() => w.close());

  it('asks the draft form for the column, and takes 关键词 and 公开方式', async () => {
    const form = await (await w.get('/office/catalogue', liaison)).text();
    assert.match(form, /<select id="f-column" name="column" required="">/);
    assert.match(
      form,
      /<option value="jczwgk-06">法定主动公开内容 › 基层政务公开标准目录 › 城乡规划<\/option>/,
    );
    assert.doesNotMatch(form, /<option value="zfxxgknb">/, '年报 takes no items');
    assert.match(form, /<label for="f-keywords">/);
    const without = await w.post('/office/catalogue', liaison, draft({}));
    assert.equal(without.status, 422);
    assert.match(await without.text(), /id="f-column-error"[^>]*>请选择栏目/);
    const noReason = await w.post(
      '/office/catalogue',
      liaison,
      draft({ column: 'jczwgk-06', disclosure: '不予公开' }),
    );
    assert.equal(noReason.status, 422);
    assert.match(await noReason.text(), /id="f-disclosureReason-error"[^>]*>不予公开的信息须写明/);
    const saved = await w.post(
      '/office/catalogue',
      liaison,
      draft({ column: 'jczwgk-06', keywords: '宅基地，审批 公示' }),
    );
    assert.equal(saved.status, 303);
    const [row] = await w.storage.catalogue.list([w.township]);
    assert.equal(row?.column, 'jczwgk-06');
    const item = await viewItem(w.storage, townshipActor(w, ['liaison']), row!.id);
    assert.ok(item.ok);
    assert.deepEqual(item.value.state.particulars.keywords, ['宅基地', '审批', '公示']);
  });

  it('corrects them on a published item by an approver’s 更正, never by a liaison’s, never another agency’s', async () => {
    const today = w.today as LocalDate;
    const [id] = await townshipDocuments(w, ['城关镇村庄规划'], { today });
    const page = await w.get(`/office/catalogue/${id}/metadata`, approver);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<option value="fdzdgknr-01" selected="">/);
    const change = { column: 'jczwgk-06', keywords: '规划', disclosure: '主动公开', reason: '栏目放错' };
    assert.equal((await w.post(`/office/catalogue/${id}/metadata`, liaison, change)).status, 403);
    assert.equal(
      (await w.post(`/office/catalogue/${id}/metadata`, await w.login('outsider'), change)).status,
      404,
    );
    const noReason = await w.post(`/office/catalogue/${id}/metadata`, approver, { ...change, reason: '' });
    assert.equal(noReason.status, 422);
    assert.match(await noReason.text(), /须写明理由/);
    const done = await w.post(`/office/catalogue/${id}/metadata`, approver, change);
    assert.equal(done.status, 303);
    const after = await viewItem(w.storage, townshipActor(w, ['approver']), id!);
    assert.ok(after.ok);
    assert.equal(after.value.events.at(-1)?.kind, 'Corrected');
    assert.equal(after.value.state.particulars.column, 'jczwgk-06');
    assert.deepEqual(after.value.state.particulars.keywords, ['规划']);
    const unchanged = await w.post(`/office/catalogue/${id}/metadata`, approver, change);
    assert.equal(unchanged.status, 422);
    assert.match(await unchanged.text(), /没有要更正的内容/);
    const shown = await (await w.get(`/catalogue/${id}`)).text();
    assert.match(
      shown,
      /<th scope="row">栏目<\/th><td>法定主动公开内容 › 基层政务公开标准目录 › 城乡规划<\/td>/,
    );
  });
});
