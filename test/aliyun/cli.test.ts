import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../kit/cli';
import { startTestServer, type TestServer } from '../kit/server';
import { FREEZE, jdoe, THAW } from './helpers';
import { bssSetResellerUserStatus, cloudSsoUpdateUserStatus, sdkError, type AccessKeyPair } from './sdkClients';
import { DEMO } from '../kit/demo';

let server: TestServer;
const savedDb = process.env.STATUSBRIDGE_DB;
const savedDatabaseUrl = process.env.DATABASE_URL;

/** A fresh copy of the demo data per test: each test starts from the demo state, whatever the others did. */
beforeEach(async () => {
  server = await startTestServer();
  // The CLI and the server share one SQLite file, as an operator's would.
  process.env.STATUSBRIDGE_DB = server.config.dbPath;
  // A DATABASE_URL (CI sets one) would send the CLI to PostgreSQL instead of the server's file.
  delete process.env.DATABASE_URL;
});

afterEach(async () => {
  await server.stop();
});

afterAll(() => {
  if (savedDb === undefined) delete process.env.STATUSBRIDGE_DB;
  else process.env.STATUSBRIDGE_DB = savedDb;
  if (savedDatabaseUrl !== undefined) process.env.DATABASE_URL = savedDatabaseUrl;
});

async function createKey(...extra: string[]): Promise<AccessKeyPair> {
  const created = await cli('key', 'create', '--user', 'admin', '--json', ...extra);
  expect(created.code).toBe(0);
  return JSON.parse(created.out[0]) as AccessKeyPair;
}

describe('statusbridge key create / list / revoke, used by the SDKs', () => {
  test('a created key signs requests; a revoked one is InvalidAccessKeyId.NotFound', async () => {
    const key = await createKey();
    expect(key.accessKeyId).toMatch(/^LTAI/);
    expect((await bssSetResellerUserStatus(server.port, FREEZE, 'v3', key)).success).toBe(true);
    expect((await jdoe(server)).status).toBe('disabled');

    const listed = await cli('key', 'list', '--json');
    const keys = JSON.parse(listed.out[0]) as { id: string; revokedAt: number | null; secret?: string }[];
    expect(keys.find((k) => k.id === key.accessKeyId)).toEqual(expect.objectContaining({ revokedAt: null }));
    expect(listed.out[0]).not.toContain(key.accessKeySecret);

    expect((await cli('key', 'revoke', key.accessKeyId)).code).toBe(0);
    expect((await sdkError(bssSetResellerUserStatus(server.port, THAW, 'v1', key))).code).toBe('InvalidAccessKeyId.NotFound');
    expect((await jdoe(server)).status).toBe('disabled');
  });

  test('--policy FILE limits the key to what the policy allows', async () => {
    const file = join(server.dir, 'policy.json');
    writeFileSync(
      file,
      JSON.stringify({ actions: ['cloudsso:UpdateUserStatus'], resources: [`acs:cloudsso:*:*:directory/${DEMO.directory.id}/user/*`] }),
    );
    const key = await createKey('--policy', file);
    expect((await sdkError(bssSetResellerUserStatus(server.port, FREEZE, 'v3', key))).code).toBe('NoPermission');
    const params = { DirectoryId: DEMO.directory.id, UserId: DEMO.jdoe.id, NewStatus: 'Disabled' };
    await cloudSsoUpdateUserStatus(server.port, params, { key });
    expect((await jdoe(server)).status).toBe('disabled');
  });

  test('a key for a user who is not an administrator is refused', async () => {
    const refused = await cli('key', 'create', '--user', 'jdoe');
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/ACCESS_DENIED/);
  });
});
