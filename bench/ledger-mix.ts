/**
 * The register both ledger benchmarks generate (bench/ledger-sqlite.ts in TypeScript, one agency;
 * bench/ledger-postgres.ts in SQL, a province): how applicants, histories and 答复 outcomes are mixed,
 * as weights. One list, so that the two benchmarks measure the same kind of ledger.
 */
import type { OutcomeKind } from '../src/domain/requests/outcomes.js';
import type { ApplicantKind } from '../src/domain/requests/request.js';

export type Mix<T> = readonly (readonly [T, number])[];

/** 82 % 自然人, the rest over the five organisation columns. */
export const APPLICANT_MIX: Mix<ApplicantKind> = [
  ['natural', 82],
  ['commercial', 9],
  ['research', 1],
  ['publicInterest', 1],
  ['legalService', 5],
  ['other', 2],
];

/** Outcomes of a 答复 (the by-event ones — withdrawn, noCorrection, unpaidFee — come from their events). */
export const DECISION_MIX: Mix<OutcomeKind> = [
  ['disclosed', 38],
  ['alreadyPublic', 8],
  ['partial', 10],
  ['notHeld', 14],
  ['notThisAgency', 5],
  ['needsCreation', 3],
  ['stateSecret', 1],
  ['lawForbidden', 1],
  ['security', 1],
  ['thirdParty', 2],
  ['internal', 2],
  ['process', 3],
  ['enforcementFile', 1],
  ['inquiry', 2],
  ['complaint', 2],
  ['repeated', 2],
  ['publication', 1],
  ['excessive', 1],
  ['confirmation', 1],
  ['other', 2],
];

/** The history a request goes through. */
export type HistoryPath =
  | 'decided'
  | 'extended'
  | 'corrected'
  | 'correctionLapsed'
  | 'withdrawn'
  | 'thirdParty'
  | 'feePaid'
  | 'feeLapsed'
  | 'stuck';

export const PATH_MIX: Mix<HistoryPath> = [
  ['decided', 38],
  ['extended', 24],
  ['corrected', 10],
  ['correctionLapsed', 5],
  ['withdrawn', 5],
  ['thirdParty', 10],
  ['feePaid', 4],
  ['feeLapsed', 2],
  ['stuck', 2],
];
