/**
 * 依申请公开 on the portal and through the public API (issue 11), through `app.request()`: the form asks
 * what 条例第二十九条 asks and says what is wrong with each field; a submission gets a 查询码 and a
 * receipt; the same form or idempotency key sent twice is one application; the lookup shows the state
 * and the due date and nothing that names the applicant; a handler of the agency confirms it (条例第三十一条
 * (三): received on the day both sides confirm) and it is a request with channel 网上; the form resists
 * robots (honeypot, per-address limit, body limit) without a third-party captcha.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newLookupCode } from '../../domain/requests/lookup-code.js';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';

const ID = '11010519491231002X';
/** A well-formed 查询码 (its check character right) that no application has. */
const UNKNOWN = newLookupCode(new Uint8Array(22).fill(7))!;
const fields = (w: WebWorld, extra: Record<string, string> = {}) => ({
  agency: String(w.township),
  type: '自然人',
  applicant: '王五',
  idType: '居民身份证',
  idNumber: ID,
  phone: '13800138000',
  content: '城关镇2025年农村道路建设项目的资金使用情况',
  medium: 'electronic',
  delivery: 'online',
  ...extra,
});

const tokenIn = (html: string) => {
  const token = html.match(/name="_form" value="([^"]+)"/)?.[1];
  assert.ok(token, 'the form carries its token');
  return token;
};

const codeOf = (location: string | null) => {
  const code = location?.match(/^\/apply\/receipt\/([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})/)?.[1];
  assert.ok(code, `a receipt address: ${location}`);
  return code;
};

