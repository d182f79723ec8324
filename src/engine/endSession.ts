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
 * Ends a session, the sessions of partnerKind issued with it, and the sessions of either kind
 * derived from it (deriveSessions). Partners are recognised by user, client type and creation
 * instant, because a pair is created in one transaction at one clock reading and a derived
 * session takes its parent's instant; a stranger created in the same millisecond is ended too,
 * which is the safe way to be wrong. Ending a derived session ends its parent likewise.
 */
export function endSessionAndPartners(ctx: EngineContext, kind: SessionKind, secret: string, partnerKind: SessionKind): Promise<void> {
  return ctx.store.withTransaction(async (tx) => {
    const { session } = await findLiveSession(ctx, tx, kind, secret, { allowDisabled: true });
    await tx.sessions.delete(session.hash);
    for (const partnerKindOrSame of new Set([partnerKind, kind])) {
      const partners = await tx.sessions.listLive(session.userId, partnerKindOrSame, session.clientType, ctx.clock());
      for (const partner of partners) if (partner.createdAt === session.createdAt) await tx.sessions.delete(partner.hash);
    }
  });
}
