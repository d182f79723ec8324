import { requireAdmin, resolveCaller, type CallerCredential } from './callers';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { User, UserKey } from './model';

/** Reads one user for an authenticated caller; adminOnly for doors whose API is the administrator's. */
export function readUser(
  ctx: EngineContext,
  credential: CallerCredential,
  key: UserKey,
  options: { adminOnly?: boolean } = {},
): Promise<User> {
  return ctx.store.withTransaction(async (tx) => {
    const caller = await resolveCaller(ctx, tx, credential);
    if (options.adminOnly) requireAdmin(caller);
    const user = await tx.users.get(key);
    if (!user) throw new EngineError('USER_NOT_FOUND');
    return user;
  });
}

/** The identity behind a credential, for doors that answer "who am I". */
export function whoIs(ctx: EngineContext, credential: CallerCredential): Promise<User | null> {
  return ctx.store.withTransaction(async (tx) => (await resolveCaller(ctx, tx, credential)).user);
}
