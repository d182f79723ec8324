import { createEngine, type AuditEntry, type Engine, type CallerCredential, type UserStatus } from '../../src/engine';
import type { ContractContext } from './contract';
import { directory, seed, user } from './fixtures';

const credential: CallerCredential = { kind: 'system', label: 'contract' };

/** The same change asked for with a fresh request id each time, so the audit can be matched call by call. */
let requests = 0;
const meta = () => ({ requestId: `r-${++requests}`, door: 'contract' });

function status(engine: Engine, userId: string, to: UserStatus) {
  return engine.changeStatus({
    ...meta(),
    credential,
    verb: 'set',
    target: { by: 'id', value: userId },
    status: to,
    reason: `contract:${to}`,
  });
}

function outcomes(rows: AuditEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
  return counts;
}

/**
 * Conflicting changes through two engines, each on its own store instance (for PostgreSQL its
 * own pool, as a second process would have), all started at once.
 */
export function concurrencyCases(ctx: ContractContext): void {
  let a: Engine;
  let b: Engine;
  beforeEach(() => {
    a = createEngine(ctx.store);
    b = createEngine(ctx.other);
  });

  it('2 x 100 conflicting status changes on 4 users: no lost update, one audit row per call', async () => {
    const ids = ['u-c0', 'u-c1', 'u-c2', 'u-c3'];
    await seed(ctx.store, [user('u-admin', { isAdmin: true }), ...ids.map((id) => user(id))]);
    const calls: { requestId: string; userId: string; to: UserStatus }[] = [];
    const pending = [];
    for (let i = 0; i < 200; i++) {
      const userId = ids[i % ids.length];
      const to: UserStatus = Math.random() < 0.5 ? 'enabled' : 'disabled';
      const engine = i % 2 === 0 ? a : b;
      pending.push(status(engine, userId, to));
      calls.push({ requestId: `r-${requests}`, userId, to });
    }
    const settled = await Promise.allSettled(pending);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);

    const audit = await a.listAudit({ door: 'contract' });
    expect(audit).toHaveLength(200);
    expect(new Set(audit.map((e) => e.requestId))).toEqual(new Set(calls.map((c) => c.requestId)));

    for (const id of ids) {
      const rows = audit.filter((e) => e.target === `User-${id}`);
      // In audit order each change starts from the state the previous one left: none was lost.
      let state: string = 'enabled';
      for (const row of rows) {
        expect(row.before).toBe(state);
        state = row.after as string;
      }
      const final = await a.findUser({ by: 'id', value: id });
      expect(final?.status).toBe(state);
      expect(final?.version).toBe(1 + rows.filter((r) => r.outcome === 'ok').length);
    }
    const counts = outcomes(audit);
    expect((counts.ok ?? 0) + (counts.unchanged ?? 0)).toBe(200);
  });

  it('parallel enabling never passes the seat limit', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `u-s${i}`);
    await seed(
      ctx.store,
      ids.map((id) => user(id, { status: 'disabled', directoryId: 'd-0000000seats' })),
      [directory('d-0000000seats', 5)],
    );
    const settled = await Promise.allSettled(ids.flatMap((id) => [status(a, id, 'enabled'), status(b, id, 'enabled')]));

    const enabled = (await a.listUsers('d-0000000seats')).filter((u) => u.status === 'enabled');
    expect(enabled).toHaveLength(5);
    const refused = settled.filter((s) => s.status === 'rejected');
    expect(refused.every((s) => (s.reason as { code?: string }).code === 'SEAT_LIMIT_REACHED')).toBe(true);
    const audit = await a.listAudit({ door: 'contract' });
    expect(audit).toHaveLength(24);
    const counts = outcomes(audit);
    expect(counts.ok).toBe(5);
    expect(counts.SEAT_LIMIT_REACHED).toBe(refused.length);
  });

  it('parallel batch enabling never passes the seat limit, each batch all or nothing', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `batch-${i}`);
    await seed(
      ctx.store,
      names.map((userName, i) => user(`u-b${i}`, { userName, status: 'disabled', directoryId: 'd-0000000batch' })),
      [directory('d-0000000batch', 10)],
    );
    const batches = Array.from({ length: 10 }, (_, i) => names.slice(i * 3, i * 3 + 3));
    const settled = await Promise.allSettled(
      batches.map((accounts, i) =>
        (i % 2 === 0 ? a : b).changeStatusBatch({
          ...meta(),
          credential,
          verb: 'batch',
          by: 'userName',
          accounts,
          status: 'enabled',
          reason: 'contract:batch',
        }),
      ),
    );
    const users = await a.listUsers('d-0000000batch');
    expect(users.filter((u) => u.status === 'enabled')).toHaveLength(9);
    batches.forEach((accounts, i) => {
      const states = accounts.map((name) => users.find((u) => u.userName === name)?.status);
      expect(new Set(states).size).toBe(1);
      expect(states[0] === 'enabled').toBe(settled[i].status === 'fulfilled');
    });
    expect(await a.listAudit({ door: 'contract' })).toHaveLength(30);
  });

  it('parallel disabling of administrators never disables the last one', async () => {
    const admins = ['u-a0', 'u-a1', 'u-a2'];
    await seed(
      ctx.store,
      admins.map((id) => user(id, { isAdmin: true })),
    );
    for (let round = 0; round < 3; round++) {
      for (const id of admins) if ((await a.findUser({ by: 'id', value: id }))?.status === 'disabled') await status(a, id, 'enabled');
      const before = (await a.listAudit({ door: 'contract' })).length;
      const settled = await Promise.allSettled([
        ...admins.flatMap((id) => [status(a, id, 'disabled'), status(b, id, 'disabled')]),
        (round % 2 === 0 ? a : b).changeStatusBatch({
          ...meta(),
          credential,
          verb: 'batch',
          by: 'userName',
          accounts: admins.map((id) => `User-${id}`),
          status: 'disabled',
          reason: 'contract:batch',
        }),
      ]);
      const enabledAdmins = (await a.listUsers()).filter((u) => u.isAdmin && u.status === 'enabled');
      expect(enabledAdmins).toHaveLength(1);
      const refused = settled.filter((s) => s.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((s) => (s.reason as { code?: string }).code === 'LAST_ADMIN')).toBe(true);
      // Six single calls and one batch of three accounts: nine rows this round.
      expect((await a.listAudit({ door: 'contract' })).length - before).toBe(9);
    }
  });

  it('a nonce claimed on both instances at once is accepted exactly once', async () => {
    const settled = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 === 0 ? a : b).refuse({
          requestId: `nonce-${i}`,
          door: 'contract-nonce',
          nonce: { scope: 'aliyun', nonce: 'same-nonce', windowMs: 60_000 },
          verb: 'v',
          targets: [],
          outcome: 'X',
        }),
      ),
    );
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect(settled.filter((s) => s.status === 'rejected').every((s) => (s.reason as { code?: string }).code === 'NONCE_REPLAYED')).toBe(
      true,
    );
  });
}
