import { attemptChange, type ChangeRequest } from './attempt';
import { authoriseChange } from './authoriseChange';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { User } from './model';
import { randomId } from './secrets';
import { checkSeats } from './statusRules';
import type { UserChanges } from './userChanges';
import { freshUser, USER_NAME } from './users';

export interface CreateUserCommand extends ChangeRequest {
  user: UserChanges & { userName: string };
  /** Recorded as the status reason, e.g. 'scim:POST'. */
  reason: string;
}

/**
 * An account made by a provisioning client: in its token's directory (the caller's own
 * otherwise), with no password, never an administrator. An enabled one takes a seat.
 */
export async function createUser(ctx: EngineContext, cmd: CreateUserCommand): Promise<User> {
  return attemptChange<User>(ctx, cmd, async (tx, refusal) => {
    refusal.targets.push({ target: cmd.user.userName.slice(0, 128), before: null });
    const caller = await authoriseChange(ctx, tx, cmd, refusal);
    const directoryId = caller.directoryId ?? caller.user?.directoryId;
    if (!directoryId || !(await tx.directories.get(directoryId))) throw new EngineError('DIRECTORY_NOT_FOUND');
    if (!USER_NAME.test(cmd.user.userName)) {
      throw new EngineError('INVALID_ARGUMENT', 'A user name is 1-128 characters without spaces, colons or slashes');
    }
    if (await tx.users.get({ by: 'userName', value: cmd.user.userName })) throw new EngineError('USER_EXISTS');
    const now = ctx.clock();
    const status = cmd.user.status ?? 'enabled';
    const user = freshUser(now, {
      id: randomId('u-', 16),
      directoryId,
      userName: cmd.user.userName,
      // The other doors show a name; the client's displayName, if it sent one, is in the profile.
      displayName: cmd.user.displayName ?? cmd.user.userName,
      email: cmd.user.email ?? '',
      status,
      statusReason: cmd.reason,
      externalId: cmd.user.externalId ?? null,
      profile: cmd.user.profile ?? null,
    });
    if (status === 'enabled') await checkSeats(tx, [user]);
    await tx.users.insert(user);
    if (cmd.user.emails) await tx.users.setEmails(user.id, cmd.user.emails);
    const audit = { at: now, requestId: cmd.requestId, door: cmd.door, caller: caller.label, target: user.userName, verb: cmd.verb };
    return { result: user, audit: [{ ...audit, before: null, after: status, outcome: 'ok' }] };
  });
}
