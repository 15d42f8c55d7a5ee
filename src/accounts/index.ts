/**
 * @module Accounts (账户与角色): the application layer for users, passwords, logins, sessions and API
 * tokens, between the policy (src/domain/access) and storage. The command line and the web server
 * import from here. Expected failures are values (AccountRefusal); every change is audited.
 */
export { actorOf } from './actor.js';
export {
  type AccountOptions,
  type AccountsConfig,
  accountsConfig,
  DEFAULT_ACCOUNTS_CONFIG,
} from './config.js';
export {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  nameAcceptable,
  passwordAcceptable,
} from './password-rule.js';
export { dummyVerify, generatePassword, hashPassword, verifyPassword } from './passwords.js';
export {
  ACCOUNT_REFUSALS,
  type AccountCode,
  type AccountRefusal,
  accountRefusal,
  beijingTime,
} from './refusals.js';
export { randomSecret, sha256Hex } from './secrets.js';
export {
  type LoginInput,
  type LoginSuccess,
  login,
  logout,
  purgeOldSessions,
  SESSION_RETENTION_DAYS,
  type SessionView,
  sessionActor,
  TOUCH_INTERVAL_MS,
  UNKNOWN_ACTOR,
} from './sessions.js';
export {
  type ApiTokenInfo,
  issueApiToken,
  listApiTokens,
  revokeApiToken,
  TOKEN_PREFIX,
  tokenActor,
} from './tokens.js';
export {
  type ChangeOwnPasswordOptions,
  changeOwnPassword,
  countUsers,
  createUser,
  listUsers,
  type NewUserInput,
  resetPassword,
  setUserDisabled,
  unlockUser,
} from './users.js';
