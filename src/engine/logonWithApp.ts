import type { EngineContext } from './context';
import { EngineError } from './errors';
import { spendNonce, type NonceClaim } from './nonces';
import { issueAll, type IssuedSessions, type SessionRequest } from './sessions';

/**
 * Huawei App ID logon, after the door has verified the request signature with the app key.
 * The nonce is spent first, in a transaction of its own, so a logon refused afterwards has used
 * it up too. The app must be live and its administrator enabled; a third-party id names the
 * user the sessions are for, none means the administrator the app is bound to.
 */
export async function logonWithApp(
  ctx: EngineContext,
  appId: string,
  thirdPartyId: string | null,
  requests: SessionRequest[],
  nonce: NonceClaim,
): Promise<IssuedSessions> {
  if (!(await ctx.store.withTransaction((tx) => spendNonce(ctx, tx, nonce)))) throw new EngineError('NONCE_REPLAYED');
  return ctx.store.withTransaction(async (tx) => {
    const app = await tx.apps.get(appId);
    if (!app || app.revokedAt !== null) throw new EngineError('KEY_NOT_FOUND');
    const owner = await tx.users.get({ by: 'id', value: app.userId });
    if (!owner || owner.status !== 'enabled') throw new EngineError('ACCOUNT_DISABLED');
    const user = thirdPartyId ? await tx.users.get({ by: 'thirdPartyId', value: thirdPartyId }) : owner;
    if (!user) throw new EngineError('USER_NOT_FOUND');
    if (user.status !== 'enabled') throw new EngineError('ACCOUNT_DISABLED');
    return issueAll(ctx, tx, user, requests);
  });
}
