/**
 * @module Migration 0004: the platform's accounts (账户) — users of an agency with their roles and
 * argon2id password hashes, server-side sessions and API tokens kept only as SHA-256 hashes, and the
 * failed logins by address that the per-address throttle counts.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectHandle } from '../dialect.js';

export function accountsMigration(dialect: DialectHandle): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', (c) => dialect.autoIdColumn(c))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('password_changed_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();
      // 'Li.Ming' and 'li.ming' are one login: names are ASCII (the use cases check), where lower() is
      // the same on both dialects.
      await db.schema
        .createIndex('users_name_lower')
        .on('users')
        .unique()
        .expression(sql`lower(name)`)
        .execute();
      await db.schema.createIndex('users_by_agency').on('users').column('agency_id').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('address', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'integer', (c) => dialect.autoIdColumn(c))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_by_user').on('api_tokens').column('user_id').execute();

      await db.schema
        .createTable('login_failures')
        .addColumn('id', 'integer', (c) => dialect.autoIdColumn(c))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('name_tried', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      // The throttle counts an address's failures since a moment; pruning drops the old ones by time.
      await db.schema
        .createIndex('login_failures_by_address')
        .on('login_failures')
        .columns(['address', 'at'])
        .execute();
      await db.schema.createIndex('login_failures_by_at').on('login_failures').column('at').execute();
      await db.schema
        .createIndex('login_failures_by_name')
        .on('login_failures')
        .column('name_tried')
        .execute();
    },
  };
}
