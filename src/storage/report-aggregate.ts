/**
 * @module Section 三 of the annual report for many agencies and one year in one aggregation query,
 * from the request rows' cached columns (received_on, closed_on, outcome; see derived.ts), never from
 * the events. The same counting rule as src/domain/requests/report-from-ledger.ts:
 *
 * - 本年新收 (new): received in the year;
 * - 上年结转 (carriedOver): received before the year and open on 12-31 of the year before;
 * - the outcome rows and （七）总计: closed in the year, by outcome (`reportRowOf` of the year's format);
 * - 结转下年度 (carriedForward): received by 12-31 of the year and open on that day.
 *
 * Every request the year concerns was received by its last day and had not closed before its first
 * day; among those, "received before the year" splits 新收 from 上年结转 and "closed by the last day"
 * splits the outcome rows from 结转. So the query selects that set (by the agency/receipt index) and
 * groups it by agency, applicant kind and the two splits, with the raw outcome string of the closed
 * ones; the outcome → row mapping is done here, in TypeScript, by the domain's own function.
 *
 * The domain leaves out requests whose event log the transitions refuse; this query cannot see the
 * log, so it agrees with the domain exactly when every stored log is one the transitions accept
 * (true when events are only ever written after `recordEvent` allowed them). What a row alone shows to
 * be wrong (an applicant kind or outcome no row holds, closed before received) is thrown as
 * UnmappableRequestError, never counted: the caller falls back to a path that lists such records.
 */
import { sql } from 'kysely';
import { formatForYear } from '../domain/report/format.js';
import { REQUEST_COLUMN_KEYS, type RequestRowKey, requestRows } from '../domain/report/labels.js';
import type { RequestTable } from '../domain/report/model.js';
import { OUTCOMES, reportRowOf } from '../domain/requests/outcomes.js';
import { APPLICANT_KIND_LABELS, type ApplicantKind } from '../domain/requests/request.js';
import { chunks, yearBounds } from './query-util.js';
import type { Executor } from './schema.js';

/** One group of the aggregation: how many requests of one agency and applicant kind fall in it. */
interface RequestCountGroup {
  readonly agencyId: number;
  /** As stored: the applicant column key ('natural' …) or its label ('自然人' …). */
  readonly applicantKind: string;
  /** Received before the year (上年结转), else received in it (本年新收). */
  readonly carriedOver: boolean;
  /** Closed in the year (an outcome row), else open on its last day (结转下年度). */
  readonly closedInYear: boolean;
  /** The stored outcome of the requests closed in the year; null for the open ones. */
  readonly outcome: string | null;
  /** Closed before the day it was received: a record no transition could have written. */
  readonly closedBeforeReceived: boolean;
  readonly count: number;
}

/** The stored value of a request or its outcome that no report row can hold. */
export class UnmappableRequestError extends Error {
  constructor(
    readonly agencyId: number,
    readonly column: 'applicant_kind' | 'outcome' | 'closed_on',
    readonly value: string | null,
  ) {
    super(`agency ${agencyId}: no section 三 place for ${column} ${JSON.stringify(value)}`);
    this.name = 'UnmappableRequestError';
  }
}

/**
 * The aggregation query itself (for one slice of agencies, or every agency when `agencyIds` is
 * undefined): exposed so that benchmarks can EXPLAIN it.
 */
export function requestCountQuery(db: Executor, year: number, agencyIds?: readonly number[]) {
  const { first, last } = yearBounds(year);
  let q = db
    .selectFrom('disclosure_requests')
    .select((eb) => [
      'agency_id',
      'applicant_kind',
      eb.case().when('received_on', '<', first).then(eb.lit(1)).else(eb.lit(0)).end().as('carried_over'),
      eb.case().when('closed_on', '<=', last).then(eb.lit(1)).else(eb.lit(0)).end().as('closed_in_year'),
      eb.case().when('closed_on', '<=', last).then(eb.ref('outcome')).end().as('closed_outcome'),
      eb
        .case()
        .when('closed_on', '<', eb.ref('received_on'))
        .then(eb.lit(1))
        .else(eb.lit(0))
        .end()
        .as('closed_before_received'),
      eb.fn.countAll().as('n'),
    ])
    .where('received_on', '<=', last)
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', first)]));
  if (agencyIds) q = q.where('agency_id', 'in', agencyIds);
  // By position: the CASE expressions carry bound parameters, which PostgreSQL would not match
  // against a second copy of the same expression in GROUP BY.
  return q.groupBy([1, 2, 3, 4, 5, 6].map((i) => sql.lit(i)));
}

/**
 * The grouped counts behind section 三 for `year`: for the agencies listed (by the agency/receipt
 * index), or for every agency when `agencyIds` is undefined (one scan of the table, the
 * province-wide case).
 */
