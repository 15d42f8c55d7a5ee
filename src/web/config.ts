/**
 * @module The server's configuration: environment variables over an optional `gongkai.config.json`
 * over the defaults, checked once at start (a bad value stops the server with the variable's name and
 * what it takes, never a stack trace). Every setting is listed in the README.
 */

import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { issuePath, issueText, jsonSyntaxText } from '../documents/json/issue-text.js';
import { DEFAULT_ATTACHMENT_MAX_MEGABYTES } from '../domain/catalogue/attachment.js';
import type { SiteFacts } from '../domain/portal/site-facts.js';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** A SQLite path, `sqlite:PATH` or `postgres://…`. */
  readonly database: string;
  /** Send the session cookie with Secure (behind TLS). Also on when the request came over https. */
  readonly secureCookies: boolean;
  /** Take the client's address and scheme from X-Forwarded-For / X-Forwarded-Proto (behind a proxy). */
  readonly trustProxy: boolean;
  readonly session: { readonly idleMinutes: number; readonly absoluteHours: number };
  readonly login: {
    readonly maxFailures: number;
    readonly lockMinutes: number;
    readonly maxAddressFailures: number;
    readonly addressWindowMinutes: number;
  };
  /**
   * The public site's facts for its footer and head (主办单位, 网站标识码, ICP and 公安 numbers …;
   * domain/portal/site-facts.ts checks them at start) and whether pages show the visit counter.
   */
  readonly site: Partial<SiteFacts> & { readonly visitCounter: boolean };
  /** 网上申请 (the /apply form and POST /api/v1/public/requests): submissions per client address. */
  readonly publicRequests: { readonly perAddress: number; readonly windowMinutes: number };
  /** 附件 of catalogue items: the largest file taken (MB). */
  readonly attachments: { readonly maxMegabytes: number };
  /** The public search (the page /search and GET /api/v1/public/search): queries per client address. */
  readonly publicSearch: { readonly perAddress: number; readonly windowMinutes: number };
  /** The first administrator's password on an empty database (else one is generated and printed once). */
  readonly adminPassword: string | undefined;
  /** One JSON line per request on stdout; false keeps the log quiet (tests, benchmarks). */
  readonly log: boolean;
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 3000,
  database: './data/gongkai.db',
  secureCookies: false,
  trustProxy: false,
  session: { idleMinutes: 30, absoluteHours: 12 },
  login: { maxFailures: 5, lockMinutes: 15, maxAddressFailures: 20, addressWindowMinutes: 15 },
  publicRequests: { perAddress: 10, windowMinutes: 60 },
  attachments: { maxMegabytes: DEFAULT_ATTACHMENT_MAX_MEGABYTES },
  publicSearch: { perAddress: 120, windowMinutes: 1 },
  site: { siteName: '政府信息公开', visitCounter: true },
  adminPassword: undefined,
  log: true,
};

const flag = z
  .union([z.boolean(), z.enum(['0', '1', 'true', 'false'])])
  .transform((v) => v === true || v === '1' || v === 'true');
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const FileSchema = z
  .object({
    host: z.string().min(1),
    port: whole(0, 65535),
    database: z.string().min(1),
    secureCookies: flag,
    trustProxy: flag,
    session: z
      .object({ idleMinutes: whole(1, 24 * 60), absoluteHours: whole(1, 24 * 30) })
      .partial()
      .strict(),
    login: z
      .object({
        maxFailures: whole(1, 1000),
        lockMinutes: whole(1, 24 * 60),
        maxAddressFailures: whole(1, 100000),
        addressWindowMinutes: whole(1, 24 * 60),
      })
      .partial()
      .strict(),
    site: z
      .object({
        siteName: z.string().min(1).max(100),
        sponsor: z.string().max(200),
        operator: z.string().max(200),
        contact: z.string().max(300),
        siteCode: z.string().max(20),
        icp: z.string().max(50),
        publicSecurity: z.string().max(50),
        visitCounter: flag,
      })
      .partial()
      .strict(),
    publicRequests: z
      .object({ perAddress: whole(1, 100000), windowMinutes: whole(1, 24 * 60) })
      .partial()
      .strict(),
    attachments: z
      .object({ maxMegabytes: whole(1, 200) })
      .partial()
      .strict(),
    publicSearch: z
      .object({ perAddress: whole(1, 10_000_000), windowMinutes: whole(1, 24 * 60) })
      .partial()
      .strict(),
    log: flag,
  })
  .partial()
  .strict();

