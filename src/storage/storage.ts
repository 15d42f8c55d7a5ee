/**
 * @module The request ledger's storage: one Kysely query layer over SQLite (one file, the default)
 * or PostgreSQL, chosen by a URL (url.ts). Opening runs the pending migrations. Every repository
 * method is atomic on its own; `transaction` groups several into one commit (a change and its audit
 * entry). A method that returned has committed: nothing is reported done before it is durable.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import {
  type ApiTokenRepository,
  apiTokenRepository,
  type LoginFailureRepository,
  loginFailureRepository,
  type SessionRepository,
  sessionRepository,
  type UserRepository,
  userRepository,
} from './accounts.js';
import { type AgencyRepository, agencyRepository } from './agencies.js';
import { type AuditLogRepository, auditLogRepository } from './audit-log.js';
import { type CalendarRepository, calendarRepository } from './calendar.js';
import { type CaseRepository, caseRepository } from './cases.js';
import { type CatalogueRepository, catalogueRepository } from './catalogue.js';
import {
  type CatalogueAttachmentRepository,
  catalogueAttachmentRepository,
} from './catalogue-attachments.js';
import { type DeriveStep, defaultDeriveStep } from './derived.js';
import type { DialectHandle, DialectName } from './dialect.js';
import { openPostgres } from './dialects/postgres.js';
import { openSqlite } from './dialects/sqlite.js';
import { migrateToLatest } from './migrations.js';
import { type OnlineApplicationRepository, onlineApplicationRepository } from './online-applications.js';
import { type PortalRepository, portalRepository } from './portal.js';
import { type PublishedReportRepository, publishedReportRepository } from './published-reports.js';
import { type Clock, systemClock } from './query-util.js';
import { type RegisterHeaderRepository, registerHeaderRepository } from './register-headers.js';
import { type ReportYearRepository, reportYearRepository } from './report-years.js';
import { type ScheduleRepository, scheduleRepository } from './request-schedule.js';
import { type RequestRepository, requestRepository } from './requests.js';
import type { Database, Executor } from './schema.js';
import { type SearchRepository, searchRepository } from './search.js';
import { DEFAULT_DATABASE_URL, parseStorageUrl } from './url.js';

export interface Repositories {
  readonly agencies: AgencyRepository;
  readonly requests: RequestRepository;
  readonly cases: CaseRepository;
  readonly catalogue: CatalogueRepository;
  readonly attachments: CatalogueAttachmentRepository;
  readonly onlineApplications: OnlineApplicationRepository;
  readonly portal: PortalRepository;
  readonly search: SearchRepository;
  readonly calendar: CalendarRepository;
  readonly auditLog: AuditLogRepository;
  readonly schedules: ScheduleRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly loginFailures: LoginFailureRepository;
  readonly reportYears: ReportYearRepository;
  readonly registerHeaders: RegisterHeaderRepository;
  readonly publishedReports: PublishedReportRepository;
}

export interface Storage extends Repositories {
  readonly dialect: DialectName;
  /** The query builder itself, for queries the repositories do not offer yet. */
  readonly db: Kysely<Database>;
  /**
   * Runs `work` in one transaction: all of its writes commit together, or none (it threw). Inside,
   * the storage itself is the transaction too: a call on `storage` (or `storage.db`) made while `work`
   * runs goes to the transaction, and a nested `transaction` joins it. (On SQLite, a call that went
   * to the connection instead would wait for the transaction to end, which it never would.)
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Closes the connection(s); further calls fail. Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * How events change a request's derived columns (derived.ts). Every process writing to one
   * database must pass the same step; after changing it, run requests.rebuildDerived().
   */
  readonly derive?: DeriveStep;
  /** The clock for recorded_at / created_at columns. */
  readonly clock?: Clock;
}

function repositories(db: Executor, derive: DeriveStep, clock: Clock): Repositories {
  return {
    agencies: agencyRepository(db, clock),
    requests: requestRepository(db, derive, clock),
    cases: caseRepository(db, clock),
    catalogue: catalogueRepository(db, clock),
    attachments: catalogueAttachmentRepository(db, clock),
    onlineApplications: onlineApplicationRepository(db, clock),
    portal: portalRepository(db, clock),
    search: searchRepository(db, clock),
    calendar: calendarRepository(db, clock),
    auditLog: auditLogRepository(db, clock),
    schedules: scheduleRepository(db),
    reportYears: reportYearRepository(db, clock),
    registerHeaders: registerHeaderRepository(db, clock),
    publishedReports: publishedReportRepository(db, clock),
    users: userRepository(db),
    sessions: sessionRepository(db),
    apiTokens: apiTokenRepository(db),
    loginFailures: loginFailureRepository(db),
  };
}

/** What a transaction's work sees: its repositories and its executor. */
interface Scope {
  readonly repositories: Repositories;
  readonly db: Executor;
}

/**
 * The storage's repositories routed to the transaction in progress in this async context, if any:
 * so that code handed `storage` inside `storage.transaction(…)` cannot deadlock or write outside it.
 */
function routed(outer: Repositories, current: () => Scope | undefined): Repositories {
  const out = {} as Record<keyof Repositories, unknown>;
  for (const name of Object.keys(outer) as (keyof Repositories)[]) {
    out[name] = new Proxy(outer[name], {
      get: (target, property) => {
        const inner = current()?.repositories[name] ?? target;
        return Reflect.get(inner, property);
      },
    });
  }
  return out as unknown as Repositories;
}

async function openDialect(url: string): Promise<DialectHandle> {
  const target = parseStorageUrl(url);
  return target.dialect === 'postgres' ? openPostgres(target.url) : openSqlite(target.path);
}

/**
 * Opens the database a URL names (default ./data/gongkai.db), creating and migrating it as needed:
 * a file path or `sqlite:PATH` for SQLite, `postgres://…` or `postgresql://…` for PostgreSQL.
 */
export async function openDatabase(
  url: string = DEFAULT_DATABASE_URL,
  options: OpenOptions = {},
): Promise<Storage> {
  const derive = options.derive ?? defaultDeriveStep;
  const clock = options.clock ?? systemClock;
  const dialect = await openDialect(url);
  try {
    await migrateToLatest(dialect);
  } catch (error) {
    await dialect.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  const scopes = new AsyncLocalStorage<Scope>();
  const current = () => scopes.getStore();
  return {
    dialect: dialect.name,
    get db() {
      return (current()?.db ?? dialect.db) as Kysely<Database>;
    },
    ...routed(repositories(dialect.db, derive, clock), current),
    transaction: (work) => {
      const joined = current();
      if (joined) return work(joined.repositories);
      return dialect.db.transaction().execute((trx) => {
        const scope = { repositories: repositories(trx, derive, clock), db: trx };
        return scopes.run(scope, () => work(scope.repositories));
      });
    },
    close: () => {
      closed ??= dialect.close();
      return closed;
    },
  };
}
