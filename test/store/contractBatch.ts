import type { ContractContext } from './contract';
import { seed, T0, user } from './fixtures';

/** The port's batch methods: a Huawei list of up to 100,000 accounts goes through them. */
export function batchCases(ctx: ContractContext): void {
  it('users.getStatusMany: status rows by user name (any case) or third-party id, unknown values skipped, empty list', async () => {
    await seed(ctx.store, [
      user('u-1', { userName: 'Ann', thirdPartyId: 't1', isAdmin: true }),
      user('u-2', { userName: 'ben', thirdPartyId: 't2', status: 'disabled' }),
      user('u-3'),
    ]);
    await ctx.store.withTransaction(async (tx) => {
      const byName = await tx.users.getStatusMany('userName', ['ANN', 'Ben', 'nobody'], { forUpdate: true });
      expect([...byName].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 'u-1', userName: 'Ann', thirdPartyId: 't1', directoryId: 'd-000000000001', isAdmin: true, status: 'enabled' },
        { id: 'u-2', userName: 'ben', thirdPartyId: 't2', directoryId: 'd-000000000001', isAdmin: false, status: 'disabled' },
      ]);
      const byThirdParty = await tx.users.getStatusMany('thirdPartyId', ['t2', 'T1', 'none']);
      expect(byThirdParty.map((u) => u.id)).toEqual(['u-2']);
      expect(await tx.users.getStatusMany('userName', [])).toEqual([]);
    });
  });

  it('audit.insertBatch: one row per entry, in order, past any one-statement bound; an empty batch writes nothing', async () => {
    const common = { at: T0, requestId: 'r-big', door: 'huawei', caller: 'admin', verb: 'member/status/1', after: 'disabled' };
    const rows = Array.from({ length: 9000 }, (_, i) => ({
      target: `user-${String(i).padStart(5, '0')}`,
      before: i % 3 === 0 ? 'disabled' : 'enabled',
      outcome: i % 3 === 0 ? 'unchanged' : 'ok',
    }));
    await ctx.store.withTransaction(async (tx) => {
      await tx.audit.insertBatch(common, rows);
      await tx.audit.insertBatch({ ...common, requestId: 'r-empty' }, []);
    });
    const listed = await ctx.store.withTransaction((tx) => tx.audit.list({ requestId: 'r-big' }));
    expect(listed).toHaveLength(9000);
    expect(listed.map(({ target, before, outcome }) => ({ target, before, outcome }))).toEqual(rows);
    expect(listed[8999]).toMatchObject({ ...common, target: 'user-08999' });
    expect(await ctx.store.withTransaction((tx) => tx.audit.list({ requestId: 'r-empty' }))).toEqual([]);
  });
}
