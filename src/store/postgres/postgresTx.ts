import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { AuditEntry, AuditQuery, LockOptions, StoreTx, User, UserKey } from '../../engine';
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
import { buildPostgresBatch } from './postgresBatch';

const USER_COLUMN: Record<UserKey['by'], string> = {
  id: 'id',
  userName: 'user_name_lc',
  thirdPartyId: 'third_party_id',
  ownerId: 'owner_id',
};

const keyValue = (key: UserKey): string => (key.by === 'userName' ? key.value.toLowerCase() : key.value);

const forUpdate = (lock?: LockOptions): string => (lock?.forUpdate ? ' FOR UPDATE' : '');

type SqlValue = string | number | boolean | null | (string | null)[];

const AUDIT_ROWS_PER_INSERT = 500;

/** Each users column and where its value comes from. */
const USER_FIELDS: [column: string, value: (user: User) => SqlValue][] = [
  ['id', (u) => u.id],
  ['directory_id', (u) => u.directoryId],
  ['user_name', (u) => u.userName],
  ['user_name_lc', (u) => u.userName.toLowerCase()],
  ['third_party_id', (u) => u.thirdPartyId],
  ['owner_id', (u) => u.ownerId],
  ['display_name', (u) => u.displayName],
  ['email', (u) => u.email],
  ['is_admin', (u) => u.isAdmin],
  ['status', (u) => u.status],
  ['status_reason', (u) => u.statusReason],
  ['hosted', (u) => u.hosted],
  ['password_hash', (u) => u.passwordHash],
  ['failed_logins', (u) => u.failedLogins],
  ['locked_until', (u) => u.lockedUntil],
  ['last_logon_at', (u) => u.lastLogonAt],
  ['version', (u) => u.version],
  ['created_at', (u) => u.createdAt],
  ['updated_at', (u) => u.updatedAt],
];

const INSERT_USER = `INSERT INTO users (${USER_FIELDS.map(([c]) => c).join(', ')}) VALUES (${USER_FIELDS.map((_, i) => `$${i + 1}`).join(', ')})`;

// The id ($1) finds the row; created_at never changes; every other column is written.
const UPDATED_FIELDS = USER_FIELDS.filter(([column]) => column !== 'id' && column !== 'created_at');
const UPDATE_USER = `UPDATE users SET ${UPDATED_FIELDS.map(([c], i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`;

/**
 * The store port's methods over one pooled client that holds an open transaction.
 * Lists of values travel as one array parameter (= ANY($n)), so no statement grows with its
 * input and a locking SELECT takes its rows in one statement, in id order.
 */
