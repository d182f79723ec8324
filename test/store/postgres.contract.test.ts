import { Client } from 'pg';
import type { Store } from '../../src/engine';
import { PostgresStore } from '../../src/store/postgres/postgresStore';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations';
import { storeContract } from './contract';
import { createTestDatabase, type TestDatabase } from './pgDatabase';

const url = process.env.DATABASE_URL;
const required = process.env.STATUSBRIDGE_REQUIRE_POSTGRES === '1';

const settings = (databaseUrl: string) => ({ databaseUrl, pgPoolSize: 10, pgStatementTimeoutMs: 5000, pgConnectTimeoutMs: 3000 });

const TABLES = 'audit, sessions, nonces, access_keys, huawei_apps, user_emails, provisioning_tokens, users, directories';

if (url) {
  describe('PostgreSQL store contract', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(url);
    });
    afterAll(async () => {
      await db?.drop();
    });

    storeContract({
      // Two PostgresStore instances, two pools: what two statusbridge processes would hold.
      async openPair(): Promise<[Store, Store]> {
        const first = await PostgresStore.open(settings(db.url));
        const client = new Client({ connectionString: db.url });
        await client.connect();
        try {
          await client.query(`TRUNCATE ${TABLES} RESTART IDENTITY`);
        } finally {
          await client.end();
        }
        return [first, await PostgresStore.open(settings(db.url))];
      },
    });
  });

  describe('PostgreSQL migrations', () => {
    it('several instances starting at once on an empty database apply each migration exactly once', async () => {
      const fresh = await createTestDatabase(url);
      try {
        const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresStore.open(settings(fresh.url))));
        const client = new Client({ connectionString: fresh.url });
        await client.connect();
        const { rows } = await client.query<{ version: number }>(
          'SELECT version FROM schema_migrations WHERE version > 0 ORDER BY version',
        );
        await client.end();
        expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
        expect(await stores[0].migrate()).toBe(0);
        await stores[0].withTransaction((tx) => tx.directories.list());
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await fresh.drop();
      }
    });
  });

  describe('PostgreSQL transactions', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(url);
    });
    afterAll(async () => {
      await db?.drop();
    });

    /** Two transactions that lock d-1 and d-2 in opposite orders, meeting once both hold their first lock. */
    async function deadlock(maxAttempts: number): Promise<{ settled: PromiseSettledResult<void>[]; runs: number }> {
      const [one, two] = await Promise.all([1, 2].map(() => PostgresStore.open(settings(db.url), { maxAttempts })));
      try {
        await one.withTransaction(async (tx) => {
          for (const id of ['d-000000000001', 'd-000000000002']) {
            if (!(await tx.directories.get(id))) await tx.directories.insert({ id, name: id, seatLimit: null, createdAt: 1 });
          }
        });
        let runs = 0;
        let arrived = 0;
        let meet = (): void => undefined;
        const met = new Promise<void>((resolve) => (meet = resolve));
        const lockBoth = (store: Store, first: string, second: string) =>
          store.withTransaction(async (tx) => {
            runs++;
            await tx.directories.get(first, { forUpdate: true });
            if (runs <= 2) {
              if (++arrived === 2) meet();
              await met;
            }
            await tx.directories.get(second, { forUpdate: true });
          });
        const settled = await Promise.allSettled([
          lockBoth(one, 'd-000000000001', 'd-000000000002'),
          lockBoth(two, 'd-000000000002', 'd-000000000001'),
        ]);
        return { settled, runs };
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    }

    it('runs a transaction again when PostgreSQL ends it as a deadlock victim (40P01)', async () => {
      const { settled, runs } = await deadlock(8);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(runs).toBe(3);
    });

    it('gives up with STORE_UNAVAILABLE when the attempts are spent', async () => {
      const { settled, runs } = await deadlock(1);
      expect(runs).toBe(2);
      const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect(rejected.map((s) => (s.reason as { code?: string }).code)).toEqual(['STORE_UNAVAILABLE']);
    });
  });
} else {
  // Registered only when there is nothing to run, so the suite's absence is visible, not silent.
  it('PostgreSQL store contract needs DATABASE_URL', () => {
    if (required) {
      throw new Error('STATUSBRIDGE_REQUIRE_POSTGRES=1 but DATABASE_URL is unset: the PostgreSQL store suite cannot run');
    }
    console.warn('DATABASE_URL is unset: the PostgreSQL store contract suite did NOT run. Set DATABASE_URL=postgres://... to run it.');
  });
}
