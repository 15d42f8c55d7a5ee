/**
 * @module The derived columns of `disclosure_requests` (closed_on, closing_type, outcome): a cache of
 * the request's event log, so that the annual report reads one row per request instead of every
 * event. The event log is the truth. The cache is computed by one function, a step folded over the
 * events in seq order: appendEvent applies it to the new event in the event's own transaction, and
 * rebuildDerived() folds it over the whole log again (requests.test.ts checks the two agree).
 *
 * The event union belongs to src/domain/requests; storage only knows `type`, `at` and the payload.
 * The default step is a convention the domain can follow or replace (openDatabase's `derive` option):
 * an event whose payload has a string `outcome` closes the request on its `at` date with that
 * outcome; an event whose payload has `reopened: true` opens it again; anything else leaves it as is.
 * Every process that writes to one database must use the same step.
 */

export interface DerivedState {
  readonly closedOn: string | null;
  readonly closingType: string | null;
  readonly outcome: string | null;
}

/** What the step sees of an event: its type, its date, and the whole event object as stored. */
export interface DerivableEvent {
  readonly type: string;
  readonly at: string;
  readonly payload: unknown;
}

export type DeriveStep = (state: DerivedState, event: DerivableEvent) => DerivedState;

export const OPEN: DerivedState = Object.freeze({ closedOn: null, closingType: null, outcome: null });

export const defaultDeriveStep: DeriveStep = (state, event) => {
  const payload = event.payload;
  if (typeof payload !== 'object' || payload === null) return state;
  if ('outcome' in payload && typeof payload.outcome === 'string')
    return { closedOn: event.at, closingType: event.type, outcome: payload.outcome };
  if ('reopened' in payload && payload.reopened === true) return OPEN;
  return state;
};

/** The derived state of a whole log (events in seq order). */
export function deriveAll(step: DeriveStep, events: Iterable<DerivableEvent>): DerivedState {
  let state = OPEN;
  for (const event of events) state = step(state, event);
  return state;
}

export function sameDerived(a: DerivedState, b: DerivedState): boolean {
  return a.closedOn === b.closedOn && a.closingType === b.closingType && a.outcome === b.outcome;
}
