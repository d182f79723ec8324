import type { EngineContext } from './context';
import { patchUser, type PatchUserCommand, type UserChangeResult } from './patchUser';
import type { UserChanges } from './userChanges';

export interface ReplaceUserCommand extends Omit<PatchUserCommand, 'changes'> {
  /** Every field the client keeps, as it should be after the change. */
  replacement: UserChanges;
}

/** Replaces what a provisioning client keeps on an account, whatever it held before. */
export function replaceUser(ctx: EngineContext, cmd: ReplaceUserCommand): Promise<UserChangeResult> {
  const { replacement, ...rest } = cmd;
  return patchUser(ctx, { ...rest, changes: () => ({ externalId: null, profile: null, emails: [], ...replacement }) });
}