export function buildPostgresTx(client: PoolClient): StoreTx {
  // One client runs one statement at a time; engine code may still start several at once
  // (Promise.all), so statements wait their turn here instead of piling onto the client.
  let previous: Promise<unknown> = Promise.resolve();
  const query = <R extends QueryResultRow>(sql: string, params: SqlValue[]): Promise<QueryResult<R>> => {
    const next = previous.then(() => client.query<R>(sql, params));
    previous = next.catch(() => undefined);
    return next;
  };
  const rows = async <R extends QueryResultRow>(sql: string, params: SqlValue[] = []): Promise<R[]> => (await query<R>(sql, params)).rows;
  const one = async <R extends QueryResultRow>(sql: string, params: SqlValue[] = []): Promise<R | undefined> =>
    (await rows<R>(sql, params))[0];
  const run = async (sql: string, params: SqlValue[] = []): Promise<number> => (await query(sql, params)).rowCount ?? 0;

  return {
    directories: {
      async get(id, lock) {
        const row = await one<DirectoryRow>(`SELECT * FROM directories WHERE id = $1${forUpdate(lock)}`, [id]);
        return row ? toDirectory(row) : null;
      },
      async list() {
        return (await rows<DirectoryRow>('SELECT * FROM directories ORDER BY created_at, id')).map(toDirectory);
      },
      async insert(d) {
        await run('INSERT INTO directories (id, name, seat_limit, created_at) VALUES ($1, $2, $3, $4)', [
          d.id,
          d.name,
          d.seatLimit,
          d.createdAt,
        ]);
      },
      async setSeatLimit(id, seatLimit) {
        return (await run('UPDATE directories SET seat_limit = $1 WHERE id = $2', [seatLimit, id])) > 0;
      },
    },
    users: {
      async get(key, lock) {
        const row = await one<UserRow>(`SELECT * FROM users WHERE ${USER_COLUMN[key.by]} = $1${forUpdate(lock)}`, [keyValue(key)]);
        return row ? toUser(row) : null;
      },
      async getMany(by, values, lock) {
        if (values.length === 0) return [];
        const keys = by === 'userName' ? values.map((v) => v.toLowerCase()) : values;
        // Locks are taken in id order, so two batches over overlapping users cannot deadlock.
        const sql = `SELECT * FROM users WHERE ${USER_COLUMN[by]} = ANY($1) ORDER BY id${forUpdate(lock)}`;
        return (await rows<UserRow>(sql, [keys])).map(toUser);
      },
      async list(directoryId) {
        const found = directoryId
          ? await rows<UserRow>('SELECT * FROM users WHERE directory_id = $1 ORDER BY user_name_lc', [directoryId])
          : await rows<UserRow>('SELECT * FROM users ORDER BY user_name_lc');
        return found.map(toUser);
      },
      async insert(user) {
        await run(
          INSERT_USER,
          USER_FIELDS.map(([, value]) => value(user)),
        );
      },
      async update(user) {
        await run(UPDATE_USER, [user.id, ...UPDATED_FIELDS.map(([, value]) => value(user))]);
      },
      async setStatusMany(ids, update) {
        if (ids.length === 0) return;
        await run('UPDATE users SET status = $1, status_reason = $2, updated_at = $3, version = version + 1 WHERE id = ANY($4)', [
          update.status,
          update.statusReason,
          update.updatedAt,
          ids,
        ]);
      },
      async countEnabled(directoryId) {
        // The caller holds the directory row lock, so this count cannot race another enabling writer.
        const row = await one<{ n: string }>("SELECT COUNT(*) AS n FROM users WHERE directory_id = $1 AND status = 'enabled'", [
          directoryId,
        ]);
        return Number(row?.n ?? 0);
      },
      async countEnabledAdmins() {
        // Every transaction that may disable an administrator counts here, and the guard row makes
        // them count one at a time: the next one's COUNT starts after the previous one committed, so
        // it sees that administrator disabled. Locking the administrator rows themselves would
        // deadlock, because each caller already holds the lock on the administrator it disables.
        await run(`SELECT name FROM store_guards WHERE name = 'enabled-admins' FOR UPDATE`);
        const row = await one<{ n: string }>("SELECT COUNT(*) AS n FROM users WHERE is_admin AND status = 'enabled'");
        return Number(row?.n ?? 0);
      },
    },
    sessions: {
      async insert(s) {
        await run(
          'INSERT INTO sessions (hash, kind, user_id, client_type, created_at, expires_at, sliding_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [s.hash, s.kind, s.userId, s.clientType, s.createdAt, s.expiresAt, s.slidingMs],
        );
      },
      async get(hash, kind) {
        const row = await one<SessionRow>('SELECT * FROM sessions WHERE hash = $1 AND kind = $2', [hash, kind]);
        return row ? toSession(row) : null;
      },
      async setExpiry(hash, expiresAt) {
        await run('UPDATE sessions SET expires_at = $1 WHERE hash = $2', [expiresAt, hash]);
      },
      async delete(hash) {
        return (await run('DELETE FROM sessions WHERE hash = $1', [hash])) > 0;
      },
      async deleteForUsers(userIds, kinds) {
        if (userIds.length === 0 || kinds.length === 0) return 0;
        return run('DELETE FROM sessions WHERE user_id = ANY($1) AND kind = ANY($2)', [userIds, kinds]);
      },
      async listLive(userId, kind, clientType, now) {
        const found = await rows<SessionRow>(
          `SELECT * FROM sessions WHERE user_id = $1 AND kind = $2 AND client_type IS NOT DISTINCT FROM $3
             AND (expires_at IS NULL OR expires_at > $4) ORDER BY created_at, hash`,
          [userId, kind, clientType, now],
        );
        return found.map(toSession);
      },
      async purgeExpired(now) {
        return run('DELETE FROM sessions WHERE expires_at IS NOT NULL AND expires_at <= $1', [now]);
      },
    },
    nonces: {
      async claim(scope, nonce, expiresAt, now) {
        // One statement: a fresh nonce is inserted, an expired one taken over, a live one left alone
        // (no row returned). Two instances claiming the same nonce at once: the unique key lets one win.
        const claimed = await rows(
          `INSERT INTO nonces (scope, nonce, expires_at) VALUES ($1, $2, $3)
           ON CONFLICT (scope, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE nonces.expires_at <= $4
           RETURNING scope`,
          [scope, nonce, expiresAt, now],
        );
        return claimed.length > 0;
      },
      async purgeExpired(now) {
        return run('DELETE FROM nonces WHERE expires_at <= $1', [now]);
      },
    },
    accessKeys: {
      async get(id) {
        const row = await one<AccessKeyRow>('SELECT * FROM access_keys WHERE id = $1', [id]);
        return row ? toAccessKey(row) : null;
      },
      async list() {
        return (await rows<AccessKeyRow>('SELECT * FROM access_keys ORDER BY created_at, id')).map(toAccessKey);
      },
      async insert(k) {
        await run('INSERT INTO access_keys (id, secret, user_id, policy, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          k.id,
          k.secret,
          k.userId,
          k.policy ? JSON.stringify(k.policy) : null,
          k.createdAt,
          k.revokedAt,
        ]);
      },
      async revoke(id, at) {
        return (await run('UPDATE access_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])) > 0;
      },
    },
    apps: {
      async get(appId) {
        const row = await one<AppRow>('SELECT * FROM huawei_apps WHERE app_id = $1', [appId]);
        return row ? toApp(row) : null;
      },
      async list() {
        return (await rows<AppRow>('SELECT * FROM huawei_apps ORDER BY created_at, app_id')).map(toApp);
      },
      async insert(a) {
        await run('INSERT INTO huawei_apps (app_id, app_key, user_id, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5)', [
          a.appId,
          a.appKey,
          a.userId,
          a.createdAt,
          a.revokedAt,
        ]);
      },
      async revoke(appId, at) {
        return (await run('UPDATE huawei_apps SET revoked_at = $1 WHERE app_id = $2 AND revoked_at IS NULL', [at, appId])) > 0;
      },
    },
    audit: {
      async insert(entries: AuditEntry[]) {
        // Rows per statement: 9 parameters each stays far below PostgreSQL's 65535 bound values.
        for (let i = 0; i < entries.length; i += AUDIT_ROWS_PER_INSERT) {
          const part = entries.slice(i, i + AUDIT_ROWS_PER_INSERT);
          const params: SqlValue[] = [];
          const tuples = part.map((e) => {
            const base = params.length;
            params.push(e.at, e.requestId, e.door, e.caller, e.target, e.verb, e.before, e.after, e.outcome);
            return `(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
          });
          await run(
            `INSERT INTO audit (at, request_id, door, caller, target, verb, before, after, outcome) VALUES ${tuples.join(', ')}`,
            params,
          );
        }
      },
      async list(query: AuditQuery) {
        const where: string[] = [];
        const params: SqlValue[] = [];
        const param = (value: SqlValue): string => {
          params.push(value);
          return `$${params.length}`;
        };
        // lower() on both sides matches SQLite's COLLATE NOCASE and uses the audit_target index.
        if (query.target) where.push(`lower(target) = lower(${param(query.target)})`);
        if (query.door) where.push(`door = ${param(query.door)}`);
        if (query.requestId) where.push(`request_id = ${param(query.requestId)}`);
        const limit = param(query.limit ?? 1_000_000);
        const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ${limit}`;
        return (await rows<AuditRow>(sql, params)).map(toAudit);
      },
    },
    batch: buildPostgresBatch({ rows, run }),
  };
}
