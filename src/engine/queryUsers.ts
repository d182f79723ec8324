import { requireAdmin, resolveCaller, type CallerCredential } from './callers';
import type { EngineContext } from './context';
import type { UserPage, UserQuery } from './model';

/** One page of the users a query matches, in id order, for an administrator's credential. */
export function queryUsers(
  ctx: EngineContext,
  credential: CallerCredential,
  query: UserQuery | null,
  page: { offset: number; limit: number },
): Promise<UserPage> {
  return ctx.store.read(async (tx) => {
    requireAdmin(await resolveCaller(ctx, tx, credential));
    return tx.users.query(query, page);
  });
}
