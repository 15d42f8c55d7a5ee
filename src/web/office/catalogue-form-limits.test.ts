/**
 * The back office's draft form of the 政府信息公开目录, field by field at its limits (app.request): a
 * value at a field's limit is taken, one character more is refused with 422 and the problem shown
 * beside that very field (aria-invalid, its message naming the field and the limit) with what was
 * typed kept; control characters are refused where they could forge a line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { ITEM_FIELD_LABELS, ITEM_LIMITS } from '../../domain/catalogue/catalogue-item.js';
import { type Session, type WebWorld, webWorld } from '../../test-support/web-world.js';

describe('the catalogue’s draft form at its limits', () => {
  let w: WebWorld;
  let liaison: Session;
  const valid = (w: WebWorld) => ({
    title: '城关镇关于做好防汛工作的通知',
    publisher: '城关镇人民政府',
    writtenOn: w.today,
    docNumber: '城政发〔2026〕3号',
    topic: '综合政务',
    kind: 'other',
    column: 'fdzdgknr',
    disclosure: '主动公开',
    body: '各村（社区）：现将有关事项通知如下。',
  });
  const draft = (fields: Record<string, string>) =>
    w.post('/office/catalogue', liaison, { ...valid(w), ...fields });

  before(async () => {
    w = await webWorld();
    liaison = await w.login('liaison');
  });
  after(() => w.close());

  for (const field of ['title', 'publisher', 'docNumber', 'topic', 'body'] as const) {
    it(`takes ${ITEM_FIELD_LABELS[field]} of ${ITEM_LIMITS[field]} characters and refuses one more beside the field`, async () => {
      const limit = ITEM_LIMITS[field];
      assert.equal((await draft({ [field]: '政'.repeat(limit) })).status, 303);
      const over = await draft({ [field]: '政'.repeat(limit + 1) });
      assert.equal(over.status, 422);
      const $ = cheerio.load(await over.text());
      const input = $(`[name=${field}]`);
      assert.equal(input.attr('aria-invalid'), 'true', `${field} is the field marked`);
      assert.equal($('[aria-invalid=true]').length, 1, 'and no other');
      assert.match($(`#f-${field}-error`).text(), new RegExp(`${ITEM_FIELD_LABELS[field]}至多 ${limit} 字`));
      const kept = field === 'body' ? input.text() : input.attr('value');
      assert.equal([...(kept ?? '')].length, limit + 1, 'what was typed is kept');
    });
  }

  it('refuses control characters in a one-line field and a line break in one, but lets the body span lines', async () => {
    for (const [field, value] of [
      ['title', '通知\u202e'],
      ['docNumber', '城政发\n〔2026〕3号'],
      ['topic', '综合\u0000政务'],
    ] as const) {
      const refused = await draft({ [field]: value });
      assert.equal(refused.status, 422, field);
      const $ = cheerio.load(await refused.text());
      assert.equal($(`[name=${field}]`).attr('aria-invalid'), 'true', field);
      assert.match($(`#f-${field}-error`).text(), /控制字符/);
    }
    assert.equal((await draft({ body: '第一段。\n第二段。' })).status, 303);
  });
});
