/**
 * @module The web's input pieces shared by every schema at its edge: a text field (a form's string or
 * a JSON number, trimmed), a query filter that drops what it does not know, and the problems of a form
 * by field.
 */
import { z } from 'zod';

/** A form field's problem, by the field's key. */
export type FieldErrors = Readonly<Record<string, string>>;

/** JSON may give a number where a form gives text; both are read as text, trimmed. */
export const text = z
  .preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string())
  .transform((v) => v.trim());

/** A query-string filter: a value it does not know is dropped (a filter, not an instruction). */
export const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
