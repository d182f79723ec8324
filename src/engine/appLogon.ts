import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { Session, SessionKind, User } from './model';
import { issueSession, type IssueOptions } from './sessions';
import type { StoreTx } from './storePort';

/** One session to open for a user, e.g. an access token and its refresh token. */
export interface SessionRequest {
  kind: SessionKind;
  options: IssueOptions;
}

export interface IssuedSessions {
  user: User;
  issued: { secret: string; session: Session }[];
}

/**
 * Opens every requested session in the caller's transaction, so a pair is issued whole or not
 * at all, at one clock reading, so the pair can be recognised later (endSessionAndPartners).
 */
export async function issueAll(ctx: EngineContext, tx: StoreTx, user: User, requests: SessionRequest[]): Promise<IssuedSessions> {
  const now = ctx.clock();
  const atNow: EngineContext = { ...ctx, clock: () => now };
  const issued: IssuedSessions['issued'] = [];
  for (const request of requests) issued.push(await issueSession(atNow, tx, user.id, request.kind, request.options));
  return { user, issued };
}

/**
 * Huawei App ID logon, after the door has verified the request signature with the app key.
 * The app must be live and its administrator enabled; a third-party id names the user the
 * sessions are for, none means the administrator the app is bound to.
 */
export function logonWithApp(
  ctx: EngineContext,
  appId: string,
  thirdPartyId: string | null,
  requests: SessionRequest[],
): Promise<IssuedSessions> {
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

/** Opens sessions for a user who has just proven who they are (a password logon, say). */
export function openSessionsFor(ctx: EngineContext, userId: string, requests: SessionRequest[]): Promise<IssuedSessions> {
  return ctx.store.withTransaction(async (tx) => {
    const user = await tx.users.get({ by: 'id', value: userId });
    if (!user) throw new EngineError('USER_NOT_FOUND');
    if (user.status !== 'enabled') throw new EngineError('ACCOUNT_DISABLED');
    return issueAll(ctx, tx, user, requests);
  });
}
