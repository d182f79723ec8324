/** Plain data the engine hands to doors and stores. No behaviour lives here. */

export type UserStatus = 'enabled' | 'disabled';

export interface Directory {
  id: string;
  name: string;
  /** The most users that may be enabled at once; null means unlimited. */
  seatLimit: number | null;
  createdAt: number;
}

export interface User {
  id: string;
  directoryId: string;
  userName: string;
  thirdPartyId: string | null;
  ownerId: string | null;
  displayName: string;
  email: string;
  isAdmin: boolean;
  status: UserStatus;
  statusReason: string | null;
  hosted: boolean;
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: number | null;
  lastLogonAt: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** How a door names the user it wants: each door has its own identifier. */
export type UserKey =
  | { by: 'id'; value: string }
  | { by: 'userName'; value: string }
  | { by: 'thirdPartyId'; value: string }
  | { by: 'ownerId'; value: string };

/** Bearer credentials: infoRouter tickets, Huawei access and refresh tokens. */
export type SessionKind = 'ticket' | 'huawei-access' | 'huawei-refresh';

export interface Session {
  /** sha256 hex of the bearer secret; the secret itself is never stored. */
  hash: string;
  kind: SessionKind;
  userId: string;
  clientType: number | null;
  createdAt: number;
  expiresAt: number | null;
  /** Sliding sessions extend expiresAt by their lifetime on every use. */
  slidingMs: number | null;
}

export interface AccessKey {
  id: string;
  /** Kept whole: HMAC verification needs it (README, security notes). */
  secret: string;
  userId: string;
  policy: AccessPolicy | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface AccessPolicy {
  actions: string[];
  resources: string[];
}

export interface HuaweiApp {
  appId: string;
  /** Kept whole: HMAC verification needs it. */
  appKey: string;
  userId: string;
  createdAt: number;
  revokedAt: number | null;
}

export type AuditOutcome = 'ok' | 'unchanged' | string;

export interface AuditEntry {
  id?: number;
  at: number;
  requestId: string;
  door: string;
  caller: string;
  target: string;
  verb: string;
  before: string | null;
  after: string | null;
  outcome: AuditOutcome;
}

export interface AuditQuery {
  target?: string;
  door?: string;
  requestId?: string;
  limit?: number;
}
