import { EngineError } from './errors';
import type { User, UserEmail, UserStatus } from './model';
import type { StoreTx } from './storePort';
import { checkLastAdmin, checkSeats } from './statusRules';
import { USER_NAME } from './users';

/** What a provisioning client may set on an account; an absent field stays as it is. */
export interface UserChanges {
  userName?: string;
  status?: UserStatus;
  externalId?: string | null;
  /** What the other doors show; the client's own attributes are in profile. */
  displayName?: string;
  email?: string;
  profile?: Record<string, unknown> | null;
  /** The addresses a user query finds the account by. */
  emails?: UserEmail[];
}

/**
 * Checks changes against the rules every door keeps (a valid, unused user name; the seat limit
 * on enabling, the last administrator on disabling) and returns the user as it would be.
 */
export async function checkChanges(tx: StoreTx, current: User, changes: UserChanges, now: number, reason: string): Promise<User> {
  const next: User = {
    ...current,
    userName: changes.userName ?? current.userName,
    status: changes.status ?? current.status,
    externalId: changes.externalId !== undefined ? changes.externalId : current.externalId,
    displayName: changes.displayName ?? current.displayName,
    email: changes.email ?? current.email,
    profile: changes.profile !== undefined ? changes.profile : current.profile,
    updatedAt: now,
  };
  if (next.userName !== current.userName) {
    if (!USER_NAME.test(next.userName)) {
      throw new EngineError('INVALID_ARGUMENT', 'A user name is 1-128 characters without spaces, colons or slashes');
    }
    const holder = await tx.users.get({ by: 'userName', value: next.userName });
    if (holder && holder.id !== current.id) throw new EngineError('USER_EXISTS');
  }
  if (next.status !== current.status) {
    next.statusReason = reason;
    if (next.status === 'enabled') await checkSeats(tx, [next]);
    else await checkLastAdmin(tx, [next]);
  }
  return next;
}
