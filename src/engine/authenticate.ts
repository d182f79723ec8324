import type { EngineContext } from './context';
import { EngineError, type EngineErrorCode } from './errors';
import type { User } from './model';
import { verifyPassword } from './secrets';

/**
 * Password logon shared by every door. Failed attempts are counted and lock the account for a
 * while; the count is committed even though the logon is refused, so the lock holds.
 */
export async function authenticatePassword(ctx: EngineContext, userName: string, password: string): Promise<User> {
  const user = await ctx.store.withTransaction((tx) => tx.users.get({ by: 'userName', value: userName }));
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user) throw new EngineError('AUTHENTICATION_FAILED');

  const outcome = await ctx.store.withTransaction(async (tx): Promise<{ user: User } | { refuse: EngineErrorCode }> => {
    const now = ctx.clock();
    const current = await tx.users.get({ by: 'id', value: user.id }, { forUpdate: true });
    if (!current) return { refuse: 'AUTHENTICATION_FAILED' };
    if (current.lockedUntil !== null && current.lockedUntil > now) return { refuse: 'ACCOUNT_LOCKED' };
    if (!passwordOk) {
      const failed = current.failedLogins + 1;
      const locks = failed >= ctx.settings.maxFailedLogons;
      await tx.users.update({
        ...current,
        failedLogins: locks ? 0 : failed,
        lockedUntil: locks ? now + ctx.settings.lockoutMs : current.lockedUntil,
        version: current.version + 1,
      });
      return { refuse: locks ? 'ACCOUNT_LOCKED' : 'AUTHENTICATION_FAILED' };
    }
    if (current.status !== 'enabled') return { refuse: 'ACCOUNT_DISABLED' };
    const loggedOn: User = { ...current, failedLogins: 0, lockedUntil: null, lastLogonAt: now, version: current.version + 1 };
    await tx.users.update(loggedOn);
    return { user: loggedOn };
  });
  if ('refuse' in outcome) throw new EngineError(outcome.refuse);
  return outcome.user;
}
