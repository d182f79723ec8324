import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { User, UserKey } from './model';
import { hashPassword, randomId } from './secrets';
import { checkSeats } from './statusRules';

export interface NewUser {
  userName: string;
  directoryId: string;
  password?: string;
  isAdmin?: boolean;
  id?: string;
  thirdPartyId?: string | null;
  ownerId?: string | null;
  displayName?: string;
  email?: string;
}

/** What a user name may be, for every way an account is made or renamed. */
export const USER_NAME = /^[^\s:/\\]{1,128}$/;
const USER_ID = /^u-[a-z0-9]{1,64}$/;

/**
 * A new account as every way of making one starts it: enabled, never logged on, version 1. The
 * one place a new user field gets its starting value.
 */
export function freshUser(now: number, fields: Pick<User, 'id' | 'directoryId' | 'userName'> & Partial<User>): User {
  return {
    thirdPartyId: null,
    ownerId: null,
    displayName: fields.userName,
    email: '',
    isAdmin: false,
    status: 'enabled',
    statusReason: null,
    hosted: false,
    passwordHash: null,
    failedLogins: 0,
    lockedUntil: null,
    lastLogonAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    externalId: null,
    profile: null,
    ...fields,
  };
}

export async function addUser(ctx: EngineContext, input: NewUser): Promise<User> {
  if (!USER_NAME.test(input.userName))
    throw new EngineError('INVALID_ARGUMENT', 'A user name is 1-128 characters without spaces, colons or slashes');
  const id = input.id ?? randomId('u-', 16);
  if (!USER_ID.test(id)) throw new EngineError('INVALID_ARGUMENT', 'A user id is u- and lower-case letters or digits');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const now = ctx.clock();
  const user = freshUser(now, {
    id,
    directoryId: input.directoryId,
    userName: input.userName,
    thirdPartyId: input.thirdPartyId ?? null,
    ownerId: input.ownerId ?? null,
    displayName: input.displayName ?? input.userName,
    email: input.email ?? '',
    isAdmin: input.isAdmin ?? false,
    passwordHash,
  });
  return ctx.store.withTransaction(async (tx) => {
    if (!(await tx.directories.get(user.directoryId))) throw new EngineError('DIRECTORY_NOT_FOUND');
    const clashes = await Promise.all([
      tx.users.get({ by: 'id', value: user.id }),
      tx.users.get({ by: 'userName', value: user.userName }),
      user.thirdPartyId ? tx.users.get({ by: 'thirdPartyId', value: user.thirdPartyId }) : null,
      user.ownerId ? tx.users.get({ by: 'ownerId', value: user.ownerId }) : null,
    ]);
    if (clashes.some(Boolean)) throw new EngineError('USER_EXISTS');
    // A new user is enabled, so it takes a seat like any enabling does.
    await checkSeats(tx, [user]);
    await tx.users.insert(user);
    // Found by a user query's email conditions like any provisioned address.
    if (user.email) await tx.users.setEmails(user.id, [{ type: null, value: user.email }]);
    return user;
  });
}

export function listUsers(ctx: EngineContext, directoryId?: string): Promise<User[]> {
  return ctx.store.withTransaction((tx) => tx.users.list(directoryId));
}

export function findUser(ctx: EngineContext, key: UserKey): Promise<User | null> {
  return ctx.store.withTransaction((tx) => tx.users.get(key));
}
