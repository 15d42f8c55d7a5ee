/**
 * @module How strict the login is: the throttles and the session lifetimes, with the defaults the
 * server uses unless told otherwise. One object, so that a deployment tunes it in one place.
 */

export interface AccountsConfig {
  /** Consecutive failed logins that lock an account. */
  readonly maxFailures: number;
  /** How long a locked account stays locked, unless an administrator unlocks it. */
  readonly lockMinutes: number;
  /** Failed logins from one address, within the window, after which that address is refused. */
  readonly maxAddressFailures: number;
  readonly addressWindowMinutes: number;
  /** A session unused this long ends. */
  readonly idleMinutes: number;
  /** A session ends this long after the login, however busy. */
  readonly absoluteHours: number;
}

export const DEFAULT_ACCOUNTS_CONFIG: AccountsConfig = {
  maxFailures: 5,
  lockMinutes: 15,
  maxAddressFailures: 20,
  addressWindowMinutes: 15,
  idleMinutes: 30,
  absoluteHours: 12,
};

/** The defaults with what the caller changed. */
export const accountsConfig = (config: Partial<AccountsConfig> = {}): AccountsConfig => ({
  ...DEFAULT_ACCOUNTS_CONFIG,
  ...config,
});

export interface AccountOptions {
  /** The moment the change happens (default: the wall clock); stored times and expiry follow it. */
  readonly now?: Date;
}

export const MINUTE_MS = 60_000;

export const minutesAfter = (moment: Date, minutes: number): Date =>
  new Date(moment.getTime() + minutes * MINUTE_MS);
