import { attemptChange, type ChangeRequest, type RefusedTarget } from './attempt';
import { authoriseChange } from './authoriseChange';
import { requirePolicy, requireRequestedPolicy, targetNotFound, type PolicyCheck } from './callers';
import type { EngineContext } from './context';
import type { AuditEntry, User, UserKey, UserStatus } from './model';
import { BEARER_KINDS } from './sessions';
import { checkLastAdmin, checkSeats } from './statusRules';

export interface ChangeStatusCommand extends ChangeRequest {
  target: UserKey;
  /** When set, the target must belong to this directory (CloudSSO names both). */
  directoryId?: string;
  status: UserStatus;
  /** Which door and verb set it, e.g. 'aliyun:Freeze'. */
  reason: string;
  /** Disabling ends live tickets and tokens unless the door asks otherwise (Alibaba StopMode=0). */
  endSessions?: boolean;
  policy?: PolicyCheck;
}

export interface StatusChangeResult {
  user: User;
  before: UserStatus;
  changed: boolean;
}

export function describeKey(key: UserKey): string {
  return key.by === 'userName' ? key.value : `${key.by}:${key.value}`;
}

export async function changeStatus(ctx: EngineContext, cmd: ChangeStatusCommand): Promise<StatusChangeResult> {
  return attemptChange<StatusChangeResult>(ctx, cmd, async (tx, refusal) => {
    const row: RefusedTarget = { target: describeKey(cmd.target), before: null };
    refusal.targets.push(row);
    const caller = await authoriseChange(ctx, tx, cmd, refusal);
    requireRequestedPolicy(caller, cmd.policy);
    if (cmd.directoryId !== undefined && !(await tx.directories.get(cmd.directoryId))) {
      throw targetNotFound(caller, cmd.policy, 'DIRECTORY_NOT_FOUND');
    }
    const user = await tx.users.get(cmd.target, { forUpdate: true });
    if (!user || (cmd.directoryId !== undefined && user.directoryId !== cmd.directoryId)) {
      throw targetNotFound(caller, cmd.policy, 'USER_NOT_FOUND');
    }
    row.target = user.userName;
    row.before = user.status;
    requirePolicy(caller, cmd.policy, user);

    const now = ctx.clock();
    const base: AuditEntry = {
      at: now,
      requestId: cmd.requestId,
      door: cmd.door,
      caller: caller.label,
      target: user.userName,
      verb: cmd.verb,
      before: user.status,
      after: cmd.status,
      outcome: 'ok',
    };
    const endsSessions = cmd.status === 'disabled' && cmd.endSessions !== false;
    if (user.status === cmd.status) {
      // A user frozen earlier with sessions kept (StopMode=0) loses them when disabled again with StopMode=1.
      if (endsSessions) await tx.sessions.deleteForUsers([user.id], BEARER_KINDS);
      return { result: { user, before: user.status, changed: false }, audit: [{ ...base, outcome: 'unchanged' }] };
    }
    if (cmd.status === 'enabled') await checkSeats(tx, [user]);
    else await checkLastAdmin(tx, [user]);

    const updated: User = { ...user, status: cmd.status, statusReason: cmd.reason, updatedAt: now, version: user.version + 1 };
    // Only the status columns: rewriting the whole row would also rewrite its unique indexes.
    await tx.users.setStatusMany([user.id], { status: cmd.status, statusReason: cmd.reason, updatedAt: now });
    if (endsSessions) await tx.sessions.deleteForUsers([user.id], BEARER_KINDS);
    return { result: { user: updated, before: user.status, changed: true }, audit: [base] };
  });
}
