import type { PoolClient, QueryResultRow } from 'pg';
import type { StoreTx } from '../../engine';
import { buildPortableTx, type Runner } from '../portableTx';
import { portableStatements } from '../statements';
import { buildPostgresBatch } from './postgresBatch';
import { POSTGRES } from './postgresDialect';

/** Compiled once, when this module loads. */
const S = portableStatements(POSTGRES);

// A live nonce is left alone and returns no row; two instances claiming at once: the unique key lets one win.
const CLAIM_NONCE = `${S.claimNonce} RETURNING scope`;
/**
 * Every transaction that may disable an administrator counts after this lock, so they count one
 * at a time: the next one's COUNT starts after the previous one committed and sees that
 * administrator disabled. Locking the administrator rows themselves would deadlock, because
 * each caller already holds the lock on the administrator it disables.
 */
const ADMIN_COUNT_GUARD = "SELECT name FROM store_guards WHERE name = 'enabled-admins' FOR UPDATE";

type SqlValue = unknown;

/**
 * The store port's methods over one pooled client that holds an open transaction.
 * Lists of values travel as one array parameter (= ANY($n)), so no statement grows with its
 * input and a locking SELECT takes its rows in one statement.
 */
export function buildPostgresTx(client: PoolClient): StoreTx {
  // One client runs one statement at a time; engine code may still start several at once
  // (Promise.all), so statements wait their turn here instead of piling onto the client.
  let previous: Promise<unknown> = Promise.resolve();
  const serial = <T>(send: () => Promise<T>): Promise<T> => {
    const next = previous.then(send);
    previous = next.catch(() => undefined);
    return next;
  };
  const rows = async <R extends QueryResultRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> =>
    (await serial(() => client.query<R>(sql, params as SqlValue[]))).rows;
  const run = async (sql: string, params: readonly SqlValue[] = []): Promise<number> =>
    (await serial(() => client.query(sql, params as SqlValue[]))).rowCount ?? 0;

  const runner: Runner = {
    tuples: async (sql, params) => (await serial(() => client.query({ text: sql, values: params as SqlValue[], rowMode: 'array' }))).rows,
    run,
  };

  return {
    ...buildPortableTx(POSTGRES, S, runner, {
      async claimNonce(scope, nonce, expiresAt, now) {
        return (await rows(CLAIM_NONCE, [scope, nonce, expiresAt, now])).length > 0;
      },
      async beforeCountingAdmins() {
        await run(ADMIN_COUNT_GUARD);
      },
    }),
    batch: buildPostgresBatch({ rows, run }),
  };
}
