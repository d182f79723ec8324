import type { AccessKey, AuditEntry, AuditQuery, Directory, HuaweiApp, Session, SessionKind, User, UserKey, UserStatus } from './model';

/**
 * The engine's store port. Every method is async so that a networked database fits;
 * every call that reads and then writes happens inside withTransaction.
 */
export interface Store {
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  withTransaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * Runs read-only fn on committed state, outside any write transaction in progress: a door's
   * lookup before the change (a key's secret, an app's key) need not wait for a commit. Each
   * statement sees the latest commit; fn must not write.
   */
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** A short name for logs and /readyz: 'sqlite' or 'postgres'. */
  readonly kind: string;
}

export interface LockOptions {
  /** Take a row lock (PostgreSQL SELECT ... FOR UPDATE); SQLite serialises writers anyway. */
  forUpdate?: boolean;
}

export interface StatusUpdate {
  status: UserStatus;
  statusReason: string;
  updatedAt: number;
}

/** What a batch status change needs of each user; the rest of the row stays in the database. */
export type UserStatusRow = Pick<User, 'id' | 'userName' | 'thirdPartyId' | 'directoryId' | 'isAdmin' | 'status'>;

/** Audit rows of one batch share everything but the target, the state before and the outcome. */
export type AuditBatchCommon = Omit<AuditEntry, 'id' | 'target' | 'before' | 'outcome'>;
export type AuditBatchRow = Pick<AuditEntry, 'target' | 'before' | 'outcome'>;

export interface StoreTx {
  directories: {
    get(id: string, lock?: LockOptions): Promise<Directory | null>;
    list(): Promise<Directory[]>;
    insert(directory: Directory): Promise<void>;
    setSeatLimit(id: string, seatLimit: number | null): Promise<boolean>;
  };
  users: {
    get(key: UserKey, lock?: LockOptions): Promise<User | null>;
    /** Users whose identifier of the given kind is in values (userName compared case-insensitively). */
    getMany(by: 'userName' | 'thirdPartyId', values: string[], lock?: LockOptions): Promise<User[]>;
    /** As getMany, with only the columns a batch status change reads: cheap for 100,000 users. */
    getStatusMany(by: 'userName' | 'thirdPartyId', values: string[], lock?: LockOptions): Promise<UserStatusRow[]>;
    list(directoryId?: string): Promise<User[]>;
    insert(user: User): Promise<void>;
    /** Writes every mutable field of user; bumps version. */
    update(user: User): Promise<void>;
    setStatusMany(ids: string[], update: StatusUpdate): Promise<void>;
    countEnabled(directoryId: string): Promise<number>;
    countEnabledAdmins(): Promise<number>;
  };
  sessions: {
    insert(session: Session): Promise<void>;
    get(hash: string, kind: SessionKind): Promise<Session | null>;
    setExpiry(hash: string, expiresAt: number | null): Promise<void>;
    delete(hash: string): Promise<boolean>;
    deleteForUsers(userIds: string[], kinds: SessionKind[]): Promise<number>;
    /** Live sessions of one user, kind and client type, oldest first. */
    listLive(userId: string, kind: SessionKind, clientType: number | null, now: number): Promise<Session[]>;
    purgeExpired(now: number): Promise<number>;
  };
  nonces: {
    /** Records (scope, nonce); false when it is already recorded and not yet expired. */
    claim(scope: string, nonce: string, expiresAt: number, now: number): Promise<boolean>;
    purgeExpired(now: number): Promise<number>;
  };
  accessKeys: {
    get(id: string): Promise<AccessKey | null>;
    list(): Promise<AccessKey[]>;
    insert(key: AccessKey): Promise<void>;
    revoke(id: string, at: number): Promise<boolean>;
  };
  apps: {
    get(appId: string): Promise<HuaweiApp | null>;
    list(): Promise<HuaweiApp[]>;
    insert(app: HuaweiApp): Promise<void>;
    revoke(appId: string, at: number): Promise<boolean>;
  };
  audit: {
    insert(entries: AuditEntry[]): Promise<void>;
    /** The rows of one batch, in order, set-based where the database allows it. */
    insertBatch(common: AuditBatchCommon, rows: AuditBatchRow[]): Promise<void>;
    list(query: AuditQuery): Promise<AuditEntry[]>;
  };
}
