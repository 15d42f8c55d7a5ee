/**
 * The platform's security promises, through the app as a browser meets it: passwords kept as argon2id
 * hashes; the session cookie HttpOnly, SameSite=Lax and Secure behind TLS; a new session id at every
 * login (a cookie planted before login is never adopted); a lockout after repeated failures that an
 * administrator can lift; logout ending the session; no applicant's ID number in any log line; pages
 * that ask no other host for anything.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { csrfIn, PASSWORD, type WebWorld, webWorld } from '../test-support/web-world.js';

describe('security of the back office', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld();
  });
  after(() => w.close());

  it('stores passwords as argon2id hashes, never as typed', async () => {
    const rows = await w.storage.db.selectFrom('users').select(['name', 'password_hash']).execute();
    assert.ok(rows.length >= 5);
    for (const row of rows) {
      assert.match(row.password_hash, /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/, row.name);
      assert.ok(!row.password_hash.includes(PASSWORD));
    }
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, and Secure only behind TLS or when configured', async () => {
    const form = await w.app.request('/login');
    const token = csrfIn(await form.text());
    const loginCookie = form.headers.get('set-cookie')!.match(/gk_login_csrf=[^;]+/)![0];
    const answer = await w.app.request('/login', {
      method: 'POST',
      headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, name: 'handler', password: PASSWORD }),
    });
    const cookie = answer.headers
      .get('set-cookie')!
      .split(/,(?=\s*gk_)/)
      .find((c) => c.includes('gk_session='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);
    // At least 128 bits of randomness: 32 bytes, base64url.
    assert.ok(cookie.match(/gk_session=([^;]+)/)![1]!.length >= 43);

    const secure = await webWorld({ secureCookies: true });
    try {
      const form2 = await secure.app.request('/login');
      assert.match(form2.headers.get('set-cookie')!, /Secure/);
    } finally {
      await secure.close();
    }
    const proxied = await webWorld({ trustProxy: true });
    try {
      const form3 = await proxied.app.request('/login', { headers: { 'x-forwarded-proto': 'https' } });
      assert.match(form3.headers.get('set-cookie')!, /Secure/);
      // Without trusting the proxy, its header does not count.
      const plain = await w.app.request('/login', { headers: { 'x-forwarded-proto': 'https' } });
      assert.doesNotMatch(plain.headers.get('set-cookie')!, /Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('gives a new session id at every login and never adopts one planted before it', async () => {
    const first = await w.login('handler');
    const second = await w.login('handler');
    assert.notEqual(first.cookie, second.cookie);
    // A session fixation attempt: a made-up cookie sent with the login is not what the login sets.
    const planted = 'gk_session=planted-by-an-attacker-0000000000000000000000';
    const after_ = await w.login('handler', PASSWORD, { cookie: planted });
    assert.notEqual(after_.cookie, planted);
    assert.equal((await w.get('/office/inbox', { cookie: planted, csrf: '' })).status, 303);
    // The database holds only hashes of session ids.
    const ids = (await w.storage.db.selectFrom('sessions').select('id_hash').execute()).map((r) => r.id_hash);
    for (const s of [first, second, after_]) assert.ok(!ids.includes(s.cookie.slice('gk_session='.length)));
  });

  it('locks an account after five wrong passwords, says so, and lets an administrator lift it', async () => {
    const form = async () => {
      const page = await w.app.request('/login');
      return {
        token: csrfIn(await page.text()),
        cookie: page.headers.get('set-cookie')!.match(/gk_login_csrf=[^;]+/)![0],
      };
    };
    const attempt = async (password: string) => {
      const f = await form();
      return w.app.request('/login', {
        method: 'POST',
        headers: { cookie: f.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: f.token, name: 'approver', password }),
      });
    };
    for (let i = 0; i < 5; i++) {
      const wrong = await attempt('not-the-password-1');
      assert.equal(wrong.status, 401);
      assert.match(await wrong.text(), /用户名或密码错误|锁定/);
    }
    const locked = await attempt(PASSWORD);
    assert.equal(locked.status, 401, 'the right password does not open a locked account');
    assert.match(await locked.text(), /锁定/);
    const admin = await w.login('admin');
    const unlock = await w.post('/office/admin/users/approver/unlock', admin, {});
    assert.equal(unlock.status, 303);
    assert.ok((await w.login('approver')).cookie.startsWith('gk_session='));
  });

  it('ends the session at logout: the old cookie no longer opens a page', async () => {
    const s = await w.login('handler');
    assert.equal((await w.get('/office/inbox', s)).status, 200);
    const out = await w.post('/logout', s, {});
    assert.equal(out.status, 303);
    assert.match(out.headers.get('set-cookie') ?? '', /gk_session=;/);
    const again = await w.get('/office/inbox', s);
    assert.equal(again.status, 303);
    assert.match(again.headers.get('location')!, /^\/login/);
  });

  it('writes no applicant ID number, password or session id into the log', async () => {
    const idNumber = '11010119900307123X';
    const s = await w.login('handler');
    const registered = await w.post('/office/requests', s, {
      applicant: '李四',
      type: '自然人',
      idType: '居民身份证',
      idNumber,
      phone: '13800000000',
      content: '某小区规划许可证',
      received: w.today,
    });
    assert.equal(registered.status, 303);
    const page = await w.get(registered.headers.get('location')!, s);
    assert.equal(page.status, 200);
    const text = JSON.stringify(w.logs);
    assert.ok(w.logs.some((l) => l.msg === 'request' && l.route === '/office/requests' && l.status === 303));
    for (const secret of [idNumber, PASSWORD, s.cookie.slice('gk_session='.length), s.csrf, '13800000000'])
      assert.ok(!text.includes(secret), `the log holds ${secret}`);
    // Nor is it in the audit log's summary of the change.
    const audit = JSON.stringify(await w.storage.db.selectFrom('audit_log').selectAll().execute());
    assert.ok(!audit.includes(idNumber));
  });

  it('serves pages that load only the app’s own files, under a strict content security policy', async () => {
    const s = await w.login('handler');
    for (const path of [
      '/login',
      '/office/inbox',
      `/office/requests/${w.requestId}`,
      '/office/requests/new',
    ]) {
      const answer = await w.get(path, path === '/login' ? undefined : s);
      const html = await answer.text();
      for (const m of html.matchAll(/(?:src|href|action)="([^"]+)"/g))
        assert.ok(m[1]!.startsWith('/') || m[1]!.startsWith('#'), `${path} refers to ${m[1]}`);
      const csp = answer.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  it('escapes what a user typed wherever a page shows it', async () => {
    const s = await w.login('handler');
    const registered = await w.post('/office/requests', s, {
      applicant: '<script>alert(1)</script>',
      type: '自然人',
      content: '"><img src=x onerror=alert(1)>',
      received: w.today,
    });
    const page = await (await w.get(registered.headers.get('location')!, s)).text();
    assert.ok(!page.includes('<script>alert(1)</script>'));
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!page.includes('<img src=x'));
  });
});
