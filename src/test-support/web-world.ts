/**
 * @module For the web tests: the app on a fresh database with a county (示范县) and a township below it
 * (城关镇), another county (邻县), users of every role, a request at the township, and a browser-like
 * client: `login(name)` goes through the real login form and returns the session cookie and the page's
 * CSRF token. Every log line the app writes is kept in `logs`. For tests only.
 */
import assert from 'node:assert/strict';
import { createUser } from '../accounts/index.js';
import { type Role, systemActor } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { addAgency, intakeRequest, openLedger, todayInChina } from '../ledger/index.js';
import type { Storage } from '../storage/index.js';
import { createApp } from '../web/app.js';
import { DEFAULT_CONFIG, type ServerConfig } from '../web/config.js';
import type { LogLine } from '../web/log.js';

export const PASSWORD = 'Demo-pass-2026';

/** The users made, by login name: role(s) and where. */
export const WORLD_USERS: Readonly<Record<string, { roles: Role[]; at: 'county' | 'township' | 'other' }>> = {
  admin: { roles: ['admin'], at: 'county' },
  jiandu: { roles: ['oversight'], at: 'county' },
  handler: { roles: ['handler'], at: 'township' },
  approver: { roles: ['approver'], at: 'township' },
  liaison: { roles: ['liaison'], at: 'township' },
  outsider: { roles: ['admin', 'handler', 'approver', 'oversight'], at: 'other' },
};

export interface Session {
  /** `gk_session=…`, for the Cookie header. */
  readonly cookie: string;
  readonly csrf: string;
}

export interface WebWorld {
  readonly storage: Storage;
  readonly app: ReturnType<typeof createApp>;
  readonly logs: LogLine[];
  readonly county: number;
  readonly township: number;
  readonly other: number;
  /** A request received at the township three days ago, in progress. */
  readonly requestId: string;
  readonly today: LocalDate;
  login(name: string, password?: string, headers?: Record<string, string>): Promise<Session>;
  /** A form POST with the session (and its CSRF token unless `csrf: false`). */
  post(
    path: string,
    session: Session | undefined,
    fields: Record<string, string>,
    csrf?: boolean,
  ): Promise<Response>;
  get(path: string, session?: Session): Promise<Response>;
  close(): Promise<void>;
}

const cookieOf = (response: Response, name: string): string | undefined =>
  response.headers.get('set-cookie')?.match(new RegExp(`${name}=[^;]*`))?.[0];

/** The CSRF token in a page's first form. */
export const csrfIn = (html: string): string => {
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  assert.ok(token, 'the page has a form with a CSRF token');
  return token;
};

export async function webWorld(config: Partial<ServerConfig> = {}, url = ':memory:'): Promise<WebWorld> {
  const storage = await openLedger(url);
  const root = systemActor('test');
  const add = async (name: string, kind: string, parentId?: number) => {
    const added = await addAgency(storage, root, { name, kind, ...(parentId ? { parentId } : {}) });
    assert.ok(added.ok);
    return added.value.id;
  };
  const county = await add('示范县人民政府', '区县');
  const township = await add('城关镇人民政府', '乡镇/街道', county);
  const other = await add('邻县人民政府', '区县');
  const where = { county, township, other };
  for (const [name, u] of Object.entries(WORLD_USERS)) {
    const made = await createUser(storage, root, {
      name,
      agencyId: where[u.at],
      roles: u.roles,
      password: PASSWORD,
    });
    assert.ok(made.ok, JSON.stringify(made));
  }
  const today = todayInChina();
  const received = new Date(`${today}T00:00:00Z`);
  received.setUTCDate(received.getUTCDate() - 3);
  const intake = await intakeRequest(storage, root, {
    agencyId: township,
    applicant: { kind: 'natural', name: '张三', contact: {} },
    content: { description: '某路段拓宽工程的征收补偿方案' },
    channel: 'inPerson',
    receivedOn: received.toISOString().slice(0, 10) as LocalDate,
  });
  assert.ok(intake.ok, JSON.stringify(intake));
  const logs: LogLine[] = [];
  const app = createApp({
    storage,
    config: { ...DEFAULT_CONFIG, database: url, ...config },
    log: (line) => logs.push(line),
    now: () => new Date(),
  });
  const get = async (path: string, session?: Session): Promise<Response> =>
    app.request(path, { headers: session ? { cookie: session.cookie } : {} });
  const post = async (
    path: string,
    session: Session | undefined,
    fields: Record<string, string>,
    csrf = true,
  ): Promise<Response> =>
    app.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(session ? { cookie: session.cookie } : {}),
      },
      body: new URLSearchParams({ ...fields, ...(csrf && session ? { _csrf: session.csrf } : {}) }),
    });
  const login = async (
    name: string,
    password = PASSWORD,
    headers: Record<string, string> = {},
  ): Promise<Session> => {
    const form = await app.request('/login', { headers });
    const loginCookie = cookieOf(form, 'gk_login_csrf');
    assert.ok(loginCookie, 'GET /login sets its CSRF cookie');
    const answer = await app.request('/login', {
      method: 'POST',
      headers: { ...headers, cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfIn(await form.text()), name, password }),
    });
    assert.equal(answer.status, 303, `login of ${name}: ${answer.status}`);
    const cookie = cookieOf(answer, 'gk_session');
    assert.ok(cookie, 'login sets the session cookie');
    const page = await app.request('/office/account', { headers: { cookie } });
    return { cookie, csrf: csrfIn(await page.text()) };
  };
  return {
    storage,
    app,
    logs,
    county,
    township,
    other,
    requestId: intake.value.id,
    today,
    login,
    post,
    get,
    close: () => storage.close(),
  };
}
