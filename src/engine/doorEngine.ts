import { getAccessKey } from './accessKeys';
import { authenticatePassword } from './authenticate';
import type { CallerCredential } from './callers';
import { changeStatus, type ChangeStatusCommand, type StatusChangeResult } from './changeStatus';
import { changeStatusBatch, type BatchChangeResult, type ChangeStatusBatchCommand } from './changeStatusBatch';
import type { EngineContext, EngineSettings } from './context';
import { recordDoorRefusal, type DoorRefusal } from './doorRefusal';
import { endSession, endSessionAndPartners } from './endSession';
import { deriveSessions, exchangeSession } from './exchangeSession';
import { findSession } from './findSession';
import { getHuaweiApp } from './huaweiApps';
import { logonWithApp } from './logonWithApp';
import { logonWithTicket } from './logonWithTicket';
import type { AccessKey, HuaweiApp, Session, SessionKind, User, UserKey } from './model';
import type { NonceClaim } from './nonces';
import { openSessionsFor } from './openSessions';
import { readUser, whoIs } from './readUser';
import type { IssuedSessions, SessionRequest } from './sessions';
import { setHosted, type SetHostedCommand } from './setHosted';
import { createUser, type CreateUserCommand } from './createUser';
import { deleteUser, type DeleteUserCommand } from './deleteUser';
import { patchUser, type PatchUserCommand, type UserChangeResult } from './patchUser';
import { queryUsers } from './queryUsers';
import { replaceUser, type ReplaceUserCommand } from './replaceUser';
import type { UserPage, UserQuery } from './model';

/**
 * What a caller may do on the wire: the only engine a door is given, so a door that reached for
 * administration would not compile.
 */
export interface DoorEngine {
  readonly settings: Readonly<EngineSettings>;
  now(): number;

  // --- logons and sessions
  /** A password logon; failures count towards the lockout. */
  authenticate(userName: string, password: string): Promise<User>;
  /** infoRouter's AuthenticateUser: a password logon that yields a sliding ticket. */
  logonWithTicket(userName: string, password: string): Promise<{ user: User; ticket: string; session: Session }>;
  /** Huawei App ID logon once the door has verified the signature; the engine spends its nonce. */
  logonWithApp(appId: string, thirdPartyId: string | null, requests: SessionRequest[], nonce: NonceClaim): Promise<IssuedSessions>;
  /** Several sessions for one user in one transaction (an access token and its refresh token). */
  openSessions(userId: string, requests: SessionRequest[]): Promise<IssuedSessions>;
  findSession(kind: SessionKind, secret: string): Promise<{ session: Session; user: User }>;
  /** Trades a live session (a refresh token) for new ones; the old one ends in the same transaction. */
  exchangeSession(kind: SessionKind, secret: string, requestsFor: (old: Session) => SessionRequest[]): Promise<IssuedSessions>;
  /** New sessions derived from a live one (it stays live): its logout ends them, and none outlives it. */
  deriveSessions(kind: SessionKind, secret: string, requestsFor: (parent: Session) => SessionRequest[]): Promise<IssuedSessions>;
  /** Ends one bearer session; a secret that names no live session is SESSION_INVALID. */
  endSession(kind: SessionKind, secret: string): Promise<void>;
  /** Ends a session and the partnerKind sessions issued with it (a logout ends the refresh token too). */
  endSessionAndPartners(kind: SessionKind, secret: string, partnerKind: SessionKind): Promise<void>;

  // --- changes, and the refusals a door decides before the engine sees them
  changeStatus(cmd: ChangeStatusCommand): Promise<StatusChangeResult>;
  changeStatusBatch(cmd: ChangeStatusBatchCommand): Promise<BatchChangeResult>;
  setHosted(cmd: SetHostedCommand): Promise<{ user: User; changed: boolean }>;
  /** Audits a request the door refused and spends its nonce; rejects with NONCE_REPLAYED for a replay. */
  refuse(refusal: DoorRefusal): Promise<void>;

  // --- reads
  /** Reads one user for an authenticated caller; adminOnly for doors whose API is the administrator's. */
  readUser(credential: CallerCredential, key: UserKey, options?: { adminOnly?: boolean }): Promise<User>;
  /** The identity behind a credential, for doors that answer "who am I". */
  whoIs(credential: CallerCredential): Promise<User | null>;
  /** For checking a signature; the change it authorises checks the key again. */
  getAccessKey(id: string): Promise<AccessKey | null>;
  /** For checking a signature; the logon it authorises checks the app again. */
  getHuaweiApp(appId: string): Promise<HuaweiApp | null>;

  // --- provisioning clients (identity providers): accounts made, changed and deleted by an administrator's token
  createUser(cmd: CreateUserCommand): Promise<User>;
  replaceUser(cmd: ReplaceUserCommand): Promise<UserChangeResult>;
  patchUser(cmd: PatchUserCommand): Promise<UserChangeResult>;
  deleteUser(cmd: DeleteUserCommand): Promise<void>;
  /** A page of the users a query matches, in id order; an administrator's credential only. */
  queryUsers(credential: CallerCredential, query: UserQuery | null, page: { offset: number; limit: number }): Promise<UserPage>;
}

export function doorEngine(ctx: EngineContext): DoorEngine {
  return {
    settings: ctx.settings,
    now: () => ctx.clock(),
    authenticate: (userName, password) => authenticatePassword(ctx, userName, password),
    logonWithTicket: (userName, password) => logonWithTicket(ctx, userName, password),
    logonWithApp: (appId, thirdPartyId, requests, nonce) => logonWithApp(ctx, appId, thirdPartyId, requests, nonce),
    openSessions: (userId, requests) => openSessionsFor(ctx, userId, requests),
    findSession: (kind, secret) => findSession(ctx, kind, secret),
    exchangeSession: (kind, secret, requestsFor) => exchangeSession(ctx, kind, secret, requestsFor),
    deriveSessions: (kind, secret, requestsFor) => deriveSessions(ctx, kind, secret, requestsFor),
    endSession: (kind, secret) => endSession(ctx, kind, secret),
    endSessionAndPartners: (kind, secret, partnerKind) => endSessionAndPartners(ctx, kind, secret, partnerKind),
    changeStatus: (cmd) => changeStatus(ctx, cmd),
    changeStatusBatch: (cmd) => changeStatusBatch(ctx, cmd),
    setHosted: (cmd) => setHosted(ctx, cmd),
    refuse: (refusal) => recordDoorRefusal(ctx, refusal),
    readUser: (credential, key, options) => readUser(ctx, credential, key, options),
    whoIs: (credential) => whoIs(ctx, credential),
    getAccessKey: (id) => getAccessKey(ctx, id),
    getHuaweiApp: (appId) => getHuaweiApp(ctx, appId),
    createUser: (cmd) => createUser(ctx, cmd),
    replaceUser: (cmd) => replaceUser(ctx, cmd),
    patchUser: (cmd) => patchUser(ctx, cmd),
    deleteUser: (cmd) => deleteUser(ctx, cmd),
    queryUsers: (credential, query, page) => queryUsers(ctx, credential, query, page),
  };
}
