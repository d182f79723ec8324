/**
 * SQLite schema, in order. Each entry runs once, recorded in schema_migrations; a shipped one
 * is never edited: add one. The result must be what the schema description (../schema.ts)
 * lists, which test/store/schema.test.ts checks.
 */
export const SQLITE_MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE directories (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  seat_limit INTEGER,
  created_at INTEGER NOT NULL
);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  directory_id TEXT NOT NULL REFERENCES directories(id),
  user_name TEXT NOT NULL,
  user_name_lc TEXT NOT NULL UNIQUE,
  third_party_id TEXT UNIQUE,
  owner_id TEXT UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  is_admin INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('enabled', 'disabled')),
  status_reason TEXT,
  hosted INTEGER NOT NULL,
  password_hash TEXT,
  failed_logins INTEGER NOT NULL,
  locked_until INTEGER,
  last_logon_at INTEGER,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX users_directory_status ON users (directory_id, status);
CREATE INDEX users_admin_status ON users (is_admin, status);
CREATE TABLE sessions (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  user_id TEXT NOT NULL,
  client_type INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  sliding_ms INTEGER
);
CREATE INDEX sessions_user ON sessions (user_id, kind, client_type);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE TABLE nonces (
  scope TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, nonce)
);
CREATE INDEX nonces_expiry ON nonces (expires_at);
CREATE TABLE access_keys (
  id TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  policy TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE huawei_apps (
  app_id TEXT PRIMARY KEY,
  app_key TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  door TEXT NOT NULL,
  caller TEXT NOT NULL,
  target TEXT NOT NULL,
  verb TEXT NOT NULL,
  before TEXT,
  after TEXT,
  outcome TEXT NOT NULL
);
CREATE INDEX audit_target ON audit (target COLLATE NOCASE);
CREATE INDEX audit_request ON audit (request_id);
`,
  },
  {
    version: 2,
    name: 'fewer writes per status change',
    // A status change used to move its row in two (directory, status) and (admin, status)
    // indexes and bump sqlite_sequence for its audit row. Partial indexes hold only what the
    // seat and last-administrator counts read, and audit ids need no AUTOINCREMENT: audit rows
    // are never deleted, so the largest id plus one never reuses an id.
    sql: `
DROP INDEX users_admin_status;
CREATE INDEX users_enabled_admins ON users (status) WHERE is_admin = 1;
DROP INDEX users_directory_status;
CREATE INDEX users_enabled_by_directory ON users (directory_id) WHERE status = 'enabled';
CREATE TABLE audit_v2 (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  door TEXT NOT NULL,
  caller TEXT NOT NULL,
  target TEXT NOT NULL,
  verb TEXT NOT NULL,
  before TEXT,
  after TEXT,
  outcome TEXT NOT NULL
);
INSERT INTO audit_v2 (id, at, request_id, door, caller, target, verb, before, after, outcome)
  SELECT id, at, request_id, door, caller, target, verb, before, after, outcome FROM audit ORDER BY id;
DROP TABLE audit;
ALTER TABLE audit_v2 RENAME TO audit;
CREATE INDEX audit_target ON audit (target COLLATE NOCASE);
CREATE INDEX audit_request ON audit (request_id);
DELETE FROM sqlite_sequence WHERE name = 'audit';
`,
  },
  {
    version: 3,
    name: 'provisioning: external ids, profiles, e-mail index, tokens',
    sql: `
ALTER TABLE users ADD COLUMN external_id TEXT;
ALTER TABLE users ADD COLUMN profile TEXT;
CREATE INDEX users_external_id ON users (external_id);
CREATE TABLE user_emails (
  user_id TEXT NOT NULL REFERENCES users(id),
  ordinal INTEGER NOT NULL,
  type_lc TEXT,
  value_lc TEXT NOT NULL,
  PRIMARY KEY (user_id, ordinal)
);
CREATE INDEX user_emails_value ON user_emails (value_lc);
CREATE TABLE provisioning_tokens (
  id TEXT NOT NULL PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id),
  directory_id TEXT NOT NULL REFERENCES directories(id),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
`,
  },
];
