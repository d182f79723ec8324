import { cli, cliDatabaseForSuite } from '../kit/cli';
import { startTestServer, type TestServer } from '../kit/server';
import { appAuth, expectError } from './helpers';

describe('huawei door: apps made with the command line', () => {
  let server: TestServer;
  // Registered first, so the server lets go of the file before the file is removed.
  afterAll(async () => {
    await server?.stop();
  });
  const database = cliDatabaseForSuite();

  it('app create, app list and app revoke work against the door', async () => {
    const created = await cli('app', 'create', '--user', 'admin', '--json');
    expect(created.code).toBe(0);
    const app = JSON.parse(created.out[0]) as { appId: string; appKey: string };
    expect(app.appId).toBeTruthy();
    expect(app.appKey).toBeTruthy();

    server = await startTestServer({ dbPath: database.path(), demo: false });
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
