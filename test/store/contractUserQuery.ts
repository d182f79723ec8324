import type { Store, UserQuery } from '../../src/engine';
import type { ContractContext } from './contract';
import { seed, user } from './fixtures';

async function ids(store: Store, query: UserQuery | null, offset = 0, limit = 100): Promise<{ total: number; ids: string[] }> {
  const page = await store.read((tx) => tx.users.query(query, { offset, limit }));
  return { total: page.total, ids: page.users.map((u) => u.id) };
}

/** User queries run as SQL: the same answers, in id order, on every adapter. */
export function userQueryCases(ctx: ContractContext): void {
  beforeEach(async () => {
    await seed(ctx.store, [
      user('u-c', { userName: 'Carol', displayName: 'Carol C', externalId: 'ext-C', status: 'disabled' }),
      user('u-a', { userName: 'alice', displayName: 'Alice 100%', externalId: 'ext-a', profile: { title: 'Boss' } }),
      user('u-b', { userName: 'bob_b', displayName: 'Bob', externalId: null }),
    ]);
    await ctx.store.withTransaction(async (tx) => {
      await tx.users.setEmails('u-a', [
        { type: 'work', value: 'Alice@Example.com' },
        { type: 'home', value: 'alice@home.test' },
      ]);
      await tx.users.setEmails('u-b', [{ type: null, value: 'bob@example.com' }]);
    });
  });

  it('all users without a query, in id order, paged by offset and limit', async () => {
    expect(await ids(ctx.store, null)).toEqual({ total: 3, ids: ['u-a', 'u-b', 'u-c'] });
    expect(await ids(ctx.store, null, 1, 1)).toEqual({ total: 3, ids: ['u-b'] });
    expect(await ids(ctx.store, null, 5, 10)).toEqual({ total: 3, ids: [] });
    expect(await ids(ctx.store, null, 0, 0)).toEqual({ total: 3, ids: [] });
  });

  it('equals: user names without regard to case, external ids and ids exactly, status', async () => {
    expect((await ids(ctx.store, { field: 'userName', op: 'equals', value: 'ALICE' })).ids).toEqual(['u-a']);
    expect((await ids(ctx.store, { field: 'externalId', op: 'equals', value: 'ext-c' })).ids).toEqual([]);
    expect((await ids(ctx.store, { field: 'externalId', op: 'equals', value: 'ext-C' })).ids).toEqual(['u-c']);
    expect((await ids(ctx.store, { field: 'id', op: 'equals', value: 'u-b' })).ids).toEqual(['u-b']);
    expect((await ids(ctx.store, { field: 'status', op: 'equals', value: 'disabled' })).ids).toEqual(['u-c']);
  });

  it('contains and startsWith treat % and _ literally; present needs a value', async () => {
    expect((await ids(ctx.store, { field: 'displayName', op: 'contains', value: '100%' })).ids).toEqual(['u-a']);
    expect((await ids(ctx.store, { field: 'userName', op: 'contains', value: '_' })).ids).toEqual(['u-b']);
    expect((await ids(ctx.store, { field: 'userName', op: 'startsWith', value: 'c' })).ids).toEqual(['u-c']);
    expect((await ids(ctx.store, { field: 'externalId', op: 'present' })).ids).toEqual(['u-a', 'u-c']);
  });

  it('e-mail addresses, of any type or of one, and and / or', async () => {
    expect((await ids(ctx.store, { field: 'email', op: 'equals', value: 'alice@example.COM' })).ids).toEqual(['u-a']);
    expect((await ids(ctx.store, { field: 'email', op: 'equals', value: 'alice@home.test', emailType: 'work' })).ids).toEqual([]);
    expect((await ids(ctx.store, { field: 'email', op: 'equals', value: 'alice@home.test', emailType: 'HOME' })).ids).toEqual(['u-a']);
    expect((await ids(ctx.store, { field: 'email', op: 'present' })).ids).toEqual(['u-a', 'u-b']);
    const either: UserQuery = {
      or: [
        { field: 'email', op: 'contains', value: 'bob' },
        {
          and: [
            { field: 'status', op: 'equals', value: 'disabled' },
            { field: 'userName', op: 'startsWith', value: 'ca' },
          ],
        },
      ],
    };
    expect(await ids(ctx.store, either)).toEqual({ total: 2, ids: ['u-b', 'u-c'] });
  });

  it('delete takes the user with its addresses', async () => {
    expect(await ctx.store.withTransaction((tx) => tx.users.delete('u-a'))).toBe(true);
    expect(await ctx.store.withTransaction((tx) => tx.users.delete('u-a'))).toBe(false);
    expect((await ids(ctx.store, { field: 'email', op: 'present' })).ids).toEqual(['u-b']);
  });
}
