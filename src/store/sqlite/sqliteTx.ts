import type Database from 'better-sqlite3';
import type { AuditEntry, AuditQuery, SessionKind, StoreTx, User, UserKey, UserStatus } from '../../engine';
import {
  toAccessKey,
  toApp,
  toAudit,
  toDirectory,
  toSession,
  toUser,
  type AccessKeyRow,
  type AppRow,
  type AuditRow,
  type DirectoryRow,
  type SessionRow,
  type UserRow,
} from '../rows';
import { buildSqliteBatch } from './sqliteBatch';

/**
 * A list of any length goes to SQLite as one JSON array bound to one parameter, read with
 * json_each: one cached statement whatever the length, no limit on bound values, and each
 * value still found through the index (the plan is SEARCH .. USING INDEX, LIST SUBQUERY).
 */
const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/** Audit rows per multi-row INSERT: one statement instead of 64 for a batch's rows. */
const AUDIT_ROWS = 64;
const AUDIT_COLUMNS = '(at, request_id, door, caller, target, verb, before, after, outcome)';

const USER_COLUMN: Record<UserKey['by'], string> = {
  id: 'id',
  userName: 'user_name_lc',
  thirdPartyId: 'third_party_id',
  ownerId: 'owner_id',
};

/**
 * Every change reads two users (the caller and the target): read as arrays, better-sqlite3
 * does not build a keyed row object first, then a User from it.
 */
const USER_TUPLE_COLUMNS =
  'id, directory_id, user_name, third_party_id, owner_id, display_name, email, is_admin, status, status_reason, hosted, ' +
  'password_hash, failed_logins, locked_until, last_logon_at, version, created_at, updated_at';
/** The columns of USER_TUPLE_COLUMNS, in order. */
type UserTuple = [
  id: string,
  directoryId: string,
  userName: string,
  thirdPartyId: string | null,
  ownerId: string | null,
  displayName: string,
  email: string,
  isAdmin: number,
  status: UserStatus,
  statusReason: string | null,
  hosted: number,
  passwordHash: string | null,
  failedLogins: number,
  lockedUntil: number | null,
  lastLogonAt: number | null,
  version: number,
  createdAt: number,
  updatedAt: number,
];
const userFromTuple = ([
  id,
  directoryId,
  userName,
  thirdPartyId,
  ownerId,
  displayName,
  email,
  isAdmin,
  status,
  statusReason,
  hosted,
  passwordHash,
  failedLogins,
  lockedUntil,
  lastLogonAt,
  version,
  createdAt,
  updatedAt,
]: UserTuple): User => ({
  id,
  directoryId,
  userName,
  thirdPartyId,
  ownerId,
  displayName,
  email,
  isAdmin: isAdmin === 1,
  status,
  statusReason,
  hosted: hosted === 1,
  passwordHash,
  failedLogins,
  lockedUntil,
  lastLogonAt,
  version,
  createdAt,
  updatedAt,
});

/**
 * The hot statements' SQL, built once: a template literal would build a new string per call,
 * and the statement cache would hash all of it before finding the statement.
 */
