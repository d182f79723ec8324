import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';
import { startTestServer, type TestServer } from '../kit/server';
import { appAuth, expectError } from './helpers';

const ENV = { STATUSBRIDGE_DB: '', STATUSBRIDGE_ADMIN_PASSWORD: 'Cli-Admin-2026', STATUSBRIDGE_LOG_LEVEL: 'silent' };

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('huawei door: apps made with the command line', () => {
  let dir: string;
  let server: TestServer;
  const saved: Record<string, string | undefined> = {};

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'statusbridge-cli-'));
    for (const [name, value] of Object.entries({ ...ENV, STATUSBRIDGE_DB: join(dir, 'cli.db') })) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    // The CLI reads the environment: a DATABASE_URL (CI sets one) would send it to PostgreSQL instead.
    saved.DATABASE_URL = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    await server?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('app create, app list and app revoke work against the door', async () => {
    const created = await cli('app', 'create', '--user', 'admin', '--json');
    expect(created.code).toBe(0);
    const app = JSON.parse(created.out[0]) as { appId: string; appKey: string };
    expect(app.appId).toBeTruthy();
    expect(app.appKey).toBeTruthy();

    server = await startTestServer({ dbPath: join(dir, 'cli.db'), demo: false });
    const ok = await appAuth(server, app);
    expect(ok.status).toBe(200);
    expect(ok.json?.user).toMatchObject({ ucloginAccount: 'admin', adminType: 1 });

    const listed = await cli('app', 'list', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out[0])).toEqual([expect.objectContaining({ appId: app.appId, revokedAt: null })]);
    expect(listed.out[0]).not.toContain(app.appKey);

    expect((await cli('app', 'revoke', app.appId)).code).toBe(0);
    expectError(await appAuth(server, app), 401, 'USG.000000008');
    const afterRevoke = JSON.parse((await cli('app', 'list', '--json')).out[0]) as { revokedAt: number | null }[];
    expect(afterRevoke[0].revokedAt).toEqual(expect.any(Number));

    expect((await cli('app', 'create', '--user', 'nobody')).code).toBe(1);
    expect((await cli('app', 'revoke', 'no-such-app')).code).toBe(1);
  });
});
