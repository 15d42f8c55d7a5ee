/**
 * @module Structured logs: one JSON line per request (id, user, method, route, status, ms) and a few
 * server events. A line never holds a body, a query string, a cookie, a token, a password or an
 * applicant's details: only what identifies the call and its outcome. The route is the router's
 * pattern (/office/requests/:id), the path is left out because it may carry search text.
 */
export interface LogLine {
  readonly [key: string]: string | number | boolean | null | undefined;
}

export type Logger = (line: LogLine) => void;

export const jsonLogger =
  (write: (text: string) => void = (text) => process.stdout.write(text)): Logger =>
  (line) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);

export const silentLogger: Logger = () => {};
