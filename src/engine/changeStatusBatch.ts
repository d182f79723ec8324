import { attemptChange, type RefusalRow, type RequestMeta } from './attempt';
import { credentialLabel, requireAdmin, resolveCaller, type CallerCredential } from './callers';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { UserStatus } from './model';
import { BEARER_KINDS } from './sessions';
import { checkLastAdminCount, checkSeatsPerDirectory } from './statusRules';
import type { StoreTx, UserStatusRow } from './storePort';

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

/**
 * Accounts read per round trip. A list may hold 100,000 accounts: reading them a slice at a
 * time keeps only the ids to change alive across the batch, not 100,000 user rows.
 */
const SLICE = 8192;

/** How two spellings of one account compare: user names are case-insensitive. */
function accountKey(by: ChangeStatusBatchCommand['by'], account: string): string {
  return by === 'userName' ? account.toLowerCase() : account;
}

const keyOf = (by: ChangeStatusBatchCommand['by'], user: UserStatusRow): string =>
  accountKey(by, by === 'userName' ? user.userName : (user.thirdPartyId ?? ''));

/** One refusal row per named account, with what the database knows of it. */
async function refusalRows(tx: StoreTx, cmd: ChangeStatusBatchCommand, accounts: string[], caller: string): Promise<RefusalRow[]> {
  const rows: RefusalRow[] = [];
  for (let i = 0; i < accounts.length; i += SLICE) {
    const slice = accounts.slice(i, i + SLICE);
    const found = new Map<string, UserStatusRow>();
    for (const user of await tx.users.getStatusMany(cmd.by, slice)) found.set(keyOf(cmd.by, user), user);
    for (const account of slice) {
      const user = found.get(accountKey(cmd.by, account));
      rows.push({ caller, target: user?.userName ?? account, verb: cmd.verb, before: user?.status ?? null });
    }
  }
  return rows;
}

/**
 * All or nothing: every account is resolved first, and any unknown account, seat limit or
 * last-administrator refusal refuses the whole list. The audit rows of each slice are written
 * as it is read; a refusal rolls them back with the rest and writes the refusal rows instead.
 */
export async function changeStatusBatch(ctx: EngineContext, cmd: ChangeStatusBatchCommand): Promise<BatchChangeResult> {
  const unique = new Map<string, string>();
  for (const account of cmd.accounts) {
    const key = accountKey(cmd.by, account);
    if (!unique.has(key)) unique.set(key, account);
  }
  const accounts = [...unique.values()];

  return attemptChange(ctx, cmd, async (tx, refusal) => {
    let callerLabel = credentialLabel(cmd.credential);
    let lookedUp = false;
    try {
      const caller = await resolveCaller(ctx, tx, cmd.credential);
      callerLabel = caller.label;
      requireAdmin(caller);

      const now = ctx.clock();
      const common = { at: now, requestId: cmd.requestId, door: cmd.door, caller: caller.label, verb: cmd.verb, after: cmd.status };
      const ids: string[] = [];
      const listed: string[] = [];
      const changingPerDirectory = new Map<string, number>();
      let disablingAdmins = 0;
      const unknown: string[] = [];
      let unchanged = 0;
      lookedUp = true;
      for (let i = 0; i < accounts.length; i += SLICE) {
        const slice = accounts.slice(i, i + SLICE);
        const users = await tx.users.getStatusMany(cmd.by, slice, { forUpdate: true });
        const found = new Set(users.map((user) => keyOf(cmd.by, user)));
        for (const account of slice) if (!found.has(accountKey(cmd.by, account))) unknown.push(account);
        if (unknown.length > 0) continue;
        for (const user of users) {
          listed.push(user.id);
          if (user.status === cmd.status) {
            unchanged++;
            continue;
          }
          ids.push(user.id);
          changingPerDirectory.set(user.directoryId, (changingPerDirectory.get(user.directoryId) ?? 0) + 1);
          if (user.isAdmin) disablingAdmins++;
        }
        await tx.audit.insertBatch(
          common,
          users.map((user) => ({ target: user.userName, before: user.status, outcome: user.status === cmd.status ? 'unchanged' : 'ok' })),
        );
      }
      if (unknown.length > 0) throw new EngineError('USER_NOT_FOUND', undefined, { unknown });

      if (cmd.status === 'enabled') await checkSeatsPerDirectory(tx, changingPerDirectory);
      else await checkLastAdminCount(tx, disablingAdmins);

      if (ids.length > 0) await tx.users.setStatusMany(ids, { status: cmd.status, statusReason: cmd.reason, updatedAt: now });
      // Every listed account, changed or not: one disabled earlier may still hold sessions (Alibaba StopMode=0).
      if (cmd.status === 'disabled') await tx.sessions.deleteForUsers(listed, BEARER_KINDS);
      return { result: { accounts, changed: ids.length, unchanged }, audit: [] };
    } catch (err) {
      let rows: RefusalRow[] | null = null;
      // A store that has failed cannot say more; the accounts as named still get their rows.
      if (lookedUp) rows = await refusalRows(tx, cmd, accounts, callerLabel).catch(() => null);
      rows ??= accounts.map((account) => ({ caller: callerLabel, target: account, verb: cmd.verb, before: null }));
      for (const row of rows) refusal.push(row);
      throw err;
    }
  });
}
