import type { EngineContext } from './context';
import type { Session, SessionKind, User } from './model';
import { findLiveSession } from './sessions';

/** A live bearer session and its user; a sliding one is pushed ahead as it is used. */
export function findSession(ctx: EngineContext, kind: SessionKind, secret: string): Promise<{ session: Session; user: User }> {
  return ctx.store.withTransaction((tx) => findLiveSession(ctx, tx, kind, secret));
}
