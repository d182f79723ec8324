import { refusalEntries, type RequestMeta } from './attempt';
import { credentialLabel, type ClaimedCaller } from './callers';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import { spendNonce } from './nonces';

/** What a door knows of a request it refused before the engine saw it. */
export interface DoorRefusal extends RequestMeta {
  /** Who the request said it was; absent when it named nobody the door could read. */
  caller?: ClaimedCaller;
  /** The verb and the accounts as the request sent them. */
  verb: string;
  targets: readonly string[];
  /** The door's code for the refusal: an engine code where the engine has one. */
  outcome: string;
}

/**
 * Records a refusal decided at the door: one row for the request (the door refuses before any
 * caller is proven, or for a malformed or over-long request), under a label the engine gives the
 * claimed caller, naming the accounts as far as auditFieldMaxChars allows. A nonce the door hands over (it does so only once the
 * signature held) is spent in the same transaction, so a refused request cannot be replayed;
 * a replay is refused as a replay whatever else is wrong with it, as the engine would refuse it,
 * so this rejects with NONCE_REPLAYED and the row says so.
 */
export async function recordDoorRefusal(ctx: EngineContext, refusal: DoorRefusal): Promise<void> {
  const caller = credentialLabel(refusal.caller);
  const targets = refusal.targets.map((target) => ({ target, before: null }));
  const replayed = await ctx.store.withTransaction(async (tx) => {
    const fresh = refusal.nonce === undefined || (await spendNonce(ctx, tx, refusal.nonce));
    await tx.audit.insert(refusalEntries(ctx, refusal, refusal.verb, { caller, targets }, fresh ? refusal.outcome : 'NONCE_REPLAYED'));
    return !fresh;
  });
  if (replayed) throw new EngineError('NONCE_REPLAYED');
}
