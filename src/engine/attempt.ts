import type { EngineContext } from './context';
import { toEngineError } from './errors';
import type { AuditEntry } from './model';
import type { StoreTx } from './storePort';

/** Which request asked for a change, through which door, as the audit records it. */
export interface RequestMeta {
  requestId: string;
  door: string;
}

/** What the audit should say if the attempt is refused; the work fills it in as it learns. */
export interface RefusalRow {
  caller: string;
  target: string;
  verb: string;
  before: string | null;
}

/**
 * Runs one attempted change. On success its audit rows commit with the change; on refusal
 * the change rolls back and the refusal rows are written in a transaction of their own,
 * so every attempt leaves its rows and nothing is half-applied.
 */
export async function attemptChange<T>(
  ctx: EngineContext,
  meta: RequestMeta,
  work: (tx: StoreTx, refusal: RefusalRow[]) => Promise<{ result: T; audit: AuditEntry[] }>,
): Promise<T> {
  const refusal: RefusalRow[] = [];
  try {
    return await ctx.store.withTransaction(async (tx) => {
      refusal.length = 0;
      const { result, audit } = await work(tx, refusal);
      await tx.audit.insert(audit);
      return result;
    });
  } catch (err) {
    const code = toEngineError(err).code;
    if (code !== 'STORE_UNAVAILABLE' && refusal.length > 0) {
      const at = ctx.clock();
      const rows = refusal.map((row) => ({ at, ...meta, ...row, after: null, outcome: code }));
      await ctx.store.withTransaction((tx) => tx.audit.insert(rows));
    }
    throw err;
  }
}
