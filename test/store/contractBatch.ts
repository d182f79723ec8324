import type { StoreTx } from '../../src/engine';
import type { ContractContext } from './contract';
import { directory, seed, session, T0, user } from './fixtures';

const D1 = 'd-000000000001';
const D2 = 'd-000000000002';

/** Ids out of name order and names out of list order, so list order shows through neither. */
const USERS = [
  user('u-9', { userName: 'Ann', thirdPartyId: 't1', isAdmin: true }),
  user('u-1', { userName: 'ben', thirdPartyId: 't2', status: 'disabled' }),
  user('u-5', { userName: 'Cy', thirdPartyId: 'T3', directoryId: D2 }),
  user('u-3', { userName: 'dee', isAdmin: true, directoryId: D2, status: 'disabled' }),
  user('u-7', { userName: 'eve' }),
];

const seedUsers = (ctx: ContractContext) => seed(ctx.store, USERS, [directory(D1), directory(D2)]);

const common = { at: T0, requestId: 'r-batch', door: 'huawei', caller: 'admin', verb: 'member/status/1' };

const usersOf = (tx: StoreTx) => Promise.all(USERS.map((u) => tx.users.get({ by: 'id', value: u.id })));

/** The port's batch methods: a Huawei list of up to 100,000 accounts goes through them. */
export function batchCases(ctx: ContractContext): void {
  it('batch.load: unknown accounts as first named, in list order; duplicates in any case count once', async () => {
    await seedUsers(ctx);
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.batch.load('userName', ['dee', 'ghost', 'ANN', 'Ghost', 'ann', 'phantom', 'GHOST'])).toEqual({
        unknown: ['ghost', 'phantom'],
        repeats: 3,
      });
      // The first spelling holds each account's position.
      expect(await tx.batch.listPositions()).toEqual([0, 1, 2, 5]);
      expect(await tx.batch.listUsers()).toEqual([
        { position: 0, userName: 'dee', status: 'disabled' },
        { position: 2, userName: 'Ann', status: 'enabled' },
      ]);
    });
  });

  it('batch.load: third-party ids compare exactly; an empty list; a second load in one transaction replaces the first', async () => {
    await seedUsers(ctx);
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.batch.load('thirdPartyId', ['T3', 't3', 'T1', 't2', 't2'])).toEqual({ unknown: ['t3', 'T1'], repeats: 1 });
      expect(await tx.batch.listUsers()).toEqual([
        { position: 0, userName: 'Cy', status: 'enabled' },
        { position: 3, userName: 'ben', status: 'disabled' },
      ]);
      expect(await tx.batch.load('userName', [])).toEqual({ unknown: [], repeats: 0 });
      expect(await tx.batch.listPositions()).toEqual([]);
      expect(await tx.batch.lockAndCount('disabled')).toEqual([]);
      expect(await tx.batch.load('userName', ['eve'])).toEqual({ unknown: [], repeats: 0 });
      expect(await tx.batch.listUsers()).toEqual([{ position: 0, userName: 'eve', status: 'enabled' }]);
    });
  });

  it('batch.lockAndCount: per directory, the listed users, those that would change, and the administrators among them', async () => {
    await seedUsers(ctx);
    await ctx.store.withTransaction(async (tx) => {
      await tx.batch.load('userName', ['ANN', 'ben', 'cy', 'Dee', 'eve']);
      const byDirectory = (counts: Awaited<ReturnType<StoreTx['batch']['lockAndCount']>>) =>
        [...counts].sort((a, b) => a.directoryId.localeCompare(b.directoryId));
      expect(byDirectory(await tx.batch.lockAndCount('disabled'))).toEqual([
        { directoryId: D1, listed: 3, changing: 2, changingAdmins: 1 },
        { directoryId: D2, listed: 2, changing: 1, changingAdmins: 0 },
      ]);
      expect(byDirectory(await tx.batch.lockAndCount('enabled'))).toEqual([
        { directoryId: D1, listed: 3, changing: 1, changingAdmins: 0 },
        { directoryId: D2, listed: 2, changing: 1, changingAdmins: 1 },
      ]);
    });
  });

  it('batch.insertAudit then setStatus: one row per listed user in list order, unchanged ones audited as such and left alone', async () => {
    await seedUsers(ctx);
    await ctx.store.withTransaction(async (tx) => {
      await tx.batch.load('userName', ['EVE', 'cy', 'BEN', 'eve', 'ann']);
      await tx.batch.insertAudit(common, 'disabled');
      expect(await tx.batch.setStatus({ status: 'disabled', statusReason: 'huawei:member/status/1', updatedAt: T0 + 5 })).toBe(3);
    });
    const listed = await ctx.store.withTransaction((tx) => tx.audit.list({ requestId: 'r-batch' }));
    expect(listed.map(({ target, before, after, outcome }) => [target, before, after, outcome])).toEqual([
      ['eve', 'enabled', 'disabled', 'ok'],
      ['Cy', 'enabled', 'disabled', 'ok'],
      ['ben', 'disabled', 'disabled', 'unchanged'],
      ['Ann', 'enabled', 'disabled', 'ok'],
    ]);
    expect(listed[0]).toMatchObject(common);
    const [ann, ben, cy, dee, eve] = await ctx.store.withTransaction(usersOf);
    for (const changed of [ann, cy, eve])
      expect(changed).toMatchObject({ status: 'disabled', statusReason: 'huawei:member/status/1', updatedAt: T0 + 5, version: 2 });
    // Already disabled, or not listed: untouched.
    expect(ben).toMatchObject({ status: 'disabled', statusReason: null, updatedAt: T0, version: 1 });
    expect(dee).toMatchObject({ status: 'disabled', version: 1 });
  });

  it('batch.deleteSessions: the given kinds of every listed user, changed or not, and nobody else', async () => {
    await seedUsers(ctx);
    await ctx.store.withTransaction(async (tx) => {
      await tx.sessions.insert(session('ann-ticket', { userId: 'u-9', kind: 'ticket' }));
      await tx.sessions.insert(session('ann-refresh', { userId: 'u-9', kind: 'huawei-refresh' }));
      await tx.sessions.insert(session('ben-access', { userId: 'u-1', kind: 'huawei-access' }));
      await tx.sessions.insert(session('cy-ticket', { userId: 'u-5', kind: 'ticket' }));
    });
    await ctx.store.withTransaction(async (tx) => {
      await tx.batch.load('userName', ['ann', 'Ben']);
      await tx.batch.setStatus({ status: 'disabled', statusReason: 'x', updatedAt: T0 });
      expect(await tx.batch.deleteSessions(['ticket', 'huawei-access'])).toBe(2);
      expect(await tx.batch.deleteSessions([])).toBe(0);
    });
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.sessions.get('ann-ticket', 'ticket')).toBeNull();
      expect(await tx.sessions.get('ben-access', 'huawei-access')).toBeNull();
      expect(await tx.sessions.get('ann-refresh', 'huawei-refresh')).not.toBeNull();
      expect(await tx.sessions.get('cy-ticket', 'ticket')).not.toBeNull();
    });
  });

  it('batch methods with 3,000 accounts (past any one-statement bound), audit rows in list order', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      user(`u-${String(i).padStart(5, '0')}`, {
        userName: `Load-${String(i).padStart(5, '0')}`,
        status: i % 3 === 0 ? 'disabled' : 'enabled',
      }),
    );
    await seed(ctx.store, many);
    const list = [...many].reverse().map((u) => u.userName.toUpperCase());
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.batch.load('userName', [...list, 'nobody', list[0]])).toEqual({ unknown: ['nobody'], repeats: 1 });
      expect(await tx.batch.lockAndCount('disabled')).toEqual([{ directoryId: D1, listed: 3000, changing: 2000, changingAdmins: 0 }]);
      await tx.batch.insertAudit({ ...common, requestId: 'r-big' }, 'disabled');
      expect(await tx.batch.setStatus({ status: 'disabled', statusReason: 'x', updatedAt: T0 })).toBe(2000);
    });
    const audit = await ctx.store.withTransaction((tx) => tx.audit.list({ requestId: 'r-big' }));
    expect(audit.map((r) => r.target)).toEqual([...many].reverse().map((u) => u.userName));
    expect(audit.map((r) => r.outcome)).toEqual([...many].reverse().map((_, i) => ((2999 - i) % 3 === 0 ? 'unchanged' : 'ok')));
    expect(await ctx.store.withTransaction((tx) => tx.users.countEnabled(D1))).toBe(0);
  });

  it('the loaded list ends with its transaction: a rolled-back batch leaves no audit rows and no changes', async () => {
    await seedUsers(ctx);
    await expect(
      ctx.store.withTransaction(async (tx) => {
        await tx.batch.load('userName', ['ann']);
        await tx.batch.insertAudit(common, 'disabled');
        await tx.batch.setStatus({ status: 'disabled', statusReason: 'x', updatedAt: T0 });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await ctx.store.withTransaction(async (tx) => {
      expect(await tx.audit.list({ requestId: 'r-batch' })).toEqual([]);
      expect((await tx.users.get({ by: 'userName', value: 'ann' }))?.status).toBe('enabled');
      // A fresh transaction loads afresh, whatever the last one left.
      expect(await tx.batch.load('userName', ['ben'])).toEqual({ unknown: [], repeats: 0 });
      expect(await tx.batch.listPositions()).toEqual([0]);
    });
  });
}
