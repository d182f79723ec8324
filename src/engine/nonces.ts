import type { EngineContext } from './context';
import { sha256Hex } from './secrets';
import type { StoreTx } from './storePort';

/** A signed request's nonce: used once within its window, on every instance sharing the store. */
export interface NonceClaim {
  scope: string;
  nonce: string;
  windowMs: number;
}

/**
 * The nonce rule, the one place a nonce is spent: true when it was free (never seen, or seen
 * only before its window). Only the engine calls it, so no door decides when a nonce is used up.
 */
export function spendNonce(ctx: EngineContext, tx: StoreTx, claim: NonceClaim): Promise<boolean> {
  const now = ctx.clock();
  return tx.nonces.claim(claim.scope, sha256Hex(claim.nonce), now + claim.windowMs, now);
}