describe('依申请公开 online: the form, the receipt, the lookup', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld({ publicRequests: { perAddress: 1000, windowMinutes: 60 } });
  });
  after(() => w.close());

  const apply = async (extra: Record<string, string> = {}, token?: string) => {
    const form = await w.get('/apply');
    return w.post('/apply', undefined, { _form: token ?? tokenIn(await form.text()), ...fields(w, extra) });
  };

  it('asks for what 条例第二十九条 asks, each field labelled, with the agencies to choose from', async () => {
    const res = await w.get('/apply');
    assert.equal(res.status, 200);
    const html = await res.text();
    for (const name of [
      'agency',
      'type',
      'applicant',
      'idType',
      'idNumber',
      'phone',
      'email',
      'address',
      'content',
      'medium',
      'delivery',
    ])
      assert.match(html, new RegExp(`<label for="f-${name}"`), name);
    assert.match(html, /城关镇人民政府/);
    assert.match(html, /maxlength="2000"/);
    assert.match(html, /class="hp" aria-hidden="true"/);
  });

  it('names every problem at the top and beside its field, and keeps what was typed', async () => {
    const form = await w.get('/apply');
    const token = tokenIn(await form.text());
    const res = await w.post('/apply', undefined, {
      _form: token,
      applicant: '王五',
      content: '',
      idType: '居民身份证',
      idNumber: '110105194912310021',
    });
    assert.equal(res.status, 422);
    const html = await res.text();
    assert.match(html, /申请未提交：有 \d+ 处需要修改/);
    assert.match(html, /<a href="#f-agency">请选择受理申请的机关<\/a>/);
    assert.match(html, /居民身份证号码应为18位，且校验位正确/);
    assert.match(html, /id="f-content"[^>]*aria-invalid="true"/);
    assert.match(html, /value="王五"/);
    assert.equal(tokenIn(html), token, 'the mended form is still the same form');
    const awaiting = await w.storage.onlineApplications.awaiting([w.township]);
    assert.equal(awaiting.length, 0);
  });

  it('gives a 查询码 and a receipt that names nobody; the same form sent twice is one application', async () => {
    const form = await w.get('/apply');
    const token = tokenIn(await form.text());
    const first = await w.post('/apply', undefined, { _form: token, ...fields(w) });
    assert.equal(first.status, 303);
    const code = codeOf(first.headers.get('location'));
    const again = await w.post('/apply', undefined, { _form: token, ...fields(w) });
    assert.equal(codeOf(again.headers.get('location')), code);
    assert.match(again.headers.get('location') ?? '', /\?again$/);

    const receipt = await (await w.get(`/apply/receipt/${code}`)).text();
    assert.match(receipt, new RegExp(code));
    assert.match(receipt, /城关镇人民政府/);
    assert.match(receipt, /已提交，待确认/);
    assert.ok(!receipt.includes('王五') && !receipt.includes(ID), 'the receipt names nobody');
    const awaiting = await w.storage.onlineApplications.awaiting([w.township]);
    assert.equal(awaiting.filter((a) => a.code === code).length, 1);
    assert.ok(!w.logs.some((l) => JSON.stringify(l).includes(ID)), 'no ID number in the log');
  });

  it('prints the receipt as a PDF', async () => {
    const res = await apply();
    const code = codeOf(res.headers.get('location'));
    const pdf = await w.get(`/apply/receipt/${code}.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    assert.equal((await w.get(`/apply/receipt/${UNKNOWN}.pdf`)).status, 404);
  });

  it('turns away a robot that fills the hidden field, and a form without its token', async () => {
    const before = (await w.storage.onlineApplications.awaiting([w.township])).length;
    const robot = await apply({ website: 'http://spam.example' });
    assert.equal(robot.status, 400);
    const tokenless = await w.post('/apply', undefined, fields(w));
    assert.equal(tokenless.status, 400);
    assert.match(await tokenless.text(), /申请表已失效/);
    assert.equal((await w.storage.onlineApplications.awaiting([w.township])).length, before);
  });

  it('looks up by 查询码: a mistyped code is told, an unknown one is 404; the state and dates, never the applicant', async () => {
    const typo = await w.get('/lookup?code=K7QM-2XWD-9HP0');
    assert.equal(typo.status, 422);
    assert.match(await typo.text(), /查询码中没有“0”/);
    assert.equal((await w.get(`/lookup?code=${UNKNOWN}`)).status, 404);

    const code = codeOf((await apply()).headers.get('location'));
    const waiting = await (await w.get(`/lookup?code=${code.toLowerCase()}`)).text();
    assert.match(waiting, /已提交，待确认/);
    assert.doesNotMatch(waiting, /答复期限<\/dt>/);

    const handler = await w.login('handler');
    const inbox = await (await w.get('/office/inbox', handler)).text();
    assert.match(inbox, /待确认的网上申请/);
    assert.match(inbox, new RegExp(code));
    assert.match(inbox, /1101\*{12}2X/);
    assert.ok(!inbox.includes(ID), 'the inbox masks the ID number');

    const outsider = await w.login('outsider');
    const stranger = await w.post(`/office/online/${code}/confirm`, outsider, { confirmedOn: w.today });
    assert.equal(stranger.status, 404, "another county's handler is told nothing exists");
    assert.doesNotMatch(await (await w.get('/office/inbox', outsider)).text(), new RegExp(code));

    const confirmed = await w.post(`/office/online/${code}/confirm`, handler, { confirmedOn: w.today });
    assert.equal(confirmed.status, 303);
    const requestPage = confirmed.headers.get('location') ?? '';
    assert.match(requestPage, /^\/office\/requests\/[0-9a-f-]{36}\?done=registered$/);
    const request = await (await w.get(requestPage, handler)).text();
    assert.match(request, /网上/);
    assert.match(request, new RegExp(`网上申请 ${code}`));

    const twice = await w.post(`/office/online/${code}/confirm`, handler, { confirmedOn: w.today });
    assert.equal(twice.status, 409);

    const shown = await (await w.get(`/lookup?code=${code}`)).text();
    assert.match(shown, /已确认受理：办理中/);
    assert.match(shown, new RegExp(`收到申请之日</dt><dd>${w.today}`));
    assert.match(shown, /答复期限<\/dt><dd>\d{4}-\d{2}-\d{2}/);
    assert.ok(!shown.includes('王五') && !shown.includes(ID) && !shown.includes('13800138000'));
  });

  it('declines with a reason the applicant reads', async () => {
    const code = codeOf((await apply({ content: '咨询：如何办理户口迁移' })).headers.get('location'));
    const handler = await w.login('handler');
    const empty = await w.post(`/office/online/${code}/decline`, handler, { reason: ' ' });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /不予受理须写明理由/);
    const declined = await w.post(`/office/online/${code}/decline`, handler, {
      reason: '属于咨询，不是政府信息公开申请，请拨打 12345',
    });
    assert.equal(declined.status, 303);
    const shown = await (await w.get(`/lookup?code=${code}`)).text();
    assert.match(shown, /未予受理/);
    assert.match(shown, /请拨打 12345/);
  });
});

describe('POST /api/v1/public/requests and GET …/{code} (no sign-in)', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld({ publicRequests: { perAddress: 1000, windowMinutes: 60 } });
  });
  after(() => w.close());

  const send = (body: unknown) =>
    w.app.request('/api/v1/public/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const body = (w: WebWorld, extra: Record<string, unknown> = {}) => ({
    agency: w.township,
    applicant: '赵六',
    type: '自然人',
    idType: '居民身份证',
    idNumber: ID,
    contact: '13800138000',
    content: '城关镇2025年度财政预算',
    delivery: '网上获取',
    idempotencyKey: 'platform-000123',
    ...extra,
  });

  it('takes a request and gives its 查询码; the same key again is the same code and no second request', async () => {
    const first = await send(body(w));
    assert.equal(first.status, 201);
    const created = (await first.json()) as {
      code: string;
      replayed: boolean;
      state: string;
      agency: string;
    };
    assert.match(created.code, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    assert.equal(created.replayed, false);
    assert.equal(created.state, 'awaitingConfirmation');
    assert.equal(created.agency, '城关镇人民政府');
    const again = await send(body(w));
    assert.equal(again.status, 201);
    const replay = (await again.json()) as { code: string; replayed: boolean };
    assert.deepEqual(replay, { ...replay, code: created.code, replayed: true });
    const awaiting = await w.storage.onlineApplications.awaiting([w.township]);
    assert.equal(awaiting.length, 1);
    assert.equal(awaiting[0]!.via, 'api');

    const other = await send(body(w, { content: '另一项' }));
    assert.equal(other.status, 409);
    assert.equal(
      ((await other.json()) as { error: { code: string } }).error.code,
      'online.idempotency-conflict',
    );

    const standing = await w.app.request(`/api/v1/public/requests/${created.code}`);
    assert.equal(standing.status, 200);
    const shown = (await standing.json()) as Record<string, unknown>;
    assert.equal(shown.state, 'awaitingConfirmation');
    assert.equal(shown.dueOn, null);
    const text = JSON.stringify(shown);
    assert.ok(!text.includes('赵六') && !text.includes(ID) && !text.includes('13800138000'));
  });

  it('names the fields that are wrong (422 request.invalid), by the API’s keys', async () => {
    const res = await send({ agency: 'nowhere', idempotencyKey: 'platform-000999', contact: 'not-a-phone' });
    assert.equal(res.status, 422);
    const error = ((await res.json()) as { error: { code: string; fields: Record<string, string> } }).error;
    assert.equal(error.code, 'request.invalid');
    assert.deepEqual(
      Object.keys(error.fields).sort(),
      ['agency', 'applicant', 'contact', 'content', 'delivery', 'idNumber', 'idType', 'type'].sort(),
    );
    const noKey = await send({ ...body(w), idempotencyKey: undefined });
    assert.equal(noKey.status, 422);
    const contactObject = await send(
      body(w, {
        idempotencyKey: 'platform-000124',
        contact: { email: 'zhao@example.cn' },
        delivery: 'email',
      }),
    );
    assert.equal(contactObject.status, 201);
  });

  it('answers a code that is mistyped (422) or unknown (404)', async () => {
    assert.equal((await w.app.request('/api/v1/public/requests/K7QM-2XWD-9HP0')).status, 422);
    const unknown = await w.app.request(`/api/v1/public/requests/${UNKNOWN}`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'online.unknown');
  });

  it('is documented in the OpenAPI document, without security', async () => {
    const doc = (await (await w.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    assert.deepEqual(doc.paths['/v1/public/requests']?.post?.security, []);
    assert.ok(doc.paths['/v1/public/requests/{code}']?.get);
  });
});

describe('abuse: the limits in front of the public forms', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld({ trustProxy: true, publicRequests: { perAddress: 3, windowMinutes: 60 } });
  });
  after(() => w.close());

  const from = (address: string, key: string) =>
    w.app.request('/api/v1/public/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ agency: w.township, idempotencyKey: key }),
    });

  it('refuses an address past its limit with 429 and Retry-After; another address goes on', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await from('203.0.113.7', `key-address-${i}`)).status, 422);
    const limited = await from('203.0.113.7', 'key-address-9');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal(((await limited.json()) as { error: { code: string } }).error.code, 'rate.limited');
    const form = await w.app.request('/apply', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.7' },
      body: 'applicant=x',
    });
    assert.equal(form.status, 429, 'the form and the API share the limit');
    assert.equal((await from('198.51.100.2', 'key-address-10')).status, 422);
  });

  it('refuses a body larger than any form could be (413)', async () => {
    const res = await w.app.request('/api/v1/public/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.1' },
      body: JSON.stringify({
        agency: w.township,
        content: '字'.repeat(40_000),
        idempotencyKey: 'key-big-0001',
      }),
    });
    assert.equal(res.status, 413);
  });
});
