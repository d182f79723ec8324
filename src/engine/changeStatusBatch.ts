import { attemptChange, type ChangeRequest, type RefusedTarget } from './attempt';
import { summariseTargets } from './auditBounds';
import { authoriseChange } from './authoriseChange';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import type { UserStatus } from './model';
import { BEARER_KINDS } from './sessions';
import { checkLastAdminCount, checkSeatsPerDirectory } from './statusRules';
import type { BatchDirectoryCount, StoreTx } from './storePort';

export interface ChangeStatusBatchCommand extends ChangeRequest {
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

/** The accounts as named, each once, first spelling kept: for a proven caller's refusal before the list was loaded. */
function distinctAccounts(cmd: ChangeStatusBatchCommand): string[] {
  const unique = new Map<string, string>();
  for (const account of cmd.accounts) {
    const key = accountKey(cmd.by, account);
    if (!unique.has(key)) unique.set(key, account);
  }
  return [...unique.values()];
}

/** The list as the store holds it: each account once, and where in the named list it is. */
interface LoadedList {
  accounts: string[];
  /** null when nothing repeats: then the positions are 0, 1, 2 .. */
  positions: number[] | null;
}

/**
 * The store dedupes the list, so the engine keeps no key per account: a list that repeats
 * nothing is returned as it came, and only one that does reads back where its first spellings are.
 */
async function loadList(tx: StoreTx, cmd: ChangeStatusBatchCommand): Promise<{ list: LoadedList; unknown: string[] }> {
  const { unknown, repeats } = await tx.batch.load(cmd.by, cmd.accounts);
  if (repeats === 0) return { list: { accounts: cmd.accounts, positions: null }, unknown };
  const positions = await tx.batch.listPositions();
  return { list: { accounts: positions.map((position) => cmd.accounts[position]), positions }, unknown };
}

/** What the rules need of the store's per-directory counts. */
interface BatchTotals {
  changingPerDirectory: Map<string, number>;
  changingAdmins: number;
  changed: number;
  unchanged: number;
}

function totalsOf(counts: readonly BatchDirectoryCount[]): BatchTotals {
  const totals: BatchTotals = { changingPerDirectory: new Map(), changingAdmins: 0, changed: 0, unchanged: 0 };
  for (const count of counts) {
    // A directory none of whose users change needs no seat check, nor its row lock.
    if (count.changing > 0) totals.changingPerDirectory.set(count.directoryId, count.changing);
    totals.changingAdmins += count.changingAdmins;
    totals.changed += count.changing;
    totals.unchanged += count.listed - count.changing;
  }
  return totals;
}

/** One refusal row per listed account: known ones under their stored name and status. */
async function refusedTargets(tx: StoreTx, list: LoadedList): Promise<RefusedTarget[]> {
  const users = await tx.batch.listUsers();
  let next = 0;
  // Both in list order: each account's user, if any, is the next one not yet matched.
  return list.accounts.map((account, i) => {
    const position = list.positions ? list.positions[i] : i;
    const user = users[next]?.position === position ? users[next++] : undefined;
    return { target: user?.userName ?? account, before: user?.status ?? null };
  });
}

/** The seat limit guards enabling, the last administrator disabling. */
async function checkRules(tx: StoreTx, status: UserStatus, totals: BatchTotals): Promise<void> {
  if (status === 'enabled') await checkSeatsPerDirectory(tx, totals.changingPerDirectory);
  else await checkLastAdminCount(tx, totals.changingAdmins);
}

/**
 * All or nothing: the list goes to the store once, and any unknown account, seat limit or
 * last-administrator refusal refuses the whole list. Only then are the audit rows, the status
 * change and the session purge written, each as one set statement; a refusal rolls back and
 * writes the refusal rows instead.
 */
export async function changeStatusBatch(ctx: EngineContext, cmd: ChangeStatusBatchCommand): Promise<BatchChangeResult> {
  return attemptChange(ctx, cmd, async (tx, refusal) => {
    let list: LoadedList | null = null;
    try {
      const caller = await authoriseChange(ctx, tx, cmd, refusal);
      const loaded = await loadList(tx, cmd);
      list = loaded.list;
      if (loaded.unknown.length > 0) throw new EngineError('USER_NOT_FOUND', undefined, { unknown: loaded.unknown });
      const totals = totalsOf(await tx.batch.lockAndCount(cmd.status));
      await checkRules(tx, cmd.status, totals);

      const now = ctx.clock();
      await tx.batch.insertAudit({ at: now, requestId: cmd.requestId, door: cmd.door, caller: caller.label, verb: cmd.verb }, cmd.status);
      if (totals.changed > 0) await tx.batch.setStatus({ status: cmd.status, statusReason: cmd.reason, updatedAt: now });
      // Every listed account, changed or not: one disabled earlier may still hold sessions (Alibaba StopMode=0).
      if (cmd.status === 'disabled') await tx.batch.deleteSessions(BEARER_KINDS);
      return { result: { accounts: list.accounts, changed: totals.changed, unchanged: totals.unchanged }, audit: [] };
    } catch (err) {
      if (!refusal.proven) {
        // Anyone may send a long list: an unproven caller's refusal is one row, naming the list as sent.
        refusal.targets.push({ target: summariseTargets(cmd.accounts, ctx.settings.auditFieldMaxChars), before: null });
        throw err;
      }
      let targets: RefusedTarget[] | null = null;
      // A store that has failed cannot say more; the accounts as named still get their rows.
      if (list) targets = await refusedTargets(tx, list).catch(() => null);
      targets ??= (list?.accounts ?? distinctAccounts(cmd)).map((account) => ({ target: account, before: null }));
      // One by one: a long list spread into push could pass the engine's argument limit.
      for (const target of targets) refusal.targets.push(target);
      throw err;
    }
  });
}
