import type { EngineContext } from './context';
import { EngineError, toEngineError } from './errors';
import type { AuditEntry } from './model';
import { sha256Hex } from './secrets';
import type { StoreTx } from './storePort';

/** A signed request's nonce: used once within its window, on every instance sharing the store. */
export interface NonceClaim {
  scope: string;
  nonce: string;
  windowMs: number;
}

/** Which request asked for a change, through which door, as the audit records it. */
export interface RequestMeta {
  requestId: string;
  door: string;
  /**
   * Claimed in the change's own transaction, before anything is read: a replay changes nothing
   * and is refused with NONCE_REPLAYED, and a refused change still uses its nonce up.
   */
  nonce?: NonceClaim;
}

/** True when the nonce was free (never seen, or seen only before its window). */
export function claimNonceIn(ctx: EngineContext, tx: StoreTx, claim: NonceClaim): Promise<boolean> {
  const now = ctx.clock();
  return tx.nonces.claim(claim.scope, sha256Hex(claim.nonce), now + claim.windowMs, now);
}

/** For a change's work, right after it has named its refusal row: a replay stops here. */
export async function claimRequestNonce(ctx: EngineContext, tx: StoreTx, meta: RequestMeta): Promise<void> {
  if (meta.nonce && !(await claimNonceIn(ctx, tx, meta.nonce))) throw new EngineError('NONCE_REPLAYED');
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
    const { nonce } = meta;
    if (code !== 'STORE_UNAVAILABLE' && (refusal.length > 0 || nonce)) {
      const at = ctx.clock();
      const rows = refusal.map((row) => ({ at, requestId: meta.requestId, door: meta.door, ...row, after: null, outcome: code }));
      await ctx.store.withTransaction(async (tx) => {
        // The claim rolled back with the change: claimed again here, a refused request stays used.
        if (nonce && code !== 'NONCE_REPLAYED') await claimNonceIn(ctx, tx, nonce);
        await tx.audit.insert(rows);
      });
    }
    throw err;
  }
}
