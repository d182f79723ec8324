import type { AccessKey, AuditEntry, Directory, HuaweiApp, ProvisioningToken, Session, User } from '../engine';
import { defineTable, type SchemaTable } from './tableSpec';

/**
 * The one description of the store's tables. The row mappers, the insert and update column
 * lists and the SQLite tuple readers are derived from it (rows.ts), and a contract test
 * compares it with both live schemas after their migrations ran. Adding a user column: a
 * line here, the field in the model, its value where the engine makes a user, and a
 * migration per dialect.
 */

export const DIRECTORIES = defineTable<Directory>()({
  name: 'directories',
  columns: [
    { name: 'id', field: 'id', type: 'text', nullable: false, fixed: true },
    { name: 'name', field: 'name', type: 'text', nullable: false },
    { name: 'seat_limit', field: 'seatLimit', type: 'integer', nullable: true },
    { name: 'created_at', field: 'createdAt', type: 'epochMs', nullable: false, fixed: true },
  ],
  primaryKey: ['id'],
});

export const USERS = defineTable<User>()({
  name: 'users',
  columns: [
    { name: 'id', field: 'id', type: 'text', nullable: false, fixed: true },
    { name: 'directory_id', field: 'directoryId', type: 'text', nullable: false },
    { name: 'user_name', field: 'userName', type: 'text', nullable: false },
    // User names are unique and found regardless of case: the index holds them lower-cased.
    { name: 'user_name_lc', derive: (user) => user.userName.toLowerCase(), type: 'text', nullable: false },
    { name: 'third_party_id', field: 'thirdPartyId', type: 'text', nullable: true },
    { name: 'owner_id', field: 'ownerId', type: 'text', nullable: true },
    { name: 'display_name', field: 'displayName', type: 'text', nullable: false },
    { name: 'email', field: 'email', type: 'text', nullable: false },
    { name: 'is_admin', field: 'isAdmin', type: 'boolean', nullable: false },
    { name: 'status', field: 'status', type: 'text', nullable: false },
    { name: 'status_reason', field: 'statusReason', type: 'text', nullable: true },
    { name: 'hosted', field: 'hosted', type: 'boolean', nullable: false },
    { name: 'password_hash', field: 'passwordHash', type: 'text', nullable: true },
    { name: 'failed_logins', field: 'failedLogins', type: 'integer', nullable: false },
    { name: 'locked_until', field: 'lockedUntil', type: 'epochMs', nullable: true },
    { name: 'last_logon_at', field: 'lastLogonAt', type: 'epochMs', nullable: true },
    { name: 'version', field: 'version', type: 'integer', nullable: false },
    { name: 'created_at', field: 'createdAt', type: 'epochMs', nullable: false, fixed: true },
    { name: 'updated_at', field: 'updatedAt', type: 'epochMs', nullable: false },
    { name: 'external_id', field: 'externalId', type: 'text', nullable: true },
    { name: 'profile', field: 'profile', type: 'json', nullable: true },
  ],
  primaryKey: ['id'],
  unique: [['user_name_lc'], ['third_party_id'], ['owner_id']],
  indexes: [
    // The seat count and the last-administrator count read only these rows, so a status
    // change moves a row in (at most) these two small indexes.
    { name: 'users_enabled_by_directory', columns: ['directory_id'], where: { column: 'status', equals: 'enabled' } },
    { name: 'users_enabled_admins', columns: ['status'], where: { column: 'is_admin', equals: true } },
    { name: 'users_external_id', columns: ['external_id'] },
  ],
});

/**
 * Each user's e-mail addresses, lower-cased, one row each: a user query matches an address
 * (of a type, or of any) with an index instead of reading every user's profile.
 */
export const USER_EMAILS: SchemaTable = {
  name: 'user_emails',
  columns: [
    { name: 'user_id', type: 'text', nullable: false },
    { name: 'ordinal', type: 'integer', nullable: false },
    { name: 'type_lc', type: 'text', nullable: true },
    { name: 'value_lc', type: 'text', nullable: false },
  ],
  primaryKey: ['user_id', 'ordinal'],
  indexes: [{ name: 'user_emails_value', columns: ['value_lc'] }],
};

export const PROVISIONING_TOKENS = defineTable<ProvisioningToken>()({
  name: 'provisioning_tokens',
  columns: [
    { name: 'id', field: 'id', type: 'text', nullable: false, fixed: true },
    { name: 'hash', field: 'hash', type: 'text', nullable: false },
    { name: 'user_id', field: 'userId', type: 'text', nullable: false },
    { name: 'directory_id', field: 'directoryId', type: 'text', nullable: false },
    { name: 'created_at', field: 'createdAt', type: 'epochMs', nullable: false, fixed: true },
    { name: 'revoked_at', field: 'revokedAt', type: 'epochMs', nullable: true },
  ],
  primaryKey: ['id'],
  unique: [['hash']],
});

