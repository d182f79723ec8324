import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { Session, SessionKind } from './model';
import { issueAll, issueSession, type IssuedSessions, type IssueOptions, type SessionRequest } from './sessions';

/** Opens sessions for a user who has just proven who they are (a password logon, say). */
export function openSessionsFor(ctx: EngineContext, userId: string, requests: SessionRequest[]): Promise<IssuedSessions> {
  return ctx.store.withTransaction(async (tx) => {
    const user = await tx.users.get({ by: 'id', value: userId });
    if (!user) throw new EngineError('USER_NOT_FOUND');
    if (user.status !== 'enabled') throw new EngineError('ACCOUNT_DISABLED');
    return issueAll(ctx, tx, user, requests);
  });
}

/** One session the operator asks for (the demo fixtures' fixed tickets and tokens): no logon, no checks. */
export function openSession(
  ctx: EngineContext,
  userId: string,
  kind: SessionKind,
  options: IssueOptions,
): Promise<{ secret: string; session: Session }> {
  return ctx.store.withTransaction((tx) => issueSession(ctx, tx, userId, kind, options));
}
