import { translatePgError } from '../../src/store/postgres/errors';
import { PostgresStore } from '../../src/store/postgres/postgresStore';
import { batch, expectError } from '../huawei/helpers';
import { bssSetResellerUserStatus, sdkError } from '../aliyun/sdkClients';
import { FREEZE } from '../aliyun/helpers';
import { startTestServer } from '../kit/server';
import { createTestDatabase, type TestDatabase } from './pgDatabase';
import { startTcpProxy, type TcpProxy } from './tcpProxy';

/** PostgreSQL's "not now" is the doors' "service unavailable", never an internal error. */
describe('PostgreSQL errors that mean "not now"', () => {
  test.each(['ECONNREFUSED', '57P01', '57P02', '57P03', '53000', '53300', '53400', '55000', '55006', '55P03', '57014', '08006', '40001'])(
    '%s is STORE_UNAVAILABLE',
    (code) => {
      const err = Object.assign(new Error(`simulated ${code}`), { code });
      expect(translatePgError(err)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    },
  );

  test('a constraint violation stays what it is', () => {
    const err = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(translatePgError(err)).toBe(err);
  });

  test('the start-up error for an unreachable database names host, port and cause, and no password', async () => {
    const opening = PostgresStore.open({
      databaseUrl: 'postgres://someone:s3cret-pw@127.0.0.1:1/x',
      pgPoolSize: 1,
      pgStatementTimeoutMs: 1000,
      pgConnectTimeoutMs: 1000,
    });
    const err = (await opening.catch((e: unknown) => e)) as Error & { code?: string };
    expect(err.code).toBe('STORE_UNAVAILABLE');
    expect(err.message).toContain('127.0.0.1:1');
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.message).not.toContain('s3cret-pw');
  });
});

const url = process.env.DATABASE_URL;

(url ? describe : describe.skip)('the doors while PostgreSQL is gone', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let proxied: string;

  beforeAll(async () => {
    db = await createTestDatabase(url as string);
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

  test('Huawei answers 503 USG.000000009, Alibaba 503 ServiceUnavailable, /readyz 503', async () => {
    const server = await startTestServer({ databaseUrl: proxied, demo: true });
    try {
      expect((await batch(server, '1', null, ['test010'])).status).toBe(200);
      await proxy.cut();
      expectError(await batch(server, '0', null, ['test010']), 503, 'USG.000000009');
      const aliyun = await sdkError(bssSetResellerUserStatus(server.port, FREEZE));
      expect({ code: aliyun.code, status: aliyun.statusCode }).toEqual({ code: 'ServiceUnavailable', status: 503 });
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      await proxy.restore();
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
