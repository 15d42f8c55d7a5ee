/**
 * @module Migration 0005: a case entered by mistake is withdrawn (撤销登记), not deleted — the register
 * keeps it with when, by whom and why, and section 四 no longer counts it.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function caseWithdrawal(_dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('cases').addColumn('withdrawn_on', 'text').execute();
      await db.schema.alterTable('cases').addColumn('withdrawn_by', 'text').execute();
      await db.schema.alterTable('cases').addColumn('withdrawn_reason', 'text').execute();
    },
  };
}
