import type { EngineContext } from './context';
import type { SessionKind } from './model';
import { findLiveSession } from './sessions';

/** Ends one bearer session; a secret that names no live session is SESSION_INVALID. */
export function endSession(ctx: EngineContext, kind: SessionKind, secret: string): Promise<void> {
  return ctx.store.withTransaction(async (tx) => {
    const { session } = await findLiveSession(ctx, tx, kind, secret, { allowDisabled: true });
    await tx.sessions.delete(session.hash);
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
    const { session } = await findLiveSession(ctx, tx, kind, secret, { allowDisabled: true });
    await tx.sessions.delete(session.hash);
    const partners = await tx.sessions.listLive(session.userId, partnerKind, session.clientType, ctx.clock());
    for (const partner of partners) if (partner.createdAt === session.createdAt) await tx.sessions.delete(partner.hash);
  });
}
