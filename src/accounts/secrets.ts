/**
 * @module Bearer secrets (session ids, CSRF tokens, API tokens): random, and stored only as SHA-256.
 * A fast hash is enough for these: they carry 256 random bits, so there is nothing to guess offline.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters). */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Longer than any secret this module makes: refused before hashing. */
export const MAX_SECRET_LENGTH = 256;
