import { attemptChange, type ChangeRequest, type RefusedTarget } from './attempt';
import { authoriseChange } from './authoriseChange';
import { requirePolicy, requireRequestedPolicy, targetNotFound, type PolicyCheck } from './callers';
import { describeKey } from './changeStatus';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { User, UserKey } from './model';

export interface SetHostedCommand extends ChangeRequest {
  target: UserKey;
  hosted: boolean;
  policy?: PolicyCheck;
}

const label = (hosted: boolean): string => (hosted ? 'hosted' : 'not-hosted');

/** Trusteeship: an account handed to the reseller to run. Cancelling needs an active one. */
export async function setHosted(ctx: EngineContext, cmd: SetHostedCommand): Promise<{ user: User; changed: boolean }> {
  return attemptChange(ctx, cmd, async (tx, refusal) => {
    const row: RefusedTarget = { target: describeKey(cmd.target), before: null };
    refusal.targets.push(row);
    const caller = await authoriseChange(ctx, tx, cmd, refusal);
    requireRequestedPolicy(caller, cmd.policy);
    const user = await tx.users.get(cmd.target, { forUpdate: true });
    if (!user) throw targetNotFound(caller, cmd.policy, 'USER_NOT_FOUND');
    row.target = user.userName;
    row.before = label(user.hosted);
    requirePolicy(caller, cmd.policy, user);
    if (!cmd.hosted && !user.hosted) throw new EngineError('NOT_HOSTED');

    const now = ctx.clock();
    const changed = user.hosted !== cmd.hosted;
    const updated: User = changed ? { ...user, hosted: cmd.hosted, updatedAt: now, version: user.version + 1 } : user;
    if (changed) await tx.users.update(updated);
    return {
      result: { user: updated, changed },
      audit: [
        {
          at: now,
          requestId: cmd.requestId,
          door: cmd.door,
          caller: caller.label,
          target: user.userName,
          verb: cmd.verb,
          before: label(user.hosted),
          after: label(cmd.hosted),
          outcome: changed ? 'ok' : 'unchanged',
        },
      ],
    };
  });
}
