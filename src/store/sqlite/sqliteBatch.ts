import type Database from 'better-sqlite3';
import type { BatchAccountKind, StoreTx, UserStatus } from '../../engine';
import { batchKeysJson } from '../batchKeys';

/**
 * The connection's list of batch accounts. TEMP: private to the connection, never written to
 * the database file or its WAL. pos is the account's index in the list, key what users are
 * found by; UNIQUE (key) with INSERT OR IGNORE keeps the first spelling of a duplicate.
 */
const CREATE_LIST = 'CREATE TEMP TABLE IF NOT EXISTS batch_accounts (pos INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)';
const CLEAR_LIST = 'DELETE FROM temp.batch_accounts';
// json_each walks the array in order, so of two equal keys the first one's row stays.
const FILL_LIST = 'INSERT OR IGNORE INTO temp.batch_accounts (pos, key) SELECT j.key, j.value FROM json_each(?) AS j';

const LIST_POSITIONS = 'SELECT pos FROM temp.batch_accounts ORDER BY pos';

const KEY_COLUMN: Record<BatchAccountKind, string> = { userName: 'user_name_lc', thirdPartyId: 'third_party_id' };

/**
 * The statements of one kind of key. CROSS JOIN makes SQLite walk the list in pos order and
 * find each user through the key's unique index, so list order costs no sort.
 */
function statementsFor(column: string) {
  const listed = `temp.batch_accounts AS b CROSS JOIN users AS u ON u.${column} = b.key`;
  return {
    unknown: `SELECT b.pos FROM temp.batch_accounts AS b WHERE NOT EXISTS (SELECT 1 FROM users AS u WHERE u.${column} = b.key) ORDER BY b.pos`,
    count: `SELECT u.directory_id, COUNT(*), TOTAL(u.status <> @status), TOTAL(u.status <> @status AND u.is_admin = 1) FROM ${listed} GROUP BY u.directory_id`,
    users: `SELECT b.pos, u.user_name, u.status FROM ${listed} ORDER BY b.pos`,
    audit: `INSERT INTO audit (at, request_id, door, caller, target, verb, before, after, outcome)
      SELECT @at, @requestId, @door, @caller, u.user_name, @verb, u.status, @status, CASE WHEN u.status = @status THEN 'unchanged' ELSE 'ok' END
      FROM ${listed} ORDER BY b.pos`,
    setStatus: `UPDATE users SET status = @status, status_reason = @statusReason, updated_at = @updatedAt, version = version + 1
      WHERE ${column} IN (SELECT key FROM temp.batch_accounts) AND status <> @status`,
    deleteSessions: `DELETE FROM sessions WHERE user_id IN (SELECT u.id FROM ${listed}) AND kind IN (SELECT value FROM json_each(?))`,
  };
}

const STATEMENTS: Record<BatchAccountKind, ReturnType<typeof statementsFor>> = {
  userName: statementsFor(KEY_COLUMN.userName),
  thirdPartyId: statementsFor(KEY_COLUMN.thirdPartyId),
};

/** The store port's batch methods on one connection; stmt is the connection's statement cache. */
export function buildSqliteBatch(db: Database.Database, stmt: (sql: string) => Database.Statement): StoreTx['batch'] {
  // Which key the loaded list holds: the later statements find users by the same column.
  let sql = STATEMENTS.userName;
  return {
    async load(by, accounts) {
      // Created here, not with the connection: a rolled-back first batch takes the table with it.
      db.exec(CREATE_LIST);
      stmt(CLEAR_LIST).run();
      sql = STATEMENTS[by];
      const listed = stmt(FILL_LIST).run(batchKeysJson(by, accounts)).changes;
      const unknown = stmt(sql.unknown).pluck().all() as number[];
      return { unknown: unknown.map((pos) => accounts[pos]), repeats: accounts.length - listed };
    },
    async listPositions() {
      return stmt(LIST_POSITIONS).pluck().all() as number[];
    },
    async lockAndCount(status) {
      // SQLite's one writer already holds the database: there is nothing to lock.
      const rows = stmt(sql.count).raw().all({ status }) as [string, number, number, number][];
      return rows.map(([directoryId, listed, changing, changingAdmins]) => ({ directoryId, listed, changing, changingAdmins }));
    },
    async listUsers() {
      const rows = stmt(sql.users).raw().all() as [number, string, UserStatus][];
      return rows.map(([position, userName, status]) => ({ position, userName, status }));
    },
    async insertAudit(common, status) {
      stmt(sql.audit).run({ ...common, status });
    },
    async setStatus(update) {
      return stmt(sql.setStatus).run(update).changes;
    },
    async deleteSessions(kinds) {
      return stmt(sql.deleteSessions).run(JSON.stringify(kinds)).changes;
    },
  };
}
