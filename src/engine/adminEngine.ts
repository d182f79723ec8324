import { createAccessKey, listAccessKeys, revokeAccessKey } from './accessKeys';
import type { EngineContext } from './context';
import { addDirectory, isEmpty, listDirectories, setSeatLimit } from './directories';
import { createHuaweiApp, listHuaweiApps, revokeHuaweiApp } from './huaweiApps';
import { listAudit } from './listAudit';
import type { AccessKey, AccessPolicy, AuditEntry, AuditQuery, Directory, HuaweiApp, Session, SessionKind, User, UserKey } from './model';
import { openSession } from './openSessions';
import { purgeExpired } from './purgeExpired';
import type { IssueOptions } from './sessions';
import { addUser, findUser, listUsers, type NewUser } from './users';
import {
  createProvisioningToken,
  listProvisioningTokens,
  revokeProvisioningToken,
  type IssuedProvisioningToken,
} from './provisioningTokens';
import type { ProvisioningToken } from './model';

/**
 * What the operator may do, outside any door: the CLI, the first start, the server's upkeep
 * (and the operator console). Full rights, so no door is given it.
 */
export interface AdminEngine {
  addDirectory(input: { id?: string; name: string; seatLimit: number | null }): Promise<Directory>;
  setSeatLimit(id: string, seatLimit: number | null): Promise<void>;
  listDirectories(): Promise<Directory[]>;
  /** True before the first start has filled the database. */
  isEmpty(): Promise<boolean>;

  addUser(input: NewUser): Promise<User>;
  listUsers(directoryId?: string): Promise<User[]>;
  findUser(key: UserKey): Promise<User | null>;
  /** A session with no logon (the demo fixtures' fixed tickets and tokens). */
  openSession(userId: string, kind: SessionKind, options: IssueOptions): Promise<{ secret: string; session: Session }>;

  createAccessKey(input: { userName: string; policy: AccessPolicy | null; id?: string; secret?: string }): Promise<AccessKey>;
  listAccessKeys(): Promise<AccessKey[]>;
  revokeAccessKey(id: string): Promise<void>;
  createHuaweiApp(input: { userName: string; appId?: string; appKey?: string }): Promise<HuaweiApp>;
  listHuaweiApps(): Promise<HuaweiApp[]>;
  revokeHuaweiApp(appId: string): Promise<void>;
  /** An identity provider's bearer token; the secret is returned once and stored hashed. */
  createProvisioningToken(input: {
    userName: string;
    directoryId?: string;
    secret?: string;
    id?: string;
  }): Promise<IssuedProvisioningToken>;
  listProvisioningTokens(): Promise<ProvisioningToken[]>;
  revokeProvisioningToken(id: string): Promise<void>;

  listAudit(query?: AuditQuery): Promise<AuditEntry[]>;
  /** Drops expired sessions and nonces; the server runs it on a schedule. */
  purgeExpired(): Promise<{ sessions: number; nonces: number }>;
}

export function adminEngine(ctx: EngineContext): AdminEngine {
  return {
    addDirectory: (input) => addDirectory(ctx, input),
    setSeatLimit: (id, seatLimit) => setSeatLimit(ctx, id, seatLimit),
    listDirectories: () => listDirectories(ctx),
    isEmpty: () => isEmpty(ctx),
    addUser: (input) => addUser(ctx, input),
    listUsers: (directoryId) => listUsers(ctx, directoryId),
    findUser: (key) => findUser(ctx, key),
    openSession: (userId, kind, options) => openSession(ctx, userId, kind, options),
    createAccessKey: (input) => createAccessKey(ctx, input),
    listAccessKeys: () => listAccessKeys(ctx),
    revokeAccessKey: (id) => revokeAccessKey(ctx, id),
    createHuaweiApp: (input) => createHuaweiApp(ctx, input),
    listHuaweiApps: () => listHuaweiApps(ctx),
    revokeHuaweiApp: (appId) => revokeHuaweiApp(ctx, appId),
    createProvisioningToken: (input) => createProvisioningToken(ctx, input),
    listProvisioningTokens: () => listProvisioningTokens(ctx),
    revokeProvisioningToken: (id) => revokeProvisioningToken(ctx, id),
    listAudit: (query) => listAudit(ctx, query),
    purgeExpired: () => purgeExpired(ctx),
  };
}
