/**
 * The JSON API as a contract modelled on the command line: `POST /api/v1/requests` takes the options of
 * `requests add` as keys and answers 201 {"id"}; `POST …/events` takes {"event"} plus the options of
 * `requests record`; `GET /api/v1/requests/{id}` answers what `requests show --json` prints and
 * `GET /api/v1/requests?agency=ID` what `requests list --json` prints (checked against the CLI on the same
 * database); errors are {"error":{"code","message"}} with stable codes; the OpenAPI 3.1 document lists
 * every API route of the router.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueApiToken } from '../accounts/index.js';
import { systemActor } from '../domain/access/policy.js';
import { gongkai } from '../test-support/run-cli.js';
import { type WebWorld, webWorld } from '../test-support/web-world.js';

describe('the JSON API', () => {
  let w: WebWorld;
  let dir: string;
  let token: string;
  let approverToken: string;
  let db: string;
  const api = (path: string, init: { method?: string; body?: unknown; bearer?: string } = {}) =>
    w.app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.bearer ?? token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-api-'));
    db = join(dir, 'g.db');
    w = await webWorld({}, db);
    const issued = await issueApiToken(w.storage, systemActor('t'), 'handler', 'test');
    assert.ok(issued.ok);
    token = issued.value.token;
    const issued2 = await issueApiToken(w.storage, systemActor('t'), 'approver', 'test');
    assert.ok(issued2.ok);
    approverToken = issued2.value.token;
  });
  after(async () => {
    await w.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers a request from the options of requests add, once per ref (201, then 200 duplicate)', async () => {
    const body = {
      applicant: '某某科技有限公司',
      type: '商业企业',
      content: '2023年度财政预算执行情况',
      received: w.today,
      channel: '网上',
      ref: 'WS-2026-001',
    };
    const created = await api('/api/v1/requests', { method: 'POST', body });
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    assert.match(id, /^[0-9a-f-]{36}$/);
    const again = await api('/api/v1/requests', { method: 'POST', body });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { id, status: 'duplicate' });
  });

  it('answers a request exactly as requests show --json prints it', async () => {
    const answer = await api(`/api/v1/requests/${w.requestId}`);
    assert.equal(answer.status, 200);
    const cli = await gongkai('requests', 'show', w.requestId, '--json', '--database', db);
    assert.equal(cli.code, 0, cli.err);
    assert.deepEqual(await answer.json(), JSON.parse(cli.out));
  });

  it('records an event from {"event"} and the options of requests record; the list matches requests list --json', async () => {
    const refused = await api(`/api/v1/requests/${w.requestId}/events`, {
      method: 'POST',
      body: { event: 'extended', on: w.today, days: 25, approver: '李主任' },
      bearer: approverToken,
    });
    assert.equal(refused.status, 422);
    const error = ((await refused.json()) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'request.extension-too-long');
    assert.match(error.message, /条例第三十三条/);

    const decided = await api(`/api/v1/requests/${w.requestId}/events`, {
      method: 'POST',
      body: { event: 'decided', on: w.today, outcome: '部分公开' },
      bearer: approverToken,
    });
    assert.equal(decided.status, 201);
    const recorded = (await decided.json()) as { seq: number; kind: string; state: string };
    assert.deepEqual([recorded.seq, recorded.kind, recorded.state], [2, 'Decided', 'decided']);

    const listed = await api(`/api/v1/requests?agency=${w.township}`);
    assert.equal(listed.status, 200);
    const cli = await gongkai('requests', 'list', '--agency', String(w.township), '--json', '--database', db);
    assert.equal(cli.code, 0, cli.err);
    assert.deepEqual(await listed.json(), JSON.parse(cli.out));
    const open = (await (await api(`/api/v1/requests?agency=${w.township}&open=true`)).json()) as {
      requests: { id: string }[];
    };
    assert.ok(!open.requests.some((r) => r.id === w.requestId), 'the decided request is no longer open');
  });

  it('builds the agency’s annual report JSON as report build --json does', async () => {
    const year = w.today.slice(0, 4);
    const answer = await api(`/api/v1/agencies/${w.township}/reports/${year}`);
    assert.equal(answer.status, 200);
    const cli = await gongkai(
      'report',
      'build',
      '--agency',
      String(w.township),
      '--year',
      year,
      '--json',
      '--database',
      db,
    );
    assert.equal(cli.code, 0, cli.err);
    assert.deepEqual(await answer.json(), JSON.parse(cli.out));
  });

  it('says what is wrong with the input, field by field, with a stable code', async () => {
    const bad = await api('/api/v1/requests', {
      method: 'POST',
      body: { applicant: '', type: '外星人', content: 'x', received: '2026-02-30' },
    });
    assert.equal(bad.status, 422);
    const { error } = (await bad.json()) as { error: { code: string; fields: Record<string, string> } };
    assert.equal(error.code, 'request.invalid');
    assert.deepEqual(Object.keys(error.fields).sort(), ['applicant', 'received', 'type']);
    assert.match(error.fields.type!, /无法识别的申请人类型/);
    const missing = await api('/api/v1/requests', { method: 'POST', body: { applicant: '张三' } });
    assert.equal(missing.status, 422);
    const notJson = await api('/api/v1/requests', { method: 'POST', body: '{not json' });
    assert.ok(notJson.status === 400 || notJson.status === 422, String(notJson.status));
    assert.equal((await api('/api/v1/requests/no-such-id')).status, 404);
    const unknown = await api('/api/v1/nothing-here');
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'route.unknown');
    const revoked = await api('/api/v1/requests', { bearer: 'gk_not-a-token' });
    assert.equal(revoked.status, 401);
  });

  it('describes every API route of the router in its OpenAPI 3.1 document, with the keys of requests add', async () => {
    const doc = (await (await w.app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>
      >;
    };
    assert.equal(doc.openapi, '3.1.0');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} /api${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const routes = w.app.routes.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL');
    assert.ok(routes.length >= 5);
    for (const r of routes) assert.ok(documented.has(`${r.method} ${r.path}`), `${r.method} ${r.path}`);
    const add = doc.paths['/v1/requests']!.post!.requestBody!.content['application/json']!.schema.properties!;
    for (const key of ['agency', 'applicant', 'type', 'content', 'received', 'channel', 'arrived', 'ref'])
      assert.ok(key in add, key);
  });
});
