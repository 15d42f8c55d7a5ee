/**
 * 更正 on the request page: the approver voids a wrong entry from its own row of the history, says why,
 * and sees it marked with the void beside it; a refused void (the receipt, an empty reason) comes back
 * with the reason beside its field. The handler's page offers no 作废.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
