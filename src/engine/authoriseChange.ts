import type { ChangeRequest, Refusal } from './attempt';
import { requireAdmin, resolveCaller, type Caller } from './callers';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import { spendNonce } from './nonces';
import type { StoreTx } from './storePort';

/**
 * The opening every change shares, in the change's transaction: its nonce is spent first (a
 * replay stops here and changes nothing), then the caller is proven, named in the refusal rows
 * from then on, and must be an administrator.
 */
export async function authoriseChange(ctx: EngineContext, tx: StoreTx, cmd: ChangeRequest, refusal: Refusal): Promise<Caller> {
  if (cmd.nonce && !(await spendNonce(ctx, tx, cmd.nonce))) throw new EngineError('NONCE_REPLAYED');
  const caller = await resolveCaller(ctx, tx, cmd.credential);
  refusal.caller = caller.label;
  refusal.proven = true;
  requireAdmin(caller);
  return caller;
}
