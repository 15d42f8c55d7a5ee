/**
 * @module The one derive step of the ledger: how storage's cached columns (closed_on, closing_type,
 * outcome) follow a request's events, by the domain's rule. A request closes on the first of the
 * domain's CLOSING_EVENTS: a decision (答复) with its outcome, a lapse (逾期未补正 → noCorrection,
 * 逾期未缴费 → unpaidFee) or a withdrawal (撤回 → withdrawn); nothing after a closing event changes it,
 * as the domain accepts nothing after one. Every ledger command opens the database with this step
 * (openLedger), so the annual report's aggregate query and the domain's replay agree. A void (更正)
 * of the closing event opens the request again.
 */
import { CLOSING_EVENTS, OUTCOME_OF_CLOSING } from '../domain/requests/events.js';
import type { OutcomeKind } from '../domain/requests/outcomes.js';
import {
  DEFAULT_DATABASE_URL,
  type DeriveStep,
  OPEN,
  type OpenOptions,
  openDatabase,
  type Storage,
} from '../storage/index.js';
import { isDecisionOutcome, VOID_TYPE } from './stored.js';

const isReopening = (payload: unknown): boolean =>
  typeof payload === 'object' && payload !== null && (payload as { reopened?: unknown }).reopened === true;

type ClosingKind = (typeof CLOSING_EVENTS)[number];

const isClosing = (type: string): type is ClosingKind => (CLOSING_EVENTS as readonly string[]).includes(type);

function outcomeOf(type: ClosingKind, payload: unknown): OutcomeKind | undefined {
  if (type !== 'Decided') return OUTCOME_OF_CLOSING[type];
  const outcome =
    typeof payload === 'object' && payload !== null ? (payload as { outcome?: unknown }).outcome : undefined;
  return isDecisionOutcome(outcome) ? outcome : undefined;
}

export const ledgerDeriveStep: DeriveStep = (state, event) => {
  // A void of the event that closed the request opens it again (更正: corrections.ts); the ledger says
  // so on the void itself, which it writes only after the domain accepted the log without that event.
  if (event.type === VOID_TYPE) return isReopening(event.payload) ? OPEN : state;
  if (state.closedOn !== null || !isClosing(event.type)) return state;
  const outcome = outcomeOf(event.type, event.payload);
  return outcome === undefined ? state : { closedOn: event.at, closingType: event.type, outcome };
};

/**
 * Opens the ledger's database (default ./data/gongkai.db; a file path, `sqlite:PATH` or
 * `postgres://…`) with the ledger's derive step. Every ledger command opens it this way.
 */
export function openLedger(
  url: string = DEFAULT_DATABASE_URL,
  options: Omit<OpenOptions, 'derive'> = {},
): Promise<Storage> {
  return openDatabase(url, { ...options, derive: ledgerDeriveStep });
}
