import { issueAll, type IssuedSessions, type SessionRequest } from './appLogon';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { Session, SessionKind } from './model';
import { findLiveSession } from './sessions';

/**
 * Trades one live session (a refresh token) for new ones in one transaction: the old secret
 * stops working as the new ones start, so a stolen refresh token works once at most.
 */
export function exchangeSession(
  ctx: EngineContext,
  kind: SessionKind,
  secret: string,
  requestsFor: (old: Session) => SessionRequest[],
): Promise<IssuedSessions> {
  return ctx.store.withTransaction(async (tx) => {
    const { session, user } = await findLiveSession(ctx, tx, kind, secret);
    // A disabled user cannot authenticate; a refresh is an authentication.
    if (user.status !== 'enabled') throw new EngineError('ACCOUNT_DISABLED');
    await tx.sessions.delete(session.hash);
    return issueAll(ctx, tx, user, requestsFor(session));
  });
}

/**
 * Ends a session and the sessions of partnerKind issued with it. Partners are recognised by
 * user, client type and creation instant, because a pair is created in one transaction at
 * one clock reading; a stranger created in the same millisecond is ended too, which is the
 * safe way to be wrong.
 */
export function endSessionAndPartners(ctx: EngineContext, kind: SessionKind, secret: string, partnerKind: SessionKind): Promise<void> {
  return ctx.store.withTransaction(async (tx) => {
    const { session } = await findLiveSession(ctx, tx, kind, secret);
    await tx.sessions.delete(session.hash);
    const partners = await tx.sessions.listLive(session.userId, partnerKind, session.clientType, ctx.clock());
    for (const partner of partners) if (partner.createdAt === session.createdAt) await tx.sessions.delete(partner.hash);
  });
}
