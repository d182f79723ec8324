import { boundEntries, summariseTargets } from './auditBounds';
import { credentialLabel, type CallerCredential } from './callers';
import type { EngineContext } from './context';
import { toEngineError } from './errors';
import type { AuditEntry } from './model';
import { spendNonce, type NonceClaim } from './nonces';
import type { StoreTx } from './storePort';

/** Which request asked for a change, through which door, as the audit records it. */
export interface RequestMeta {
  requestId: string;
  door: string;
  /**
   * Spent in the change's own transaction, before anything is read: a replay changes nothing
   * and is refused with NONCE_REPLAYED, and a refused change still uses its nonce up.
   */
  nonce?: NonceClaim;
}

/** What every change names besides its request: who asks, and by which verb. */
export interface ChangeRequest extends RequestMeta {
  credential: CallerCredential;
  verb: string;
}

/** One account a refused attempt named, as far as the attempt had read it. */
export interface RefusedTarget {
  target: string;
  before: string | null;
}

/** What the audit should say if the attempt is refused; the work fills it in as it learns. */
export interface Refusal {
  /** The credential as claimed at first, the proven caller once known. */
  caller: string;
  /** Set once the caller is proven: only then does a refusal get a row per account it named. */
  proven?: boolean;
  targets: RefusedTarget[];
}

/**
 * The rows of a refused attempt, nothing after, the refusal's code as outcome: one per target for
 * a proven caller, one for the whole request otherwise (anyone may send a long list), each field
 * within auditFieldMaxChars.
 */
export function refusalEntries(ctx: EngineContext, meta: RequestMeta, verb: string, refusal: Refusal, outcome: string): AuditEntry[] {
  const at = ctx.clock();
  const { requestId, door } = meta;
  const max = ctx.settings.auditFieldMaxChars;
  let targets = refusal.targets;
  if (!refusal.proven && targets.length > 1) {
    targets = [
      {
        target: summariseTargets(
          targets.map((t) => t.target),
          max,
        ),
        before: null,
      },
    ];
  }
  const rows = targets.map(({ target, before }) => ({
    at,
    requestId,
    door,
    caller: refusal.caller,
    target,
    verb,
    before,
    after: null,
    outcome,
  }));
  return boundEntries(rows, max);
}

/**
 * Runs one attempted change. On success its audit rows commit with the change; on refusal
 * the change rolls back and the refusal rows are written in a transaction of their own,
 * so every attempt leaves its rows and nothing is half-applied.
 */
export async function attemptChange<T>(
  ctx: EngineContext,
  cmd: ChangeRequest,
  work: (tx: StoreTx, refusal: Refusal) => Promise<{ result: T; audit: AuditEntry[] }>,
): Promise<T> {
  const claimed = credentialLabel(cmd.credential);
  let refusal: Refusal = { caller: claimed, targets: [] };
  try {
    return await ctx.store.withTransaction(async (tx) => {
      refusal = { caller: claimed, targets: [] };
      const { result, audit } = await work(tx, refusal);
      await tx.audit.insert(boundEntries(audit, ctx.settings.auditFieldMaxChars));
      return result;
    });
  } catch (err) {
    const code = toEngineError(err).code;
    const { nonce } = cmd;
    if (code !== 'STORE_UNAVAILABLE' && (refusal.targets.length > 0 || nonce)) {
      const rows = refusalEntries(ctx, cmd, cmd.verb, refusal, code);
      await ctx.store.withTransaction(async (tx) => {
        // The spend rolled back with the change: spent again here, a refused request stays used.
        if (nonce && code !== 'NONCE_REPLAYED') await spendNonce(ctx, tx, nonce);
        await tx.audit.insert(rows);
      });
    }
    throw err;
  }
}
