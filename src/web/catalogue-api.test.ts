/**
 * The catalogue's staff API as issue 11's contract has it: a liaison drafts (`POST
 * /api/v1/catalogue/items` → 201 {"id", "indexNumber": null}), an approver publishes (→ 200, the item
 * with its 索引号) and repeals (`{"on"}` → 200, 已废止); another agency's item is 404 like any record
 * the actor cannot see, a role that may not act 403, bad input 422 `request.invalid` field by field
 * (as the rest of the API); a session needs its CSRF token; the routes are in the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueApiToken } from '../accounts/index.js';
import { systemActor } from '../domain/access/policy.js';
import { type WebWorld, webWorld } from '../test-support/web-world.js';

describe('the catalogue API', () => {
  let w: WebWorld;
  const tokens: Record<string, string> = {};
  const api = (path: string, bearer: string, body?: unknown) =>
    w.app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${tokens[bearer]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const item = {
    title: '城关镇关于农村宅基地管理的若干规定',
    publisher: '城关镇人民政府',
    writtenOn: '2024-03-01',
    docNumber: '城政规〔2024〕1号',
    topic: '城乡建设',
    body: '第一条 为了加强农村宅基地管理……',
    kind: '规范性文件',
  };

  before(async () => {
    w = await webWorld();
    await w.storage.db
      .updateTable('agencies')
      .set({ code: '11441700007280420Y' })
      .where('id', '=', w.township)
      .execute();
    for (const name of ['liaison', 'handler', 'approver', 'outsider']) {
      const issued = await issueApiToken(w.storage, systemActor('t'), name, 'test');
      assert.ok(issued.ok);
      tokens[name] = issued.value.token;
    }
  });
  after(() => w.close());

  it('lets a liaison draft (201, no 索引号 yet) and an approver publish it with one (200)', async () => {
    const drafted = await api('/api/v1/catalogue/items', 'liaison', item);
    assert.equal(drafted.status, 201);
    const { id, indexNumber } = (await drafted.json()) as { id: string; indexNumber: string | null };
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(indexNumber, null);
    assert.equal((await api(`/api/v1/catalogue/items/${id}/publish`, 'liaison', {})).status, 403);
    const published = await api(`/api/v1/catalogue/items/${id}/publish`, 'approver', {});
    assert.equal(published.status, 200);
    const shown = (await published.json()) as Record<string, unknown>;
    const year = w.today.slice(0, 4);
    assert.equal(shown.indexNumber, `11441700007280420Y/${year}-00001`);
    assert.equal(shown.status, 'published');
    assert.equal(shown.validity, '有效');
    assert.equal(shown.title, item.title);
    const again = await api(`/api/v1/catalogue/items/${id}/publish`, 'approver', {});
    assert.equal(again.status, 422);
    assert.equal(
      ((await again.json()) as { error: { code: string } }).error.code,
      'catalogue.already-published',
    );

    const repealed = await api(`/api/v1/catalogue/items/${id}/repeal`, 'approver', { on: w.today });
    assert.equal(repealed.status, 200);
    const after = (await repealed.json()) as { validity: string; repealed: { on: string } };
    assert.equal(after.validity, '已废止');
    assert.equal(after.repealed.on, w.today);
    const actions = (await w.storage.auditLog.list({ subject: `catalogue:${id}` })).map((e) => e.action);
    assert.deepEqual(actions, ['catalogue.drafted', 'catalogue.published', 'catalogue.repealed']);
  });

  it('lets a handler draft too, and keeps the item from another agency (404)', async () => {
    const drafted = await api('/api/v1/catalogue/items', 'handler', {
      ...item,
      kind: 'other',
      docNumber: undefined,
    });
    assert.equal(drafted.status, 201);
    const { id } = (await drafted.json()) as { id: string };
    assert.equal((await api(`/api/v1/catalogue/items/${id}`, 'outsider')).status, 404);
    assert.equal((await api(`/api/v1/catalogue/items/${id}/publish`, 'outsider', {})).status, 404);
    assert.equal(
      (await api(`/api/v1/catalogue/items/${id}/repeal`, 'outsider', { on: w.today })).status,
      404,
    );
    assert.equal((await api(`/api/v1/catalogue/items/${id}`, 'liaison')).status, 200);
    const elsewhere = await api('/api/v1/catalogue/items', 'liaison', { ...item, agency: w.other });
    assert.equal(elsewhere.status, 404);
    // Repealing a draft: refused by the rules, in words.
    const early = await api(`/api/v1/catalogue/items/${id}/repeal`, 'approver', { on: w.today });
    assert.equal(early.status, 422);
    assert.equal(((await early.json()) as { error: { code: string } }).error.code, 'catalogue.not-published');
  });

  it('says what is wrong with the input, field by field, Chinese first', async () => {
    const bad = await api('/api/v1/catalogue/items', 'liaison', {
      ...item,
      title: '',
      writtenOn: '2024-02-30',
      kind: '通知',
    });
    assert.equal(bad.status, 422);
    const { error } = (await bad.json()) as { error: { code: string; fields: Record<string, string> } };
    assert.equal(error.code, 'request.invalid');
    assert.deepEqual(Object.keys(error.fields).sort(), ['kind', 'title', 'writtenOn']);
    assert.match(error.fields.writtenOn!, /成文日期应为 YYYY-MM-DD/);
    const missing = await api('/api/v1/catalogue/items', 'liaison', { title: '只有名称' });
    assert.equal(missing.status, 422);
    assert.match(
      ((await missing.json()) as { error: { fields: Record<string, string> } }).error.fields.publisher!,
      /缺少/,
    );
    const later = await api('/api/v1/catalogue/items', 'liaison', { ...item, writtenOn: '2999-01-01' });
    assert.equal(later.status, 422);
    const refused = (await later.json()) as { error: { code: string; fields: Record<string, string> } };
    assert.equal(refused.error.code, 'catalogue.written-after-event');
    assert.ok(refused.error.fields.writtenOn);
    const repeal = await api('/api/v1/catalogue/items/x/repeal', 'approver', { on: 'tomorrow' });
    assert.equal(repeal.status, 422);
    assert.equal((await api('/api/v1/catalogue/items/no-such-item', 'liaison')).status, 404);
  });

  it('asks a signed-in session for its CSRF token, as every other change does', async () => {
    const session = await w.login('liaison');
    const post = (csrf?: string) =>
      w.app.request('/api/v1/catalogue/items', {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'content-type': 'application/json',
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
        },
        body: JSON.stringify(item),
      });
    assert.equal((await post()).status, 403);
    assert.equal((await post(session.csrf)).status, 201);
  });

  it('is described in the OpenAPI document, with the contract’s keys', async () => {
    const doc = (await (await w.app.request('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>
      >;
    };
    for (const path of [
      '/v1/catalogue/items',
      '/v1/catalogue/items/{id}/publish',
      '/v1/catalogue/items/{id}/repeal',
    ])
      assert.ok(doc.paths[path]?.post, path);
    const draft =
      doc.paths['/v1/catalogue/items']!.post!.requestBody!.content['application/json']!.schema.properties!;
    for (const key of ['agency', 'title', 'publisher', 'writtenOn', 'docNumber', 'topic', 'body', 'kind'])
      assert.ok(key in draft, key);
    // The fields added since: documented, and optional (the contract's body above stays valid).
    const schema = doc.paths['/v1/catalogue/items']!.post!.requestBody!.content['application/json']!
      .schema as { properties: Record<string, { description?: string }>; required?: string[] };
    for (const key of ['column', 'keywords', 'disclosure', 'disclosureReason']) {
      assert.ok(key in schema.properties, key);
      assert.ok(!schema.required?.includes(key), `${key} optional`);
    }
    assert.match(schema.properties.column!.description ?? '', /省略时.*fdzdgknr-01/);
  });

  it('takes 栏目, 关键词 and 公开方式 when given, and the documented defaults when not', async () => {
    const plain = (await (await api('/api/v1/catalogue/items', 'liaison', item)).json()) as { id: string };
    const shown = (await (await api(`/api/v1/catalogue/items/${plain.id}`, 'liaison')).json()) as Record<
      string,
      unknown
    >;
    assert.deepEqual(
      [shown.column, shown.keywords, shown.disclosure, shown.disclosureReason],
      ['fdzdgknr-01', [], '主动公开', ''],
    );
    const placed = await api('/api/v1/catalogue/items', 'liaison', {
      ...item,
      kind: 'other',
      column: 'jczwgk-06',
      keywords: ['宅基地', '农村'],
      disclosure: '依申请公开',
    });
    assert.equal(placed.status, 201);
    const { id } = (await placed.json()) as { id: string };
    const got = (await (await api(`/api/v1/catalogue/items/${id}`, 'liaison')).json()) as Record<
      string,
      unknown
    >;
    assert.deepEqual(
      [got.column, got.keywords, got.disclosure],
      ['jczwgk-06', ['宅基地', '农村'], '依申请公开'],
    );
    const into = async (body: Record<string, unknown>) => {
      const r = await api('/api/v1/catalogue/items', 'liaison', { ...item, ...body });
      return [r.status, ((await r.json()) as { error: { code: string } }).error.code];
    };
    assert.deepEqual(await into({ column: 'zfxxgknb' }), [422, 'column.no-items']);
    assert.deepEqual(await into({ column: 'No Such' }), [422, 'request.invalid']);
    assert.deepEqual(await into({ disclosure: '不予公开' }), [422, 'catalogue.disclosure-reason-missing']);
    assert.deepEqual(await into({ keywords: ['a b'] }), [422, 'catalogue.keyword']);
  });
});
