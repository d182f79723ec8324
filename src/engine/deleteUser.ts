import { attemptChange, type ChangeRequest, type RefusedTarget } from './attempt';
import { authoriseChange } from './authoriseChange';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import { checkLastAdmin } from './statusRules';

export interface DeleteUserCommand extends ChangeRequest {
  id: string;
  /** The version the caller last read; any other is VERSION_CONFLICT and nothing is deleted. */
  ifVersion?: number;
}

/**
 * Deletes an account with its sessions, keys, apps and tokens. The last enabled administrator
 * stays (nobody could change statuses after); the audit keeps the account's rows and this one.
 */
export async function deleteUser(ctx: EngineContext, cmd: DeleteUserCommand): Promise<void> {
  return attemptChange<void>(ctx, cmd, async (tx, refusal) => {
    const row: RefusedTarget = { target: `id:${cmd.id}`, before: null };
    refusal.targets.push(row);
    const caller = await authoriseChange(ctx, tx, cmd, refusal);
    const user = await tx.users.get({ by: 'id', value: cmd.id }, { forUpdate: true });
    if (!user) throw new EngineError('USER_NOT_FOUND');
    row.target = user.userName;
    row.before = user.status;
    if (cmd.ifVersion !== undefined && cmd.ifVersion !== user.version) throw new EngineError('VERSION_CONFLICT');
    if (user.status === 'enabled') await checkLastAdmin(tx, [user]);
    await tx.users.delete(user.id);
    const at = ctx.clock();
    const { requestId, door, verb } = cmd;
    return {
      result: undefined,
      audit: [
        { at, requestId, door, caller: caller.label, target: user.userName, verb, before: user.status, after: 'deleted', outcome: 'ok' },
      ],
    };
  });
}
