import type { AuditEntry, Directory, Session, Store, User } from '../../src/engine';
import { freshUser } from '../../src/engine/users';

/** Epoch milliseconds past 2^31 and 2^32: BIGINT columns must keep them exact. */
export const T0 = 1_790_000_000_000;

export function directory(id: string, seatLimit: number | null = null): Directory {
  return { id, name: `Directory ${id}`, seatLimit, createdAt: T0 };
}

export function user(id: string, fields: Partial<User> = {}): User {
  return freshUser(T0, {
    id,
    directoryId: 'd-000000000001',
    userName: `User-${id}`,
    displayName: `Display ${id}`,
    email: `${id}@example.test`,
    ...fields,
  });
}

export function session(hash: string, fields: Partial<Session> = {}): Session {
  return { hash, kind: 'ticket', userId: 'u-1', clientType: null, createdAt: T0, expiresAt: null, slidingMs: null, ...fields };
}

export function auditEntry(fields: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: T0,
    requestId: 'r-1',
    door: 'asmx',
    caller: 'admin',
    target: 'alice',
    verb: 'ChangeUserStatus',
    before: 'enabled',
    after: 'disabled',
    outcome: 'ok',
    ...fields,
  };
}

/** The default directory d-000000000001 and the given users, in one transaction. */
export async function seed(store: Store, users: User[], directories: Directory[] = [directory('d-000000000001')]): Promise<void> {
  await store.withTransaction(async (tx) => {
    for (const d of directories) await tx.directories.insert(d);
    for (const u of users) await tx.users.insert(u);
  });
}
