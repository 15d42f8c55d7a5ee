/**
 * 更正 on the request page: the approver voids a wrong entry from its own row of the history, says why,
 * and sees it marked with the void beside it; a refused void (the receipt, an empty reason) comes back
 * with the reason beside its field. The handler's page offers no 作废.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueApiToken } from '../accounts/index.js';
import { systemActor } from '../domain/access/policy.js';
import { addCase } from '../ledger/index.js';
import { RAW_TEXT } from '../test-support/run-cli.js';
import { type WebWorld, webWorld } from '../test-support/web-world.js';

describe('更正 (voiding an entry) in the back office', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld();
  });
  after(() => w.close());

  it('lets the approver void a wrong decision with a reason; the history keeps both and the request is open again', async () => {
    const approver = await w.login('approver');
    const decided = await w.post(`/office/requests/${w.requestId}/events`, approver, {
      event: 'decided',
      on: w.today,
      outcome: '予以公开',
    });
    assert.equal(decided.status, 303);
    const before_ = await (await w.get(`/office/requests/${w.requestId}`, approver)).text();
    assert.match(before_, /<th scope="col">更正<\/th>/);
    assert.match(before_, /action="\/office\/requests\/[^"]+\/voids"/);

    const empty = await w.post(`/office/requests/${w.requestId}/voids`, approver, { seq: '2', reason: '' });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /id="void-2-error"[^>]*>作废一条记录须写明理由/);
    const receipt = await w.post(`/office/requests/${w.requestId}/voids`, approver, {
      seq: '1',
      reason: '录错',
    });
    assert.equal(receipt.status, 422);

    const voided = await w.post(`/office/requests/${w.requestId}/voids`, approver, {
      seq: '2',
      reason: '办理结果录错',
    });
    assert.equal(voided.status, 303);
    const page = await (await w.get(voided.headers.get('location')!, approver)).text();
    assert.match(page, /已作废第 2 条/);
    assert.match(page, /【已作废：见第 3 条】/);
    assert.match(page, /作废记录/);
    assert.match(page, /办理结果录错/);
    assert.match(page, /id="action-decided"/, 'open again: the decision can be recorded anew');

    const handler = await (await w.get(`/office/requests/${w.requestId}`, await w.login('handler'))).text();
    assert.doesNotMatch(handler, /\/voids"/);
  });
});

describe('更正申请信息 in the back office and the API', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld();
  });
  after(() => w.close());

  it('corrects the applicant from the request page, keeping the old value in the history; a handler sees no form', async () => {
    const approver = await w.login('approver');
    const page = await (await w.get(`/office/requests/${w.requestId}`, approver)).text();
    assert.match(page, /<summary>更正申请信息<\/summary>/);
    const blank = await w.post(`/office/requests/${w.requestId}/corrections`, approver, { reason: '录错' });
    assert.equal(blank.status, 422);
    assert.match(await blank.text(), /id="correct-applicant-error"[^>]*>请至少填写一项要更正的内容/);
    const noReason = await w.post(`/office/requests/${w.requestId}/corrections`, approver, {
      applicant: '李四',
      reason: '',
    });
    assert.equal(noReason.status, 422);
    const kept = await noReason.text();
    assert.match(kept, /id="correct-reason-error"[^>]*>请写明更正理由/);
    assert.match(kept, /name="applicant" value="李四"/, 'what was typed is kept');
    const badType = await w.post(`/office/requests/${w.requestId}/corrections`, approver, {
      type: '外星人',
      reason: '录错',
    });
    assert.equal(badType.status, 422);
    assert.match(await badType.text(), /id="correct-type-error"/);

    const done = await w.post(`/office/requests/${w.requestId}/corrections`, approver, {
      applicant: '李四',
      type: '商业企业',
      reason: '申请人名称录错',
    });
    assert.equal(done.status, 303);
    const after_ = await (await w.get(done.headers.get('location')!, approver)).text();
    assert.match(after_, /已更正申请信息（第 2 条）/);
    assert.match(after_, /申请信息更正/);
    assert.match(after_, /申请人姓名或名称：[^→<]+ → 李四；申请人类型：[^→<]+ → 商业企业/);
    assert.match(after_, /李四（商业企业）/);

    const handler = await (await w.get(`/office/requests/${w.requestId}`, await w.login('handler'))).text();
    assert.doesNotMatch(handler, /更正申请信息<\/summary>/);
    const refused = await w.post(`/office/requests/${w.requestId}/corrections`, await w.login('handler'), {
      applicant: '王五',
      reason: '录错',
    });
    assert.equal(refused.status, 403);
  });

  it('POST /api/v1/requests/{id}/corrections answers with the changes, and refuses by field', async () => {
    const issued = await issueApiToken(w.storage, systemActor('t'), 'approver', 'test');
    assert.ok(issued.ok);
    const post = (body: unknown) =>
      w.app.request(`/api/v1/requests/${w.requestId}/corrections`, {
        method: 'POST',
        headers: { authorization: `Bearer ${issued.value.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post({
      received: '2025-02-30',
      reason: '录错',
    });
    assert.equal(bad.status, 422);
    const badBody = (await bad.json()) as { error: { code: string; fields: Record<string, string> } };
    assert.equal(badBody.error.code, 'request.invalid');
    assert.ok(badBody.error.fields.received);
    // A body of the wrong types is told in words, never in the schema library's English.
    const wrong = await post({ reason: ['录错'], applicant: { name: '李四' } });
    assert.equal(wrong.status, 422);
    const wrongText = await wrong.text();
    assert.doesNotMatch(wrongText, RAW_TEXT);
    assert.match(wrongText, /应为文字 \(text\)/);
    const ok = await post({
      channel: '网上',
      reason: '实为网上申请',
    });
    assert.equal(ok.status, 201);
    const body = (await ok.json()) as {
      id: string;
      changes: { field: string; to: string }[];
      completedYears: number[];
    };
    assert.equal(body.id, w.requestId);
    assert.deepEqual(
      body.changes.map((c) => [c.field, c.to]),
      [['channel', 'online']],
    );
    assert.deepEqual(body.completedYears, []);
    const again = await post({
      channel: '网上',
      reason: '实为网上申请',
    });
    assert.equal(again.status, 422);
    assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'correct.nothing');
  });
});

describe('撤销登记 of a 复议/诉讼 case on the request page', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld();
  });
  after(() => w.close());

  it('lists the request’s cases and withdraws one entered by mistake, with a reason; another county’s user gets 404', async () => {
    const filed = await addCase(w.storage, systemActor('t'), {
      requestId: w.requestId,
      kind: 'review',
      filedOn: w.today,
    });
    assert.ok(filed.ok);
    const approver = await w.login('approver');
    const page = await (await w.get(`/office/requests/${w.requestId}`, approver)).text();
    assert.match(page, /<h2>行政复议、行政诉讼<\/h2>/);
    assert.match(page, new RegExp(`action="/office/cases/${filed.value.id}/withdrawals"`));
    const empty = await w.post(`/office/cases/${filed.value.id}/withdrawals`, approver, {
      reason: ' ',
      request: w.requestId,
    });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /撤销登记须写明理由/);
    const outsider = await w.post(`/office/cases/${filed.value.id}/withdrawals`, await w.login('outsider'), {
      reason: '重复登记',
      request: w.requestId,
    });
    assert.equal(outsider.status, 404);
    const done = await w.post(`/office/cases/${filed.value.id}/withdrawals`, approver, {
      reason: '重复登记',
      request: w.requestId,
    });
    assert.equal(done.status, 303);
    const after_ = await (await w.get(done.headers.get('location')!, approver)).text();
    assert.match(after_, /已撤销该案件的登记/);
    assert.doesNotMatch(after_, /<h2>行政复议、行政诉讼<\/h2>/, 'no longer in the register’s count');
    const kept = await w.storage.cases.get(filed.value.id);
    assert.equal(kept?.withdrawn?.reason, '重复登记', 'kept, with why');
  });
});
