import type {
  AccessKey,
  AuditEntry,
  AuditQuery,
  Directory,
  HuaweiApp,
  ProvisioningToken,
  Session,
  SessionKind,
  User,
  UserEmail,
  UserKey,
  UserPage,
  UserQuery,
  UserStatus,
} from './model';

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

/** How a batch names its accounts: user names compare case-insensitively, third-party ids exactly. */
export type BatchAccountKind = 'userName' | 'thirdPartyId';

/** What one directory's listed users would do if the batch applied; a few rows, whatever the list's length. */
export interface BatchDirectoryCount {
  directoryId: string;
  /** Listed users in this directory. */
  listed: number;
  /** Of those, the users whose status is not yet the batch's status. */
  changing: number;
  /** Of those changing, the administrators. */
  changingAdmins: number;
}

/** What loading a batch's list found out. */
export interface BatchLoaded {
  /** Accounts no user answers to, as named (first spelling), in list order. */
  unknown: string[];
  /** Entries of the list that name an account named before them, in any spelling. */
  repeats: number;
}

/** A listed account the database knows, for a refusal's audit. */
export interface BatchListedUser {
  /** Index of the account's first spelling in the list given to batch.load. */
  position: number;
  userName: string;
  status: UserStatus;
}

/** Audit rows of one batch share everything but the target, the state before and the outcome. */
export type BatchAuditCommon = Omit<AuditEntry, 'id' | 'target' | 'before' | 'after' | 'outcome'>;

export interface StoreTx {
  directories: {
    get(id: string, lock?: LockOptions): Promise<Directory | null>;
    list(): Promise<Directory[]>;
    insert(directory: Directory): Promise<void>;
    setSeatLimit(id: string, seatLimit: number | null): Promise<boolean>;
  };
  users: {
    get(key: UserKey, lock?: LockOptions): Promise<User | null>;
    list(directoryId?: string): Promise<User[]>;
    insert(user: User): Promise<void>;
    /** Writes every mutable field of user; bumps version. */
    update(user: User): Promise<void>;
    setStatusMany(ids: string[], update: StatusUpdate): Promise<void>;
    countEnabled(directoryId: string): Promise<number>;
    countEnabledAdmins(): Promise<number>;
    /** The users query matches (all users without one), offset and limit applied in id order. */
    query(query: UserQuery | null, page: { offset: number; limit: number }): Promise<UserPage>;
    /** Replaces the addresses a query's email conditions match for this user. */
    setEmails(userId: string, emails: UserEmail[]): Promise<void>;
    /** Deletes the user with its addresses, sessions, access keys, apps and provisioning tokens. */
    delete(id: string): Promise<boolean>;
  };
  provisioningTokens: {
    get(id: string): Promise<ProvisioningToken | null>;
    getByHash(hash: string): Promise<ProvisioningToken | null>;
    list(): Promise<ProvisioningToken[]>;
    insert(token: ProvisioningToken): Promise<void>;
    revoke(id: string, at: number): Promise<boolean>;
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
    list(query: AuditQuery): Promise<AuditEntry[]>;
  };
  /**
   * A list of up to 100,000 accounts, sent to the database once and worked on there by set
   * statements, so that neither the users nor their audit rows pass through JavaScript.
   * load comes first; the other methods work on the list it loaded in this transaction.
   */
  batch: {
    /**
     * Loads the list, each account once: two spellings of one user name are one account, and
     * the first spelling counts. Positions below are indexes into accounts.
     */
    load(by: BatchAccountKind, accounts: string[]): Promise<BatchLoaded>;
    /** Each listed account's position, ascending: where the list repeats, the first spellings. */
    listPositions(): Promise<number[]>;
    /**
     * Locks the listed users (PostgreSQL: FOR UPDATE, in id order, so two batches over
     * overlapping users cannot deadlock) and counts per directory what setting them to status
     * would change.
     */
    lockAndCount(status: UserStatus): Promise<BatchDirectoryCount[]>;
    /** The listed users the database knows, in list order: a refusal's audit needs their state. */
    listUsers(): Promise<BatchListedUser[]>;
    /**
     * One audit row per listed user, in list order: before is the user's status now, after is
     * status, the outcome 'unchanged' when they are equal and 'ok' otherwise. Call it before setStatus.
     */
    insertAudit(common: BatchAuditCommon, status: UserStatus): Promise<void>;
    /** Sets every listed user whose status differs; returns how many changed. */
    setStatus(update: StatusUpdate): Promise<number>;
    /** Ends the listed users' sessions of the given kinds, changed or not; returns how many. */
    deleteSessions(kinds: SessionKind[]): Promise<number>;
  };
}
