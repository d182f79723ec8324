import type { BatchAccountKind, StoreTx, UserStatus } from '../../engine';
import { batchKeysJson } from '../batchKeys';

/** The statement runners of one transaction's client, as buildPostgresTx makes them. */
export interface PgRunners {
  rows<R extends object>(sql: string, params?: (string | number | string[])[]): Promise<R[]>;
  run(sql: string, params?: (string | number | string[])[]): Promise<number>;
}

/**
 * The transaction's list of batch accounts, dropped at its end (commit or rollback). pos is the
 * account's index in the list, key what users are found by. No index: every statement on it
 * reads all of it (hash joins), and keeping a unique index up to date made the load 3x slower.
 * IF NOT EXISTS and TRUNCATE let one transaction load twice. No parameters, so pg sends both
 * statements in one simple query.
 */
const CREATE_LIST = `CREATE TEMP TABLE IF NOT EXISTS batch_accounts (pos INTEGER NOT NULL, key TEXT NOT NULL) ON COMMIT DROP;
TRUNCATE batch_accounts`;
/**
 * The list travels once, as one JSON text (pg would escape a text[] element by element).
 * DISTINCT ON keeps, of two equal keys, the first one's position.
 */
const FILL_LIST = `INSERT INTO batch_accounts (pos, key)
  SELECT DISTINCT ON (a.k) a.n - 1, a.k FROM json_array_elements_text($1::json) WITH ORDINALITY AS a(k, n) ORDER BY a.k, a.n`;
const LIST_POSITIONS = 'SELECT pos FROM batch_accounts ORDER BY pos';

const KEY_COLUMN: Record<BatchAccountKind, string> = { userName: 'user_name_lc', thirdPartyId: 'third_party_id' };

/** Joins, not IN (SELECT ..): the list has no statistics, and IN would make the planner dedupe it first. */
function statementsFor(column: string) {
  const listed = `batch_accounts AS b JOIN users AS u ON u.${column} = b.key`;
  return {
    unknown: `SELECT b.pos FROM batch_accounts AS b WHERE NOT EXISTS (SELECT 1 FROM users AS u WHERE u.${column} = b.key) ORDER BY b.pos`,
    // Locks in id order, so batches over overlapping users cannot deadlock;
    // the counts see each row as locked, after any writer before us committed.
    count: `SELECT directory_id, COUNT(*) AS listed, COUNT(*) FILTER (WHERE status <> $1) AS changing,
        COUNT(*) FILTER (WHERE status <> $1 AND is_admin) AS changing_admins
      FROM (SELECT u.directory_id, u.is_admin, u.status FROM ${listed} ORDER BY u.id FOR UPDATE OF u) AS locked
      GROUP BY directory_id`,
    users: `SELECT b.pos, u.user_name, u.status FROM ${listed} ORDER BY b.pos`,
    audit: `INSERT INTO audit (at, request_id, door, caller, target, verb, before, after, outcome)
      SELECT $1, $2, $3, $4, u.user_name, $5, u.status, $6::text, CASE WHEN u.status = $6::text THEN 'unchanged' ELSE 'ok' END
      FROM ${listed} ORDER BY b.pos`,
    setStatus: `UPDATE users AS u SET status = $1, status_reason = $2, updated_at = $3, version = u.version + 1
      FROM batch_accounts AS b WHERE u.${column} = b.key AND u.status <> $1`,
    deleteSessions: `DELETE FROM sessions AS s USING ${listed} WHERE s.user_id = u.id AND s.kind = ANY($1)`,
  };
}

const STATEMENTS: Record<BatchAccountKind, ReturnType<typeof statementsFor>> = {
  userName: statementsFor(KEY_COLUMN.userName),
  thirdPartyId: statementsFor(KEY_COLUMN.thirdPartyId),
};

interface CountRow {
  directory_id: string;
  listed: string;
  changing: string;
  changing_admins: string;
}

/** The store port's batch methods on one transaction's client. */
export function buildPostgresBatch(pg: PgRunners): StoreTx['batch'] {
  // Which key the loaded list holds: the later statements find users by the same column.
  let sql = STATEMENTS.userName;
  return {
    async load(by, accounts) {
      await pg.run(CREATE_LIST);
      sql = STATEMENTS[by];
      const listed = await pg.run(FILL_LIST, [batchKeysJson(by, accounts)]);
      const unknown = await pg.rows<{ pos: number }>(sql.unknown);
      return { unknown: unknown.map((row) => accounts[row.pos]), repeats: accounts.length - listed };
    },
    async listPositions() {
      return (await pg.rows<{ pos: number }>(LIST_POSITIONS)).map((row) => row.pos);
    },
    async lockAndCount(status) {
      const rows = await pg.rows<CountRow>(sql.count, [status]);
      return rows.map((row) => ({
        directoryId: row.directory_id,
        listed: Number(row.listed),
        changing: Number(row.changing),
        changingAdmins: Number(row.changing_admins),
      }));
    },
    async listUsers() {
      const rows = await pg.rows<{ pos: number; user_name: string; status: UserStatus }>(sql.users);
      return rows.map((row) => ({ position: row.pos, userName: row.user_name, status: row.status }));
    },
    async insertAudit(common, status) {
      await pg.run(sql.audit, [common.at, common.requestId, common.door, common.caller, common.verb, status]);
    },
    async setStatus(update) {
      return pg.run(sql.setStatus, [update.status, update.statusReason, update.updatedAt]);
    },
    async deleteSessions(kinds) {
      if (kinds.length === 0) return 0;
      return pg.run(sql.deleteSessions, [kinds]);
    },
  };
}
