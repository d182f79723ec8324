import type Database from 'better-sqlite3';
import type { AuditEntry, StoreTx } from '../../engine';
import { buildPortableTx, type Runner } from '../portableTx';
import { portableStatements, userKeyValue } from '../statements';
import { buildSqliteBatch } from './sqliteBatch';
import { SQLITE } from './sqliteDialect';

/** Compiled once, when this module loads: every statement below is a constant string. */
const S = portableStatements(SQLITE);
const { users, sessions, audit } = S.codecs;

/**
 * The statement caches hold the constant statements (about a hundred) and the user queries a
 * SCIM filter makes, whose shapes a client chooses: past this many, a cache starts again, so
 * it cannot grow without end; the constant ones are prepared again once.
 */
const MAX_CACHED_STATEMENTS = 1024;

/** Audit rows per multi-row INSERT: one statement instead of 64 for a batch's rows. */
const AUDIT_ROWS = 64;
const AUDIT_MANY = `INSERT INTO audit ${audit.insertList} VALUES ${new Array<string>(AUDIT_ROWS).fill(audit.valuesRow).join(', ')}`;

/**
 * The store port's methods over one better-sqlite3 connection; the caller holds the transaction.
 * The portable methods run through the statement cache; the ones every status change calls
 * (two users, a session, the status, one audit row) call their prepared statements directly
 * and read users and sessions as arrays (.raw()): better-sqlite3 then builds no keyed row
 * object before the model object.
 */
export function buildSqliteTx(db: Database.Database): StoreTx {
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const rawCache = new Map<string, Database.Statement>();
  const rawStmt = (sql: string): Database.Statement => {
    let s = rawCache.get(sql);
    if (!s) {
      if (rawCache.size >= MAX_CACHED_STATEMENTS) rawCache.clear();
      s = db.prepare(sql).raw();
      rawCache.set(sql, s);
    }
    return s;
  };

  const runner: Runner = {
    tuples: (sql, params) => rawStmt(sql).all(params) as unknown[][],
    run: (sql, params) => stmt(sql).run(params).changes,
  };
  const portable = buildPortableTx(SQLITE, S, runner, {
    async claimNonce(scope, nonce, expiresAt, now) {
      return stmt(S.claimNonce).run(scope, nonce, expiresAt, now).changes > 0;
    },
    // SQLite's one writer already holds the database: nothing to take turns on.
    beforeCountingAdmins: async () => undefined,
  });

  return {
    ...portable,
    users: {
      ...portable.users,
      async get(key) {
        const row = rawStmt(S.userBy[key.by]).get(userKeyValue(key)) as unknown[] | undefined;
        return row ? users.fromTuple(row) : null;
      },
      async setStatusMany(ids, update) {
        if (ids.length === 0) return;
        const one = ids.length === 1;
        stmt(one ? S.setStatusOne : S.setStatusMany).run(
          update.status,
          update.statusReason,
          update.updatedAt,
          one ? ids[0] : SQLITE.list(ids),
        );
      },
    },
    sessions: {
      ...portable.sessions,
      async get(hash, kind) {
        const row = rawStmt(S.sessionByHash).get(hash, kind) as unknown[] | undefined;
        return row ? sessions.fromTuple(row) : null;
      },
    },
    audit: {
      ...portable.audit,
      async insert(entries: AuditEntry[]) {
        const one = stmt(audit.insert);
        let i = 0;
        if (entries.length >= AUDIT_ROWS) {
          const many = stmt(AUDIT_MANY);
          const params: unknown[] = new Array(AUDIT_ROWS * audit.width);
          for (; i + AUDIT_ROWS <= entries.length; i += AUDIT_ROWS) {
            for (let r = 0; r < AUDIT_ROWS; r++) audit.fillInsert(entries[i + r], params, r * audit.width);
            many.run(params);
          }
        }
        for (; i < entries.length; i++) one.run(audit.insertParams(entries[i]));
      },
    },
    batch: buildSqliteBatch(db, stmt),
  };
}
