import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { HuaweiApp } from './model';
import { randomToken } from './secrets';

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

export function listHuaweiApps(ctx: EngineContext): Promise<HuaweiApp[]> {
  return ctx.store.withTransaction((tx) => tx.apps.list());
}

export async function revokeHuaweiApp(ctx: EngineContext, appId: string): Promise<void> {
  const found = await ctx.store.withTransaction((tx) => tx.apps.revoke(appId, ctx.clock()));
  if (!found) throw new EngineError('KEY_NOT_FOUND');
}

/** For checking a signature; the logon it authorises checks the app again in its own transaction. */
export function getHuaweiApp(ctx: EngineContext, appId: string): Promise<HuaweiApp | null> {
  return ctx.store.read((tx) => tx.apps.get(appId));
}
