import * as admin from './admin';
import { logonWithApp, openSessionsFor, type IssuedSessions, type SessionRequest } from './appLogon';
import { claimNonceIn, type RefusalRow, type RequestMeta } from './attempt';
import { authenticatePassword } from './authenticate';
import { resolveCaller, requireAdmin, type CallerCredential } from './callers';
import { changeStatus, type ChangeStatusCommand, type StatusChangeResult } from './changeStatus';
import { changeStatusBatch, type BatchChangeResult, type ChangeStatusBatchCommand } from './changeStatusBatch';
import { DEFAULT_ENGINE_SETTINGS, type Clock, type EngineContext, type EngineSettings } from './context';
import { EngineError } from './errors';
import type { AccessKey, AccessPolicy, AuditEntry, AuditQuery, Directory, HuaweiApp, Session, SessionKind, User, UserKey } from './model';
import { findLiveSession, issueSession, type IssueOptions } from './sessions';
import { endSessionAndPartners, exchangeSession } from './sessionExchange';
import { setHosted, type SetHostedCommand } from './setHosted';
import type { Store } from './storePort';

/** The one entry point doors, the CLI and the server use. Plain async methods on plain objects. */
export class Engine {
  readonly ctx: EngineContext;

  constructor(store: Store, options: { clock?: Clock; settings?: Partial<EngineSettings> } = {}) {
    this.ctx = {
      store,
      clock: options.clock ?? Date.now,
      settings: { ...DEFAULT_ENGINE_SETTINGS, ...options.settings },
    };
  }

  get settings(): EngineSettings {
    return this.ctx.settings;
  }

  now(): number {
    return this.ctx.clock();
  }

  // --- authentication and sessions -------------------------------------------------------

  authenticate(userName: string, password: string): Promise<User> {
    return authenticatePassword(this.ctx, userName, password);
  }

  openSession(userId: string, kind: SessionKind, options: IssueOptions): Promise<{ secret: string; session: Session }> {
    return this.ctx.store.withTransaction((tx) => issueSession(this.ctx, tx, userId, kind, options));
  }

  /** infoRouter's AuthenticateUser: a password logon that yields a sliding ticket. */
  async logonWithTicket(userName: string, password: string): Promise<{ user: User; ticket: string; session: Session }> {
    const user = await this.authenticate(userName, password);
    const { secret, session } = await this.openSession(user.id, 'ticket', {
      lifetimeMs: this.ctx.settings.ticketLifetimeMs,
      sliding: true,
      clientType: null,
      maxLive: null,
    });
    return { user, ticket: secret, session };
  }

  findSession(kind: SessionKind, secret: string): Promise<{ session: Session; user: User }> {
    return this.ctx.store.withTransaction((tx) => findLiveSession(this.ctx, tx, kind, secret));
  }

  /** Ends one bearer session; a secret that names no live session is SESSION_INVALID. */
  async endSession(kind: SessionKind, secret: string): Promise<void> {
    await this.ctx.store.withTransaction(async (tx) => {
      const { session } = await findLiveSession(this.ctx, tx, kind, secret);
      await tx.sessions.delete(session.hash);
    });
  }

  /** Several sessions for one user in one transaction (an access token and its refresh token). */
  openSessions(userId: string, requests: SessionRequest[]): Promise<IssuedSessions> {
    return openSessionsFor(this.ctx, userId, requests);
  }

  /** Huawei App ID logon once the door has verified the signature: see appLogon.ts for the rules. */
  logonWithApp(appId: string, thirdPartyId: string | null, requests: SessionRequest[]): Promise<IssuedSessions> {
    return logonWithApp(this.ctx, appId, thirdPartyId, requests);
  }

  /** Trades a live session (a refresh token) for new ones; the old one ends in the same transaction. */
  exchangeSession(kind: SessionKind, secret: string, requestsFor: (old: Session) => SessionRequest[]): Promise<IssuedSessions> {
    return exchangeSession(this.ctx, kind, secret, requestsFor);
  }

  /** Ends a session and the partnerKind sessions issued with it (a logout ends the refresh token too). */
  endSessionAndPartners(kind: SessionKind, secret: string, partnerKind: SessionKind): Promise<void> {
    return endSessionAndPartners(this.ctx, kind, secret, partnerKind);
  }

  // --- status changes ----------------------------------------------------------------------

  changeStatus(cmd: ChangeStatusCommand): Promise<StatusChangeResult> {
    return changeStatus(this.ctx, cmd);
  }

  changeStatusBatch(cmd: ChangeStatusBatchCommand): Promise<BatchChangeResult> {
    return changeStatusBatch(this.ctx, cmd);
  }

  setHosted(cmd: SetHostedCommand): Promise<{ user: User; changed: boolean }> {
    return setHosted(this.ctx, cmd);
  }

