import type { EngineContext } from './context';
import type { Session, SessionKind } from './model';
import { findLiveSession, issueAll, type IssuedSessions, type SessionRequest } from './sessions';

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
    // A disabled user's refresh token is refused by findLiveSession like any of its sessions.
    await tx.sessions.delete(session.hash);
    return issueAll(ctx, tx, user, requestsFor(session));
  });
}

/**
 * New sessions from a live one that stays live (Huawei validate with needGenNewToken), in one
 * transaction: each is derived from it, so the logout that ends it ends them too, and none
 * outlives it.
 */
export function deriveSessions(
  ctx: EngineContext,
  kind: SessionKind,
  secret: string,
  requestsFor: (parent: Session) => SessionRequest[],
): Promise<IssuedSessions> {
  return ctx.store.withTransaction(async (tx) => {
    const { session, user } = await findLiveSession(ctx, tx, kind, secret);
    const requests = requestsFor(session).map((request) => ({ ...request, options: { ...request.options, derivedFrom: session } }));
    return issueAll(ctx, tx, user, requests);
  });
}