export const SESSIONS = defineTable<Session>()({
  name: 'sessions',
  columns: [
    { name: 'hash', field: 'hash', type: 'text', nullable: false, fixed: true },
    { name: 'kind', field: 'kind', type: 'text', nullable: false },
    { name: 'user_id', field: 'userId', type: 'text', nullable: false },
    { name: 'client_type', field: 'clientType', type: 'integer', nullable: true },
    { name: 'created_at', field: 'createdAt', type: 'epochMs', nullable: false, fixed: true },
    { name: 'expires_at', field: 'expiresAt', type: 'epochMs', nullable: true },
    { name: 'sliding_ms', field: 'slidingMs', type: 'epochMs', nullable: true },
  ],
  primaryKey: ['hash'],
  indexes: [
    { name: 'sessions_user', columns: ['user_id', 'kind', 'client_type'] },
    { name: 'sessions_expiry', columns: ['expires_at'] },
  ],
});

/** Nonces have no model: the store only claims and purges them. */
export const NONCES: SchemaTable = {
  name: 'nonces',
  columns: [
    { name: 'scope', type: 'text', nullable: false },
    { name: 'nonce', type: 'text', nullable: false },
    { name: 'expires_at', type: 'epochMs', nullable: false },
  ],
  primaryKey: ['scope', 'nonce'],
  indexes: [{ name: 'nonces_expiry', columns: ['expires_at'] }],
};

export const ACCESS_KEYS = defineTable<AccessKey>()({
  name: 'access_keys',
  columns: [
    { name: 'id', field: 'id', type: 'text', nullable: false, fixed: true },
    { name: 'secret', field: 'secret', type: 'text', nullable: false },
    { name: 'user_id', field: 'userId', type: 'text', nullable: false },
    { name: 'policy', field: 'policy', type: 'json', nullable: true },
    { name: 'created_at', field: 'createdAt', type: 'epochMs', nullable: false, fixed: true },
    { name: 'revoked_at', field: 'revokedAt', type: 'epochMs', nullable: true },
  ],
  primaryKey: ['id'],
});

export const HUAWEI_APPS = defineTable<HuaweiApp>()({
  name: 'huawei_apps',
  columns: [
    { name: 'app_id', field: 'appId', type: 'text', nullable: false, fixed: true },
    { name: 'app_key', field: 'appKey', type: 'text', nullable: false },
    { name: 'user_id', field: 'userId', type: 'text', nullable: false },
    { name: 'created_at', field: 'createdAt', type: 'epochMs', nullable: false, fixed: true },
    { name: 'revoked_at', field: 'revokedAt', type: 'epochMs', nullable: true },
  ],
  primaryKey: ['app_id'],
});

export const AUDIT = defineTable<AuditEntry>()({
  name: 'audit',
  columns: [
    { name: 'id', field: 'id', type: 'rowId', nullable: false },
    { name: 'at', field: 'at', type: 'epochMs', nullable: false },
    { name: 'request_id', field: 'requestId', type: 'text', nullable: false },
    { name: 'door', field: 'door', type: 'text', nullable: false },
    { name: 'caller', field: 'caller', type: 'text', nullable: false },
    { name: 'target', field: 'target', type: 'text', nullable: false },
    { name: 'verb', field: 'verb', type: 'text', nullable: false },
    { name: 'before', field: 'before', type: 'text', nullable: true },
    { name: 'after', field: 'after', type: 'text', nullable: true },
    { name: 'outcome', field: 'outcome', type: 'text', nullable: false },
  ],
  primaryKey: ['id'],
  indexes: [
    { name: 'audit_target', columns: [{ caseless: 'target' }] },
    { name: 'audit_request', columns: ['request_id'] },
  ],
});

export const STORE_GUARDS: SchemaTable = {
  name: 'store_guards',
  columns: [{ name: 'name', type: 'text', nullable: false }],
  primaryKey: ['name'],
  only: {
    dialect: 'postgres',
    why:
      'rows that PostgreSQL writers lock (FOR UPDATE) to take turns on a rule spanning many rows (the last enabled ' +
      'administrator); SQLite has one writer at a time, so it has nothing to take turns on',
  },
};

/** Both migrators keep their own bookkeeping here (created outside the numbered migrations). */
export const SCHEMA_MIGRATIONS: SchemaTable = {
  name: 'schema_migrations',
  columns: [
    { name: 'version', type: 'integer', nullable: false },
    { name: 'name', type: 'text', nullable: false },
    { name: 'applied_at', type: 'epochMs', nullable: false },
  ],
  primaryKey: ['version'],
};

/**
 * Declared, not made equal: SQLite lets NULL into a PRIMARY KEY column declared without NOT
 * NULL (a quirk it keeps for compatibility), and the first release declared these tables'
 * single-column keys so (audit's and schema_migrations' are rowids, never NULL, but reported
 * the same way). The adapters never write NULL there; SQLite cannot add NOT NULL to a column,
 * so making it refuse NULL would mean rebuilding every table with its foreign keys.
 */
export const SQLITE_KEYS_WITHOUT_NOT_NULL: readonly string[] = [
  'directories',
  'users',
  'sessions',
  'access_keys',
  'huawei_apps',
  'audit',
  'schema_migrations',
];

/** Every table of the store, on the dialects it exists on. */
export const TABLES: readonly SchemaTable[] = [
  DIRECTORIES,
  USERS,
  SESSIONS,
  NONCES,
  ACCESS_KEYS,
  HUAWEI_APPS,
  AUDIT,
  STORE_GUARDS,
  SCHEMA_MIGRATIONS,
  USER_EMAILS,
  PROVISIONING_TOKENS,
];
