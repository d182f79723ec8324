import { attemptChange, type RefusalRow, type RequestMeta } from './attempt';
import { credentialLabel, requireAdmin, resolveCaller, type CallerCredential } from './callers';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { AuditEntry, User, UserStatus } from './model';
import { BEARER_KINDS } from './sessions';
import { checkLastAdmin, checkSeats } from './statusRules';

export interface ChangeStatusBatchCommand extends RequestMeta {
  credential: CallerCredential;
  verb: string;
  by: 'userName' | 'thirdPartyId';
  accounts: string[];
  status: UserStatus;
  reason: string;
}

export interface BatchChangeResult {
  /** Accounts as the caller named them, duplicates removed. */
  accounts: string[];
  changed: number;
  unchanged: number;
}

/** How two spellings of one account compare: user names are case-insensitive. */
function accountKey(by: ChangeStatusBatchCommand['by'], account: string): string {
  return by === 'userName' ? account.toLowerCase() : account;
}

/**
 * All or nothing: every account is resolved first, and any unknown account, seat limit or
 * last-administrator refusal refuses the whole list.
 */
export async function changeStatusBatch(ctx: EngineContext, cmd: ChangeStatusBatchCommand): Promise<BatchChangeResult> {
  const unique = new Map<string, string>();
  for (const account of cmd.accounts) {
    const key = accountKey(cmd.by, account);
    if (!unique.has(key)) unique.set(key, account);
  }
  const accounts = [...unique.values()];

  return attemptChange(ctx, cmd, async (tx, refusal) => {
    const refusalRows = new Map<string, RefusalRow>();
    for (const account of accounts) {
      const row = { caller: credentialLabel(cmd.credential), target: account, verb: cmd.verb, before: null };
      refusalRows.set(accountKey(cmd.by, account), row);
      refusal.push(row);
    }
    const caller = await resolveCaller(ctx, tx, cmd.credential);
    for (const row of refusal) row.caller = caller.label;
    requireAdmin(caller);

    const users = await tx.users.getMany(cmd.by, accounts, { forUpdate: true });
    const found = new Map<string, User>();
    for (const user of users) {
      const key = accountKey(cmd.by, cmd.by === 'userName' ? user.userName : (user.thirdPartyId ?? ''));
      found.set(key, user);
      const row = refusalRows.get(key);
      if (row) {
        row.target = user.userName;
        row.before = user.status;
      }
    }
    const unknown = accounts.filter((account) => !found.has(accountKey(cmd.by, account)));
    if (unknown.length > 0) throw new EngineError('USER_NOT_FOUND', undefined, { unknown });

    const toChange = users.filter((user) => user.status !== cmd.status);
    if (cmd.status === 'enabled') await checkSeats(tx, toChange);
    else await checkLastAdmin(tx, toChange);

    const now = ctx.clock();
    const ids = toChange.map((user) => user.id);
    if (ids.length > 0) await tx.users.setStatusMany(ids, { status: cmd.status, statusReason: cmd.reason, updatedAt: now });
    // Every listed account, changed or not: one disabled earlier may still hold sessions (Alibaba StopMode=0).
    const listed = users.map((user) => user.id);
    if (cmd.status === 'disabled') await tx.sessions.deleteForUsers(listed, BEARER_KINDS);
    const audit: AuditEntry[] = users.map((user) => ({
      at: now,
      requestId: cmd.requestId,
      door: cmd.door,
      caller: caller.label,
      target: user.userName,
      verb: cmd.verb,
      before: user.status,
      after: cmd.status,
      outcome: user.status === cmd.status ? 'unchanged' : 'ok',
    }));
    return { result: { accounts, changed: ids.length, unchanged: users.length - ids.length }, audit };
  });
}
