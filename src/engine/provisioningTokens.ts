import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { ProvisioningToken } from './model';
import { randomId, randomToken, sha256Hex } from './secrets';
import type { StoreTx } from './storePort';

/** A new token and its secret: the secret is shown this once and stored only as its hash. */
export interface IssuedProvisioningToken {
  token: ProvisioningToken;
  secret: string;
}

/** A token for an identity provider, bound to an administrator and to the directory its new users go into. */
export async function createProvisioningToken(
  ctx: EngineContext,
  input: { userName: string; directoryId?: string; secret?: string; id?: string },
): Promise<IssuedProvisioningToken> {
  return ctx.store.withTransaction(async (tx) => {
    const user = await tx.users.get({ by: 'userName', value: input.userName });
    if (!user) throw new EngineError('USER_NOT_FOUND');
    if (!user.isAdmin) throw new EngineError('ACCESS_DENIED', 'Provisioning tokens are bound to administrators');
    const directoryId = input.directoryId ?? user.directoryId;
    if (!(await tx.directories.get(directoryId))) throw new EngineError('DIRECTORY_NOT_FOUND');
    const secret = input.secret ?? randomToken(32);
    const token: ProvisioningToken = {
      id: input.id ?? randomId('pt-', 16),
      hash: sha256Hex(secret),
      userId: user.id,
      directoryId,
      createdAt: ctx.clock(),
      revokedAt: null,
    };
    await tx.provisioningTokens.insert(token);
    return { token, secret };
  });
}

export function listProvisioningTokens(ctx: EngineContext): Promise<ProvisioningToken[]> {
  return ctx.store.withTransaction((tx) => tx.provisioningTokens.list());
}

export async function revokeProvisioningToken(ctx: EngineContext, id: string): Promise<void> {
  const found = await ctx.store.withTransaction((tx) => tx.provisioningTokens.revoke(id, ctx.clock()));
  if (!found) throw new EngineError('KEY_NOT_FOUND');
}

/** The live token a secret names; an unknown or revoked one is SESSION_INVALID, like any dead bearer secret. */
export async function findProvisioningToken(tx: StoreTx, secret: string): Promise<ProvisioningToken> {
  const token = await tx.provisioningTokens.getByHash(sha256Hex(secret));
  if (!token || token.revokedAt !== null) throw new EngineError('SESSION_INVALID');
  return token;
}