const USER_BY = Object.fromEntries(
  Object.entries(USER_COLUMN).map(([by, column]) => [by, `SELECT ${USER_TUPLE_COLUMNS} FROM users WHERE ${column} = ?`]),
) as Record<UserKey['by'], string>;
const SET_STATUS = 'UPDATE users SET status = ?, status_reason = ?, updated_at = ?, version = version + 1 WHERE';
const SET_STATUS_ONE = `${SET_STATUS} id = ?`;
const SET_STATUS_MANY = `${SET_STATUS} id ${IN_LIST}`;
const DELETE_SESSIONS_OF_ONE = `DELETE FROM sessions WHERE user_id = ? AND kind ${IN_LIST}`;
const DELETE_SESSIONS_OF_MANY = `DELETE FROM sessions WHERE user_id ${IN_LIST} AND kind ${IN_LIST}`;
const SESSION_COLUMNS = 'hash, kind, user_id, client_type, created_at, expires_at, sliding_ms';
const SESSION_BY_HASH = `SELECT ${SESSION_COLUMNS} FROM sessions WHERE hash = ? AND kind = ?`;
type SessionTuple = [
  hash: string,
  kind: SessionKind,
  userId: string,
  clientType: number | null,
  createdAt: number,
  expiresAt: number | null,
  slidingMs: number | null,
];
const AUDIT_ONE = `INSERT INTO audit ${AUDIT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const AUDIT_MANY = `INSERT INTO audit ${AUDIT_COLUMNS} VALUES ${new Array(AUDIT_ROWS).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;

const keyValue = (key: UserKey): string => (key.by === 'userName' ? key.value.toLowerCase() : key.value);

/** The store port's methods over one better-sqlite3 connection; the caller holds the transaction. */
export function buildSqliteTx(db: Database.Database): StoreTx {
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const b = (value: boolean): number => (value ? 1 : 0);

  const userParams = (user: User) => ({
    id: user.id,
    directory_id: user.directoryId,
    user_name: user.userName,
    user_name_lc: user.userName.toLowerCase(),
    third_party_id: user.thirdPartyId,
    owner_id: user.ownerId,
    display_name: user.displayName,
    email: user.email,
    is_admin: b(user.isAdmin),
    status: user.status,
    status_reason: user.statusReason,
    hosted: b(user.hosted),
    password_hash: user.passwordHash,
    failed_logins: user.failedLogins,
    locked_until: user.lockedUntil,
    last_logon_at: user.lastLogonAt,
    version: user.version,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  });

  return {
    directories: {
      async get(id) {
        const row = stmt('SELECT * FROM directories WHERE id = ?').get(id) as DirectoryRow | undefined;
        return row ? toDirectory(row) : null;
      },
      async list() {
        return (stmt('SELECT * FROM directories ORDER BY created_at, id').all() as DirectoryRow[]).map(toDirectory);
      },
      async insert(d) {
        stmt('INSERT INTO directories (id, name, seat_limit, created_at) VALUES (?, ?, ?, ?)').run(d.id, d.name, d.seatLimit, d.createdAt);
      },
      async setSeatLimit(id, seatLimit) {
        return stmt('UPDATE directories SET seat_limit = ? WHERE id = ?').run(seatLimit, id).changes > 0;
      },
    },
    users: {
      async get(key) {
        const row = stmt(USER_BY[key.by]).raw().get(keyValue(key)) as UserTuple | undefined;
        return row ? userFromTuple(row) : null;
      },
      async getMany(by, values) {
        const column = USER_COLUMN[by];
        const keys = by === 'userName' ? values.map((v) => v.toLowerCase()) : values;
        const rows = stmt(`SELECT * FROM users WHERE ${column} ${IN_LIST}`).all(JSON.stringify(keys)) as UserRow[];
        return rows.map(toUser);
      },
      async list(directoryId) {
        const rows = directoryId
          ? stmt('SELECT * FROM users WHERE directory_id = ? ORDER BY user_name_lc').all(directoryId)
          : stmt('SELECT * FROM users ORDER BY user_name_lc').all();
        return (rows as UserRow[]).map(toUser);
      },
      async insert(user) {
        stmt(
          `INSERT INTO users (id, directory_id, user_name, user_name_lc, third_party_id, owner_id, display_name, email, is_admin,
             status, status_reason, hosted, password_hash, failed_logins, locked_until, last_logon_at, version, created_at, updated_at)
           VALUES (@id, @directory_id, @user_name, @user_name_lc, @third_party_id, @owner_id, @display_name, @email, @is_admin,
             @status, @status_reason, @hosted, @password_hash, @failed_logins, @locked_until, @last_logon_at, @version, @created_at, @updated_at)`,
        ).run(userParams(user));
      },
      async update(user) {
        stmt(
          `UPDATE users SET directory_id = @directory_id, user_name = @user_name, user_name_lc = @user_name_lc,
             third_party_id = @third_party_id, owner_id = @owner_id, display_name = @display_name, email = @email,
             is_admin = @is_admin, status = @status, status_reason = @status_reason, hosted = @hosted,
             password_hash = @password_hash, failed_logins = @failed_logins, locked_until = @locked_until,
             last_logon_at = @last_logon_at, version = @version, updated_at = @updated_at
           WHERE id = @id`,
        ).run(userParams(user));
      },
      async setStatusMany(ids, update) {
        // One user (every asmx and aliyun change) is a plain key lookup; JSON is for lists.
        stmt(ids.length === 1 ? SET_STATUS_ONE : SET_STATUS_MANY).run(
          update.status,
          update.statusReason,
          update.updatedAt,
          ids.length === 1 ? ids[0] : JSON.stringify(ids),
        );
      },
      async countEnabled(directoryId) {
        return (stmt("SELECT COUNT(*) AS n FROM users WHERE directory_id = ? AND status = 'enabled'").get(directoryId) as { n: number }).n;
      },
      async countEnabledAdmins() {
        return (stmt("SELECT COUNT(*) AS n FROM users WHERE is_admin = 1 AND status = 'enabled'").get() as { n: number }).n;
      },
    },
    sessions: {
      async insert(s) {
        stmt(
          'INSERT INTO sessions (hash, kind, user_id, client_type, created_at, expires_at, sliding_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(s.hash, s.kind, s.userId, s.clientType, s.createdAt, s.expiresAt, s.slidingMs);
      },
      async get(hash, kind) {
        // Every bearer request reads its session: as an array, like the users it names.
        const row = stmt(SESSION_BY_HASH).raw().get(hash, kind) as SessionTuple | undefined;
        if (!row) return null;
        const [foundHash, foundKind, userId, clientType, createdAt, expiresAt, slidingMs] = row;
        return { hash: foundHash, kind: foundKind, userId, clientType, createdAt, expiresAt, slidingMs };
      },
      async setExpiry(hash, expiresAt) {
        stmt('UPDATE sessions SET expires_at = ? WHERE hash = ?').run(expiresAt, hash);
      },
      async delete(hash) {
        return stmt('DELETE FROM sessions WHERE hash = ?').run(hash).changes > 0;
      },
      async deleteForUsers(userIds, kinds) {
        return stmt(userIds.length === 1 ? DELETE_SESSIONS_OF_ONE : DELETE_SESSIONS_OF_MANY).run(
          userIds.length === 1 ? userIds[0] : JSON.stringify(userIds),
          JSON.stringify(kinds),
        ).changes;
      },
      async listLive(userId, kind, clientType, now) {
        const rows = stmt(
          `SELECT * FROM sessions WHERE user_id = ? AND kind = ? AND client_type IS ?
             AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at, hash`,
        ).all(userId, kind, clientType, now) as SessionRow[];
        return rows.map(toSession);
      },
      async purgeExpired(now) {
        return stmt('DELETE FROM sessions WHERE expires_at IS NOT NULL AND expires_at <= ?').run(now).changes;
      },
    },
    nonces: {
      async claim(scope, nonce, expiresAt, now) {
        // One statement: a nonce seen before counts again only once its window has passed.
        const claimed = stmt(
          `INSERT INTO nonces (scope, nonce, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (scope, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= ?`,
        ).run(scope, nonce, expiresAt, now);
        return claimed.changes > 0;
      },
      async purgeExpired(now) {
        return stmt('DELETE FROM nonces WHERE expires_at <= ?').run(now).changes;
      },
    },
    accessKeys: {
      async get(id) {
        const row = stmt('SELECT * FROM access_keys WHERE id = ?').get(id) as AccessKeyRow | undefined;
        return row ? toAccessKey(row) : null;
      },
      async list() {
        return (stmt('SELECT * FROM access_keys ORDER BY created_at, id').all() as AccessKeyRow[]).map(toAccessKey);
      },
      async insert(k) {
        stmt('INSERT INTO access_keys (id, secret, user_id, policy, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)').run(
          k.id,
          k.secret,
          k.userId,
          k.policy ? JSON.stringify(k.policy) : null,
          k.createdAt,
          k.revokedAt,
        );
      },
      async revoke(id, at) {
        return stmt('UPDATE access_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0;
      },
    },
    apps: {
      async get(appId) {
        const row = stmt('SELECT * FROM huawei_apps WHERE app_id = ?').get(appId) as AppRow | undefined;
        return row ? toApp(row) : null;
      },
      async list() {
        return (stmt('SELECT * FROM huawei_apps ORDER BY created_at, app_id').all() as AppRow[]).map(toApp);
      },
      async insert(a) {
        stmt('INSERT INTO huawei_apps (app_id, app_key, user_id, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)').run(
          a.appId,
          a.appKey,
          a.userId,
          a.createdAt,
          a.revokedAt,
        );
      },
      async revoke(appId, at) {
        return stmt('UPDATE huawei_apps SET revoked_at = ? WHERE app_id = ? AND revoked_at IS NULL').run(at, appId).changes > 0;
      },
    },
    audit: {
      async insert(entries: AuditEntry[]) {
        const one = stmt(AUDIT_ONE);
        const many = entries.length >= AUDIT_ROWS ? stmt(AUDIT_MANY) : null;
        let i = 0;
        if (many) {
          const params: (string | number | null)[] = new Array(AUDIT_ROWS * 9);
          for (; i + AUDIT_ROWS <= entries.length; i += AUDIT_ROWS) {
            for (let r = 0; r < AUDIT_ROWS; r++) {
              const e = entries[i + r];
              const at = r * 9;
              params[at] = e.at;
              params[at + 1] = e.requestId;
              params[at + 2] = e.door;
              params[at + 3] = e.caller;
              params[at + 4] = e.target;
              params[at + 5] = e.verb;
              params[at + 6] = e.before;
              params[at + 7] = e.after;
              params[at + 8] = e.outcome;
            }
            many.run(params);
          }
        }
        for (; i < entries.length; i++) {
          const e = entries[i];
          one.run(e.at, e.requestId, e.door, e.caller, e.target, e.verb, e.before, e.after, e.outcome);
        }
      },
      async list(query: AuditQuery) {
        const where: string[] = [];
        const params: (string | number)[] = [];
        if (query.target) {
          where.push('target = ? COLLATE NOCASE');
          params.push(query.target);
        }
        if (query.door) {
          where.push('door = ?');
          params.push(query.door);
        }
        if (query.requestId) {
          where.push('request_id = ?');
          params.push(query.requestId);
        }
        const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
        return (db.prepare(sql).all(...params, query.limit ?? 1_000_000) as AuditRow[]).map(toAudit);
      },
    },
    batch: buildSqliteBatch(db, stmt),
  };
}
