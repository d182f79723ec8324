import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore';
import { storeContract } from './contract';

const dir = mkdtempSync(join(tmpdir(), 'statusbridge-contract-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store contract', () => {
  storeContract({
    // One store serves both roles: better-sqlite3 is synchronous, so two connections in one
    // process would block each other's event loop on the write lock. Across processes SQLite's
    // BEGIN IMMEDIATE serialises writers.
    async openPair() {
      const store = new SqliteStore({ path: join(dir, `contract-${++n}.db`), synchronous: 'NORMAL', busyTimeoutMs: 5000 });
      return [store, store];
    },
  });
});
