import type { AccessKey, AuditEntry, Directory, HuaweiApp, Session, SessionKind, User, UserStatus } from '../engine';

/** An integer column: SQLite returns a number, pg returns BIGINT as text (it may exceed 2^53). */
type Int = number | string;

/** Column shapes as both adapters return them: the same names in SQLite and PostgreSQL. */
export interface DirectoryRow {
  id: string;
  name: string;
  seat_limit: Int | null;
  created_at: Int;
}

export interface UserRow {
  id: string;
  directory_id: string;
  user_name: string;
  third_party_id: string | null;
  owner_id: string | null;
  display_name: string;
  email: string;
  is_admin: number | boolean;
  status: string;
  status_reason: string | null;
  hosted: number | boolean;
  password_hash: string | null;
  failed_logins: Int;
  locked_until: Int | null;
  last_logon_at: Int | null;
  version: Int;
  created_at: Int;
  updated_at: Int;
}

export interface SessionRow {
  hash: string;
  kind: string;
  user_id: string;
  client_type: Int | null;
  created_at: Int;
  expires_at: Int | null;
  sliding_ms: Int | null;
}

export interface AccessKeyRow {
  id: string;
  secret: string;
  user_id: string;
  policy: string | null;
  created_at: Int;
  revoked_at: Int | null;
}

export interface AppRow {
  app_id: string;
  app_key: string;
  user_id: string;
  created_at: Int;
  revoked_at: Int | null;
}

export interface AuditRow {
  id: Int;
  at: Int;
  request_id: string;
  door: string;
  caller: string;
  target: string;
  verb: string;
  before: string | null;
  after: string | null;
  outcome: string;
}

/** pg returns BIGINT as text; SQLite as number. Both come through here. */
const num = (value: Int): number => Number(value);
const optNum = (value: Int | null): number | null => (value === null ? null : Number(value));

export const toDirectory = (row: DirectoryRow): Directory => ({
  id: row.id,
  name: row.name,
  seatLimit: optNum(row.seat_limit),
  createdAt: num(row.created_at),
});

export const toUser = (row: UserRow): User => ({
  id: row.id,
  directoryId: row.directory_id,
  userName: row.user_name,
  thirdPartyId: row.third_party_id,
  ownerId: row.owner_id,
  displayName: row.display_name,
  email: row.email,
  isAdmin: Boolean(row.is_admin),
  status: row.status as UserStatus,
  statusReason: row.status_reason,
  hosted: Boolean(row.hosted),
  passwordHash: row.password_hash,
  failedLogins: num(row.failed_logins),
  lockedUntil: optNum(row.locked_until),
  lastLogonAt: optNum(row.last_logon_at),
  version: num(row.version),
  createdAt: num(row.created_at),
  updatedAt: num(row.updated_at),
});

export const toSession = (row: SessionRow): Session => ({
  hash: row.hash,
  kind: row.kind as SessionKind,
  userId: row.user_id,
  clientType: optNum(row.client_type),
  createdAt: num(row.created_at),
  expiresAt: optNum(row.expires_at),
  slidingMs: optNum(row.sliding_ms),
});

export const toAccessKey = (row: AccessKeyRow): AccessKey => ({
  id: row.id,
  secret: row.secret,
  userId: row.user_id,
  policy: row.policy ? JSON.parse(row.policy) : null,
  createdAt: num(row.created_at),
  revokedAt: optNum(row.revoked_at),
});

export const toApp = (row: AppRow): HuaweiApp => ({
  appId: row.app_id,
  appKey: row.app_key,
  userId: row.user_id,
  createdAt: num(row.created_at),
  revokedAt: optNum(row.revoked_at),
});

export const toAudit = (row: AuditRow): AuditEntry => ({
  id: num(row.id),
  at: num(row.at),
  requestId: row.request_id,
  door: row.door,
  caller: row.caller,
  target: row.target,
  verb: row.verb,
  before: row.before,
  after: row.after,
  outcome: row.outcome,
});
