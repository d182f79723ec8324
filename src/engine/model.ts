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
  /** An identity provider's own id for the account; its uniqueness is the provider's affair. */
  externalId: string | null;
  /**
   * The attributes a provisioning client keeps on the account (names, addresses, phones), held as
   * it sent them and handed back unchanged; the engine never reads inside it.
   */
  profile: Record<string, unknown> | null;
}

/** One e-mail address of a user as a user query finds it: type and value, compared caselessly. */
export interface UserEmail {
  type: string | null;
  value: string;
}

/**
 * A bearer token a provisioning client (an identity provider) calls with: bound to an
 * administrator, whose rights it carries, and to the directory the users it creates go into.
 */
export interface ProvisioningToken {
  id: string;
  /** sha256 hex of the secret; the secret is shown once, when the token is made. */
  hash: string;
  userId: string;
  directoryId: string;
  createdAt: number;
  revokedAt: number | null;
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

/** What a user query can compare; `email` is any of the user's addresses (or those of one type). */
export type UserQueryField = 'id' | 'userName' | 'externalId' | 'displayName' | 'status' | 'email';

/**
 * One comparison of a user query. Text compares without regard to case except id and
 * externalId; `present` needs a non-empty value; `emailType` narrows an email comparison.
 */
export interface UserCondition {
  field: UserQueryField;
  op: 'equals' | 'contains' | 'startsWith' | 'present';
  value?: string;
  emailType?: string;
}

/** A filter over users, as the stores run it in SQL: conditions joined by and / or. */
export type UserQuery = UserCondition | { and: UserQuery[] } | { or: UserQuery[] };

/** One page of a user query, in id order so that pages stay stable. */
export interface UserPage {
  /** How many users match in all. */
  total: number;
  users: User[];
}
