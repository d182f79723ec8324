import type { EngineContext } from './context';

/** Drops expired sessions and nonces; the server runs it on a schedule. */
export function purgeExpired(ctx: EngineContext): Promise<{ sessions: number; nonces: number }> {
  const now = ctx.clock();
  return ctx.store.withTransaction(async (tx) => ({
    sessions: await tx.sessions.purgeExpired(now),
    nonces: await tx.nonces.purgeExpired(now),
  }));
}
