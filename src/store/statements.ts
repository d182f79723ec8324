import type { UserKey } from '../engine';
import type { Dialect } from './dialect';
import { tableCodecs, type TableCodecs } from './rows';

/** The users column each kind of key finds its user by. */
export const USER_KEY_COLUMN: Record<UserKey['by'], string> = {
  id: 'id',
  userName: 'user_name_lc',
  thirdPartyId: 'third_party_id',
  ownerId: 'owner_id',
};

export const userKeyValue = (key: UserKey): string => (key.by === 'userName' ? key.value.toLowerCase() : key.value);

const byKey = (sql: (column: string) => string): Record<UserKey['by'], string> =>
  Object.fromEntries(Object.entries(USER_KEY_COLUMN).map(([by, column]) => [by, sql(column)])) as Record<UserKey['by'], string>;

/**
 * The statements both dialects run, written once with `?` and compiled when an adapter's
 * module loads: each is a constant string, so a statement cache finds it without building
 * or hashing a new string per call.
 */
export function portableStatements(dialect: Dialect, codecs: TableCodecs = tableCodecs(dialect)) {
  const q = dialect.compile;
  const { directories, users, sessions, accessKeys, apps, audit, tokens } = codecs;
  const select = (codec: { selectList: string; table: string }) => `SELECT ${codec.selectList} FROM ${codec.table}`;
  const setStatus = 'UPDATE users SET status = ?, status_reason = ?, updated_at = ?, version = version + 1 WHERE';
  return {
    codecs,
    directoryById: q(`${select(directories)} WHERE id = ?`),
    directoryByIdLocked: q(`${select(directories)} WHERE id = ?${dialect.forUpdate}`),
    directories: q(`${select(directories)} ORDER BY created_at, id`),
    setSeatLimit: q('UPDATE directories SET seat_limit = ? WHERE id = ?'),

    userBy: byKey((column) => q(`${select(users)} WHERE ${column} = ?`)),
    userByLocked: byKey((column) => q(`${select(users)} WHERE ${column} = ?${dialect.forUpdate}`)),
    usersOfDirectory: q(`${select(users)} WHERE directory_id = ? ORDER BY user_name_lc`),
    users: q(`${select(users)} ORDER BY user_name_lc`),
    // One user (every asmx and aliyun change) is a plain key lookup; the list form is for batches.
    setStatusOne: q(`${setStatus} id = ?`),
    setStatusMany: q(`${setStatus} ${dialect.inList('id')}`),
    countEnabled: q("SELECT COUNT(*) FROM users WHERE directory_id = ? AND status = 'enabled'"),
    // Written as the partial index's condition, so the count reads only that index.
    countEnabledAdmins: q(
      `SELECT COUNT(*) FROM users WHERE ${dialect.predicate({ column: 'is_admin', equals: true })} AND status = 'enabled'`,
    ),

    deleteEmails: q('DELETE FROM user_emails WHERE user_id = ?'),
    insertEmail: q('INSERT INTO user_emails (user_id, ordinal, type_lc, value_lc) VALUES (?, ?, ?, ?)'),
    // A user's rows in every table that names it, children first (the foreign keys), the user last.
    deleteUser: [
      'DELETE FROM user_emails WHERE user_id = ?',
      'DELETE FROM sessions WHERE user_id = ?',
      'DELETE FROM access_keys WHERE user_id = ?',
      'DELETE FROM huawei_apps WHERE user_id = ?',
      'DELETE FROM provisioning_tokens WHERE user_id = ?',
      'DELETE FROM users WHERE id = ?',
    ].map(q),
    /** A user query's page and count, over the condition userQuerySql built. */
    userQuery: (where: string) => ({
      page: q(`${select(users)} WHERE ${where} ORDER BY id LIMIT ? OFFSET ?`),
      count: q(`SELECT COUNT(*) FROM users WHERE ${where}`),
    }),

    tokenById: q(`${select(tokens)} WHERE id = ?`),
    tokenByHash: q(`${select(tokens)} WHERE hash = ?`),
    tokens: q(`${select(tokens)} ORDER BY created_at, id`),
    revokeToken: q('UPDATE provisioning_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),

    sessionByHash: q(`${select(sessions)} WHERE hash = ? AND kind = ?`),
    setSessionExpiry: q('UPDATE sessions SET expires_at = ? WHERE hash = ?'),
    deleteSession: q('DELETE FROM sessions WHERE hash = ?'),
    deleteSessionsOfOne: q(`DELETE FROM sessions WHERE user_id = ? AND ${dialect.inList('kind')}`),
    deleteSessionsOfMany: q(`DELETE FROM sessions WHERE ${dialect.inList('user_id')} AND ${dialect.inList('kind')}`),
    liveSessions: q(
      `${select(sessions)} WHERE user_id = ? AND kind = ? AND client_type IS NOT DISTINCT FROM ?
         AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at, hash`,
    ),
    purgeSessions: q('DELETE FROM sessions WHERE expires_at IS NOT NULL AND expires_at <= ?'),

    // A nonce seen before counts again only once its window has passed.
    claimNonce: q(
      `INSERT INTO nonces (scope, nonce, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (scope, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= ?`,
    ),
    purgeNonces: q('DELETE FROM nonces WHERE expires_at <= ?'),

    accessKeyById: q(`${select(accessKeys)} WHERE id = ?`),
    accessKeys: q(`${select(accessKeys)} ORDER BY created_at, id`),
    revokeAccessKey: q('UPDATE access_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),

    appById: q(`${select(apps)} WHERE app_id = ?`),
    apps: q(`${select(apps)} ORDER BY created_at, app_id`),
    revokeApp: q('UPDATE huawei_apps SET revoked_at = ? WHERE app_id = ? AND revoked_at IS NULL'),

    /** An audit query: its filters in this order, each present or not. */
    auditList(filters: { target: boolean; door: boolean; requestId: boolean }): string {
      const where = [
        filters.target ? dialect.caselessEquals('target') : '',
        filters.door ? 'door = ?' : '',
        filters.requestId ? 'request_id = ?' : '',
      ].filter(Boolean);
      return q(`${select(audit)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`);
    },
  };
}

export type Statements = ReturnType<typeof portableStatements>;