async function requestCountGroups(
  db: Executor,
  year: number,
  agencyIds?: readonly number[],
): Promise<RequestCountGroup[]> {
  yearBounds(year); // a bad year throws even when there is no slice to query
  const parts = agencyIds === undefined ? [undefined] : chunks([...new Set(agencyIds)]);
  const out: RequestCountGroup[] = [];
  for (const ids of parts)
    for (const r of await requestCountQuery(db, year, ids).execute())
      out.push({
        agencyId: Number(r.agency_id),
        applicantKind: r.applicant_kind,
        carriedOver: Number(r.carried_over) === 1,
        closedInYear: Number(r.closed_in_year) === 1,
        outcome: r.closed_outcome ?? null,
        closedBeforeReceived: Number(r.closed_before_received) === 1,
        count: Number(r.n),
      });
  return out;
}

/** The applicant column of section 三 by the key `applicant_kind` holds (migration 0002). */
const COLUMN_INDEX = new Map<string, number>(
  (Object.keys(APPLICANT_KIND_LABELS) as ApplicantKind[]).map((key) => [
    key,
    REQUEST_COLUMN_KEYS.indexOf(key),
  ]),
);
const TOTAL_COLUMN = REQUEST_COLUMN_KEYS.indexOf('total');

/** Adds grouped counts into per-agency section 三 tables (the agencies in `agencyIds` start at zero). */
function requestTablesFromGroups(
  year: number,
  groups: readonly RequestCountGroup[],
  agencyIds: readonly number[] = [],
): Map<number, RequestTable> {
  const format = formatForYear(year);
  // Counted into flat arrays (row index × 7 + column), made into row-keyed tables at the end.
  const rowKeys = requestRows(format).map((r) => r.key);
  const rowIndex = (key: RequestRowKey) => rowKeys.indexOf(key);
  const [NEW, CARRIED_OVER, CLOSED_TOTAL, CARRIED_FORWARD] = (
    ['new', 'carriedOver', 'total', 'carriedForward'] as const
  ).map(rowIndex) as [number, number, number, number];
  const rowOfOutcome = new Map(
    OUTCOMES.map((o) => [o.kind as string, rowIndex(reportRowOf(o.kind, format))]),
  );
  const width = REQUEST_COLUMN_KEYS.length;
  const counts = new Map<number, number[]>();
  const countsOf = (agencyId: number) => {
    let cells = counts.get(agencyId);
    if (!cells) {
      cells = new Array<number>(rowKeys.length * width).fill(0);
      counts.set(agencyId, cells);
    }
    return cells;
  };
  const add = (cells: number[], row: number, column: number, n: number) => {
    cells[row * width + column]! += n;
    cells[row * width + TOTAL_COLUMN]! += n;
  };
  for (const id of agencyIds) countsOf(id);
  for (const g of groups) {
    if (g.closedBeforeReceived) throw new UnmappableRequestError(g.agencyId, 'closed_on', null);
    const column = COLUMN_INDEX.get(g.applicantKind);
    if (column === undefined) throw new UnmappableRequestError(g.agencyId, 'applicant_kind', g.applicantKind);
    const cells = countsOf(g.agencyId);
    add(cells, g.carriedOver ? CARRIED_OVER : NEW, column, g.count);
    if (g.closedInYear) {
      const row = g.outcome === null ? undefined : rowOfOutcome.get(g.outcome);
      if (row === undefined) throw new UnmappableRequestError(g.agencyId, 'outcome', g.outcome);
      add(cells, row, column, g.count);
      add(cells, CLOSED_TOTAL, column, g.count);
    } else add(cells, CARRIED_FORWARD, column, g.count);
  }
  const tables = new Map<number, RequestTable>();
  for (const [agencyId, cells] of counts)
    tables.set(
      agencyId,
      Object.fromEntries(rowKeys.map((key, i) => [key, cells.slice(i * width, (i + 1) * width)])),
    );
  return tables;
}

/**
 * Section 三 (the report's `requests` table: every row of the year's format, seven columns with
 * 总计) for each agency and `year`, in one aggregation query per 5,000 agencies. Agencies listed
 * without requests get a zero table; with `agencyIds` undefined, every agency that has a request
 * the year concerns. Throws UnmappableRequestError for an applicant kind or outcome no row holds, or
 * a request closed before it was received.
 */
export async function aggregateRequestSections(
  db: Executor,
  year: number,
  agencyIds?: readonly number[],
): Promise<Map<number, RequestTable>> {
  return requestTablesFromGroups(year, await requestCountGroups(db, year, agencyIds), agencyIds);
}
