import type { StoreTx } from '../engine';
import type { Dialect } from './dialect';
import { userKeyValue, type Statements } from './statements';
import { userQuerySql } from './userQuery';

/** How the portable methods run a statement on one adapter's connection. */
export interface Runner {
  /** Rows as arrays, in the statement's column order. */
  tuples(sql: string, params: readonly unknown[]): readonly unknown[][] | Promise<readonly unknown[][]>;
  /** Runs a statement that returns no rows; resolves to how many rows it changed. */
  run(sql: string, params: readonly unknown[]): number | Promise<number>;
}

/** What each dialect does its own way inside the portable methods. */
export interface DialectSteps {
  /** Records (scope, nonce): PostgreSQL reads the RETURNING row, SQLite the change count. */
  claimNonce(scope: string, nonce: string, expiresAt: number, now: number): Promise<boolean>;
  /** Runs before the enabled administrators are counted (PostgreSQL takes its guard row lock). */
  beforeCountingAdmins(): Promise<void>;
}

/** Rows per multi-row audit INSERT: 9 parameters each stays far below PostgreSQL's 65535 bound values. */
const AUDIT_ROWS_PER_INSERT = 500;

export type PortableTx = Omit<StoreTx, 'batch'>;

/** The store port's methods once for both dialects, over one adapter's runner. */
export function buildPortableTx(dialect: Dialect, S: Statements, runner: Runner, steps: DialectSteps): PortableTx {
  const { directories, users, sessions, accessKeys, apps, audit, tokens } = S.codecs;
  const all = async <M>(sql: string, params: readonly unknown[], read: (tuple: readonly unknown[]) => M): Promise<M[]> =>
    (await runner.tuples(sql, params)).map((tuple) => read(tuple));
  const first = async <M>(sql: string, params: readonly unknown[], read: (tuple: readonly unknown[]) => M): Promise<M | null> => {
    const [tuple] = await runner.tuples(sql, params);
    return tuple ? read(tuple) : null;
  };
  const count = async (sql: string, params: readonly unknown[]): Promise<number> => Number((await runner.tuples(sql, params))[0][0]);
  const changed = async (sql: string, params: readonly unknown[]): Promise<number> => runner.run(sql, params);

  return {
    directories: {
      get: (id, lock) => first(lock?.forUpdate ? S.directoryByIdLocked : S.directoryById, [id], directories.fromTuple),
      list: () => all(S.directories, [], directories.fromTuple),
      insert: async (directory) => void (await runner.run(directories.insert, directories.insertParams(directory))),
      setSeatLimit: async (id, seatLimit) => (await changed(S.setSeatLimit, [seatLimit, id])) > 0,
    },
    users: {
      get: (key, lock) => first((lock?.forUpdate ? S.userByLocked : S.userBy)[key.by], [userKeyValue(key)], users.fromTuple),
      list: (directoryId) => (directoryId ? all(S.usersOfDirectory, [directoryId], users.fromTuple) : all(S.users, [], users.fromTuple)),
      insert: async (user) => void (await runner.run(users.insert, users.insertParams(user))),
      update: async (user) => void (await runner.run(users.update, users.updateParams(user))),
      async setStatusMany(ids, update) {
        if (ids.length === 0) return;
        const one = ids.length === 1;
        await runner.run(one ? S.setStatusOne : S.setStatusMany, [
          update.status,
          update.statusReason,
          update.updatedAt,
          one ? ids[0] : dialect.list(ids),
        ]);
      },
      // The caller holds the directory row lock, so this count cannot race another enabling writer.
      countEnabled: (directoryId) => count(S.countEnabled, [directoryId]),
      async countEnabledAdmins() {
        await steps.beforeCountingAdmins();
        return count(S.countEnabledAdmins, []);
      },
      async query(query, page) {
        const where = query ? userQuerySql(query) : { sql: '1 = 1', params: [] };
        const sql = S.userQuery(where.sql);
        const total = await count(sql.count, where.params);
        const found = page.limit > 0 && page.offset < total;
        return { total, users: found ? await all(sql.page, [...where.params, page.limit, page.offset], users.fromTuple) : [] };
      },
      async setEmails(userId, emails) {
        await runner.run(S.deleteEmails, [userId]);
        for (const [position, email] of emails.entries()) {
          await runner.run(S.insertEmail, [userId, position, email.type?.toLowerCase() ?? null, email.value.toLowerCase()]);
        }
      },
      async delete(id) {
        let deleted = 0;
        for (const sql of S.deleteUser) deleted = await changed(sql, [id]);
        return deleted > 0;
      },
    },
    provisioningTokens: {
      get: (id) => first(S.tokenById, [id], tokens.fromTuple),
      getByHash: (hash) => first(S.tokenByHash, [hash], tokens.fromTuple),
      list: () => all(S.tokens, [], tokens.fromTuple),
      insert: async (token) => void (await runner.run(tokens.insert, tokens.insertParams(token))),
      revoke: async (id, at) => (await changed(S.revokeToken, [at, id])) > 0,
    },
    sessions: {
      insert: async (session) => void (await runner.run(sessions.insert, sessions.insertParams(session))),
      get: (hash, kind) => first(S.sessionByHash, [hash, kind], sessions.fromTuple),
      setExpiry: async (hash, expiresAt) => void (await runner.run(S.setSessionExpiry, [expiresAt, hash])),
      delete: async (hash) => (await changed(S.deleteSession, [hash])) > 0,
      async deleteForUsers(userIds, kinds) {
        if (userIds.length === 0 || kinds.length === 0) return 0;
        return userIds.length === 1
          ? changed(S.deleteSessionsOfOne, [userIds[0], dialect.list(kinds)])
          : changed(S.deleteSessionsOfMany, [dialect.list(userIds), dialect.list(kinds)]);
      },
      listLive: (userId, kind, clientType, now) => all(S.liveSessions, [userId, kind, clientType, now], sessions.fromTuple),
      purgeExpired: (now) => changed(S.purgeSessions, [now]),
    },
    nonces: {
      claim: (scope, nonce, expiresAt, now) => steps.claimNonce(scope, nonce, expiresAt, now),
      purgeExpired: (now) => changed(S.purgeNonces, [now]),
    },
    accessKeys: {
      get: (id) => first(S.accessKeyById, [id], accessKeys.fromTuple),
      list: () => all(S.accessKeys, [], accessKeys.fromTuple),
      insert: async (key) => void (await runner.run(accessKeys.insert, accessKeys.insertParams(key))),
      revoke: async (id, at) => (await changed(S.revokeAccessKey, [at, id])) > 0,
    },
    apps: {
      get: (appId) => first(S.appById, [appId], apps.fromTuple),
      list: () => all(S.apps, [], apps.fromTuple),
      insert: async (app) => void (await runner.run(apps.insert, apps.insertParams(app))),
      revoke: async (appId, at) => (await changed(S.revokeApp, [at, appId])) > 0,
    },
    audit: {
      async insert(entries) {
        if (entries.length === 1) {
          await runner.run(audit.insert, audit.insertParams(entries[0]));
          return;
        }
        for (let i = 0; i < entries.length; i += AUDIT_ROWS_PER_INSERT) {
          const part = entries.slice(i, i + AUDIT_ROWS_PER_INSERT);
          const params: unknown[] = new Array(part.length * audit.width);
          part.forEach((entry, row) => audit.fillInsert(entry, params, row * audit.width));
          const rows = new Array<string>(part.length).fill(audit.valuesRow).join(', ');
          await runner.run(dialect.compile(`INSERT INTO audit ${audit.insertList} VALUES ${rows}`), params);
        }
      },
      list(query) {
        const sql = S.auditList({ target: !!query.target, door: !!query.door, requestId: !!query.requestId });
        const params = [query.target, query.door, query.requestId].filter((value): value is string => !!value);
        return all(sql, [...params, query.limit ?? 1_000_000], audit.fromTuple);
      },
    },
  };
}
