import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { Session, SessionKind, User } from './model';
import { newTicket, randomToken, sha256Hex } from './secrets';
import type { StoreTx } from './storePort';

/**
 * Sliding expiry is written back at most this often, so reads stay mostly read-only; a tenth
 * of the lifetime when that is shorter, or a lifetime under a minute would never slide.
 */
const SLIDE_GRANULARITY_MS = 60_000;

export interface IssueOptions {
  lifetimeMs: number | null;
  sliding: boolean;
  clientType: number | null;
  /** Evict the oldest live sessions of the same user, kind and client type past this many. */
  maxLive: number | null;
  /** A fixed secret (demo fixtures only); otherwise a random one. */
  secret?: string;
  /**
   * Derived from a live session: created at its instant, so ending it ends this too
   * (endSessionAndPartners), and expiring no later than it.
   */
  derivedFrom?: Session;
}

export async function issueSession(
  ctx: EngineContext,
  tx: StoreTx,
  userId: string,
  kind: SessionKind,
  options: IssueOptions,
): Promise<{ secret: string; session: Session }> {
  const now = ctx.clock();
  const secret = options.secret ?? (kind === 'ticket' ? newTicket() : randomToken());
  const parent = options.derivedFrom;
  let expiresAt = options.lifetimeMs === null ? null : now + options.lifetimeMs;
  if (parent?.expiresAt != null) expiresAt = Math.min(expiresAt ?? parent.expiresAt, parent.expiresAt);
  const session: Session = {
    hash: sha256Hex(secret),
    kind,
    userId,
    clientType: options.clientType,
    createdAt: parent?.createdAt ?? now,
    expiresAt,
    slidingMs: options.sliding ? options.lifetimeMs : null,
  };
  if (options.maxLive !== null) {
    const live = await tx.sessions.listLive(userId, kind, options.clientType, now);
    const excess = live.length - options.maxLive + 1;
    for (const old of live.slice(0, Math.max(0, excess))) await tx.sessions.delete(old.hash);
  }
  await tx.sessions.insert(session);
  return { secret, session };
}

/**
 * A live session and its user. A disabled user's sessions authorise nothing: the status is read
 * in the caller's transaction, so once a freeze commits no session of the user acts, whether the
 * freeze ended the sessions (Alibaba StopMode=1) or kept them (StopMode=0, README). Only ending a
 * session (a logout) is allowed to a disabled user's session.
 */
export async function findLiveSession(
  ctx: EngineContext,
  tx: StoreTx,
  kind: SessionKind,
  secret: string,
  options: { allowDisabled?: boolean } = {},
): Promise<{ session: Session; user: User }> {
  if (!secret) throw new EngineError('AUTHENTICATION_FAILED');
  const now = ctx.clock();
  const session = await tx.sessions.get(sha256Hex(secret), kind);
  if (!session) throw new EngineError('SESSION_INVALID');
  // Expired rows are left for the purge job: this transaction is about to roll back anyway.
  if (session.expiresAt !== null && session.expiresAt <= now) throw new EngineError('SESSION_INVALID');
  const user = await tx.users.get({ by: 'id', value: session.userId });
  if (!user) throw new EngineError('SESSION_INVALID');
  // The same answer as an unknown session: a token's holder learns nothing about the account.
  if (user.status !== 'enabled' && !options.allowDisabled) throw new EngineError('SESSION_INVALID');
  if (session.slidingMs !== null && session.expiresAt !== null) {
    const slid = now + session.slidingMs;
    if (slid - session.expiresAt >= Math.min(SLIDE_GRANULARITY_MS, session.slidingMs / 10)) {
      await tx.sessions.setExpiry(session.hash, slid);
      session.expiresAt = slid;
    }
  }
  return { session, user };
}

export const BEARER_KINDS: SessionKind[] = ['ticket', 'huawei-access', 'huawei-refresh'];

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
