import type { ContractContext } from './contract';
import { auditEntry, seed, T0, user } from './fixtures';

export function keyAndAuditCases(ctx: ContractContext): void {
  beforeEach(async () => {
    await seed(ctx.store, [user('u-1', { isAdmin: true })]);
  });

  it('access keys: insert, get, list, revoke once; the policy round-trips', async () => {
    const withPolicy = {
      id: 'LTAIkey1',
      secret: 's1',
      userId: 'u-1',
      policy: { actions: ['bssapi:SetResellerUserStatus'], resources: ['acs:cloudsso:*:*:directory/d-x/user/*'] },
      createdAt: T0,
      revokedAt: null,
    };
    const plain = { ...withPolicy, id: 'LTAIkey2', secret: 's2', policy: null, createdAt: T0 + 1 };
    await ctx.store.withTransaction(async (tx) => {
      await tx.accessKeys.insert(plain);
      await tx.accessKeys.insert(withPolicy);
    });
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.accessKeys.get('LTAIkey1')).toEqual(withPolicy);
      expect(await tx.accessKeys.get('LTAInone')).toBeNull();
      expect((await tx.accessKeys.list()).map((k) => k.id)).toEqual(['LTAIkey1', 'LTAIkey2']);
      expect(await tx.accessKeys.revoke('LTAIkey2', T0 + 5)).toBe(true);
      expect(await tx.accessKeys.revoke('LTAIkey2', T0 + 6)).toBe(false);
      expect(await tx.accessKeys.revoke('LTAInone', T0)).toBe(false);
      expect((await tx.accessKeys.get('LTAIkey2'))?.revokedAt).toBe(T0 + 5);
    });
  });

  it('Huawei apps: insert, get, list, revoke once', async () => {
    const app = { appId: 'app-1', appKey: 'k1', userId: 'u-1', createdAt: T0, revokedAt: null };
    await ctx.store.withTransaction(async (tx) => {
      await tx.apps.insert({ ...app, appId: 'app-2', createdAt: T0 + 1 });
      await tx.apps.insert(app);
    });
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.apps.get('app-1')).toEqual(app);
      expect(await tx.apps.get('app-none')).toBeNull();
      expect((await tx.apps.list()).map((a) => a.appId)).toEqual(['app-1', 'app-2']);
      expect(await tx.apps.revoke('app-1', T0 + 9)).toBe(true);
      expect(await tx.apps.revoke('app-1', T0 + 10)).toBe(false);
      expect((await tx.apps.get('app-1'))?.revokedAt).toBe(T0 + 9);
    });
  });

  it('audit: appended in order with increasing ids; filters by target (any case), door, request id; limit', async () => {
    const entries = [
      auditEntry({ requestId: 'r-1', door: 'asmx', target: 'Alice' }),
      auditEntry({ requestId: 'r-2', door: 'aliyun', target: 'bob', before: null, after: null, outcome: 'SEAT_LIMIT_REACHED' }),
      auditEntry({ requestId: 'r-2', door: 'aliyun', target: 'ALICE', outcome: 'unchanged' }),
      auditEntry({ requestId: 'r-3', door: 'huawei', target: 'carol', at: T0 + 1 }),
    ];
    await ctx.store.withTransaction((tx) => tx.audit.insert(entries.slice(0, 2)));
    await ctx.store.withTransaction((tx) => tx.audit.insert(entries.slice(2)));
    await ctx.store.withTransaction(async (tx) => await tx.audit.insert([]));

    await ctx.store.withTransaction(async (tx) => {
      const all = await tx.audit.list({});
      expect(all.map(({ id: _id, ...rest }) => rest)).toEqual(entries);
      const ids = all.map((e) => e.id as number);
      expect(ids.every((id, i) => typeof id === 'number' && (i === 0 || id > ids[i - 1]))).toBe(true);

      expect((await tx.audit.list({ target: 'alice' })).map((e) => e.requestId)).toEqual(['r-1', 'r-2']);
      expect((await tx.audit.list({ door: 'aliyun' })).map((e) => e.target)).toEqual(['bob', 'ALICE']);
      expect((await tx.audit.list({ requestId: 'r-2' })).map((e) => e.outcome)).toEqual(['SEAT_LIMIT_REACHED', 'unchanged']);
      expect((await tx.audit.list({ target: 'ALICE', door: 'aliyun', requestId: 'r-2' })).map((e) => e.outcome)).toEqual(['unchanged']);
      expect((await tx.audit.list({ limit: 2 })).map((e) => e.requestId)).toEqual(['r-1', 'r-2']);
      expect(await tx.audit.list({ door: 'none' })).toEqual([]);
    });
  });

  it('audit: a batch of more than 500 rows in one call', async () => {
    const rows = Array.from({ length: 1203 }, (_, i) => auditEntry({ requestId: 'r-batch', target: `user-${i}` }));
    await ctx.store.withTransaction((tx) => tx.audit.insert(rows));
    const listed = await ctx.store.withTransaction((tx) => tx.audit.list({ requestId: 'r-batch' }));
    expect(listed.map((e) => e.target)).toEqual(rows.map((e) => e.target));
  });
}
