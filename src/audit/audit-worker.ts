/**
 * @module Worker thread of a batch audit: audits the files it is sent with `auditFile` (worker-loop.ts
 * says how). Started by pool.ts, from the compiled `.js` or, under tsx, from this `.ts` file.
 */
import { auditFile } from './audit-file.js';
import { serveAudits } from './worker-loop.js';

serveAudits(auditFile);
