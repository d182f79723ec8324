import type { User } from '../../src/engine';
import type { ContractContext } from './contract';
import { directory, seed, T0, user } from './fixtures';

export function directoryAndUserCases(ctx: ContractContext): void {
  it('directories: insert, get (plain and for update), list in creation order, set the seat limit', async () => {
    const d2 = { ...directory('d-000000000002', 7), createdAt: T0 + 5 };
    await seed(ctx.store, [], [d2, directory('d-000000000001')]);
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.directories.get('d-000000000002')).toEqual(d2);
      expect(await tx.directories.get('d-000000000002', { forUpdate: true })).toEqual(d2);
      expect(await tx.directories.get('d-00000missing')).toBeNull();
      expect((await tx.directories.list()).map((d) => d.id)).toEqual(['d-000000000001', 'd-000000000002']);
      expect(await tx.directories.setSeatLimit('d-000000000001', 3)).toBe(true);
      expect(await tx.directories.setSeatLimit('d-000000000002', null)).toBe(true);
      expect(await tx.directories.setSeatLimit('d-00000missing', 3)).toBe(false);
    });
    const after = await ctx.store.withTransaction((tx) => tx.directories.list());
    expect(after.map((d) => d.seatLimit)).toEqual([3, null]);
  });

  it('users: every field round-trips, found by each kind of key, user names case-insensitively', async () => {
    const full = user('u-full', {
      userName: 'Alice.Example',
      thirdPartyId: 'tp-alice',
      ownerId: '1234567890123456',
      isAdmin: true,
      status: 'disabled',
      statusReason: 'aliyun:Freeze',
      hosted: true,
      passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==',
      failedLogins: 3,
      lockedUntil: T0 + 900_000,
      lastLogonAt: T0 - 1,
      version: 7,
      createdAt: T0 - 100,
      updatedAt: T0 + 100,
    });
    const bare = user('u-bare');
    await seed(ctx.store, [full, bare]);
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.users.get({ by: 'id', value: 'u-full' })).toEqual(full);
      expect(await tx.users.get({ by: 'userName', value: 'alice.example' })).toEqual(full);
      expect(await tx.users.get({ by: 'userName', value: 'ALICE.EXAMPLE' }, { forUpdate: true })).toEqual(full);
      expect(await tx.users.get({ by: 'thirdPartyId', value: 'tp-alice' })).toEqual(full);
      expect(await tx.users.get({ by: 'ownerId', value: '1234567890123456' })).toEqual(full);
      expect(await tx.users.get({ by: 'id', value: 'u-bare' })).toEqual(bare);
      expect(await tx.users.get({ by: 'thirdPartyId', value: 'TP-ALICE' })).toBeNull();
      expect(await tx.users.get({ by: 'id', value: 'u-none' })).toBeNull();
    });
  });

  it('users: update writes every mutable field; list orders by user name, optionally per directory', async () => {
    await seed(
      ctx.store,
      [
        user('u-1', { userName: 'bob' }),
        user('u-2', { userName: 'Alice', directoryId: 'd-000000000002' }),
        user('u-3', { userName: 'carol' }),
      ],
      [directory('d-000000000001'), directory('d-000000000002')],
    );
    const changed: User = {
      ...user('u-1'),
      userName: 'Bobby',
      thirdPartyId: 'tp-b',
      ownerId: 'own-b',
      displayName: 'Bobby B',
      email: 'b@example.test',
      isAdmin: true,
      status: 'disabled',
      statusReason: 'huawei:status/1',
      hosted: true,
      passwordHash: 'h',
      failedLogins: 2,
      lockedUntil: T0 + 1,
      lastLogonAt: T0 + 2,
      version: 2,
      updatedAt: T0 + 3,
    };
    await ctx.store.withTransaction((tx) => tx.users.update(changed));
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.users.get({ by: 'id', value: 'u-1' })).toEqual(changed);
      expect(await tx.users.get({ by: 'userName', value: 'bob' })).toBeNull();
      expect((await tx.users.list()).map((u) => u.userName)).toEqual(['Alice', 'Bobby', 'carol']);
      expect((await tx.users.list('d-000000000001')).map((u) => u.id)).toEqual(['u-1', 'u-3']);
      expect(await tx.users.list('d-00000missing')).toEqual([]);
    });
  });

  // The driver's own error, with its code (SQLITE_CONSTRAINT_*, 23505). Not toThrow(): better-sqlite3
  // builds its errors in the realm of the first test file a jest worker loaded it for.
  it('users: unique user names (any case), third-party ids and owner ids are refused twice', async () => {
    await seed(ctx.store, [user('u-1', { userName: 'Dup', thirdPartyId: 'tp', ownerId: 'own' })]);
    for (const clash of [{ userName: 'DUP' }, { thirdPartyId: 'tp' }, { ownerId: 'own' }, { id: 'u-1', userName: 'other' }]) {
      await expect(ctx.store.withTransaction((tx) => tx.users.insert(user('u-2', clash)))).rejects.toHaveProperty('code');
    }
    // Unset identifiers (NULL) never clash with each other.
    await ctx.store.withTransaction(async (tx) => {
      await tx.users.insert(user('u-3'));
      await tx.users.insert(user('u-4'));
    });
  });

  it('users.setStatusMany with more than 500 ids (past any one-statement bound)', async () => {
    const many = Array.from({ length: 1234 }, (_, i) => user(`u-${String(i).padStart(5, '0')}`, { thirdPartyId: `tp-${i}` }));
    await seed(ctx.store, many);
    await ctx.store.withTransaction(async (tx) => {
      await tx.users.setStatusMany(
        many.slice(0, 1001).map((u) => u.id),
        { status: 'disabled', statusReason: 'huawei:status/1', updatedAt: T0 + 9 },
      );
      expect(await tx.users.countEnabled('d-000000000001')).toBe(233);
    });
    const first = await ctx.store.withTransaction((tx) => tx.users.get({ by: 'id', value: 'u-00000' }));
    expect(first).toMatchObject({ status: 'disabled', statusReason: 'huawei:status/1', updatedAt: T0 + 9, version: 2 });
  });

  it('counts enabled users per directory and enabled administrators overall', async () => {
    await seed(
      ctx.store,
      [
        user('u-1', { isAdmin: true }),
        user('u-2', { isAdmin: true, status: 'disabled' }),
        user('u-3', { isAdmin: true, directoryId: 'd-000000000002' }),
        user('u-4'),
        user('u-5', { status: 'disabled' }),
      ],
      [directory('d-000000000001'), directory('d-000000000002')],
    );
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.users.countEnabled('d-000000000001')).toBe(2);
      expect(await tx.users.countEnabled('d-000000000002')).toBe(1);
      expect(await tx.users.countEnabled('d-00000missing')).toBe(0);
      expect(await tx.users.countEnabledAdmins()).toBe(2);
      await tx.users.setStatusMany([], { status: 'disabled', statusReason: 'x', updatedAt: T0 });
      await tx.users.setStatusMany(['u-1'], { status: 'disabled', statusReason: 'x', updatedAt: T0 });
      expect(await tx.users.countEnabledAdmins()).toBe(1);
    });
  });
}
