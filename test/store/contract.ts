import type { Store } from '../../src/engine';
import { batchCases } from './contractBatch';
import { concurrencyCases } from './contractConcurrency';
import { directoryAndUserCases } from './contractUsers';
import { sessionNonceCases } from './contractSessions';
import { keyAndAuditCases } from './contractKeysAudit';
import { transactionCases } from './contractTransactions';
import { userQueryCases } from './contractUserQuery';

export interface StoreFactory {
  /**
   * Two store instances on one empty database. For PostgreSQL two pools, as two processes
   * would have; an adapter that serves one process (SQLite) may hand back the same store twice.
   */
  openPair(): Promise<[Store, Store]>;
}

/** Filled in before each case: the store under test and a second instance on the same database. */
export interface ContractContext {
  store: Store;
  other: Store;
}

/** The one store contract: the same cases for every adapter. */
export function storeContract(factory: StoreFactory): void {
  const ctx = {} as ContractContext;
  beforeEach(async () => {
    [ctx.store, ctx.other] = await factory.openPair();
  });
  afterEach(async () => {
    await ctx.store.close();
    if (ctx.other !== ctx.store) await ctx.other.close();
  });

  describe('transactions', () => transactionCases(ctx));
  describe('directories and users', () => directoryAndUserCases(ctx));
  describe('sessions and nonces', () => sessionNonceCases(ctx));
  describe('access keys, apps and audit', () => keyAndAuditCases(ctx));
  describe('user queries', () => userQueryCases(ctx));
  describe('batches of many users', () => batchCases(ctx));
  describe('concurrency through the engine', () => concurrencyCases(ctx));
}
