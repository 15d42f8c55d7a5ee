/**
 * @module The password rule (密码规则) and the login-name rule, as plain checks: the use cases refuse
 * with them, the web form can say them before posting.
 */

/** The shortest password accepted; with a letter and a digit (passwordAcceptable). */
export const MIN_PASSWORD_LENGTH = 10;
/** Longer passwords are refused: hashing a megabyte per login attempt is a cheap attack. */
export const MAX_PASSWORD_LENGTH = 1024;

export function passwordAcceptable(password: string): boolean {
  const length = [...password].length;
  return (
    length >= MIN_PASSWORD_LENGTH &&
    password.length <= MAX_PASSWORD_LENGTH &&
    /\p{L}/u.test(password) &&
    /\p{Nd}/u.test(password)
  );
}

/**
 * Login names are ASCII, so that lower() is the same on both dialects (the unique index on
 * lower(name)) and a name can never be mistaken for an actor like 'cli:root' in the audit log.
 */
const NAME = /^[A-Za-z0-9._-]{2,64}$/;

export const nameAcceptable = (name: string): boolean => NAME.test(name);
