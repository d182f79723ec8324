import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { createEngine } from '../../src/engine';
import { startServer } from '../../src/server';
import { PostgresStore } from '../../src/store/postgres/postgresStore';
import { startTestServer } from '../kit/server';
import { createTestDatabase, type TestDatabase } from './pgDatabase';
import { startSilentServer, startTcpProxy, type TcpProxy } from './tcpProxy';

const settings = (databaseUrl: string, connectTimeoutMs = 3000) => ({
  databaseUrl,
  pgPoolSize: 4,
  pgStatementTimeoutMs: 2000,
  pgConnectTimeoutMs: connectTimeoutMs,
});

describe('PostgreSQL store when the database cannot be reached', () => {
  it('refuses to open with STORE_UNAVAILABLE at once when nothing listens on the port', async () => {
    const started = Date.now();
    await expect(PostgresStore.open(settings('postgres://postgres@127.0.0.1:1/x'))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up with STORE_UNAVAILABLE after the connect timeout when the host accepts and never answers', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      await expect(PostgresStore.open(settings(`postgres://postgres@127.0.0.1:${silent.port}/x`, 300))).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
      });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await silent.close();
    }
  });

  it('stops the server start with STORE_UNAVAILABLE: it needs its database to migrate and bootstrap', async () => {
    const config = loadConfig(
      {},
      { port: 0, host: '127.0.0.1', databaseUrl: 'postgres://postgres@127.0.0.1:1/x', demo: false, logLevel: 'silent' },
    );
    await expect(startServer(config)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});

const url = process.env.DATABASE_URL;

if (url) {
  describe('PostgreSQL store through an outage', () => {
    let db: TestDatabase;
    let proxy: TcpProxy;
    let proxied: string;
    beforeAll(async () => {
      db = await createTestDatabase(url);
      const target = new URL(db.url);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      target.hostname = '127.0.0.1';
      target.port = String(proxy.port);
      proxied = target.toString();
    });
    afterAll(async () => {
      await proxy?.close();
      await db?.drop();
    });

    it('/readyz answers 503 and the engine STORE_UNAVAILABLE while the database is gone; both recover when it returns', async () => {
      const server = await startTestServer({ databaseUrl: proxied, demo: false, adminPassword: 'outage-test-password' });
      try {
        const readyz = async () => (await fetch(`${server.url}/readyz`)).status;
        const disable = () =>
          server.engine.changeStatus({
            requestId: 'r-outage',
            door: 'test',
            credential: { kind: 'system', label: 'test' },
            verb: 'set',
            target: { by: 'userName', value: 'admin' },
            status: 'enabled',
            reason: 'test',
          });
        expect(await readyz()).toBe(200);
        expect(server.store.kind).toBe('postgres');

        await proxy.cut();
        const started = Date.now();
        expect(await readyz()).toBe(503);
        await expect(disable()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
        await expect(server.engine.findUser({ by: 'userName', value: 'admin' })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
        expect(Date.now() - started).toBeLessThan(3000);

        await proxy.restore();
        expect(await readyz()).toBe(200);
        await expect(disable()).resolves.toMatchObject({ changed: false });
      } finally {
        await server.stop();
      }
    });

    /** Ends every statusbridge connection to the test database, as a database restart or an operator would. */
    async function terminateStoreConnections(): Promise<number> {
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      try {
        const { rows } = await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'statusbridge'",
        );
        return rows.length;
      } finally {
        await admin.end();
      }
    }

    it('a statement past pgStatementTimeoutMs (here, waiting on a row lock) ends in STORE_UNAVAILABLE', async () => {
      const holder = await PostgresStore.open(settings(db.url));
      const waiter = await PostgresStore.open({ ...settings(db.url), pgStatementTimeoutMs: 300 });
      try {
        await holder.withTransaction((tx) => tx.directories.insert({ id: 'd-0000000timeo', name: 'T', seatLimit: null, createdAt: 1 }));
        let release = (): void => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        let locked = (): void => undefined;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        const holding = holder.withTransaction(async (tx) => {
          await tx.directories.get('d-0000000timeo', { forUpdate: true });
          locked();
          await held;
        });
        try {
          await isLocked;
          const started = Date.now();
          await expect(waiter.withTransaction((tx) => tx.directories.get('d-0000000timeo', { forUpdate: true }))).rejects.toMatchObject({
            code: 'STORE_UNAVAILABLE',
          });
          expect(Date.now() - started).toBeLessThan(2000);
        } finally {
          release();
          await holding;
        }
        await expect(waiter.withTransaction((tx) => tx.directories.get('d-0000000timeo', { forUpdate: true }))).resolves.toMatchObject({
          name: 'T',
        });
      } finally {
        await holder.close();
        await waiter.close();
      }
    });

    it('carries on when the server ends its idle pooled connections (57P01 admin shutdown)', async () => {
      const store = await PostgresStore.open(settings(db.url));
      try {
        const engine = createEngine(store);
        const before = await Promise.all([1, 2, 3].map(() => engine.listDirectories()));
        expect(await terminateStoreConnections()).toBeGreaterThan(0);
        await expect(engine.listDirectories()).resolves.toEqual(before[0]);
        await expect(store.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('a transaction whose connection is ended half-way fails with STORE_UNAVAILABLE; the next one runs', async () => {
      const store = await PostgresStore.open(settings(db.url));
      try {
        await expect(
          store.withTransaction(async (tx) => {
            await tx.directories.list();
            await terminateStoreConnections();
            await tx.directories.list();
          }),
        ).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
        await expect(store.withTransaction((tx) => tx.directories.list())).resolves.toEqual(expect.any(Array));
      } finally {
        await store.close();
      }
    });
  });
}
