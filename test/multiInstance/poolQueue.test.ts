import { PostgresStore } from '../../src/store/postgres/postgresStore';
import { createTestDatabase, type TestDatabase } from '../store/pgDatabase';

const url = process.env.DATABASE_URL;
const required = process.env.STATUSBRIDGE_REQUIRE_POSTGRES === '1';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

if (url) {
  /**
   * The cause of the multi-instance suite's "Service unavailable" answers under load: the connect
   * timeout also bounded the wait for a free pooled client, so a burst queued behind a busy pool
   * longer than that was refused by a healthy database.
   */
  describe('a PostgreSQL store whose pool is busy', () => {
    let db: TestDatabase;
    let store: PostgresStore;
    beforeAll(async () => {
      db = await createTestDatabase(url);
      store = await PostgresStore.open({ databaseUrl: db.url, pgPoolSize: 1, pgStatementTimeoutMs: 5000, pgConnectTimeoutMs: 200 });
    });
    afterAll(async () => {
      await store?.close();
      await db?.drop();
    });

    it('lets a transaction wait for a pooled client longer than the connect timeout', async () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = store.withTransaction(async () => {
        await held;
        return 'first';
      });
      const second = store.withTransaction(async () => 'second');
      // Four connect timeouts in line behind the only client.
      await pause(800);
      release();
      await expect(Promise.all([first, second])).resolves.toEqual(['first', 'second']);
    });
  });
} else {
  it('pool queue test needs DATABASE_URL', () => {
    if (required) throw new Error('STATUSBRIDGE_REQUIRE_POSTGRES=1 but DATABASE_URL is unset');
    console.warn('DATABASE_URL is unset: the pool queue test did NOT run.');
  });
}
