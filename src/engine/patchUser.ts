import { attemptChange, type ChangeRequest, type RefusedTarget } from './attempt';
import { authoriseChange } from './authoriseChange';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { AuditEntry, User, UserStatus } from './model';
import { BEARER_KINDS } from './sessions';
import { checkChanges, type UserChanges } from './userChanges';

export interface PatchUserCommand extends ChangeRequest {
  id: string;
  /** The version the caller last read; any other is VERSION_CONFLICT and nothing changes. */
  ifVersion?: number;
  /** Recorded as the status reason when the status changes, e.g. 'scim:PATCH'. */
  reason: string;
  /**
   * Works out the changes from the account as it is now, on the locked row: a change made in
   * between cannot be overwritten. Throwing refuses the whole change.
   */
  changes(current: User): UserChanges;
}

export interface UserChangeResult {
  user: User;
  before: UserStatus;
}

/** Changes a provisioned account in one transaction: all of the changes, or none. */
export async function patchUser(ctx: EngineContext, cmd: PatchUserCommand): Promise<UserChangeResult> {
  return attemptChange<UserChangeResult>(ctx, cmd, async (tx, refusal) => {
    const row: RefusedTarget = { target: `id:${cmd.id}`, before: null };
    refusal.targets.push(row);
    const caller = await authoriseChange(ctx, tx, cmd, refusal);
    const current = await tx.users.get({ by: 'id', value: cmd.id }, { forUpdate: true });
    if (!current) throw new EngineError('USER_NOT_FOUND');
    row.target = current.userName;
    row.before = current.status;
    if (cmd.ifVersion !== undefined && cmd.ifVersion !== current.version) throw new EngineError('VERSION_CONFLICT');

    const changes = cmd.changes(current);
    const now = ctx.clock();
    const next = await checkChanges(tx, current, changes, now, cmd.reason);
    next.version = current.version + 1;
    await tx.users.update(next);
    if (changes.emails) await tx.users.setEmails(next.id, changes.emails);
    // Disabling ends live tickets and tokens, as it does through every door; a rename keeps them.
    if (next.status === 'disabled' && current.status === 'enabled') await tx.sessions.deleteForUsers([next.id], BEARER_KINDS);

    const audit: AuditEntry = {
      at: now,
      requestId: cmd.requestId,
      door: cmd.door,
      caller: caller.label,
      target: next.userName,
      verb: cmd.verb,
      before: current.status,
      after: next.status,
      outcome: next.status === current.status ? 'unchanged' : 'ok',
    };
    return { result: { user: next, before: current.status }, audit: [audit] };
  });
}
