import { createEngine, EngineError } from '../../src/engine';
import type { ContractContext } from './contract';
import { directory, seed, session, T0, user } from './fixtures';

export function transactionCases(ctx: ContractContext): void {
  it('commits when fn resolves and hands back its result', async () => {
    const result = await ctx.store.withTransaction(async (tx) => {
      await tx.directories.insert(directory('d-000000000001'));
      return 42;
    });
    expect(result).toBe(42);
    expect(await ctx.other.withTransaction((tx) => tx.directories.get('d-000000000001'))).toEqual(directory('d-000000000001'));
  });

  it('rolls back every write when fn throws, and rethrows the same error', async () => {
    const boom = new EngineError('SEAT_LIMIT_REACHED');
    await expect(
      ctx.store.withTransaction(async (tx) => {
        await tx.directories.insert(directory('d-000000000001'));
        await tx.users.insert(user('u-1'));
        throw boom;
      }),
    ).rejects.toBe(boom);
    const left = await ctx.store.withTransaction(async (tx) => ({ dirs: await tx.directories.list(), users: await tx.users.list() }));
    expect(left).toEqual({ dirs: [], users: [] });
  });

  it('rolls back when a statement fails (a duplicate key) and stays usable', async () => {
    await seed(ctx.store, [user('u-1')]);
    await expect(
      ctx.store.withTransaction(async (tx) => {
        await tx.directories.insert(directory('d-000000000002'));
        await tx.users.insert(user('u-2', { userName: 'USER-U-1' }));
      }),
    ).rejects.toHaveProperty('code');
    expect(await ctx.store.withTransaction((tx) => tx.directories.get('d-000000000002'))).toBeNull();
    expect(await ctx.store.withTransaction((tx) => tx.users.list())).toHaveLength(1);
  });

  it('reads committed state only: a read during an open transaction does not see its writes, nor wait for it', async () => {
    await seed(ctx.store, [user('u-1')]);
    let finish: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let written: () => void = () => undefined;
    const wrote = new Promise<void>((resolve) => {
      written = resolve;
    });
    const open = ctx.store.withTransaction(async (tx) => {
      await tx.directories.insert(directory('d-000000000003'));
      written();
      await held;
    });
    await wrote;
    expect(await ctx.store.read((tx) => tx.directories.get('d-000000000003'))).toBeNull();
    expect((await ctx.other.read((tx) => tx.users.get({ by: 'id', value: 'u-1' })))?.id).toBe('u-1');
    finish();
    await open;
    expect(await ctx.store.read((tx) => tx.directories.get('d-000000000003'))).toEqual(directory('d-000000000003'));
    expect(await ctx.other.read((tx) => tx.directories.get('d-000000000003'))).toEqual(directory('d-000000000003'));
  });

  it('answers ping, and refuses work with STORE_UNAVAILABLE once closed', async () => {
    await expect(ctx.store.ping()).resolves.toBeUndefined();
    expect(typeof ctx.store.kind).toBe('string');
    await ctx.store.close();
    await expect(ctx.store.withTransaction((tx) => tx.directories.list())).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(ctx.store.read((tx) => tx.directories.list())).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(ctx.store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('purges expired sessions and nonces through Engine.purgeExpired (the server runs it on a schedule)', async () => {
    await seed(ctx.store, [user('u-1')]);
    await ctx.store.withTransaction(async (tx) => {
      await tx.sessions.insert(session('h-old', { expiresAt: T0 - 1 }));
      await tx.sessions.insert(session('h-live', { expiresAt: T0 + 60_000 }));
      await tx.sessions.insert(session('h-forever', { expiresAt: null }));
      await tx.nonces.claim('aliyun', 'n-old', T0 - 1, T0 - 10);
      await tx.nonces.claim('aliyun', 'n-live', T0 + 60_000, T0 - 10);
    });
    const engine = createEngine(ctx.store, { clock: () => T0 });
    expect(await engine.purgeExpired()).toEqual({ sessions: 1, nonces: 1 });
    expect(await engine.purgeExpired()).toEqual({ sessions: 0, nonces: 0 });
    const kept = await ctx.store.withTransaction(async (tx) => [
      await tx.sessions.get('h-live', 'ticket'),
      await tx.sessions.get('h-forever', 'ticket'),
    ]);
    expect(kept.every(Boolean)).toBe(true);
  });
}
