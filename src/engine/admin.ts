import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { AccessKey, AccessPolicy, Directory, HuaweiApp, User } from './model';
import { hashPassword, randomId, randomToken } from './secrets';
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

const USER_NAME = /^[^\s:/\\]{1,128}$/;
const DIRECTORY_ID = /^d-[a-z0-9]{12}$/;
const USER_ID = /^u-[a-z0-9]{1,64}$/;

export async function addDirectory(ctx: EngineContext, input: { id?: string; name: string; seatLimit: number | null }): Promise<Directory> {
  const id = input.id ?? randomId('d-', 12);
  if (!DIRECTORY_ID.test(id)) throw new EngineError('INVALID_ARGUMENT', 'A directory id is d- and 12 lower-case letters or digits');
  if (input.seatLimit !== null && (!Number.isInteger(input.seatLimit) || input.seatLimit < 0)) {
    throw new EngineError('INVALID_ARGUMENT', 'A seat limit is a whole number of 0 or more');
  }
  const directory: Directory = { id, name: input.name, seatLimit: input.seatLimit, createdAt: ctx.clock() };
  return ctx.store.withTransaction(async (tx) => {
    if (await tx.directories.get(id)) throw new EngineError('DIRECTORY_EXISTS');
    await tx.directories.insert(directory);
    return directory;
  });
}

export async function setSeatLimit(ctx: EngineContext, id: string, seatLimit: number | null): Promise<void> {
  if (seatLimit !== null && (!Number.isInteger(seatLimit) || seatLimit < 0)) {
    throw new EngineError('INVALID_ARGUMENT', 'A seat limit is a whole number of 0 or more');
  }
  const found = await ctx.store.withTransaction((tx) => tx.directories.setSeatLimit(id, seatLimit));
  if (!found) throw new EngineError('DIRECTORY_NOT_FOUND');
}

export async function addUser(ctx: EngineContext, input: NewUser): Promise<User> {
  if (!USER_NAME.test(input.userName))
    throw new EngineError('INVALID_ARGUMENT', 'A user name is 1-128 characters without spaces, colons or slashes');
  const id = input.id ?? randomId('u-', 16);
  if (!USER_ID.test(id)) throw new EngineError('INVALID_ARGUMENT', 'A user id is u- and lower-case letters or digits');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const now = ctx.clock();
  const user: User = {
    id,
    directoryId: input.directoryId,
    userName: input.userName,
    thirdPartyId: input.thirdPartyId ?? null,
    ownerId: input.ownerId ?? null,
    displayName: input.displayName ?? input.userName,
    email: input.email ?? '',
    isAdmin: input.isAdmin ?? false,
    status: 'enabled',
    statusReason: null,
    hosted: false,
    passwordHash,
    failedLogins: 0,
    lockedUntil: null,
    lastLogonAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
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
    return user;
  });
}

export async function createAccessKey(
  ctx: EngineContext,
  input: { userName: string; policy: AccessPolicy | null; id?: string; secret?: string },
): Promise<AccessKey> {
  return ctx.store.withTransaction(async (tx) => {
    const user = await tx.users.get({ by: 'userName', value: input.userName });
    if (!user) throw new EngineError('USER_NOT_FOUND');
    if (!user.isAdmin) throw new EngineError('ACCESS_DENIED', 'Access keys are bound to administrators');
    const key: AccessKey = {
      id: input.id ?? `LTAI${randomToken(15).replace(/[-_]/g, 'x')}`,
      secret: input.secret ?? randomToken(22),
      userId: user.id,
      policy: input.policy,
      createdAt: ctx.clock(),
      revokedAt: null,
    };
    await tx.accessKeys.insert(key);
    return key;
  });
}

export async function createHuaweiApp(
  ctx: EngineContext,
  input: { userName: string; appId?: string; appKey?: string },
): Promise<HuaweiApp> {
  return ctx.store.withTransaction(async (tx) => {
    const user = await tx.users.get({ by: 'userName', value: input.userName });
    if (!user) throw new EngineError('USER_NOT_FOUND');
    if (!user.isAdmin) throw new EngineError('ACCESS_DENIED', 'Apps are bound to administrators');
    const app: HuaweiApp = {
      appId: input.appId ?? randomToken(16).replace(/[-_]/g, 'x'),
      appKey: input.appKey ?? randomToken(24),
      userId: user.id,
      createdAt: ctx.clock(),
      revokedAt: null,
    };
    await tx.apps.insert(app);
    return app;
  });
}
