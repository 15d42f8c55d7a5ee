/**
 * @module What every handler of the web layer knows: its dependencies (storage, configuration, clock,
 * log) and, per request, its id and who is signed in (the Actor the use cases are called with).
 */
import type { Context } from 'hono';
import type { Actor, Role } from '../domain/access/policy.js';
import type { Storage } from '../storage/index.js';
import type { ServerConfig } from './config.js';
import type { Logger } from './log.js';
import type { VisitTally } from './visit-tally.js';

export interface WebDeps {
  readonly storage: Storage;
  readonly config: ServerConfig;
  readonly log: Logger;
  /** The wall clock (sessions, throttling); replaceable in tests. */
  readonly now: () => Date;
  /** The public pages' visit counter (server.ts flushes it when it stops); the app makes one if absent. */
  readonly visits?: VisitTally;
}

/** A signed-in user, by session cookie or by API token. */
export interface Auth {
  readonly actor: Extract<Actor, { kind: 'user' }>;
  readonly user: {
    readonly id: number;
    readonly name: string;
    readonly displayName: string;
    readonly agencyId: number;
    readonly roles: readonly Role[];
  };
  readonly agencyName: string;
  readonly via: 'session' | 'token';
  /** The session's CSRF token (session only). */
  readonly csrfToken?: string;
  /** The raw session id (session only), to end it at logout. */
  readonly sessionId?: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    /** The client's address (X-Forwarded-For only when trusted). */
    address: string;
    auth?: Auth;
  };
}

export type AppContext = Context<AppEnv>;