  /** Audits a change a door refused before the engine saw it (a bad signature, say). */
  async recordRefusal(meta: RequestMeta, rows: RefusalRow[], code: string): Promise<void> {
    const at = this.ctx.clock();
    await this.ctx.store.withTransaction((tx) => tx.audit.insert(rows.map((row) => ({ at, ...meta, ...row, after: null, outcome: code }))));
  }

  /** Reads one user for an authenticated caller; adminOnly for doors whose API is the administrator's. */
  async readUser(credential: CallerCredential, key: UserKey, options: { adminOnly?: boolean } = {}): Promise<User> {
    return this.ctx.store.withTransaction(async (tx) => {
      const caller = await resolveCaller(this.ctx, tx, credential);
      if (options.adminOnly) requireAdmin(caller);
      const user = await tx.users.get(key);
      if (!user) throw new EngineError('USER_NOT_FOUND');
      return user;
    });
  }

  /** The identity behind a credential, for doors that answer "who am I". */
  whoIs(credential: CallerCredential): Promise<User | null> {
    return this.ctx.store.withTransaction(async (tx) => (await resolveCaller(this.ctx, tx, credential)).user);
  }

  // --- signed requests -----------------------------------------------------------------------

  /** Refuses a nonce seen within its window, on every instance sharing the store. */
  async claimNonce(scope: string, nonce: string, windowMs: number): Promise<void> {
    const fresh = await this.ctx.store.withTransaction((tx) => claimNonceIn(this.ctx, tx, { scope, nonce, windowMs }));
    if (!fresh) throw new EngineError('NONCE_REPLAYED');
  }

  /** For checking a signature; the change it authorises checks the key again in its own transaction. */
  getAccessKey(id: string): Promise<AccessKey | null> {
    return this.ctx.store.read((tx) => tx.accessKeys.get(id));
  }

  /** For checking a signature; the logon it authorises checks the app again in its own transaction. */
  getHuaweiApp(appId: string): Promise<HuaweiApp | null> {
    return this.ctx.store.read((tx) => tx.apps.get(appId));
  }

  // --- administration (CLI, bootstrap) ----------------------------------------------------------

  addDirectory(input: { id?: string; name: string; seatLimit: number | null }): Promise<Directory> {
    return admin.addDirectory(this.ctx, input);
  }

  setSeatLimit(id: string, seatLimit: number | null): Promise<void> {
    return admin.setSeatLimit(this.ctx, id, seatLimit);
  }

  listDirectories(): Promise<Directory[]> {
    return this.ctx.store.withTransaction((tx) => tx.directories.list());
  }

  addUser(input: admin.NewUser): Promise<User> {
    return admin.addUser(this.ctx, input);
  }

  listUsers(directoryId?: string): Promise<User[]> {
    return this.ctx.store.withTransaction((tx) => tx.users.list(directoryId));
  }

  findUser(key: UserKey): Promise<User | null> {
    return this.ctx.store.withTransaction((tx) => tx.users.get(key));
  }

  createAccessKey(input: { userName: string; policy: AccessPolicy | null; id?: string; secret?: string }): Promise<AccessKey> {
    return admin.createAccessKey(this.ctx, input);
  }

  listAccessKeys(): Promise<AccessKey[]> {
    return this.ctx.store.withTransaction((tx) => tx.accessKeys.list());
  }

  async revokeAccessKey(id: string): Promise<void> {
    const found = await this.ctx.store.withTransaction((tx) => tx.accessKeys.revoke(id, this.ctx.clock()));
    if (!found) throw new EngineError('KEY_NOT_FOUND');
  }

  createHuaweiApp(input: { userName: string; appId?: string; appKey?: string }): Promise<HuaweiApp> {
    return admin.createHuaweiApp(this.ctx, input);
  }

  listHuaweiApps(): Promise<HuaweiApp[]> {
    return this.ctx.store.withTransaction((tx) => tx.apps.list());
  }

  async revokeHuaweiApp(appId: string): Promise<void> {
    const found = await this.ctx.store.withTransaction((tx) => tx.apps.revoke(appId, this.ctx.clock()));
    if (!found) throw new EngineError('KEY_NOT_FOUND');
  }

  listAudit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return this.ctx.store.withTransaction((tx) => tx.audit.list(query));
  }

  /** Drops expired sessions and nonces; the server runs it on a schedule. */
  purgeExpired(): Promise<{ sessions: number; nonces: number }> {
    const now = this.ctx.clock();
    return this.ctx.store.withTransaction(async (tx) => ({
      sessions: await tx.sessions.purgeExpired(now),
      nonces: await tx.nonces.purgeExpired(now),
    }));
  }

  async isEmpty(): Promise<boolean> {
    return (await this.listDirectories()).length === 0;
  }
}
