import { createEngine } from '../../src/engine';
import type { ContractContext } from './contract';
import { seed, session, T0, user } from './fixtures';

export function sessionNonceCases(ctx: ContractContext): void {
  beforeEach(async () => {
    await seed(ctx.store, [user('u-1'), user('u-2')]);
  });

  it('sessions: insert, get by hash and kind, set the expiry, delete once', async () => {
    const s = session('h-1', { kind: 'huawei-access', clientType: 72, expiresAt: T0 + 1000, slidingMs: 500 });
    await ctx.store.withTransaction((tx) => tx.sessions.insert(s));
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.sessions.get('h-1', 'huawei-access')).toEqual(s);
      expect(await tx.sessions.get('h-1', 'ticket')).toBeNull();
      expect(await tx.sessions.get('h-none', 'huawei-access')).toBeNull();
      await tx.sessions.setExpiry('h-1', T0 + 5000);
      expect((await tx.sessions.get('h-1', 'huawei-access'))?.expiresAt).toBe(T0 + 5000);
      await tx.sessions.setExpiry('h-1', null);
      expect((await tx.sessions.get('h-1', 'huawei-access'))?.expiresAt).toBeNull();
      expect(await tx.sessions.delete('h-1')).toBe(true);
      expect(await tx.sessions.delete('h-1')).toBe(false);
    });
  });

  it('sessions.deleteForUsers: only the named users and kinds, and says how many', async () => {
    await ctx.store.withTransaction(async (tx) => {
      await tx.sessions.insert(session('a', { userId: 'u-1', kind: 'ticket' }));
      await tx.sessions.insert(session('b', { userId: 'u-1', kind: 'huawei-access' }));
      await tx.sessions.insert(session('c', { userId: 'u-1', kind: 'huawei-refresh' }));
      await tx.sessions.insert(session('d', { userId: 'u-2', kind: 'ticket' }));
    });
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.sessions.deleteForUsers(['u-1'], ['ticket', 'huawei-access'])).toBe(2);
      expect(await tx.sessions.deleteForUsers([], ['ticket'])).toBe(0);
      expect(await tx.sessions.get('c', 'huawei-refresh')).not.toBeNull();
      expect(await tx.sessions.get('d', 'ticket')).not.toBeNull();
    });
  });

  it('sessions.listLive: one user, kind and client type (null matches null), live only, oldest first then by hash', async () => {
    await ctx.store.withTransaction(async (tx) => {
      await tx.sessions.insert(session('z-newest', { kind: 'huawei-access', clientType: 72, createdAt: T0 + 30 }));
      await tx.sessions.insert(session('m-oldest', { kind: 'huawei-access', clientType: 72, createdAt: T0 + 10, expiresAt: T0 + 1000 }));
      await tx.sessions.insert(session('b-middle', { kind: 'huawei-access', clientType: 72, createdAt: T0 + 20 }));
      await tx.sessions.insert(session('a-middle', { kind: 'huawei-access', clientType: 72, createdAt: T0 + 20 }));
      await tx.sessions.insert(session('expired', { kind: 'huawei-access', clientType: 72, createdAt: T0, expiresAt: T0 + 100 }));
      await tx.sessions.insert(session('other-client', { kind: 'huawei-access', clientType: 73 }));
      await tx.sessions.insert(session('no-client', { kind: 'huawei-access', clientType: null }));
      await tx.sessions.insert(session('other-kind', { kind: 'ticket', clientType: 72 }));
      await tx.sessions.insert(session('other-user', { kind: 'huawei-access', clientType: 72, userId: 'u-2' }));
    });
    await ctx.store.withTransaction(async (tx) => {
      const live = await tx.sessions.listLive('u-1', 'huawei-access', 72, T0 + 100);
      expect(live.map((s) => s.hash)).toEqual(['m-oldest', 'a-middle', 'b-middle', 'z-newest']);
      expect((await tx.sessions.listLive('u-1', 'huawei-access', null, T0)).map((s) => s.hash)).toEqual(['no-client']);
      expect(await tx.sessions.listLive('u-1', 'huawei-access', 72, T0 + 1000)).toHaveLength(3);
    });
  });

  it('sessions.purgeExpired: drops what expired at or before now, keeps the rest and the never-expiring', async () => {
    await ctx.store.withTransaction(async (tx) => {
      await tx.sessions.insert(session('past', { expiresAt: T0 - 1 }));
      await tx.sessions.insert(session('now', { expiresAt: T0 }));
      await tx.sessions.insert(session('future', { expiresAt: T0 + 1 }));
      await tx.sessions.insert(session('never', { expiresAt: null }));
    });
    expect(await ctx.store.withTransaction((tx) => tx.sessions.purgeExpired(T0))).toBe(2);
    const left = await ctx.store.withTransaction(async (tx) =>
      Promise.all(['past', 'now', 'future', 'never'].map((h) => tx.sessions.get(h, 'ticket'))),
    );
    expect(left.map((s) => s?.hash ?? null)).toEqual([null, null, 'future', 'never']);
  });

  it('nonces: first claim wins, a replay within the window is refused, the same nonce is fresh again after expiry', async () => {
    const claim = (scope: string, nonce: string, expiresAt: number, now: number) =>
      ctx.store.withTransaction((tx) => tx.nonces.claim(scope, nonce, expiresAt, now));
    expect(await claim('aliyun', 'n1', T0 + 100, T0)).toBe(true);
    expect(await claim('aliyun', 'n1', T0 + 150, T0 + 50)).toBe(false);
    expect(await ctx.other.withTransaction((tx) => tx.nonces.claim('aliyun', 'n1', T0 + 199, T0 + 99))).toBe(false);
    expect(await claim('huawei', 'n1', T0 + 100, T0)).toBe(true);
    expect(await claim('aliyun', 'n1', T0 + 300, T0 + 100)).toBe(true);
    expect(await claim('aliyun', 'n1', T0 + 400, T0 + 299)).toBe(false);
  });

  it('nonces.purgeExpired, and the engine refuses a replayed nonce with NONCE_REPLAYED on every instance', async () => {
    await ctx.store.withTransaction(async (tx) => {
      await tx.nonces.claim('s', 'old', T0 - 1, T0 - 100);
      await tx.nonces.claim('s', 'live', T0 + 1, T0 - 100);
    });
    expect(await ctx.store.withTransaction((tx) => tx.nonces.purgeExpired(T0))).toBe(1);
    expect(await ctx.store.withTransaction((tx) => tx.nonces.claim('s', 'live', T0 + 50, T0))).toBe(false);

    const clock = () => T0;
    // A door hands a verified request's nonce to the engine with its refusal; the engine spends it.
    const refusal = {
      requestId: 'r',
      door: 'contract',
      nonce: { scope: 'aliyun', nonce: 'abc', windowMs: 60_000 },
      verb: 'v',
      targets: [],
      outcome: 'X',
    };
    await createEngine(ctx.store, { clock }).refuse(refusal);
    await expect(createEngine(ctx.other, { clock }).refuse(refusal)).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
  });
}
