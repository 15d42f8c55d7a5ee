/**
 * @module Result: an expected failure is a value, not an exception. Every refusal carries a stable code
 * (never reused with another meaning) and a Chinese reason that names the rule it comes from.
 */
import type { RefusalCode } from './refusals.js';

export interface Refusal {
  readonly code: RefusalCode;
  /** 中文说明, citing the article. */
  readonly message: string;
  /** Index of the event in the log that was refused, when the refusal is about an event. */
  readonly eventIndex?: number;
}

export type Result<T, E = Refusal> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