/** Environment variable → where it goes and what it takes. */
const ENV: readonly {
  readonly name: string;
  readonly path: readonly string[];
  readonly schema: z.ZodType;
}[] = [
  { name: 'GONGKAI_HOST', path: ['host'], schema: z.string().min(1) },
  { name: 'GONGKAI_PORT', path: ['port'], schema: whole(0, 65535) },
  { name: 'DATABASE_URL', path: ['database'], schema: z.string().min(1) },
  { name: 'GONGKAI_SECURE_COOKIES', path: ['secureCookies'], schema: flag },
  { name: 'GONGKAI_TRUST_PROXY', path: ['trustProxy'], schema: flag },
  { name: 'GONGKAI_SESSION_IDLE_MINUTES', path: ['session', 'idleMinutes'], schema: whole(1, 24 * 60) },
  { name: 'GONGKAI_SESSION_HOURS', path: ['session', 'absoluteHours'], schema: whole(1, 24 * 30) },
  { name: 'GONGKAI_LOGIN_MAX_FAILURES', path: ['login', 'maxFailures'], schema: whole(1, 1000) },
  { name: 'GONGKAI_LOGIN_LOCK_MINUTES', path: ['login', 'lockMinutes'], schema: whole(1, 24 * 60) },
  {
    name: 'GONGKAI_PUBLIC_REQUESTS_PER_ADDRESS',
    path: ['publicRequests', 'perAddress'],
    schema: whole(1, 100000),
  },
  { name: 'GONGKAI_ATTACHMENT_MAX_MB', path: ['attachments', 'maxMegabytes'], schema: whole(1, 200) },
  {
    name: 'GONGKAI_PUBLIC_SEARCH_PER_ADDRESS',
    path: ['publicSearch', 'perAddress'],
    schema: whole(1, 10_000_000),
  },
  { name: 'GONGKAI_SITE_NAME', path: ['site', 'siteName'], schema: z.string().min(1).max(100) },
  { name: 'GONGKAI_LOG', path: ['log'], schema: flag },
];

export class ConfigError extends Error {}

function set(target: Record<string, unknown>, path: readonly string[], value: unknown) {
  let at = target;
  for (const key of path.slice(0, -1)) {
    at[key] = { ...((at[key] as Record<string, unknown>) ?? {}) };
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]!] = value;
}

/**
 * The configuration for `env` and the JSON file at `file` (default ./gongkai.config.json, or
 * GONGKAI_CONFIG; a missing default file is fine, a missing named one is not).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, file?: string): ServerConfig {
  const named = file ?? env.GONGKAI_CONFIG;
  const path = named ?? 'gongkai.config.json';
  let fromFile: z.infer<typeof FileSchema> = {};
  if (existsSync(path)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new ConfigError(`${path}: ${jsonSyntaxText(e)}`);
    }
    const parsed = FileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConfigError(`${path}: ${issuePath(issue)}：${issueText(issue)}`);
    }
    fromFile = parsed.data;
  } else if (named !== undefined) throw new ConfigError(`${path}: 配置文件不存在 (no such config file)`);

  const merged: Record<string, unknown> = {
    ...DEFAULT_CONFIG,
    ...fromFile,
    session: { ...DEFAULT_CONFIG.session, ...fromFile.session },
    login: { ...DEFAULT_CONFIG.login, ...fromFile.login },
    publicRequests: { ...DEFAULT_CONFIG.publicRequests, ...fromFile.publicRequests },
    attachments: { ...DEFAULT_CONFIG.attachments, ...fromFile.attachments },
    publicSearch: { ...DEFAULT_CONFIG.publicSearch, ...fromFile.publicSearch },
    site: { ...DEFAULT_CONFIG.site, ...fromFile.site },
  };
  for (const { name, path: to, schema } of ENV) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      throw new ConfigError(`${name}=${raw}: ${parsed.error.issues[0]!.message} (bad environment variable)`);
    set(merged, to, parsed.data);
  }
  const password = env.GONGKAI_ADMIN_PASSWORD;
  return { ...(merged as unknown as ServerConfig), adminPassword: password ? password : undefined };
}
