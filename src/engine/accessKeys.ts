import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { AccessKey, AccessPolicy } from './model';
import { randomToken } from './secrets';

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

export function listAccessKeys(ctx: EngineContext): Promise<AccessKey[]> {
  return ctx.store.withTransaction((tx) => tx.accessKeys.list());
}

export async function revokeAccessKey(ctx: EngineContext, id: string): Promise<void> {
  const found = await ctx.store.withTransaction((tx) => tx.accessKeys.revoke(id, ctx.clock()));
  if (!found) throw new EngineError('KEY_NOT_FOUND');
}

/** For checking a signature; the change it authorises checks the key again in its own transaction. */
export function getAccessKey(ctx: EngineContext, id: string): Promise<AccessKey | null> {
  return ctx.store.read((tx) => tx.accessKeys.get(id));
}
